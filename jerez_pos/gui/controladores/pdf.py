""" "Guardar PDF" for any screen: ask where (a save dialog), write it in the worker, say where it went.

The dialog is ``QFileDialog.getSaveFileName`` (tests patch it to return a temporary path). A path typed
without ``.pdf`` gets it; a folder that cannot be written is a message in place, not a crash dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QWidget

from jerez_pos.core.errores import ErrorJerez
from jerez_pos.gui import mensajes as M
from jerez_pos.gui.controladores.principal import sin_campo

if TYPE_CHECKING:
    from jerez_pos.gui.controladores.principal import Principal

Aviso = Callable[[str, str], None]  # (text, style class)
_carpeta: list[Path] = []  # the last folder chosen, offered again next time


def pedir_ruta(padre: QWidget, titulo: str, nombre: str) -> Path | None:
    inicio = _carpeta[-1] if _carpeta else Path.home()
    elegida, _ = QFileDialog.getSaveFileName(padre, titulo, str(inicio / nombre), M.PDF_FILTRO)
    if not elegida:
        return None
    ruta = Path(elegida)
    if ruta.suffix.lower() != ".pdf":
        ruta = ruta.with_name(ruta.name + ".pdf")
    _carpeta[:] = [ruta.parent]
    return ruta


def guardar_pdf(
    app: Principal, padre: QWidget, titulo: str, nombre: str, escribir: Callable[[Path], Path], aviso: Aviso
) -> None:
    ruta = pedir_ruta(padre, titulo, nombre)
    if ruta is None:
        return
    aviso(M.PDF_GUARDANDO, "nota")

    def fallo(error: BaseException, detalle: str) -> None:
        if isinstance(error, ErrorJerez):
            aviso(sin_campo(error), "error-grande")
        elif isinstance(error, OSError):
            aviso(M.PDF_NO_ESCRITO.format(ruta=ruta, motivo=error.strerror or type(error).__name__), "error-grande")
        else:
            app.mostrar_falla(error, detalle)

    app.trabajador.enviar(lambda: escribir(ruta), lambda hecho: aviso(M.PDF_GUARDADO.format(hecho), "exito"), fallo)
