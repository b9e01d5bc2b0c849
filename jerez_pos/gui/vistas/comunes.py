"""Small layout pieces every screen uses: titled labels, buttons that show their key, field + error rows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget


def etiqueta(texto: str = "", clase: str = "", ajustar: bool = False) -> QLabel:
    """A label whose ``clase`` property the stylesheet uses (titulo, aviso, error, total...)."""
    label = QLabel(texto)
    if clase:
        label.setProperty("clase", clase)
    label.setWordWrap(ajustar)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def boton(texto: str, clase: str = "") -> QPushButton:
    b = QPushButton(texto)
    if clase:
        b.setProperty("clase", clase)
    b.setCursor(Qt.CursorShape.PointingHandCursor)
    b.setAutoDefault(False)
    return b


def tarjeta(clase: str = "tarjeta") -> tuple[QFrame, QVBoxLayout]:
    marco = QFrame()
    marco.setProperty("clase", clase)
    capa = QVBoxLayout(marco)
    capa.setContentsMargins(16, 14, 16, 14)
    capa.setSpacing(8)
    return marco, capa


class CampoConError(QWidget):
    """Label, input and the validation message right under it (messages in place, not in a popup)."""

    def __init__(self, titulo: str, editor: QWidget | None = None, pista: str = "") -> None:
        super().__init__()
        capa = QVBoxLayout(self)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.setSpacing(2)
        self.titulo = etiqueta(titulo, "campo")
        self.editor = editor or QLineEdit()
        if pista and isinstance(self.editor, QLineEdit):
            self.editor.setPlaceholderText(pista)
        self.titulo.setBuddy(self.editor)
        self.error = etiqueta("", "error", ajustar=True)
        self.error.hide()
        capa.addWidget(self.titulo)
        capa.addWidget(self.editor)
        capa.addWidget(self.error)

    def mostrar_error(self, mensaje: str) -> None:
        self.error.setText(mensaje)
        self.error.setVisible(bool(mensaje))
        self.editor.setProperty("invalido", bool(mensaje))
        self.editor.style().unpolish(self.editor)
        self.editor.style().polish(self.editor)


def fila(*widgets: QWidget, estirar: bool = True) -> QHBoxLayout:
    capa = QHBoxLayout()
    capa.setSpacing(8)
    for w in widgets:
        capa.addWidget(w)
    if estirar:
        capa.addStretch(1)
    return capa


def refrescar_estilo(widget: QWidget) -> None:
    """A dynamic property changed: re-apply the stylesheet to this widget."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)
