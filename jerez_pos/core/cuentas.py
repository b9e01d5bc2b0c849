"""Arrears arithmetic of an account, pure: due date (Art. 58), months of recargos and the INPC factor (Art. 14),
the owner's identity for the one-property subsidy (Art. 61) and the per-year summary of what is owed.

No I/O: the INPC table and the quotes come in as values. The decisions are in INTERPRETACIONES.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from functools import lru_cache
from typing import Any

from jerez_pos.core.cotizacion import Cotizacion
from jerez_pos.core.dinero import CERO, texto
from jerez_pos.core.texto import plano

UNO = Decimal("1")
DIEZMILESIMO = Decimal("0.0001")
ACTUALIZACION = "Actualización"
RECARGOS = "Recargos"

Inpc = Mapping[tuple[int, int], Decimal]


def vencimiento(ejercicio: int) -> dt.date:
    """Art. 58: predial is paid by 31 March of its year; the padrón refrendo follows the same date (the Art. 114
    subsidy ends there), see INTERPRETACIONES.md."""
    return dt.date(ejercicio, 3, 31)


def _mas_meses(fecha: dt.date, meses: int) -> dt.date:
    total = fecha.month - 1 + meses
    anio, mes = fecha.year + total // 12, total % 12 + 1
    siguiente = dt.date(anio + mes // 12, mes % 12 + 1, 1)
    return dt.date(anio, mes, min(fecha.day, (siguiente - dt.timedelta(days=1)).day))


@lru_cache(maxsize=4096)  # a roll's report asks it for the same few (due date, day) pairs 50,000 times
def meses_de_atraso(vence: dt.date, pago: dt.date) -> int:
    """Art. 14: 2 % "por cada mes o fracción": a started month counts whole. Paying on the due date is on time."""
    meses = 0
    while _mas_meses(vence, meses) < pago:
        meses += 1
    return meses


def _mes_anterior(fecha: dt.date) -> tuple[int, int]:
    return (fecha.year, fecha.month - 1) if fecha.month > 1 else (fecha.year - 1, 12)


def _indice(tabla: Inpc, mes: tuple[int, int]) -> tuple[tuple[int, int], Decimal] | None:
    """Fr. III: when the month's index is not published, the last published one is used."""
    anteriores = [m for m in tabla if m <= mes]
    if not anteriores:
        return None
    ultimo = max(anteriores)
    return ultimo, tabla[ultimo]


def factor_actualizacion(tabla: Inpc, vence: dt.date, pago: dt.date) -> tuple[Decimal, list[str]]:
    """Fr. II: INPC of the month before payment / INPC of the month before the due date, cut at the
    ten-thousandth; fr. V: never below 1. Without an index the factor is 1 and a warning says so."""
    if pago <= vence:
        return UNO, []
    buscado_pago, buscado_vence = _mes_anterior(pago), _mes_anterior(vence)
    arriba, abajo = _indice(tabla, buscado_pago), _indice(tabla, buscado_vence)
    if arriba is None or abajo is None:
        falta = buscado_vence if abajo is None else buscado_pago
        return UNO, [
            f"Sin INPC publicado para {falta[1]:02d}/{falta[0]} ni meses anteriores: la actualización (Art. 14) "
            "se calcula con factor 1; importe el INPC con «jerez-pos inpc importar»"
        ]
    avisos = [
        f"INPC de {buscado[1]:02d}/{buscado[0]} no publicado: se usa el de {usado[1]:02d}/{usado[0]} (Art. 14 fr. III)"
        for buscado, (usado, _) in ((buscado_pago, arriba), (buscado_vence, abajo))
        if usado != buscado
    ]
    factor = (arriba[1] / abajo[1]).quantize(DIEZMILESIMO, rounding=ROUND_DOWN)
    return max(factor, UNO), avisos


def clave_titular(nombre: str) -> str:
    """The owner as the roll names them, compared without case, accents or repeated spaces."""
    return " ".join(plano(nombre).upper().split())


@dataclass(frozen=True)
class Anio:
    """One fiscal year of an account: its quotes (one per concept) and the warnings of pricing it."""

    ejercicio: int
    cotizaciones: tuple[Cotizacion, ...]
    advertencias: tuple[str, ...] = ()

    def partes(self) -> dict[str, Decimal]:
        """Tax (with any surcharge on it), discounts (negative), actualización and recargos."""
        suma = {"impuesto": CERO, "descuentos": CERO, "actualizacion": CERO, "recargos": CERO}
        for c in self.cotizaciones:
            suma["impuesto"] += c.importe
            for m in c.modificadores:
                if m.concepto == ACTUALIZACION:
                    suma["actualizacion"] += m.importe
                elif m.concepto == RECARGOS:
                    suma["recargos"] += m.importe
                elif m.importe < 0:
                    suma["descuentos"] += m.importe
                else:
                    suma["impuesto"] += m.importe
        return suma

    @property
    def total(self) -> Decimal:
        return sum((c.total for c in self.cotizaciones), CERO)

    def a_dict(self) -> dict[str, Any]:
        return {
            "ejercicio": self.ejercicio,
            **{k: texto(v) for k, v in self.partes().items()},
            "total": texto(self.total),
            "lineas": [
                {"clave": c.clave, "descripcion": c.descripcion, "importe": texto(c.total)} for c in self.cotizaciones
            ],
        }
