"""P4 and P4L: syncing 100 000 receipts from one terminal to central (PostgreSQL, uvicorn on loopback) versus a raw
psycopg COPY of the same rows into the same tables, in the same run. Goal: ≤ 3×.

Two sources, each compared with its own COPY:

- P4: the records are generated and signed in memory before the clock starts (the terminal did that when
  it charged), so the figure is the protocol, the server and the database.
- P4L: the terminal's real SQLite ledger (built in bulk like the ledger benchmarks' big ledgers), read by
  the same store the application uses: what a delegación waits for after days offline.

``JEREZ_BENCH_P4_RECIBOS`` lowers the count for a quick look; ``JEREZ_BENCH_P4_LIBRO=0`` skips P4L.

The server runs without its idle-time signature reviewer so nothing else competes with either side of the
comparison; the review of every record's own signature (``central revisar-firmas``) is timed afterwards
and printed next to the ratio, as the cost it is, paid off the upload path.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Engine

RAIZ = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(RAIZ))
sys.path.insert(0, str(RAIZ / "tests" / "sync"))
sys.path.insert(0, str(RAIZ / "tests" / "bench"))

import bench_ledger  # noqa: E402
from fabrica import Fabrica  # noqa: E402

from jerez_pos import config  # noqa: E402
from jerez_pos.central import bd, firmas, terminales  # noqa: E402
from jerez_pos.ledger import identidad  # noqa: E402
from jerez_pos.sync.almacen import Almacen  # noqa: E402
from jerez_pos.sync.cliente import Sincronizador  # noqa: E402
from jerez_pos.sync.contraste import SincronizadorLibro  # noqa: E402
from jerez_pos.sync.libro import AlmacenLibro  # noqa: E402
from jerez_pos.sync.protocolo import Registro, publica_cruda  # noqa: E402
from jerez_pos.sync.transporte import TransporteHttp  # noqa: E402

METAS = ("P4", "P4L")
PG = "postgresql://postgres@127.0.0.1:5432"
RECIBOS = int(os.environ.get("JEREZ_BENCH_P4_RECIBOS", "100000"))


def _puerto_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _servidor(url: str, puerto: int) -> subprocess.Popen[bytes]:
    codigo = (
        "import uvicorn; from jerez_pos.central.app import crear_app; "
        f"uvicorn.run(crear_app({url!r}, migrar=False, revisar_firmas=False), host='127.0.0.1', port={puerto}, "
        "log_level='warning')"
    )
    proceso = subprocess.Popen([sys.executable, "-c", codigo], cwd=RAIZ)
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", puerto), timeout=0.2).close()
            return proceso
        except OSError:
            time.sleep(0.05)
    proceso.kill()
    raise RuntimeError("el servidor central no arrancó")


def _copiar(url: str, terminal_id: int, serie: str, fuente: list[Registro]) -> float:
    ahora = "2024-06-01T12:00:00Z"
    registros, lineas = [], []
    for r in fuente:
        d = r.documento
        registros.append(
            (
                terminal_id,
                r.id,
                r.secuencia,
                r.tipo,
                r.hash,
                r.hash_previo,
                r.firma,
                r.texto,
                d["fecha"],
                ahora,
                serie,
                d["numero"],
                d["total_centavos"],
                None,
            )
        )
        lineas.extend(
            (terminal_id, r.secuencia, x["n"], x["clave"], x["rubro"], x["total_centavos"]) for x in d["lineas"]
        )
    inicio = time.perf_counter()
    with psycopg.connect(url) as conexion, conexion.cursor() as cursor:
        columnas = (
            "terminal_id, uid, secuencia, tipo, hash, hash_previo, firma, documento, fecha_terminal, "
            "recibido_en, serie, numero, total_centavos, recibo_hash"
        )
        with cursor.copy(f"COPY registro ({columnas}) FROM STDIN") as copia:
            for fila in registros:
                copia.write_row(fila)
        with cursor.copy("COPY linea (terminal_id, secuencia, n, clave, rubro, total_centavos) FROM STDIN") as copia:
            for fila in lineas:
                copia.write_row(fila)
    return time.perf_counter() - inicio


def _checkpoint(url: str) -> None:
    """Both sides start from a clean database: without it the COPY, timed second, pays for writing out the
    pages the sync just dirtied, and the ratio moved between 2.4× and 3.1× with nothing else changed."""
    with psycopg.connect(url, autocommit=True) as conexion:
        conexion.execute("CHECKPOINT")


@dataclass
class Central:
    url: str
    motor: Engine
    servidor: str = ""


@contextmanager
def _central() -> Iterator[Central]:
    """A throw-away PostgreSQL database with the central schema, and uvicorn serving it on loopback."""
    nombre = f"jerez_central_{secrets.token_hex(6)}"
    with psycopg.connect(f"{PG}/test", autocommit=True) as conexion:
        conexion.execute(f"CREATE DATABASE {nombre}")
    url = f"{PG}/{nombre}"
    proceso = None
    central = Central(url, bd.abrir(url))
    try:
        bd.migrar(central.motor)
        puerto = _puerto_libre()
        proceso = _servidor(url, puerto)
        central.servidor = f"http://127.0.0.1:{puerto}"
        yield central
    finally:
        central.motor.dispose()
        if proceso is not None:
            proceso.terminate()
            proceso.wait(10)
        with psycopg.connect(f"{PG}/test", autocommit=True) as conexion:
            conexion.execute(f"DROP DATABASE IF EXISTS {nombre} WITH (FORCE)")


def _alta(central: Central, delegacion: str, publica: bytes | None, serie: str | None = None) -> tuple[int, str]:
    """A terminal at central (id, serie), enrolled with ``publica``; with ``serie`` it takes the series an
    existing ledger already uses."""
    ahora = dt.datetime.now(dt.UTC)
    alta = terminales.crear(central.motor, delegacion, ahora)
    final = serie or alta.serie
    with central.motor.begin() as c:
        c.exec_driver_sql("UPDATE terminal SET serie = %s WHERE serie = %s", (final, alta.serie))
        terminal_id = c.exec_driver_sql("SELECT id FROM terminal WHERE serie = %s", (final,)).scalar_one()
    if publica is not None:
        terminales.inscribir(central.motor, alta.codigo, publica, ahora)
    return int(terminal_id), final


def _comparar(
    clave: str, central: Central, almacen: Almacen, llave: Ed25519PrivateKey, serie: str, origen: str
) -> dict[str, dict]:
    # The ledger goes through what the application runs: acknowledgements reconciled, central's mark compared.
    clase = SincronizadorLibro if isinstance(almacen, AlmacenLibro) else Sincronizador
    cliente = clase(almacen, TransporteHttp(central.servidor), llave, serie, tam_lote=1000)
    _checkpoint(central.url)
    inicio = time.perf_counter()
    resultado = cliente.sincronizar()
    t_sync = time.perf_counter() - inicio
    assert resultado.confirmados == RECIBOS and resultado.pendientes == 0, resultado
    copia_id, copia_serie = _alta(central, "Copia", None)
    _checkpoint(central.url)
    t_copy = _copiar(central.url, copia_id, copia_serie, almacen.desde(1, RECIBOS))
    inicio = time.perf_counter()
    revision = firmas.revisar(central.motor)
    t_firmas = time.perf_counter() - inicio
    assert revision.revisadas == RECIBOS and revision.invalidas == 0, revision
    return {
        clave: {
            "valor": t_sync / t_copy,
            "meta": 3,
            "unidad": "x",
            "detalle": (
                f"{RECIBOS} recibos {origen}: sincronizar {t_sync:.2f} s vs COPY {t_copy:.2f} s (PostgreSQL, "
                f"loopback); revisión posterior de firmas propias {t_firmas:.2f} s"
            ),
        }
    }


def _desde_memoria() -> dict[str, dict]:
    with _central() as central:
        llave = Ed25519PrivateKey.generate()
        _, serie = _alta(central, "Banco", publica_cruda(llave))
        fabrica = Fabrica(serie, llave)
        for i in range(RECIBOS):
            fabrica.recibo(dt.datetime(2024, 6, 1, 9, 0) + dt.timedelta(seconds=i))
        return _comparar("P4", central, fabrica.almacen, llave, serie, "en memoria")


def _desde_libro() -> dict[str, dict]:
    with tempfile.TemporaryDirectory() as directorio, _central() as central:
        home = Path(directorio)
        terminal, _ = bench_ledger.construir(home, RECIBOS)
        ident = identidad.exigir_identidad(terminal.bd)
        terminal.bd.dispose()
        _alta(central, "Libro", ident.llave_publica, ident.serie)
        almacen = AlmacenLibro(config.ruta_bd(home), ident, home)
        try:
            llave = identidad.llave_privada(home, ident)
            return _comparar("P4L", central, almacen, llave, ident.serie, "del libro SQLite de la terminal")
        finally:
            almacen.cerrar()


def medir() -> dict[str, dict]:
    resultados = _desde_memoria()
    if os.environ.get("JEREZ_BENCH_P4_LIBRO", "1") != "0":
        resultados.update(_desde_libro())
    return resultados


if __name__ == "__main__":
    print(medir())
