"""P12: drafting next year's catalog from the whole decree (``catalogo borrador``), target under 10 s.

Side by side in the same run: loading and checking the base catalog alone (cargar + fidelity), the floor any
draft pays, so the figure can be read on a loaded machine too.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from pathlib import Path

from jerez_pos.catalogo.borrador.armar import armar
from jerez_pos.catalogo.borrador.escribir import escribir
from jerez_pos.catalogo.cargar import cargar
from jerez_pos.catalogo.fidelidad import revisar
from jerez_pos.config import catalogo_incluido

METAS = ("P12",)
VECES = 3


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
    return {
        "P12": {
            "valor": mediana,
            "meta": 10,
            "unidad": "s",
            "detalle": f"borrador de la ley completa (mediana de {VECES}); cargar y revisar el catálogo base "
            f"{referencia:.2f} s en la misma corrida ({mediana / referencia:.1f}×)",
        }
    }
