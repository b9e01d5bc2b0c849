"""10 000 seeds of the hostile-network simulation: every record exactly once at central, totals to the centavo.

A failure names its seed; ``simulacion.simular(semilla)`` replays it exactly.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor

import pytest
from simulacion import nuevo_motor, simular

SEMILLAS = int(os.environ.get("JEREZ_SIM_SEMILLAS", "10000"))


def _tramo(semillas: range) -> list[str]:
    motor = nuevo_motor()
    fallas = []
    for semilla in semillas:
        desenlace = simular(semilla, motor)
        if not desenlace.correcto:
            fallas.append(repr(desenlace))
    return fallas


def test_una_semilla_se_repite_igual():
    assert simular(7) == simular(7)


@pytest.mark.lento
def test_diez_mil_semillas_exactamente_una_vez():
    procesos = max(1, min(4, os.cpu_count() or 1))
    tramos = [range(i, SEMILLAS, procesos) for i in range(procesos)]
    with ProcessPoolExecutor(procesos) as grupo:
        fallas = [f for parte in grupo.map(_tramo, tramos) for f in parte]
    assert not fallas, f"{len(fallas)} semillas fallaron; la primera: {fallas[0]}"


def _tramo_en_paralelo(semillas: range) -> list[str]:
    motor = nuevo_motor()
    return [repr(d) for d in (simular(s, motor, en_paralelo=True) for s in semillas) if not d.correcto]


@pytest.mark.lento
def test_semillas_con_dos_lotes_en_vuelo_exactamente_una_vez():
    """The production client (two batches in flight, on threads) through the same hostile network."""
    procesos = max(1, min(4, os.cpu_count() or 1))
    tramos = [range(i, SEMILLAS // 10, procesos) for i in range(procesos)]
    with ProcessPoolExecutor(procesos) as grupo:
        fallas = [f for parte in grupo.map(_tramo_en_paralelo, tramos) for f in parte]
    assert not fallas, f"{len(fallas)} semillas fallaron; la primera: {fallas[0]}"
