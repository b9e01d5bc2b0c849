"""A real ``jerez-pos central`` process (uvicorn) on a free loopback port, and the CLI run as a process."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.red import puerto_libre

RAIZ = Path(__file__).resolve().parents[2]
JEREZ = [sys.executable, "-m", "jerez_pos"]


def correr(home: Path, *args: str, espera: float = 120) -> subprocess.CompletedProcess[str]:
    entorno = {**os.environ, "JEREZ_POS_HOME": str(home)}
    return subprocess.run([*JEREZ, *args], cwd=RAIZ, env=entorno, capture_output=True, text=True, timeout=espera)


@contextmanager
def central(url: str, home: Path) -> Iterator[str]:
    """Yields the server's base URL; the process is stopped (and reaped) on the way out."""
    puerto = puerto_libre()
    entorno = {**os.environ, "JEREZ_POS_HOME": str(home)}
    orden = [*JEREZ, "central", "--db", url, "--puerto", str(puerto)]
    proceso = subprocess.Popen(orden, cwd=RAIZ, env=entorno, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        limite = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", puerto), timeout=0.2).close()
                break
            except OSError:
                if proceso.poll() is not None or time.monotonic() > limite:
                    raise AssertionError(
                        f"la central no arrancó: {proceso.stderr.read() if proceso.stderr else ''}"
                    ) from None
                time.sleep(0.05)
        yield f"http://127.0.0.1:{puerto}"
    finally:
        proceso.terminate()
        proceso.wait(15)
