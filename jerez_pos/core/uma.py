"""The UMA table (Unidad de Medida y Actualización): data, never constants in code.

Each value is in force from its ``vigente_desde`` (1 February) until the next one starts, so January uses
the previous year's value (Transitorio segundo). INEGI publishes three figures a year: daily, monthly and
annual. The monthly and annual ones are stored as published and never derived from the daily one: INEGI
rounds the monthly value to centavos before multiplying by 12, so for 2024 the published annual UMA is
$39,606.36 while 108.57 × 30.4 × 12 = 39,606.336. A figure that was not recorded stays ``None`` and a charge
that needs it is refused, naming the year (``UmaNoPublicada``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from jerez_pos.core.errores import SinUma, UmaNoPublicada


@dataclass(frozen=True)
class ValorUma:
    anio: int
    diaria: Decimal
    vigente_desde: dt.date
    mensual: Decimal | None = None  # as published by INEGI; None: not recorded
    anual: Decimal | None = None

    def anual_publicada(self) -> Decimal:
        """The published annual UMA (Art. 101 fr. III limits); refused when it was never recorded."""
        if self.anual is None:
            raise UmaNoPublicada(self.anio, "anual")
        return self.anual

    @property
    def faltantes(self) -> list[str]:
        """Which published figures of this year are not recorded ("mensual", "anual")."""
        return [nombre for nombre, valor in (("mensual", self.mensual), ("anual", self.anual)) if valor is None]

    def describir(self) -> str:
        """The values as a person reads them in a change list: "108.57 (mensual 3300.53, anual 39606.36)"."""
        if self.mensual is None and self.anual is None:
            return str(self.diaria)
        return f"{self.diaria} (mensual {self.mensual or '—'}, anual {self.anual or '—'})"


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

    def avisos(self) -> list[str]:
        """One Spanish warning per year whose monthly or annual value is missing."""
        avisos = []
        for v in self._valores:
            if v.faltantes:
                cuales = " y la ".join(v.faltantes)
                avisos.append(
                    f"UMA {v.anio}: falta la {cuales} publicada por el INEGI; no se calcula a partir de la diaria, "
                    "así que los cobros que la usan (Art. 101 fr. III, límites en UMA anual) se rechazarán "
                    "hasta importar la tabla con las columnas mensual y anual"
                )
        return avisos
