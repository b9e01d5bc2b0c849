"""Corte de caja: blind count by denomination with a live total, then expected vs counted."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jerez_pos.gui import mensajes as M
from jerez_pos.gui.vistas.campo_texto import CampoTexto
from jerez_pos.gui.vistas.comunes import boton, etiqueta, tarjeta
from jerez_pos.gui.vistas.grafica import GraficaRubros


class VistaCorte(QWidget):
    def __init__(self, denominaciones: list[str]) -> None:
        super().__init__()
        capa = QHBoxLayout(self)
        capa.setContentsMargins(16, 12, 16, 12)
        capa.setSpacing(16)
        izquierda = QVBoxLayout()
        izquierda.addWidget(etiqueta(M.CORTE_TITULO, "titulo"))
        izquierda.addWidget(etiqueta(M.CORTE_CIEGO, "nota", ajustar=True))
        self.tabla = QTableWidget(len(denominaciones), len(M.COLUMNAS_CONTEO))
        self.tabla.setHorizontalHeaderLabels(list(M.COLUMNAS_CONTEO))
        self.tabla.verticalHeader().hide()
        self.tabla.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.tabla.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.piezas: list[QLineEdit] = []
        self.subtotales: list[QTableWidgetItem] = []  # column 2, one per denomination
        for renglon, texto in enumerate(denominaciones):
            celda = QTableWidgetItem(texto)
            celda.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            celda.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tabla.setItem(renglon, 0, celda)
            # A line edit, not a QSpinBox: a counted drawer is typed, never clicked up and down.
            piezas = QLineEdit()
            piezas.setValidator(QIntValidator(0, 99999, piezas))
            piezas.setAlignment(Qt.AlignmentFlag.AlignRight)
            piezas.setPlaceholderText("0")
            self.piezas.append(piezas)
            self.tabla.setCellWidget(renglon, 1, piezas)
            subtotal = QTableWidgetItem("$0.00")
            subtotal.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            subtotal.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tabla.setItem(renglon, 2, subtotal)
            self.subtotales.append(subtotal)
        self.tabla.verticalHeader().setDefaultSectionSize(34)
        izquierda.addWidget(self.tabla, 1)
        fila_contado = QHBoxLayout()
        fila_contado.addWidget(etiqueta(M.CONTADO, "total-etiqueta"))
        self.contado = etiqueta("$0.00", "total")
        self.contado.setAlignment(Qt.AlignmentFlag.AlignRight)
        fila_contado.addWidget(self.contado, 1)
        izquierda.addLayout(fila_contado)
        capa.addLayout(izquierda, 3)

        derecha = QVBoxLayout()
        self.resultado, capa_res = tarjeta()
        self.resumen = etiqueta("", "resumen", ajustar=True)
        self.resumen.setTextFormat(Qt.TextFormat.RichText)
        capa_res.addWidget(self.resumen)
        rejilla = QGridLayout()
        self.esperado = etiqueta("", "cifra")
        self.diferencia = etiqueta("", "cambio")
        rejilla.addWidget(etiqueta(M.ESPERADO, "campo"), 0, 0)
        rejilla.addWidget(self.esperado, 0, 1, Qt.AlignmentFlag.AlignRight)
        rejilla.addWidget(etiqueta(M.DIFERENCIA, "campo"), 1, 0)
        rejilla.addWidget(self.diferencia, 1, 1, Qt.AlignmentFlag.AlignRight)
        capa_res.addLayout(rejilla)
        self.resultado.hide()
        derecha.addWidget(self.resultado)

        self.firma, capa_firma = tarjeta("autorizacion")
        capa_firma.addWidget(etiqueta(M.DIFERENCIA_SUPERVISOR, "aviso", ajustar=True))
        self.supervisor = CampoTexto(M.SUPERVISOR)
        self.contrasena = CampoTexto(M.SUPERVISOR_CONTRASENA, contrasena=True)
        capa_firma.addWidget(self.supervisor)
        capa_firma.addWidget(self.contrasena)
        self.firma.hide()
        derecha.addWidget(self.firma)
        self.mensaje = etiqueta("", "error-grande", ajustar=True)
        self.mensaje.hide()
        derecha.addWidget(self.mensaje)
        self.pdf = boton(M.GUARDAR_PDF_CORTE, "primario")
        self.pdf.hide()  # only a closed corte is saved: a preliminary one is still blind
        self.mensaje_pdf = etiqueta("", "nota", ajustar=True)
        derecha.addWidget(self.pdf)
        derecha.addWidget(self.mensaje_pdf)
        derecha.addStretch(1)
        self.revisar = boton(M.REVISAR_CONTEO, "primario")
        self.cerrar = boton(M.CERRAR_TURNO, "cobrar")
        self.cerrar.setEnabled(False)
        self.regresar = boton(M.REGRESAR)
        for b in (self.revisar, self.cerrar, self.regresar):
            derecha.addWidget(b)
        capa.addLayout(derecha, 3)

        # The chart has a column of its own (full height, scrolls past ~14 rubros at 1366×768); like the
        # expected cash it stays hidden until the count is done.
        self.panel_grafica, capa_grafica = tarjeta()
        self.grafica = GraficaRubros()
        capa_grafica.addWidget(self.grafica, 1)
        self.panel_grafica.hide()
        capa.addWidget(self.panel_grafica, 3)
