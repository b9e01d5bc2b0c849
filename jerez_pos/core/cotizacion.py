"""The quote value: what the engine returns and what a receipt line snapshots."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from jerez_pos.core.dinero import texto


@dataclass(frozen=True)
class LineaModificador:
    concepto: str
    fundamento: str
    importe: Decimal  # discounts negative
    id: str = ""
    requiere_autorizacion: bool = False

    def a_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "concepto": self.concepto,
            "fundamento": self.fundamento,
            "importe": texto(self.importe),
            "requiere_autorizacion": self.requiere_autorizacion,
        }


@dataclass(frozen=True)
class Cotizacion:
    clave: str
    descripcion: str
    fundamento: str
    rubro: str
    forma: str
    fecha: dt.date
    catalogo: str
    uma: Decimal | None  # peso value of the daily UMA used; None when the tariff is in pesos only
    unidades_uma: Decimal | None
    importe: Decimal  # the line before modifiers, rounded once
    modificadores: tuple[LineaModificador, ...]
    total: Decimal
    total_efectivo: Decimal
    explicacion: str
    advertencias: tuple[str, ...]
    parametros: dict[str, str] = field(default_factory=dict)
    requiere_autorizacion: tuple[str, ...] = ()  # why a supervisor must authorize (range, discount...)

    def a_dict(self) -> dict[str, Any]:
        return {
            "clave": self.clave,
            "descripcion": self.descripcion,
            "fundamento": self.fundamento,
            "rubro": self.rubro,
            "forma": self.forma,
            "fecha": self.fecha.isoformat(),
            "catalogo": self.catalogo,
            "uma": None if self.uma is None else str(self.uma),
            "unidades_uma": None if self.unidades_uma is None else str(self.unidades_uma),
            "importe": texto(self.importe),
            "modificadores": [m.a_dict() for m in self.modificadores],
            "total": texto(self.total),
            "total_efectivo": texto(self.total_efectivo),
            "explicacion": self.explicacion,
            "advertencias": list(self.advertencias),
            "parametros": dict(self.parametros),
            "requiere_autorizacion": list(self.requiere_autorizacion),
        }
