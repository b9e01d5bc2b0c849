"""The Cobro screen: find (search, by giro, catalog tree) · the concept and its form · the running receipt."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTabWidget,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from jerez_pos.gui import mensajes as M
from jerez_pos.gui import mensajes_cobro as MC
from jerez_pos.gui.vistas.comunes import boton, etiqueta, filas_tactiles_arbol, tarjeta
from jerez_pos.gui.vistas.formulario import FormularioParametros

ALTO_FILA_GIRO = 36  # px at 100 %, like the inspector's route: a row is tapped, not clicked


class PanelBuscar(QWidget):
    def __init__(self) -> None:
        super().__init__()
        capa = QVBoxLayout(self)
        capa.setContentsMargins(8, 8, 8, 8)
        self.buscador = QLineEdit()
        self.buscador.setPlaceholderText(M.BUSCAR_PISTA)
        self.buscador.setClearButtonEnabled(True)
        self.buscador.setProperty("clase", "buscador")
        self.resultados = QListWidget()
        self.resultados.setProperty("clase", "resultados")
        self.resultados.setWordWrap(True)
        self.resultados.setUniformItemSizes(False)
        self.resultados.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.estado = etiqueta(M.ESCRIBA_PARA_BUSCAR, "nota", ajustar=True)
        capa.addWidget(self.buscador)
        capa.addWidget(self.estado)
        capa.addWidget(self.resultados, 1)


class PanelGiro(QWidget):
    def __init__(self) -> None:
        super().__init__()
        capa = QVBoxLayout(self)
        capa.setContentsMargins(8, 8, 8, 8)
        self.buscador = QLineEdit()
        self.buscador.setPlaceholderText(M.GIRO_PISTA)
        self.buscador.setClearButtonEnabled(True)
        self.buscador.setProperty("clase", "buscador")
        self.giros = QListWidget()
        self.giros.setMaximumHeight(110)
        self.titulo = etiqueta(M.GIRO_ELEGIR, "subtitulo", ajustar=True)
        self.sugerencias = QTreeWidget()
        self.sugerencias.setHeaderHidden(True)
        self.sugerencias.setColumnCount(2)
        self.sugerencias.setWordWrap(True)
        self.sugerencias.setRootIsDecorated(True)
        # Rows read what sets an alternative apart ("Renovación"); the shared legal words head the group.
        self.sugerencias.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.sugerencias.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.sugerencias.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.sugerencias.header().setStretchLastSection(False)
        filas_tactiles_arbol(self.sugerencias, ALTO_FILA_GIRO)  # ticked with a finger on a tablet
        self.marcado = etiqueta(MC.GIRO_NADA_MARCADO, "total-etiqueta", ajustar=True)
        self.agregar_marcados = boton(M.AGREGAR_MARCADOS, "primario")
        capa.addWidget(self.buscador)
        capa.addWidget(self.giros)
        capa.addWidget(self.titulo)
        capa.addWidget(self.sugerencias, 1)
        capa.addWidget(self.marcado)
        capa.addWidget(self.agregar_marcados)


class PanelArbol(QWidget):
    def __init__(self) -> None:
        super().__init__()
        capa = QVBoxLayout(self)
        capa.setContentsMargins(8, 8, 8, 8)
        self.modo = QComboBox()
        self.modo.addItem(M.ARBOL_POR_TITULO, "titulo")
        self.modo.addItem(M.ARBOL_POR_RUBRO, "rubro")
        self.modo.addItem(M.ARBOL_POR_ARTICULO, "articulo")
        self.arbol = QTreeWidget()
        self.arbol.setHeaderHidden(True)
        self.arbol.setUniformRowHeights(True)
        capa.addWidget(self.modo)
        capa.addWidget(self.arbol, 1)


class PanelConcepto(QWidget):
    """The selected concept: what it is, its form, the computation explained, modifiers and warnings."""

    def __init__(self) -> None:
        super().__init__()
        exterior = QVBoxLayout(self)
        exterior.setContentsMargins(0, 0, 0, 0)
        desplazable = QScrollArea()
        desplazable.setWidgetResizable(True)
        desplazable.setFrameShape(QScrollArea.Shape.NoFrame)
        # Titles and messages wrap: at 1366×705 the form scrolls down when it must, never sideways.
        desplazable.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.desplazable = desplazable
        contenido = QWidget()
        capa = QVBoxLayout(contenido)
        capa.setContentsMargins(12, 8, 12, 8)
        capa.setSpacing(8)
        self.clave = etiqueta("", "clave")
        self.clave.hide()  # shown with the chosen concept's key
        self.titulo = etiqueta(M.ELIJA_CONCEPTO, "titulo-concepto", ajustar=True)
        self.ficha = etiqueta("", "nota", ajustar=True)
        self.avisos = etiqueta("", "aviso", ajustar=True)
        self.avisos.hide()
        self.formulario = FormularioParametros()
        self.formulario.hide()
        marco, capa_calculo = tarjeta("calculo")
        capa_calculo.addWidget(etiqueta(M.CALCULO, "campo"))
        self.explicacion = etiqueta("", "explicacion", ajustar=True)
        self.lineas_modificador = etiqueta("", "nota", ajustar=True)
        self.importe = etiqueta("", "importe")
        self.importe.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.error = etiqueta("", "error", ajustar=True)
        self.error.hide()
        for w in (self.explicacion, self.lineas_modificador, self.error):
            capa_calculo.addWidget(w)
        self.marco_calculo = marco
        marco.hide()
        self.modificadores = etiqueta("", "modificadores", ajustar=True)
        self.modificadores.setTextFormat(Qt.TextFormat.RichText)
        self.modificadores.hide()
        piezas: tuple[QWidget, ...] = (self.clave, self.titulo, self.ficha, self.avisos, self.formulario, marco)
        for pieza in (*piezas, self.modificadores):
            capa.addWidget(pieza)
        capa.addStretch(1)
        desplazable.setWidget(contenido)
        exterior.addWidget(desplazable, 1)
        # The amount stays in sight below the scrolling form, so it updates under the cashier's eyes while typing.
        self.agregar = boton(M.AGREGAR, "primario")
        self.agregar.setEnabled(False)
        exterior.addWidget(self.importe)
        exterior.addWidget(self.agregar)


class PanelRecibo(QWidget):
    def __init__(self) -> None:
        super().__init__()
        capa = QVBoxLayout(self)
        capa.setContentsMargins(8, 0, 0, 0)
        capa.addWidget(etiqueta(M.RECIBO_TITULO, "titulo-seccion"))
        datos = QGridLayout()
        datos.setHorizontalSpacing(6)
        datos.setVerticalSpacing(2)
        self.nombre = QLineEdit()
        self.nombre.setPlaceholderText(M.CONTRIBUYENTE_PISTA)
        self.rfc = QLineEdit()
        self.rfc.setPlaceholderText(M.RFC)
        self.cuenta = QLineEdit()
        self.cuenta.setPlaceholderText(M.CUENTA_CATASTRAL)
        self.padron = QLineEdit()
        self.padron.setPlaceholderText(M.PADRON)
        datos.addWidget(etiqueta(M.CONTRIBUYENTE, "campo"), 0, 0, 1, 2)
        datos.addWidget(self.nombre, 1, 0, 1, 2)
        datos.addWidget(self.rfc, 2, 0)
        datos.addWidget(self.cuenta, 2, 1)
        datos.addWidget(self.padron, 3, 0)
        capa.addLayout(datos)
        self.tabla = QTableWidget(0, 3)
        self.tabla.setHorizontalHeaderLabels(list(M.COLUMNAS_RECIBO))
        self.tabla.verticalHeader().hide()
        self.tabla.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tabla.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tabla.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tabla.setWordWrap(True)
        cabecera = self.tabla.horizontalHeader()
        cabecera.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        cabecera.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        cabecera.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        capa.addWidget(self.tabla, 1)
        self.vacio = etiqueta(M.RECIBO_VACIO, "nota", ajustar=True)
        capa.addWidget(self.vacio)
        marco, capa_total = tarjeta("totales")
        self.total = etiqueta("$0.00", "total")
        self.total.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.efectivo = etiqueta("", "nota", ajustar=True)  # wraps at 125 %, never cut
        self.efectivo.setAlignment(Qt.AlignmentFlag.AlignRight)
        fila_total = QHBoxLayout()
        fila_total.addWidget(etiqueta(M.TOTAL, "total-etiqueta"))
        fila_total.addWidget(self.total, 1)
        capa_total.addLayout(fila_total)
        capa_total.addWidget(self.efectivo)
        capa.addWidget(marco)
        # Side by side when they fit, one above the other when the panel is narrow (1366×768 at 125 %).
        self.botones = botones = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.quitar = boton(MC.QUITAR_BOTON)
        self.descartar = boton(MC.DESCARTAR_BOTON)
        self.cobrar = boton(M.COBRAR, "cobrar")
        self.quitar.setToolTip(MC.QUITAR_AYUDA)
        self.descartar.setToolTip(MC.DESCARTAR_AYUDA)
        botones.addWidget(self.quitar)
        botones.addWidget(self.descartar, 1)
        capa.addLayout(botones)
        capa.addWidget(self.cobrar)

    def resizeEvent(self, evento: QResizeEvent) -> None:
        super().resizeEvent(evento)
        capa = self.layout()
        margenes = capa.contentsMargins().left() + capa.contentsMargins().right() if capa is not None else 0
        juntos = self.quitar.sizeHint().width() + self.descartar.sizeHint().width() + self.botones.spacing()
        caben = self.width() - margenes >= juntos
        direccion = QBoxLayout.Direction.LeftToRight if caben else QBoxLayout.Direction.TopToBottom
        if self.botones.direction() != direccion:
            self.botones.setDirection(direccion)


class VistaCobro(QWidget):
    def __init__(self) -> None:
        super().__init__()
        capa = QHBoxLayout(self)
        capa.setContentsMargins(8, 8, 8, 8)
        self.pestanas = QTabWidget()
        self.buscar = PanelBuscar()
        self.giro = PanelGiro()
        self.catalogo = PanelArbol()
        self.pestanas.addTab(self.buscar, M.PESTANA_BUSCAR)
        self.pestanas.addTab(self.giro, M.PESTANA_GIRO)
        self.pestanas.addTab(self.catalogo, M.PESTANA_ARBOL)
        self.concepto = PanelConcepto()
        self.recibo = PanelRecibo()
        divisor = QSplitter(Qt.Orientation.Horizontal)
        divisor.setChildrenCollapsible(False)
        for panel, ancho in ((self.pestanas, 420), (self.concepto, 480), (self.recibo, 420)):
            panel.setMinimumWidth(300)
            divisor.addWidget(panel)
            divisor.setStretchFactor(divisor.indexOf(panel), ancho)
        divisor.setSizes([420, 480, 420])
        capa.addWidget(divisor)
