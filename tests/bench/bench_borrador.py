"""P12: drafting next year's catalog from the whole decree (``catalogo borrador``), target under 10 s.

Side by side in the same run: loading and checking the base catalog alone (cargar + fidelity), the floor any
draft pays, so the figure can be read on a loaded machine too.

P12r and P12e: the draft on mutated decrees it has never seen (``tests/catalogo/mutaciones.py``), every base
concept priced at a 2025 date against the mutation's truth: the worst seed's share left to review (target
at most 10 %: at least 90 % priced right without review) and the prices it gets wrong (target 0).
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from jerez_pos.catalogo.borrador.armar import armar
from jerez_pos.catalogo.borrador.escribir import escribir
from jerez_pos.catalogo.cargar import cargar
from jerez_pos.catalogo.fidelidad import revisar
from jerez_pos.catalogo.uma import leer_uma
from jerez_pos.config import catalogo_incluido

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.catalogo.acierto import medir as medir_mutada

METAS = ("P12", "P12r", "P12e")
VECES = 3
SEMILLAS = range(1, 6)


def _borrador(ley: str, base: Path, carpeta: Path) -> None:
    salida = carpeta / "borrador"
    escribir(armar(ley, base, 2025), base, salida)
    catalogo = cargar(salida)
    assert revisar(catalogo, salida / "fuente" / "ley.txt") == []
    shutil.rmtree(salida)


def _solo_cargar(base: Path) -> None:
    revisar(cargar(base), base / "fuente" / "ley.txt")


def medir() -> dict[str, dict[str, object]]:
    base = catalogo_incluido()
    ley = (base / "fuente" / "ley.txt").read_text(encoding="utf-8")
    borrador, carga = [], []
    with tempfile.TemporaryDirectory() as carpeta:
        for _ in range(VECES):
            inicio = time.perf_counter()
            _borrador(ley, base, Path(carpeta))
            borrador.append(time.perf_counter() - inicio)
            inicio = time.perf_counter()
            _solo_cargar(base)
            carga.append(time.perf_counter() - inicio)
    mediana, referencia = statistics.median(borrador), statistics.median(carga)
    catalogo, uma = cargar(base), leer_uma(base.parent / "uma.csv")
    medidas = [medir_mutada(semilla, ley, base, catalogo, uma) for semilla in SEMILLAS]
    peor = min(medidas, key=lambda m: m.por_ciento)
    por_semilla = ", ".join(f"{m.semilla}: {m.por_ciento:.1f} %" for m in medidas)
    mal = sum(len(m.mal) + len(m.sin_listar) for m in medidas)
    return {
        "P12r": {
            "valor": 100 - peor.por_ciento,
            "meta": 10,
            "unidad": "%",
            "detalle": f"conceptos a revisar en la peor de {len(medidas)} leyes mutadas (bien sin revisión por "
            f"semilla: {por_semilla}); borrador de una ley mutada hasta {max(m.segundos for m in medidas):.1f} s",
        },
        "P12e": {
            "valor": mal,
            "meta": 0,
            "unidad": "precios",
            "detalle": f"precios equivocados o cambios sin listar en {len(medidas)} leyes mutadas",
        },
        "P12": {
            "valor": mediana,
            "meta": 10,
            "unidad": "s",
            "detalle": f"borrador de la ley completa (mediana de {VECES}); cargar y revisar el catálogo base "
            f"{referencia:.2f} s en la misma corrida ({mediana / referencia:.1f}×)",
        },
    }
