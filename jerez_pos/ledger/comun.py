"""Small pieces every ledger service shares: the clock, roles and their errors (and ``canonico``, re-exported)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from jerez_pos.core.documento import canonico  # kept importable here: the one definition is in core
from jerez_pos.core.errores import ErrorJerez

__all__ = [
    "FORMATO_FECHA",
    "ROLES",
    "EstadoInvalido",
    "Reloj",
    "Sesion",
    "SinPermiso",
    "canonico",
    "marca",
    "reloj_sistema",
]

FORMATO_FECHA = "%Y-%m-%dT%H:%M:%S"  # fixed width, so text order is time order
ROLES = ("cajero", "inspector", "supervisor", "administrador")

Reloj = Callable[[], dt.datetime]


def reloj_sistema() -> dt.datetime:
    return dt.datetime.now()


def marca(momento: dt.datetime) -> str:
    return momento.strftime(FORMATO_FECHA)


class SinPermiso(ErrorJerez):
    pass


class EstadoInvalido(ErrorJerez):
    """The action is well formed but the ledger's state forbids it (no open shift, closed shift...)."""


@dataclass(frozen=True)
class Sesion:
    """A user who proved their password in this process; services check ``rol`` themselves."""

    usuario_id: int
    usuario: str
    rol: str

    def exigir(self, accion: str, *roles: str) -> None:
        if self.rol not in roles:
            permitidos = ", ".join(roles)
            raise SinPermiso(f"usuario: «{self.usuario}» ({self.rol}) no puede {accion}; se requiere {permitidos}")
