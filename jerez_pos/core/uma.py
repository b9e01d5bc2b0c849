"""The UMA table (Unidad de Medida y Actualización): data, never constants in code.

Each value is in force from its ``vigente_desde`` (1 February) until the next one starts, so January uses
the previous year's value (Transitorio segundo). Monthly = daily × 30.4; annual = monthly × 12.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from jerez_pos.core.errores import SinUma

DIAS_POR_MES = Decimal("30.4")
MESES_POR_ANIO = Decimal("12")


@dataclass(frozen=True)
class ValorUma:
    anio: int
    diaria: Decimal
    vigente_desde: dt.date

    @property
    def mensual(self) -> Decimal:
        return self.diaria * DIAS_POR_MES

    @property
    def anual(self) -> Decimal:
        return self.mensual * MESES_POR_ANIO


class TablaUma:
    def __init__(self, valores: list[ValorUma]) -> None:
        if not valores:
            raise ValueError("la tabla de UMA está vacía")
        self._valores = sorted(valores, key=lambda v: v.vigente_desde)

    @property
    def valores(self) -> list[ValorUma]:
        return list(self._valores)

    def vigente(self, fecha: dt.date) -> ValorUma:
        elegido: ValorUma | None = None
        for valor in self._valores:
            if valor.vigente_desde <= fecha:
                elegido = valor
        if elegido is None:
            raise SinUma(fecha.isoformat())
        return elegido
