"""Login and "abrir turno": two centered cards, layout only."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QWidget

from jerez_pos.gui import mensajes as M
from jerez_pos.gui.vistas.campo_texto import CampoTexto
from jerez_pos.gui.vistas.comunes import boton, etiqueta, tarjeta


def _centrar(contenido: QWidget) -> QGridLayout:
    rejilla = QGridLayout()
    rejilla.setRowStretch(0, 1)
    rejilla.setRowStretch(2, 2)
    rejilla.setColumnStretch(0, 1)
    rejilla.setColumnStretch(2, 1)
    rejilla.addWidget(contenido, 1, 1)
    return rejilla


class VistaAcceso(QWidget):
    def __init__(self) -> None:
        super().__init__()
        marco, capa = tarjeta("tarjeta-acceso")
        marco.setFixedWidth(460)
        capa.addWidget(etiqueta(M.MUNICIPIO, "marca"))
        capa.addWidget(etiqueta(M.ACCESO_TITULO, "titulo"))
        capa.addWidget(etiqueta(M.ACCESO_SUBTITULO, "nota", ajustar=True))
        self.campo_usuario = CampoTexto(M.USUARIO)
        self.usuario = self.campo_usuario.editor
        self.campo_contrasena = CampoTexto(M.CONTRASENA, contrasena=True)
        self.contrasena = self.campo_contrasena.editor
        self.aviso_mayusculas = etiqueta(M.BLOQ_MAYUS, "aviso")
        self.aviso_mayusculas.hide()
        self.error = etiqueta("", "error-grande", ajustar=True)
        self.error.hide()
        self.entrar = boton(M.ENTRAR, "primario")
        for w in (self.campo_usuario, self.campo_contrasena, self.aviso_mayusculas, self.error, self.entrar):
            capa.addWidget(w)
        self.setLayout(_centrar(marco))


class VistaTurno(QWidget):
    def __init__(self) -> None:
        super().__init__()
        marco, capa = tarjeta("tarjeta-acceso")
        marco.setFixedWidth(460)
        capa.addWidget(etiqueta(M.MUNICIPIO, "marca"))
        capa.addWidget(etiqueta(M.TURNO_TITULO, "titulo"))
        self.saludo = etiqueta("", "subtitulo")
        capa.addWidget(self.saludo)
        capa.addWidget(etiqueta(M.TURNO_SUBTITULO, "nota", ajustar=True))
        self.campo_fondo = CampoTexto(M.FONDO, pista="500.00")
        self.fondo = self.campo_fondo.editor
        self.fondo.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.fondo.setProperty("clase", "monto")
        self.abrir = boton(M.ABRIR_TURNO, "primario")
        self.salir = boton(M.SALIR_SESION)
        for w in (self.campo_fondo, self.abrir, self.salir):
            capa.addWidget(w)
        self.setLayout(_centrar(marco))
