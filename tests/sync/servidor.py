"""A real central for tests: the FastAPI app on a SQLite file, with one terminal waiting for its enrollment
code, served by uvicorn on 127.0.0.1 in a thread."""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.red import puerto_libre

CODIGO = "ABCD-EFGH-JKLM-NPQR-STUV"


@contextmanager
def central_local(archivo: Path, serie: str, codigo: str = CODIGO) -> Iterator[tuple[str, Any]]:
    """Yields (url, central's engine)."""
    import uvicorn
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from jerez_pos.central import modelos as m
    from jerez_pos.central.app import crear_app

    aplicacion = crear_app(f"sqlite:///{archivo}", Ed25519PrivateKey.generate())
    motor = aplicacion.state.servicio.motor
    with motor.begin() as conexion:
        conexion.execute(
            m.terminal.insert().values(
                serie=serie,
                delegacion="Tesorería de prueba",
                codigo_hash=hashlib.sha256(codigo.replace("-", "").encode()).hexdigest(),
                estado="pendiente",
                creada_en=dt.datetime.now(dt.UTC).isoformat(),
            )
        )
    puerto = puerto_libre()
    servidor = uvicorn.Server(uvicorn.Config(aplicacion, host="127.0.0.1", port=puerto, log_level="warning"))
    hilo = threading.Thread(target=servidor.run, daemon=True)
    hilo.start()
    fin = time.monotonic() + 10
    while not servidor.started:
        assert time.monotonic() < fin, "la central de prueba no arrancó"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{puerto}", motor
    finally:
        servidor.should_exit = True
        hilo.join(10)
        motor.dispose()
