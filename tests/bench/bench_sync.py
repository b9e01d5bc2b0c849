"""P4: syncing 100 000 receipts from one terminal to central (PostgreSQL, uvicorn on loopback) versus a raw
psycopg COPY of the same rows into the same tables, in the same run. Goal: ≤ 3×.

The records are generated and signed before the clock starts (the terminal did that when it charged).
``JEREZ_BENCH_P4_RECIBOS`` lowers the count for a quick look.

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
import time
from pathlib import Path

import psycopg

RAIZ = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(RAIZ))
sys.path.insert(0, str(RAIZ / "tests" / "sync"))

from fabrica import Fabrica  # noqa: E402

from jerez_pos.central import bd, firmas, terminales  # noqa: E402
from jerez_pos.sync.cliente import Sincronizador  # noqa: E402
from jerez_pos.sync.transporte import TransporteHttp  # noqa: E402

METAS = ("P4",)
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


def _copiar(url: str, terminal_id: int, serie: str, fabrica: Fabrica) -> float:
    ahora = "2024-06-01T12:00:00Z"
    registros, lineas = [], []
    for r in fabrica.almacen.registros:
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


def medir() -> dict[str, dict]:
    nombre = f"jerez_central_{secrets.token_hex(6)}"
    with psycopg.connect(f"{PG}/test", autocommit=True) as conexion:
        conexion.execute(f"CREATE DATABASE {nombre}")
    url = f"{PG}/{nombre}"
    proceso = None
    try:
        motor = bd.abrir(url)
        bd.migrar(motor)
        ahora = dt.datetime.now(dt.UTC)
        alta = terminales.crear(motor, "Banco", ahora)
        fabrica = Fabrica(alta.serie)
        terminales.inscribir(motor, alta.codigo, fabrica.publica, ahora)
        copia = terminales.crear(motor, "Copia", ahora)
        with motor.connect() as c:
            copia_id = c.exec_driver_sql(f"SELECT id FROM terminal WHERE serie = '{copia.serie}'").scalar_one()
        motor.dispose()
        for i in range(RECIBOS):
            fabrica.recibo(dt.datetime(2024, 6, 1, 9, 0) + dt.timedelta(seconds=i))
        puerto = _puerto_libre()
        proceso = _servidor(url, puerto)
        transporte = TransporteHttp(f"http://127.0.0.1:{puerto}")
        cliente = Sincronizador(fabrica.almacen, transporte, fabrica.llave, alta.serie, tam_lote=1000)
        inicio = time.perf_counter()
        resultado = cliente.sincronizar()
        t_sync = time.perf_counter() - inicio
        assert resultado.confirmados == RECIBOS and resultado.pendientes == 0, resultado
        t_copy = _copiar(url, int(copia_id), copia.serie, fabrica)
        motor = bd.abrir(url)
        inicio = time.perf_counter()
        revision = firmas.revisar(motor)
        t_firmas = time.perf_counter() - inicio
        motor.dispose()
        assert revision.revisadas == RECIBOS and revision.invalidas == 0, revision
    finally:
        if proceso is not None:
            proceso.terminate()
            proceso.wait(10)
        with psycopg.connect(f"{PG}/test", autocommit=True) as conexion:
            conexion.execute(f"DROP DATABASE IF EXISTS {nombre} WITH (FORCE)")
    return {
        "P4": {
            "valor": t_sync / t_copy,
            "meta": 3,
            "unidad": "x",
            "detalle": (
                f"{RECIBOS} recibos: sincronizar {t_sync:.2f} s vs COPY {t_copy:.2f} s (PostgreSQL, loopback); "
                f"revisión posterior de firmas propias {t_firmas:.2f} s"
            ),
        }
    }


if __name__ == "__main__":
    print(medir())
