"""What the ``Servicios`` mixins rely on and ``Servicios`` provides: the session, the terminal, today."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jerez_pos.ledger.comun import Sesion
    from jerez_pos.ledger.terminal import Terminal


class ContextoServicios:
    sesion: Sesion | None

    @property
    def terminal(self) -> Terminal:  # pragma: no cover - provided by Servicios
        raise NotImplementedError

    def _sesion(self) -> Sesion:  # pragma: no cover - provided by Servicios
        raise NotImplementedError

    def hoy(self) -> dt.date:  # pragma: no cover - provided by Servicios
        raise NotImplementedError
