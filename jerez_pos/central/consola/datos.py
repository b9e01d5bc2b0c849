"""The dashboard's figures, read from the per-day sums (``central.sumas``), never from the receipts.

``periodo["resumen"]`` is exactly what ``jerez-pos central resumen --json`` prints for the same days; the rest
arranges the same figures for people: by delegación, by every level of the Art. 2 rubro hierarchy (with the
law's estimate and the share collected in the year) and by concept with the catalog's description.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Engine

from jerez_pos.catalogo import estimaciones
from jerez_pos.central import sumas
from jerez_pos.config import catalogo_incluido
from jerez_pos.core.dinero import de_centavos
from jerez_pos.core.errores import ErrorEntrada, ErrorJerez

SEPARADOR = " › "
MAX_DIAS_GRAFICA = 62


@lru_cache(maxsize=1)
def _estimaciones() -> dict[str, Decimal | None]:
    return estimaciones.leer(catalogo_incluido())


@lru_cache(maxsize=1)
def _descripciones() -> dict[str, str]:
    from jerez_pos.catalogo.cargar import cargar

    try:
        return {clave: c.descripcion for clave, c in cargar(catalogo_incluido()).conceptos.items()}
    except (ErrorJerez, OSError):  # the dashboard still shows the keys when the catalog can't be read
        return {}


def niveles(por_rubro: dict[str, str]) -> dict[str, Decimal]:
    """Leaf rubros rolled up every level of Art. 2's hierarchy (as the terminal's corte does)."""
    acumulado: dict[str, Decimal] = defaultdict(Decimal)
    for rubro, total in por_rubro.items():
        partes = rubro.split(SEPARADOR)
        for nivel in range(1, len(partes) + 1):
            acumulado[SEPARADOR.join(partes[:nivel])] += Decimal(total)
    return dict(acumulado)


def _por_dia(conexion: sa.Connection, desde: dt.date, hasta: dt.date) -> list[tuple[str, Decimal]]:
    st = sumas.suma_dia_terminal
    inicio = max(desde, hasta - dt.timedelta(days=MAX_DIAS_GRAFICA - 1))
    filas = conexion.execute(
        sa.select(st.c.dia, sa.func.sum(st.c.total_centavos))
        .where(st.c.dia >= inicio.isoformat(), st.c.dia <= hasta.isoformat())
        .group_by(st.c.dia)
        .order_by(st.c.dia)
    ).all()
    return [(str(dia), de_centavos(int(total))) for dia, total in filas]


def tablero(motor: Engine, desde: dt.date, hasta: dt.date, hoy: dt.date) -> dict[str, Any]:
    if hasta < desde:
        raise ErrorEntrada("hasta", "debe ser igual o posterior a «desde»")
    inicio_anio = dt.date(hasta.year, 1, 1)
    with motor.connect() as conexion:
        periodo = sumas.resumen(conexion, desde, hasta)
        del_dia = periodo if desde == hasta == hoy else sumas.resumen(conexion, hoy, hoy)
        anual = periodo if desde == inicio_anio else sumas.resumen(conexion, inicio_anio, hasta)
        por_dia = _por_dia(conexion, desde, hasta)
    delegaciones = periodo.pop("delegaciones")
    del_dia.pop("delegaciones", None)
    anual.pop("delegaciones", None)
    por_delegacion: dict[str, Decimal] = defaultdict(Decimal)
    for serie, fila in periodo["por_terminal"].items():
        por_delegacion[delegaciones[serie]] += Decimal(fila["total"])
    estimado = _estimaciones()
    en_anio = niveles(anual["por_rubro"])
    rubros = []
    for rubro, total in sorted(niveles(periodo["por_rubro"]).items()):
        meta = estimado.get(rubro)
        rubros.append(
            {
                "rubro": rubro,
                "nombre": rubro.split(SEPARADOR)[-1],
                "nivel": rubro.count(SEPARADOR) + 1,
                "total": total,
                "en_anio": en_anio.get(rubro, Decimal(0)),
                "estimacion": meta,
                "con_estimacion": rubro in estimado,  # a rubro the law's table does not list shows no figure
                "porcentaje": (en_anio.get(rubro, Decimal(0)) * 100 / meta).quantize(Decimal("0.01")) if meta else None,
            }
        )
    descripciones = _descripciones()
    return {
        "desde": desde.isoformat(),
        "hasta": hasta.isoformat(),
        "hoy": hoy.isoformat(),
        "anio": hasta.year,
        "resumen_hoy": {k: v for k, v in del_dia.items() if k not in ("desde", "hasta")},
        "resumen": {k: v for k, v in periodo.items() if k not in ("desde", "hasta")},
        "por_delegacion": sorted(por_delegacion.items(), key=lambda x: (-x[1], x[0])),
        "por_terminal": [{"serie": s, "delegacion": delegaciones[s], **f} for s, f in periodo["por_terminal"].items()],
        "por_rubro_niveles": rubros,
        "por_concepto": sorted(
            (
                {"clave": clave, "descripcion": descripciones.get(clave, ""), "total": Decimal(total)}
                for clave, total in periodo["por_concepto"].items()
            ),
            key=lambda x: (-x["total"], x["clave"]),
        ),
        "por_dia": por_dia,
    }
