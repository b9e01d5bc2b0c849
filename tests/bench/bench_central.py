"""P4V: what bounding JSON nesting costs the batch parser. ``validacion.lote`` on a 1000-record batch
(the largest a terminal sends; receipts of one to six lines) with the depth check, versus the same parser
with the check switched off, alternating which goes first in each round of the same run.
Goal: ≤ 1.10× (the check must not move P4)."""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(RAIZ))
sys.path.insert(0, str(RAIZ / "tests" / "sync"))

from fabrica import Fabrica  # noqa: E402

from jerez_pos.central import validacion  # noqa: E402
from jerez_pos.sync import protocolo as p  # noqa: E402

METAS = ("P4V",)
REGISTROS = 1000
RONDAS = 30


def _tiempo(cuerpo: bytes, serie: str) -> float:
    inicio = time.perf_counter()
    validacion.lote(cuerpo, serie)
    return time.perf_counter() - inicio


def medir() -> dict[str, dict]:
    fabrica = Fabrica("BANCO1")
    # One to six lines per receipt: short ones skip the walk (few brackets), long ones take it.
    registros = [fabrica.recibo(dt.datetime(2024, 6, 1, 9, 0), lineas=1 + i % 6) for i in range(REGISTROS)]
    cuerpo = p.cuerpo_lote(registros, registros[-1].secuencia)
    original = validacion.profundidad_excedida
    tiempos: dict[bool, list[float]] = {True: [], False: []}
    for ronda in range(RONDAS):
        for con_limite in (True, False) if ronda % 2 else (False, True):  # alternate who goes first
            if not con_limite:
                validacion.profundidad_excedida = lambda *_a, **_k: False  # type: ignore[assignment]
            try:
                tiempos[con_limite].append(_tiempo(cuerpo, fabrica.serie))
            finally:
                validacion.profundidad_excedida = original
    con, sin = tiempos[True], tiempos[False]
    mediana_con, mediana_sin = statistics.median(con), statistics.median(sin)
    return {
        "P4V": {
            "valor": mediana_con / mediana_sin,
            "meta": 1.10,
            "unidad": "× (lote de 1000 con límite de anidamiento / sin él)",
            "detalle": f"{mediana_con * 1000:.1f} ms contra {mediana_sin * 1000:.1f} ms, {len(cuerpo) // 1024} KB",
        }
    }


if __name__ == "__main__":
    print(medir())
