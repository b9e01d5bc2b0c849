"""A ``CampoConError`` whose input is a line edit, typed as one: screens read and set its text directly."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from jerez_pos.gui.vistas.comunes import CampoConError


class CampoTexto(CampoConError):
    editor: QLineEdit  # the same widget ``CampoConError`` builds, with its real type

    def __init__(self, titulo: str, pista: str = "", contrasena: bool = False) -> None:
        editor = QLineEdit()
        super().__init__(titulo, editor, pista)
        self.editor = editor
        if contrasena:
            editor.setEchoMode(QLineEdit.EchoMode.Password)
