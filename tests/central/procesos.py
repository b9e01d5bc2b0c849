"""A uvicorn central on any database URL (SQLite or PostgreSQL) for the browser tests, logging to a file."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from pathlib import Path
from types import TracebackType

from tests.central.navegador import JEREZ, RAIZ, jerez, puerto_libre

correr = jerez  # ``jerez-pos ARGS`` as a real process with its own data home


class CentralEnMarcha:
    """``jerez-pos central --db URL`` until the block ends (terminated, then waited for)."""

    def __init__(self, url_bd: str, home: Path, *extra: str) -> None:
        self.url_bd, self.home, self.extra = url_bd, home, extra
        self.puerto = puerto_libre()
        self.url = f"http://127.0.0.1:{self.puerto}"
        self.proceso: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> CentralEnMarcha:
        entorno = {**os.environ, "JEREZ_POS_HOME": str(self.home)}
        orden = [*JEREZ, "central", "--db", self.url_bd, "--puerto", str(self.puerto), *self.extra]
        self.home.mkdir(parents=True, exist_ok=True)
        bitacora = self.home / "central.log"  # a file, not a pipe: an unread pipe would block the server
        with bitacora.open("wb") as salida:
            self.proceso = subprocess.Popen(orden, cwd=RAIZ, env=entorno, stdout=salida, stderr=subprocess.STDOUT)
        limite = time.monotonic() + 30
        while time.monotonic() < limite:
            if self.proceso.poll() is not None:
                error = bitacora.read_text(errors="replace")[-2000:]
                raise AssertionError(f"la central terminó al arrancar: {error}")
            try:
                socket.create_connection(("127.0.0.1", self.puerto), timeout=0.2).close()
                return self
            except OSError:
                time.sleep(0.05)
        self.proceso.kill()
        raise AssertionError("la central no arrancó en 30 s")

    def __exit__(
        self, tipo: type[BaseException] | None, error: BaseException | None, traza: TracebackType | None
    ) -> None:
        if self.proceso is not None and self.proceso.poll() is None:
            self.proceso.terminate()
            try:
                self.proceso.wait(10)
            except subprocess.TimeoutExpired:
                self.proceso.kill()
                self.proceso.wait(5)
