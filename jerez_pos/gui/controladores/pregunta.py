"""A yes/no question the cashier answers with Enter (yes) or Esc (no), without a nested event loop."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from jerez_pos.gui import mensajes_cobro as MC

SI = QMessageBox.StandardButton.Yes
NO = QMessageBox.StandardButton.No


def preguntar(
    padre: QWidget, titulo: str, texto: str, si: Callable[[], None], anterior: QMessageBox | None = None
) -> QMessageBox:
    """Shows the question and returns it (it stays until the next one replaces it, ``anterior``); ``si`` runs
    only when the answer is yes. The keyboard focus goes back where it was, so the cashier keeps typing."""
    if anterior is not None:
        anterior.deleteLater()
    foco = QApplication.focusWidget()
    caja = QMessageBox(QMessageBox.Icon.Question, titulo, texto, SI | NO, padre)
    caja.setDefaultButton(SI)
    caja.setEscapeButton(NO)
    boton_si, boton_no = caja.button(SI), caja.button(NO)
    if boton_si is not None:
        boton_si.setText(MC.SI)
    if boton_no is not None:
        boton_no.setText(MC.NO)

    def al_cerrar(respuesta: int) -> None:
        padre.window().activateWindow()
        if foco is not None and foco.isVisible():
            foco.setFocus()
        if respuesta == SI.value:
            si()

    caja.finished.connect(al_cerrar)
    caja.open()  # open(), not exec(): the worker's answers keep arriving while the question is up
    return caja
