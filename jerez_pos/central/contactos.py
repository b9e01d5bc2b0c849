"""The last time each terminal spoke to central (any signed request: a batch, a status call), for the
console's Terminals page.

Written at most once a minute per terminal: the minute is remembered in memory, so a busy terminal costs
one small UPDATE a minute, not one per request (on SQLite every write transaction takes the database's
write lock, which batches need). After a restart the first request of each terminal writes again.
"""

from __future__ import annotations

import datetime as dt
import threading

import sqlalchemy as sa
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from jerez_pos.central import modelos as m
from jerez_pos.central.bd import marca_utc

INTERVALO = dt.timedelta(seconds=60)


class Contactos:
    def __init__(self, motor: Engine, intervalo: dt.timedelta = INTERVALO) -> None:
        self.motor, self.intervalo = motor, intervalo
        self._escritos: dict[int, dt.datetime] = {}
        self._cerrojo = threading.Lock()

    def anotar(self, terminal_id: int, ahora: dt.datetime) -> None:
        with self._cerrojo:
            previo = self._escritos.get(terminal_id)
            if previo is not None and dt.timedelta(0) <= ahora - previo < self.intervalo:
                return
            self._escritos[terminal_id] = ahora
        try:
            with self.motor.begin() as conexion:
                conexion.execute(
                    sa.update(m.terminal).where(m.terminal.c.id == terminal_id).values(ultimo_contacto=marca_utc(ahora))
                )
        except OperationalError:
            # Informative only: a locked or busy database must not fail the terminal's request over it.
            with self._cerrojo:
                self._escritos.pop(terminal_id, None)
