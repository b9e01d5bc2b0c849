"""The selftest's window check: the app's own login window, shown and closed (offscreen without a display)."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QApplication

from jerez_pos.core.errores import ErrorJerez
from jerez_pos.gui.app import aplicacion, construir

if TYPE_CHECKING:
    from jerez_pos.ledger.terminal import Terminal


def mostrar_y_cerrar(terminal: Terminal) -> str:
    app = aplicacion()
    escritorio = construir(terminal, diferir=True)
    ventana = escritorio.ventana
    try:
        ventana.show()
        fin = time.monotonic() + 0.2
        while time.monotonic() < fin:
            QApplication.processEvents()
        mostrada = ventana.isVisible() and ventana.width() > 0
        ventana.close()
        QApplication.processEvents()
    finally:
        escritorio.principal.trabajador.detener()
    if not mostrada:
        raise ErrorJerez(f"la ventana no se mostró (plataforma {app.platformName()})")
    return f"ventana de acceso mostrada y cerrada (Qt {qVersion()}, plataforma {app.platformName()})"
