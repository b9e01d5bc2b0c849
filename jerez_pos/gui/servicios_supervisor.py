"""The supervisor's home over the ledger (no Qt here; run in the worker): everyone's shifts, another
cashier's corte, closing it with the supervisor's own signature. None of it needs the supervisor's shift."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jerez_pos.gui.servicios import Servicios
    from jerez_pos.ledger.corte import Corte
    from jerez_pos.ledger.turnos import ResumenTurno


def turnos_del_dia(servicios: Servicios) -> list[ResumenTurno]:
    from jerez_pos.ledger import turnos

    return turnos.del_dia(servicios.terminal.bd, servicios._sesion(), servicios.hoy())


def corte_de(servicios: Servicios, cajero: str) -> Corte:
    """The cashier's open shift as the corte shows it (blind until the cashier records a count)."""
    from jerez_pos.ledger import corte

    return corte.preliminar(servicios.terminal.bd, servicios._sesion(), cajero)


def cerrar_de(servicios: Servicios, cajero: str, contrasena: str) -> Corte:
    """Closes the cashier's shift with its last count; the supervisor signs again with the password."""
    from jerez_pos.ledger import corte, usuarios

    sesion = servicios._sesion()
    firma = usuarios.autenticar(servicios.terminal.bd, sesion.usuario, contrasena)
    return corte.cerrar(servicios.terminal.bd, sesion, cajero=cajero, supervisor=firma)


def impresiones_pendientes(servicios: Servicios) -> int:
    return len(servicios.pendientes_impresion())
