"""F1: the one key map of the app, in a scrolling dialog (it fits any window; the list is long)."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from jerez_pos.gui import mensajes_roles as R


def texto_ayuda(actual: str) -> str:
    """The key map as a table: this screen's keys, the keys that work everywhere, then every other screen."""

    def seccion(titulo: str, teclas: tuple[tuple[str, str], ...]) -> str:
        filas = "".join(
            f"<tr><td style='padding:1px 12px 1px 0'><b>{html.escape(t)}</b></td><td>{html.escape(a)}</td></tr>"
            for t, a in teclas
        )
        return f"<p><b>{html.escape(titulo)}</b></p><table>{filas}</table>"

    partes = []
    if actual in R.TECLAS_PANTALLA:
        partes.append(seccion(R.AYUDA_ESTA.format(R.NOMBRES_PANTALLA[actual]), R.TECLAS_PANTALLA[actual]))
    partes.append(seccion(R.AYUDA_GLOBALES, R.TECLAS_GLOBALES))
    for nombre, teclas in R.TECLAS_PANTALLA.items():
        if nombre != actual:
            partes.append(seccion(R.NOMBRES_PANTALLA[nombre], teclas))
    return "".join(partes)


class DialogoAyuda(QDialog):
    """The key map, scrollable (↑↓, AvPág/RePág); Esc, Enter or «Cerrar» close it."""

    def __init__(self, padre: QWidget) -> None:
        super().__init__(padre)
        self.setWindowTitle(R.AYUDA_TITULO)
        capa = QVBoxLayout(self)
        self.texto = QTextBrowser()
        capa.addWidget(self.texto, 1)
        self.cerrar = QPushButton(R.CERRAR_AYUDA)
        self.cerrar.setDefault(True)
        self.cerrar.clicked.connect(self.accept)
        capa.addWidget(self.cerrar)
