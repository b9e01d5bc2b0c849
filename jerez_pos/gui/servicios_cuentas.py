"""One-line operations of the account screens over the headless services (no Qt; everything runs in the worker).

The search index lives here, in the worker thread: it is built the first time the tab is shown and again only
when the roll changed (``cuentas_busqueda.version``), so each keystroke is a scan in memory.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jerez_pos.core.cotizacion import Cotizacion
    from jerez_pos.gui.servicios import Servicios
    from jerez_pos.ledger.cuentas_busqueda import Encontrada, Indice, PagoCuenta
    from jerez_pos.ledger.cuentas_refrendo import SinRefrendo
    from jerez_pos.ledger.pagos import Pago
    from jerez_pos.ledger.recibos import Emitido

LIMITE = 40


@dataclass(frozen=True)
class AnioCuenta:
    """One owed year as ``jerez-pos adeudo`` prices it, with the lines ``cobrar-adeudo`` would issue."""

    ejercicio: int
    impuesto: Decimal
    descuentos: Decimal
    actualizacion: Decimal
    recargos: Decimal
    total: Decimal
    lineas: tuple[Cotizacion, ...]


@dataclass(frozen=True)
class TarjetaCuenta:
    padron: str
    cuenta: str
    titular: str
    domicilio: str
    datos: dict[str, str]
    giro_nombre: str
    fecha: dt.date
    pagado_hasta: int
    anios: tuple[AnioCuenta, ...]
    total: Decimal
    historial: tuple[PagoCuenta, ...]
    advertencias: tuple[str, ...]


class ServiciosCuentas:
    def __init__(self, servicios: Servicios) -> None:
        self.servicios = servicios
        # The clock of the card and of the charge: one reading for both, so the card shows what is issued.
        self.reloj: Callable[[], dt.datetime] = dt.datetime.now
        self._indice: Indice | None = None

    def _indice_vigente(self) -> Indice:
        from jerez_pos.ledger import cuentas_busqueda

        bd = self.servicios.terminal.bd
        if self._indice is None or self._indice.version != cuentas_busqueda.version(bd):
            self._indice = cuentas_busqueda.construir(bd)
        return self._indice

    def preparar(self) -> int:
        """When the tab opens: the first keystroke then finds the index ready. The number of accounts."""
        return len(self._indice_vigente())

    def buscar(self, texto: str) -> list[Encontrada]:
        return self._indice_vigente().buscar(texto, LIMITE)

    def tarjeta(self, padron: str, cuenta: str) -> TarjetaCuenta:
        from jerez_pos.ledger import cuentas, cuentas_busqueda
        from jerez_pos.ledger.cuentas_padron import COMERCIO

        terminal = self.servicios.terminal
        fecha = self.reloj().date()
        adeudo = cuentas.adeudo(terminal, padron, cuenta, fecha)
        registro = adeudo.cuenta
        giro_nombre = ""
        if registro.padron == COMERCIO:
            giro = terminal.catalogo(fecha).giro(int(registro.datos["giro"]))
            giro_nombre = giro.nombre if giro is not None else ""
        anios = []
        for a in adeudo.anios:
            partes = a.partes()
            anios.append(
                AnioCuenta(
                    a.ejercicio,
                    partes["impuesto"],
                    partes["descuentos"],
                    partes["actualizacion"],
                    partes["recargos"],
                    a.total,
                    a.cotizaciones,
                )
            )
        return TarjetaCuenta(
            registro.padron,
            registro.cuenta,
            registro.titular,
            registro.domicilio,
            dict(registro.datos),
            giro_nombre,
            fecha,
            adeudo.pagado_hasta,
            tuple(anios),
            adeudo.total,
            tuple(cuentas_busqueda.historial(terminal.bd, registro.padron, registro.cuenta)),
            tuple(adeudo.advertencias),
        )

    def cobrar(self, padron: str, cuenta: str, anios: list[int], pagos: list[Pago]) -> Emitido:
        """Exactly ``jerez-pos cobrar-adeudo``: the ledger checks the years again inside the transaction."""
        from jerez_pos.ledger import cuentas

        emitido, _registro, _anios = cuentas.cobrar(
            self.servicios.terminal, self.servicios._sesion(), padron, cuenta, pagos, anios, reloj=self.reloj
        )
        return emitido

    def estado_pdf(self, padron: str, cuenta: str, ruta: Path) -> Path:
        from jerez_pos.ledger import cuentas
        from jerez_pos.printing.pdf.estado_cuenta import estado_cuenta_pdf

        terminal = self.servicios.terminal
        return estado_cuenta_pdf(terminal, cuentas.adeudo(terminal, padron, cuenta, self.reloj().date()), ruta)

    def sin_refrendo(self) -> list[SinRefrendo]:
        from jerez_pos.ledger.cuentas_refrendo import sin_refrendo

        return sin_refrendo(self.servicios.terminal, self.reloj().date())
