"""P11: the console's dashboard with 1,000,000 receipts in PostgreSQL, server time per render ≤ 300 ms.

Twenty terminals in ten delegaciones, a year of receipts (one to three lines over real catalog concepts and
rubros, 1 % voided) are written with ``generate_series`` straight into ``registro`` and ``linea``; the
per-day sums are then rebuilt by migration c0003's own back-fill (timed and printed). The figure is the
median wall time of ``GET /consola/`` in its default view (January 1 to a mid-December "today") through
the FastAPI app in this process (routing, session check, the sums queries, the template and its SVG
charts, the audit row), over repeated renders; a period with partial months at both ends is printed too.
Side by side, ``reportes.resumen`` for the same year scanning the receipts: what the sums save.
``JEREZ_BENCH_P11_RECIBOS`` lowers the count for a quick look.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import secrets
import statistics
import sys
import time
from pathlib import Path

import psycopg
from alembic import command

RAIZ = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(RAIZ))

from fastapi.testclient import TestClient  # noqa: E402

from jerez_pos.catalogo.cargar import cargar  # noqa: E402
from jerez_pos.central import bd, reportes  # noqa: E402
from jerez_pos.central.app import crear_app  # noqa: E402
from jerez_pos.central.consola import usuarios  # noqa: E402
from jerez_pos.config import catalogo_incluido  # noqa: E402

METAS = ("P11",)
PG = "postgresql://postgres@127.0.0.1:5432"
RECIBOS = int(os.environ.get("JEREZ_BENCH_P11_RECIBOS", "1000000"))
TERMINALES = 20
RENDERS = 25
_IMPORTE = "1000 + ({s} * 37 + n) %% 90000"  # a line's centavos; the receipt's total is the sum of its lines
AHORA = dt.datetime(2024, 12, 20, 20, 0, tzinfo=dt.UTC)  # "today": mid-December of the loaded year
HOY = dt.date(2024, 12, 20)
OTRO_PERIODO = (dt.date(2024, 1, 15), dt.date(2024, 11, 20))  # partial months at both ends


def _cargar(url: str) -> float:
    """Receipts, lines and voids by generate_series; returns the seconds the sums back-fill took."""
    catalogo = cargar(catalogo_incluido())
    conceptos = sorted(catalogo.conceptos.values(), key=lambda c: c.clave)[::12][:100]
    claves = "{" + ",".join(f'"{c.clave}"' for c in conceptos) + "}"
    rubros = "{" + ",".join('"' + c.rubro.replace('"', "") + '"' for c in conceptos) + "}"
    por_terminal = RECIBOS // TERMINALES
    with psycopg.connect(url, autocommit=True) as c:
        for t in range(1, TERMINALES + 1):
            c.execute(
                "INSERT INTO terminal (id, serie, delegacion, codigo_hash, estado, creada_en) "
                "VALUES (%s, %s, %s, %s, 'activa', '2024-01-01T00:00:00Z')",
                (t, f"T{t:02d}", f"Delegación {(t - 1) // 2 + 1}", secrets.token_hex(32)),
            )
        c.execute(
            "INSERT INTO registro (terminal_id, uid, secuencia, tipo, hash, hash_previo, firma, documento, "
            "fecha_terminal, recibido_en, serie, numero, total_centavos) "
            "SELECT t, md5(t || '-' || s), s, 'recibo', "
            "decode(md5('h' || t || '-' || s) || md5('x' || t || '-' || s), 'hex'), "
            "'\\x00'::bytea, '\\x00'::bytea, '{}', "
            "to_char(timestamp '2024-01-01 08:00' + (s - 1) * (interval '366 days' / %s), "
            "'YYYY-MM-DD\"T\"HH24:MI:SS'), "
            "'2025-01-01T00:00:00Z', 'T' || lpad(t::text, 2, '0'), s, "
            f"(SELECT sum({_IMPORTE.format(s='s')}) FROM generate_series(1, 1 + s %% 3) n) "
            "FROM generate_series(1, %s) t, generate_series(1, %s) s",
            (por_terminal, TERMINALES, por_terminal),
        )
        c.execute(
            "INSERT INTO linea (terminal_id, secuencia, n, clave, rubro, total_centavos) "
            "SELECT r.terminal_id, r.secuencia, n, "
            "(%s::text[])[1 + (r.secuencia * 7 + n * 13 + r.terminal_id) %% %s], "
            "(%s::text[])[1 + (r.secuencia * 7 + n * 13 + r.terminal_id) %% %s], "
            f"{_IMPORTE.format(s='r.secuencia')} "
            "FROM registro r, generate_series(1, 3) n WHERE n <= 1 + r.secuencia %% 3",
            (claves, len(conceptos), rubros, len(conceptos)),
        )
        c.execute(
            "INSERT INTO registro (terminal_id, uid, secuencia, tipo, hash, hash_previo, firma, documento, "
            "fecha_terminal, recibido_en, recibo_hash) "
            "SELECT r.terminal_id, md5('a' || r.terminal_id || '-' || r.secuencia), %s + r.secuencia, 'anulacion', "
            "decode(md5('a' || r.id) || md5('b' || r.id), 'hex'), '\\x00'::bytea, '\\x00'::bytea, '{}', "
            "r.fecha_terminal, '2025-01-01T00:00:00Z', r.hash FROM registro r WHERE r.secuencia %% 100 = 0",
            (por_terminal,),
        )
        c.execute("ANALYZE")
    motor = bd.abrir(url)
    config = bd._config()
    inicio = time.perf_counter()
    with motor.begin() as conexion:
        config.attributes["conexion"] = conexion
        command.downgrade(config, "c0002")
        command.upgrade(config, "head")
    relleno = time.perf_counter() - inicio
    with psycopg.connect(url, autocommit=True) as c:
        c.execute("VACUUM ANALYZE")  # what autovacuum does on its own after a load this size
    usuarios.crear(motor, "tesorera", "tesorero", "contraseña-de-medición", AHORA)
    motor.dispose()
    return relleno


def _renders(url: str, ruta: str) -> tuple[list[float], str]:
    app = crear_app(url, migrar=False, reloj=lambda: AHORA, revisar_firmas=False)
    cliente = TestClient(app)
    token = re.search(r'name="csrf_token" value="([^"]+)"', cliente.get("/consola/entrar").text)
    assert token is not None
    datos = {"usuario": "tesorera", "contrasena": "contraseña-de-medición", "csrf_token": token.group(1)}
    assert cliente.post("/consola/entrar", data=datos, follow_redirects=False).status_code == 303
    tiempos = []
    pagina = ""
    for _ in range(RENDERS + 2):
        inicio = time.perf_counter()
        respuesta = cliente.get(ruta)
        tiempos.append(time.perf_counter() - inicio)
        assert respuesta.status_code == 200, respuesta.text[:300]
        pagina = respuesta.text
    return tiempos[2:], pagina  # the first two warm the catalog cache and the connection pool


def medir() -> dict[str, dict]:
    nombre = f"jerez_bench_p11_{secrets.token_hex(4)}"
    with psycopg.connect(f"{PG}/test", autocommit=True) as c:
        c.execute(f"CREATE DATABASE {nombre}")
    url = f"{PG}/{nombre}"
    try:
        motor = bd.abrir(url)
        bd.migrar(motor)
        motor.dispose()
        relleno = _cargar(url)
        tiempos, pagina = _renders(url, "/consola/")  # the default view: January 1 to today
        desde, hasta = OTRO_PERIODO
        otros, _ = _renders(url, f"/consola/?desde={desde}&hasta={hasta}")
        motor = bd.abrir(url)
        inicio = time.perf_counter()
        escaneo = reportes.resumen(motor, dt.date(2024, 1, 1), HOY)
        barrido = time.perf_counter() - inicio
        motor.dispose()
        assert f'data-valor="{escaneo["total"]}"' in pagina  # same figure both ways
        mediana = statistics.median(tiempos) * 1000
        p95 = sorted(tiempos)[int(len(tiempos) * 0.95) - 1] * 1000
        return {
            "P11": {
                "valor": mediana,
                "meta": 300,
                "unidad": "ms",
                "detalle": (
                    f"tablero del 1 de enero al {HOY} con {escaneo['recibos']:,} recibos en el periodo "
                    f"({escaneo['anulados']:,} anulados; {RECIBOS:,} en la base), mediana de {len(tiempos)} "
                    f"(p95 {p95:.0f} ms, máx {max(tiempos) * 1000:.0f} ms); del {desde} al {hasta}: mediana "
                    f"{statistics.median(otros) * 1000:.0f} ms; el mismo periodo leyendo los recibos "
                    f"(central resumen): {barrido * 1000:.0f} ms ({barrido * 1000 / mediana:.0f}×); "
                    f"relleno de las sumas en la migración: {relleno:.1f} s"
                ),
            }
        }
    finally:
        with psycopg.connect(f"{PG}/test", autocommit=True) as c:
            c.execute(f"DROP DATABASE IF EXISTS {nombre} WITH (FORCE)")


if __name__ == "__main__":
    for clave, r in medir().items():
        print(f"{clave}: {r['valor']:.1f} {r['unidad']} (meta ≤ {r['meta']}) — {r['detalle']}")
