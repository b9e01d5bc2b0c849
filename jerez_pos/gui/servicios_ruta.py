"""The inspector's route as the screen shows it: each stall with its fee and the day's mark (no Qt here).

Functions over ``Servicios`` (they run in the worker, like its methods): the fee is the stall's own daily
charge quoted by the ledger's engine and adjusted as cash is (Art. 20), so the row says what Enter charges.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jerez_pos.gui.servicios import Servicios
    from jerez_pos.ledger.padron import EnRuta


@dataclass(frozen=True)
class FilaRuta:
    en_ruta: EnRuta
    cuota: Decimal  # cash the stall pays today (Art. 72/75/76 fee, Art. 20 adjusted)
    marca: str | None  # "ausente" | "cerrado" | None


def ruta_con_cuotas(servicios: Servicios, tianguis: str | None) -> list[FilaRuta]:
    from jerez_pos.core.dinero import ajuste_efectivo
    from jerez_pos.ledger import padron, visitas

    terminal = servicios.terminal
    hoy = servicios.hoy()
    marcas = visitas.del_dia(terminal.bd, hoy)
    cuotas: dict[tuple[str, tuple[tuple[str, str], ...]], Decimal] = {}
    filas = []
    for x in padron.ruta_del_dia(terminal.bd, hoy, tianguis or None):
        parametros = x.puesto.parametros()
        llave = (x.puesto.clave_cobro, tuple(sorted(parametros.items())))
        if llave not in cuotas:  # most stalls share their fee: quoted once per kind
            cuotas[llave] = ajuste_efectivo(terminal.cotizar(x.puesto.clave_cobro, parametros, hoy).total)
        filas.append(FilaRuta(x, cuotas[llave], marcas.get(x.puesto.clave)))
    return filas


def marcar_puesto(servicios: Servicios, clave: str, estado: str) -> str:
    from jerez_pos.ledger import visitas

    return visitas.marcar(servicios.terminal.bd, servicios._sesion(), clave, estado)
