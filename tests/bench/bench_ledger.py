"""Ledger benchmarks (not run in CI): P1 cobrar vs bare INSERT+COMMIT, P3 corte in a 1M vs 10k ledger,
P7 bytes per receipt in the 1M ledger.

The big ledgers are built with bulk SQL in one transaction (rows cloned from a real receipt, the chain
and signatures recomputed), not through the service: the service path would take hours for 1M.
``JEREZ_BENCH_RECIBOS`` overrides the 1,000,000 for a quick run.
"""

from __future__ import annotations

import json
import os
import sqlite3
import statistics
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from jerez_pos.ledger import cadena, corte, demo, identidad, recibos
from jerez_pos.ledger.base import abrir
from jerez_pos.ledger.comun import canonico
from jerez_pos.ledger.pagos import Pago
from jerez_pos.ledger.terminal import Terminal

METAS = ("P1", "P3", "P7")
POR_DIA = 2000


def _p1(raiz: Path, n: int = 300) -> dict:
    """Interleaved pairs (one cobrar, one bare INSERT+COMMIT on the same disk) so drift hits both alike."""
    terminal = Terminal(raiz / "p1")
    cajero = demo.preparar(terminal)
    pago = [Pago("efectivo", Decimal("200"))]
    recibos.cobrar(terminal, cajero, [("A85-II", {})], pago)  # warm-up: quick_check, key, catalog
    bd = abrir(raiz / "p1" / "desnudo.sqlite3")
    with bd.begin() as c:
        c.exec_driver_sql("CREATE TABLE t (id INTEGER PRIMARY KEY, folio TEXT, total INTEGER)")
    completos: list[float] = []
    desnudos: list[float] = []
    for i in range(n):
        inicio = time.perf_counter()
        recibos.cobrar(terminal, cajero, [("A85-II", {})], pago)
        completos.append(time.perf_counter() - inicio)
        inicio = time.perf_counter()
        with bd.begin() as c:
            c.exec_driver_sql("INSERT INTO t (folio, total) VALUES (?, ?)", (f"X-{i}", 12438))
        desnudos.append(time.perf_counter() - inicio)
    completo, desnudo = statistics.median(completos), statistics.median(desnudos)
    return {
        "valor": completo / desnudo,
        "meta": 3,
        "unidad": "x",
        "detalle": f"mediana de {n} pares: cobrar {completo * 1000:.2f} ms vs INSERT+COMMIT {desnudo * 1000:.2f} ms",
    }


def construir(home: Path, total: int) -> tuple[Terminal, object]:
    """A ledger of ``total`` receipts, one shift of 2,000 per day, all but the last shift closed."""
    terminal = Terminal(home)
    cajero = demo.preparar(terminal)
    modelo = recibos.cobrar(terminal, cajero, [("A85-II", {})], [Pago("efectivo", Decimal("200"))])
    ident = identidad.exigir_identidad(terminal.bd)
    llave = identidad.llave_privada(home, ident)
    bd = sqlite3.connect(home / "jerez_pos.sqlite3", isolation_level=None)
    bd.row_factory = sqlite3.Row
    base = dict(bd.execute("SELECT * FROM recibo WHERE id = ?", (modelo.id,)).fetchone())
    linea = dict(bd.execute("SELECT * FROM recibo_linea WHERE recibo_id = ?", (modelo.id,)).fetchone())
    pago = dict(bd.execute("SELECT * FROM recibo_pago WHERE recibo_id = ?", (modelo.id,)).fetchone())
    previo = bytes(base["hash"])
    turno = base["turno_id"]
    bd.execute("BEGIN IMMEDIATE")
    for i in range(2, total + 1):
        if (i - 1) % POR_DIA == 0:  # close the shift and open the next day's
            bd.execute(
                "INSERT INTO corte (turno_id, cerrado_por_id, conteo, esperado_centavos, contado_centavos, "
                "diferencia_centavos, totales, cerrado_en) VALUES (?, ?, '{}', 0, 0, 0, '{}', ?)",
                (turno, cajero.usuario_id, base["fecha"]),
            )  # type: ignore[attr-defined]
            turno = bd.execute(
                "INSERT INTO turno (cajero_id, fondo_centavos, abierto_en) VALUES (?, 50000, ?) RETURNING id",
                (cajero.usuario_id, base["fecha"]),
            ).fetchone()[0]  # type: ignore[attr-defined]
        fila = {**base, "numero": i, "eslabon": i, "turno_id": turno}
        fila["documento"] = canonico(cadena.doc_recibo(fila, [linea], [pago], []))  # stored, as the charge does
        fila["hash"] = cadena.enlazar_texto(previo, fila["documento"])
        fila["documento"] = fila["documento"].decode("utf-8")
        fila["firma"] = llave.sign(fila["hash"])
        previo = fila["hash"]
        nuevo = bd.execute(
            "INSERT INTO recibo (serie, numero, eslabon, turno_id, cajero_id, fecha, contribuyente, total_centavos, "
            "ajuste_centavos, cambio_centavos, hash, firma, documento) VALUES (:serie, :numero, :eslabon, :turno_id, "
            ":cajero_id, :fecha, :contribuyente, :total_centavos, :ajuste_centavos, :cambio_centavos, :hash, :firma, "
            ":documento) RETURNING id",
            fila,
        ).fetchone()[0]
        bd.execute(
            "INSERT INTO recibo_linea VALUES (?, 1, ?, ?, ?, ?)",
            (nuevo, linea["clave"], linea["rubro"], linea["total_centavos"], linea["cotizacion"]),
        )
        bd.execute(
            "INSERT INTO recibo_pago VALUES (?, 1, ?, ?, ?)",
            (nuevo, pago["forma"], pago["importe_centavos"], pago["datos"]),
        )
        bd.execute("INSERT INTO outbox (tipo, ref_id, creado_en) VALUES ('recibo', ?, ?)", (nuevo, base["fecha"]))
    bd.execute("COMMIT")
    bd.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    bd.close()
    return terminal, cajero


def _tiempo_corte(terminal: Terminal, cajero: object, repeticiones: int = 5) -> float:
    corte.preliminar(terminal.bd, cajero)  # type: ignore[arg-type]
    inicio = time.perf_counter()
    for _ in range(repeticiones):
        resultado = corte.preliminar(terminal.bd, cajero)  # type: ignore[arg-type]
    assert resultado.recibos > 0
    return (time.perf_counter() - inicio) / repeticiones


def medir() -> dict:
    grande = int(os.environ.get("JEREZ_BENCH_RECIBOS", "1000000"))
    with tempfile.TemporaryDirectory(prefix="bench-ledger-") as temporal:
        raiz = Path(temporal)
        resultados = {"P1": _p1(raiz)}
        chico_t, chico_c = construir(raiz / "chico", 10_000)
        inicio = time.perf_counter()
        grande_t, grande_c = construir(raiz / "grande", grande)
        construccion = time.perf_counter() - inicio
        t_chico, t_grande = _tiempo_corte(chico_t, chico_c), _tiempo_corte(grande_t, grande_c)
        resultados["P3"] = {
            "valor": t_grande / t_chico,
            "meta": 1.5,
            "unidad": "x",
            "detalle": f"corte de {POR_DIA} recibos: {t_grande * 1000:.1f} ms en {grande:,} vs "
            f"{t_chico * 1000:.1f} ms en 10,000 (libro armado en {construccion:.0f} s)",
        }
        tamano = (raiz / "grande" / "jerez_pos.sqlite3").stat().st_size
        resultados["P7"] = {
            "valor": tamano / grande,
            "meta": 2048,
            "unidad": "bytes/recibo",
            "detalle": f"{tamano / 2**20:.0f} MiB para {grande:,} recibos con línea, pago y outbox",
        }
    return resultados


if __name__ == "__main__":
    print(json.dumps(medir(), ensure_ascii=False, indent=2))
