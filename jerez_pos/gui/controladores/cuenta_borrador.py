"""The receipt of an account: the years chosen on the account card, issued as ``cobrar-adeudo`` issues them.

It is a ``Borrador`` so Cobro and Pago show it like any receipt, but it is charged by the account service
(which links every line to the account and its year, and refuses a year already paid) instead of by the
concept lines. It holds only the account's years: adding a concept or removing a line drops the account's
years as a whole (a year is never charged without its link), and it is never saved as a draft of concept
lines (after a restart the cashier opens the account again; its lines would otherwise be charged unlinked).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from jerez_pos.gui.borrador import Borrador, Linea

if TYPE_CHECKING:
    from jerez_pos.gui.servicios_cuentas import ServiciosCuentas
    from jerez_pos.ledger.pagos import Pago
    from jerez_pos.ledger.recibos import Emitido


@dataclass
class BorradorCuenta(Borrador):
    padron: str = ""
    cuenta: str = ""
    anios: list[int] = field(default_factory=list)
    servicio: ServiciosCuentas | None = None

    def _soltar(self) -> None:
        self.lineas.clear()
        self.anios = []
        self.padron = self.cuenta = ""

    def agregar(self, linea: Linea) -> None:
        if self.anios:
            self._soltar()
        super().agregar(linea)

    def quitar(self, indice: int) -> None:
        if self.anios:
            self._soltar()
        else:
            super().quitar(indice)

    def vaciar(self) -> None:
        super().vaciar()
        self._soltar()

    def a_json(self) -> str:
        if self.anios:
            return Borrador([], dict(self.contribuyente)).a_json()
        return super().a_json()


def emision_cuenta(borrador: Borrador, pagos: list[Pago]) -> Callable[[], Emitido] | None:
    """For Pago: how to issue this receipt when it is an account's, or None for a receipt of concepts."""
    if not isinstance(borrador, BorradorCuenta) or not borrador.anios or borrador.servicio is None:
        return None
    servicio, padron, cuenta, anios = borrador.servicio, borrador.padron, borrador.cuenta, list(borrador.anios)
    return lambda: servicio.cobrar(padron, cuenta, anios, pagos)
