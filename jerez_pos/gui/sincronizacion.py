"""The Qt side of the sync loop: a signal bridge over ``jerez_pos.sync.bucle.BucleSincronizacion``.

The loop is core code with plain threads (like Electrum's plugins, the GUI only wraps it): its progress
callback runs in the sync thread and just emits ``cambio``; Qt queues the signal to the window's thread,
so the status bar is only ever touched there. The loop owns its own sync client (its own SQLite
connections), so it never goes through the GUI's worker and never delays a charge.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from jerez_pos.sync.bucle import BucleSincronizacion, Cliente, EstadoSincronizacion

INTERVALO_S = 60.0


class PuenteSincronizacion(QObject):
    """``cambio(EstadoSincronizacion)`` is emitted on every batch and every cycle, received in the GUI thread."""

    cambio = Signal(object)

    def __init__(
        self, crear_cliente: Callable[[], Cliente], intervalo: float = INTERVALO_S, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        from jerez_pos.sync.bucle import BucleSincronizacion

        self.bucle: BucleSincronizacion = BucleSincronizacion(
            crear_cliente, intervalo=intervalo, al_progresar=self._emitir
        )

    def _emitir(self, estado: EstadoSincronizacion) -> None:  # runs in the sync thread
        self.cambio.emit(estado)

    def iniciar(self) -> None:
        self.bucle.iniciar()
        self.cambio.emit(self.bucle.estado())

    def sincronizar_ahora(self) -> None:
        self.bucle.sincronizar_ahora()

    def estado(self) -> EstadoSincronizacion:
        return self.bucle.estado()

    def detener(self, espera: float = 10.0) -> bool:
        return self.bucle.detener(espera)


def cliente_predeterminado(directorio: Path) -> Callable[[], Cliente]:
    """The real client: the terminal's ledger, key and enrolled server, opened inside the sync thread."""
    from jerez_pos.sync.bucle import cliente_de_terminal

    return cliente_de_terminal(directorio)
