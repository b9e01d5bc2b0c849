"""The receipt being charged: its lines (each a priced quote) and the contributor; saved as JSON after
every change so a crash or a restart never loses it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from jerez_pos.core.dinero import CERO, ajuste_efectivo

if TYPE_CHECKING:
    from jerez_pos.core.cotizacion import Cotizacion


@dataclass
class Linea:
    clave: str
    parametros: dict[str, str]
    cotizacion: Cotizacion


@dataclass
class Borrador:
    lineas: list[Linea] = field(default_factory=list)
    contribuyente: dict[str, str] = field(default_factory=dict)

    @property
    def total(self) -> Decimal:
        return sum((linea.cotizacion.total for linea in self.lineas), CERO)

    @property
    def total_efectivo(self) -> Decimal:
        return ajuste_efectivo(self.total)

    @property
    def requiere_autorizacion(self) -> list[str]:
        return [motivo for linea in self.lineas for motivo in linea.cotizacion.requiere_autorizacion]

    def agregar(self, linea: Linea) -> None:
        self.lineas.append(linea)

    def quitar(self, indice: int) -> None:
        if 0 <= indice < len(self.lineas):
            del self.lineas[indice]

    def vaciar(self) -> None:
        self.lineas.clear()
        self.contribuyente = {}

    def para_cobrar(self) -> list[tuple[str, dict[str, str]]]:
        return [(linea.clave, dict(linea.parametros)) for linea in self.lineas]

    def a_json(self) -> str:
        datos: dict[str, Any] = {
            "lineas": [{"clave": x.clave, "parametros": x.parametros} for x in self.lineas],
            "contribuyente": self.contribuyente,
        }
        return json.dumps(datos, ensure_ascii=False, sort_keys=True)


def leer_json(texto: str) -> tuple[list[tuple[str, dict[str, str]]], dict[str, str]]:
    """The saved lines (to be priced again) and contributor; an unreadable file counts as empty."""
    if not texto.strip():
        return [], {}
    try:
        datos = json.loads(texto)
        lineas = [(str(x["clave"]), {str(k): str(v) for k, v in x["parametros"].items()}) for x in datos["lineas"]]
        contribuyente = {str(k): str(v) for k, v in datos.get("contribuyente", {}).items()}
    except (ValueError, KeyError, TypeError, AttributeError):
        return [], {}
    return lineas, contribuyente
