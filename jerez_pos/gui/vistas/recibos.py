"""Recibos del turno: the list, and the void form that asks for a supervisor's credentials."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from jerez_pos.gui import mensajes as M
from jerez_pos.gui.vistas.comunes import CampoConError, boton, etiqueta, tarjeta


class VistaRecibos(QWidget):
    def __init__(self) -> None:
        super().__init__()
        capa = QHBoxLayout(self)
        capa.setContentsMargins(16, 12, 16, 12)
        izquierda = QVBoxLayout()
        izquierda.addWidget(etiqueta(M.RECIBOS_TITULO, "titulo"))
        self.nota = etiqueta("", "nota", ajustar=True)
        izquierda.addWidget(self.nota)
        self.tabla = QTableWidget(0, len(M.COLUMNAS_RECIBOS))
        self.tabla.setHorizontalHeaderLabels(list(M.COLUMNAS_RECIBOS))
        self.tabla.verticalHeader().hide()
        self.tabla.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tabla.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tabla.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        cabecera = self.tabla.horizontalHeader()
        for columna in range(len(M.COLUMNAS_RECIBOS)):
            cabecera.setSectionResizeMode(columna, QHeaderView.ResizeMode.ResizeToContents)
        cabecera.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        izquierda.addWidget(self.tabla, 1)
        capa.addLayout(izquierda, 3)

        marco, capa_anular = tarjeta()
        marco.setMaximumWidth(420)
        capa_anular.addWidget(etiqueta(M.ANULAR.split("  ")[0], "subtitulo"))
        self.folio = CampoConError(M.FOLIO, pista="DEMO-1")
        self.supervisor = CampoConError(M.SUPERVISOR)
        self.contrasena = CampoConError(M.SUPERVISOR_CONTRASENA)
        self.contrasena.editor.setEchoMode(QLineEdit.EchoMode.Password)  # type: ignore[attr-defined]
        self.motivo = CampoConError(M.MOTIVO)
        rejilla = QGridLayout()
        rejilla.addWidget(self.folio, 0, 0)
        rejilla.addWidget(self.supervisor, 1, 0)
        rejilla.addWidget(self.contrasena, 2, 0)
        rejilla.addWidget(self.motivo, 3, 0)
        capa_anular.addLayout(rejilla)
        self.mensaje = etiqueta("", "nota", ajustar=True)
        capa_anular.addWidget(self.mensaje)
        capa_anular.addStretch(1)
        self.anular = boton(M.ANULAR, "peligro")
        self.regresar = boton(M.REGRESAR)
        capa_anular.addWidget(self.anular)
        capa_anular.addWidget(self.regresar)
        capa.addWidget(marco, 2)
