"""Totals by CRI rubro (the income classifier of Art. 2): a table by level and a bar chart.

Rubros are stored as their full path ("Derechos › Derechos por Prestación de Servicios › Registro Civil").
The table shows the first level apart; the chart labels each bar with the first and last level, the
largest ``MAXIMO_BARRAS`` first and the rest summed as "Otros rubros".
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from jerez_pos.core.dinero import de_centavos, pesos
from jerez_pos.printing.pdf.comun import ANCHO_UTIL, barras, corto, p, tabla

SEPARADOR = " › "
MAXIMO_BARRAS = 10


def niveles(rubro: str) -> tuple[str, str]:
    primero, _, resto = rubro.partition(SEPARADOR)
    return primero, resto


def etiqueta(rubro: str) -> str:
    partes = rubro.split(SEPARADOR)
    texto = partes[0] if len(partes) == 1 else f"{partes[0]} · {partes[-1]}"
    return corto(texto, 38)


def filas_rubro(por_rubro: Mapping[str, int]) -> list[Flowable]:
    if not por_rubro:
        return [p("Sin cobros en el periodo.")]
    filas = [[*niveles(rubro), pesos(de_centavos(v))] for rubro, v in sorted(por_rubro.items())]
    total = ["Total", "", pesos(de_centavos(sum(por_rubro.values())))]
    anchos = (30 * mm, ANCHO_UTIL - 60 * mm, 30 * mm)
    return [tabla(("Rubro", "Tipo / sub-rubro", "Importe"), filas, anchos, numericas=(2,), total=total)]


def barras_por_rubro(por_rubro: Mapping[str, int]) -> Drawing:
    orden = sorted(por_rubro.items(), key=lambda x: (-x[1], x[0]))
    visibles, resto = orden[:MAXIMO_BARRAS], orden[MAXIMO_BARRAS:]
    etiquetas = [etiqueta(r) for r, _ in visibles]
    valores: list[Decimal] = [de_centavos(v) for _, v in visibles]
    if resto:
        etiquetas.append("Otros rubros")
        valores.append(de_centavos(sum(v for _, v in resto)))
    return barras(etiquetas, valores, "Cobrado por rubro")
