"""Small pieces every ledger service shares: the clock, canonical JSON, roles and their errors."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from jerez_pos.core.errores import ErrorJerez

FORMATO_FECHA = "%Y-%m-%dT%H:%M:%S"  # fixed width, so text order is time order
ROLES = ("cajero", "inspector", "supervisor", "administrador")

Reloj = Callable[[], dt.datetime]


def reloj_sistema() -> dt.datetime:
    return dt.datetime.now()


def marca(momento: dt.datetime) -> str:
    return momento.strftime(FORMATO_FECHA)


def canonico(datos: Any) -> bytes:
    """The one serialization that is hashed: sorted keys, no spaces, UTF-8."""
    return json.dumps(datos, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


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
