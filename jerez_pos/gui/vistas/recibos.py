"""Recibos: search (folio, name, concept, dates), the list, one receipt's detail, reprint, void, chain."""

from __future__ import annotations

from PySide6.QtCore import Qt
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
from jerez_pos.gui.vistas.comunes import CampoConError, ColumnasAjustadas, boton, dos_columnas, etiqueta, tarjeta


def tabla(columnas: tuple[str, ...], estirar: int) -> QTableWidget:
    """A read-only, row-selecting table (shared by the screens that list things)."""
    t = QTableWidget(0, len(columnas))
    t.setHorizontalHeaderLabels(list(columnas))
    t.verticalHeader().hide()
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setAlternatingRowColors(True)
    cabecera = t.horizontalHeader()
    for columna in range(len(columnas)):
        cabecera.setSectionResizeMode(columna, QHeaderView.ResizeMode.ResizeToContents)
    cabecera.setSectionResizeMode(estirar, QHeaderView.ResizeMode.Stretch)
    return t


class VistaRecibos(QWidget):
    def __init__(self) -> None:
        super().__init__()
        capa, izquierda = dos_columnas(self)
        izquierda.addWidget(etiqueta(M.RECIBOS_TITULO, "titulo"))
        filtros = QGridLayout()
        filtros.setHorizontalSpacing(8)
        self.buscar_folio = CampoConError(M.BUSCAR_FOLIO, pista="DEMO-1")
        self.buscar_nombre = CampoConError(M.BUSCAR_NOMBRE, pista="María López")
        self.buscar_clave = CampoConError(M.BUSCAR_CLAVE, pista="A85-II")
        self.buscar_desde = CampoConError(M.BUSCAR_DESDE, pista="01/01/2024")
        self.buscar_hasta = CampoConError(M.BUSCAR_HASTA, pista="31/12/2024")
        self.filtros = (self.buscar_folio, self.buscar_nombre, self.buscar_clave, self.buscar_desde, self.buscar_hasta)
        for columna, campo in enumerate(self.filtros):
            filtros.addWidget(campo, 0, columna)
        filtros.setColumnStretch(1, 2)
        self.buscar = boton(M.BUSCAR_RECIBOS, "primario")
        self.turno = boton(M.VER_TURNO)
        izquierda.addLayout(filtros)
        fila_nota = QHBoxLayout()
        self.nota = etiqueta("", "nota", ajustar=True)
        fila_nota.addWidget(self.nota, 1)
        fila_nota.addWidget(self.buscar)
        fila_nota.addWidget(self.turno)
        izquierda.addLayout(fila_nota)
        self.tabla = tabla(M.COLUMNAS_RECIBOS, 3)
        # Folio, Fecha, Total and Estado always whole; Contribuyente and Conceptos share the rest (elided).
        self.columnas = ColumnasAjustadas(self.tabla, (2, 3), (2, 3))
        izquierda.addWidget(self.tabla, 1)
        self.cadena = etiqueta("", "nota", ajustar=True)
        self.pendientes = etiqueta("", "nota", ajustar=True)
        izquierda.addWidget(self.cadena)
        izquierda.addWidget(self.pendientes)
        capa.addLayout(izquierda, 3)

        derecha = QVBoxLayout()
        detalle, capa_detalle = tarjeta()
        capa_detalle.addWidget(etiqueta(M.DETALLE_TITULO, "subtitulo"))
        self.detalle = etiqueta(M.DETALLE_VACIO, "resumen", ajustar=True)
        self.detalle.setTextFormat(Qt.TextFormat.RichText)
        capa_detalle.addWidget(self.detalle, 1)
        botones = QGridLayout()  # two by two: the screen fits 1366×705 at 125 % scaling
        self.reimprimir = boton(M.REIMPRIMIR)
        self.verificar = boton(M.VERIFICAR_CADENA)
        self.reintentar = boton(M.REINTENTAR)
        self.pdf = boton(M.GUARDAR_PDF_RECIBO)
        for n, b in enumerate((self.reimprimir, self.pdf, self.verificar, self.reintentar)):
            botones.addWidget(b, n // 2, n % 2)
        capa_detalle.addLayout(botones)
        derecha.addWidget(detalle, 3)

        marco, capa_anular = tarjeta("autorizacion")
        capa_anular.addWidget(etiqueta(M.ANULAR.split("  ")[0], "subtitulo"))
        self.folio = CampoConError(M.FOLIO, pista="DEMO-1")
        self.supervisor = CampoConError(M.SUPERVISOR)
        self.contrasena = CampoConError(M.SUPERVISOR_CONTRASENA)
        self.contrasena.editor.setEchoMode(QLineEdit.EchoMode.Password)  # type: ignore[attr-defined]
        self.motivo = CampoConError(M.MOTIVO)
        rejilla = QGridLayout()
        rejilla.addWidget(self.folio, 0, 0)
        rejilla.addWidget(self.supervisor, 0, 1)
        rejilla.addWidget(self.contrasena, 1, 0)
        rejilla.addWidget(self.motivo, 1, 1)
        capa_anular.addLayout(rejilla)
        self.mensaje = etiqueta("", "nota", ajustar=True)
        capa_anular.addWidget(self.mensaje)
        fila = QHBoxLayout()
        self.anular = boton(M.ANULAR, "peligro")
        self.regresar = boton(M.REGRESAR)
        self.descartar = boton(M.DESCARTAR)  # same supervisor, folio and reason as a void
        fila.addWidget(self.regresar)
        fila.addWidget(self.descartar, 1)
        capa_anular.addLayout(fila)
        capa_anular.addWidget(self.anular)
        derecha.addWidget(marco, 2)
        capa.addLayout(derecha, 2)
