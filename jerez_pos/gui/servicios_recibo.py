"""The receipt in progress as the ticket will print it (runs in the worker: the catalog gives each line's basis)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jerez_pos.core.cotizacion import Cotizacion
    from jerez_pos.gui.servicios import Servicios
    from jerez_pos.printing.lineas import LineaImpresa


def vista_previa(servicios: Servicios, cotizaciones: list[Cotizacion]) -> tuple[LineaImpresa, ...]:
    """The same lines, in the same order, that ``printing.libro`` builds for the ticket once it is charged."""
    from jerez_pos.printing.libro import consulta_del_catalogo
    from jerez_pos.printing.lineas import lineas_impresas

    return lineas_impresas([c.a_dict() for c in cotizaciones], consulta_del_catalogo(servicios.terminal))
