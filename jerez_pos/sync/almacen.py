"""What the sync client needs from local storage, as a small protocol, plus an in-memory store.

The client never deletes anything: it reads chain records, and after central acknowledges them it writes
a mark. A mark lost in a crash only means the record is sent again with the same id (central answers
``existe``); a mark can never be written before the acknowledgement, so nothing is skipped.
"""

from __future__ import annotations

import bisect
from typing import Protocol

from jerez_pos.sync.protocolo import Registro


class Almacen(Protocol):
    def pendientes(self, limite: int) -> list[Registro]:
        """Unacknowledged records, lowest sequence first."""
        ...

    def desde(self, secuencia: int, limite: int) -> list[Registro]:
        """Records from ``secuencia`` on, acknowledged or not (central asked to resend from there)."""
        ...

    def confirmar(self, refs: list[int]) -> None: ...

    def cuantos_pendientes(self) -> int: ...

    def punta(self) -> int:
        """The highest sequence this terminal has written."""
        ...


class AlmacenMemoria:
    """A list of records and a set of marks: the simulation's terminal and the benchmark's source."""

    def __init__(self, registros: list[Registro] | None = None) -> None:
        self.registros: list[Registro] = sorted(registros or [], key=lambda r: r.secuencia)
        self.confirmados: set[int] = set()
        self._primero_pendiente = 0  # index below which everything is confirmed: keeps 100 000 records fast

    def agregar(self, registro: Registro) -> None:
        bisect.insort(self.registros, registro, key=lambda r: r.secuencia)  # an append, in chain order

    def _avanzar(self) -> None:
        while (
            self._primero_pendiente < len(self.registros)
            and self.registros[self._primero_pendiente].ref in self.confirmados
        ):
            self._primero_pendiente += 1

    def pendientes(self, limite: int) -> list[Registro]:
        self._avanzar()
        resultado: list[Registro] = []
        for registro in self.registros[self._primero_pendiente :]:
            if registro.ref not in self.confirmados:
                resultado.append(registro)
                if len(resultado) == limite:
                    break
        return resultado

    def desde(self, secuencia: int, limite: int) -> list[Registro]:
        # Records are appended in chain order, so a binary search finds the start (the client reads ahead
        # with this after every batch: a scan would make a 100 000-record sync quadratic).
        inicio = bisect.bisect_left(self.registros, secuencia, key=lambda r: r.secuencia)
        return self.registros[inicio : inicio + limite]

    def confirmar(self, refs: list[int]) -> None:
        self.confirmados.update(refs)

    def cuantos_pendientes(self) -> int:
        return sum(1 for r in self.registros if r.ref not in self.confirmados)

    def punta(self) -> int:
        return self.registros[-1].secuencia if self.registros else 0
