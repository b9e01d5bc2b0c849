"""Small layout pieces every screen uses: titled labels, buttons that show their key, field + error rows."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)


def etiqueta(texto: str = "", clase: str = "", ajustar: bool = False) -> QLabel:
    """A label whose ``clase`` property the stylesheet uses (titulo, aviso, error, total...)."""
    label = QLabel(texto)
    if clase:
        label.setProperty("clase", clase)
    label.setWordWrap(ajustar)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def dos_columnas(vista: QWidget) -> tuple[QHBoxLayout, QVBoxLayout]:
    """The frame every list screen shares (margins and spacing of the house style): the screen's row layout
    and its left column, which the caller fills and adds."""
    capa = QHBoxLayout(vista)
    capa.setContentsMargins(16, 12, 16, 12)
    capa.setSpacing(14)
    return capa, QVBoxLayout()


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


def avisar(etiqueta: QLabel, texto: str, clase: str = "exito") -> None:
    """A status label's text and its style class (``exito``, ``error``…), repainted at once."""
    etiqueta.setText(texto)
    etiqueta.setProperty("clase", clase)
    refrescar_estilo(etiqueta)


class ColumnasAjustadas(QObject):
    """Keeps a table exactly as wide as its viewport, so the fixed columns (Total, Estado…) never fall off.

    The fixed columns fit their contents; the ``flexibles`` (names, concepts) share what is left and elide
    their text (the full text is the cell's tooltip). The cashier can drag a flexible column wider: the
    next flexible one gives up the same width (never below ``MINIMO``), so the row still fits the screen.
    """

    MINIMO = 60

    def __init__(self, tabla: QTableWidget, flexibles: tuple[int, ...], pesos: tuple[int, ...] = ()) -> None:
        super().__init__(tabla)
        self.tabla = tabla
        self.flexibles = flexibles
        self.pesos = pesos or tuple(1 for _ in flexibles)
        self._ajustando = False
        cabecera = tabla.horizontalHeader()
        cabecera.setStretchLastSection(False)
        cabecera.setMinimumSectionSize(40)
        for columna in range(tabla.columnCount()):
            modo = (
                QHeaderView.ResizeMode.Interactive if columna in flexibles else QHeaderView.ResizeMode.ResizeToContents
            )
            cabecera.setSectionResizeMode(columna, modo)
        tabla.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        tabla.setTextElideMode(Qt.TextElideMode.ElideRight)
        tabla.setWordWrap(False)
        tabla.viewport().installEventFilter(self)
        cabecera.sectionResized.connect(self._al_arrastrar)
        # Filling a table changes many cells: one adjustment once the event loop is back, not one per cell.
        self._pendiente = QTimer(self)
        self._pendiente.setSingleShot(True)
        self._pendiente.setInterval(0)
        self._pendiente.timeout.connect(self.ajustar)
        modelo = tabla.model()
        modelo.rowsInserted.connect(lambda *_: self._pendiente.start())
        modelo.modelReset.connect(self._pendiente.start)
        modelo.dataChanged.connect(lambda *_: self._pendiente.start())

    def eventFilter(self, objeto: QObject, evento: QEvent) -> bool:
        if evento.type() == QEvent.Type.Resize:
            self.ajustar()
        return False

    def _libre(self) -> int:
        cabecera = self.tabla.horizontalHeader()
        fijas = sum(cabecera.sectionSize(c) for c in range(self.tabla.columnCount()) if c not in self.flexibles)
        return max(self.tabla.viewport().width() - fijas, self.MINIMO * len(self.flexibles))

    def ajustar(self) -> None:
        """Shares the free width among the flexible columns by weight."""
        if self._ajustando:
            return
        self._ajustando = True
        try:
            libre, total = self._libre(), sum(self.pesos)
            cabecera = self.tabla.horizontalHeader()
            restante = libre
            for n, (columna, peso) in enumerate(zip(self.flexibles, self.pesos, strict=True)):
                ancho = restante if n == len(self.flexibles) - 1 else libre * peso // total
                cabecera.resizeSection(columna, max(ancho, self.MINIMO))
                restante -= ancho
        finally:
            self._ajustando = False

    def _al_arrastrar(self, columna: int, _antes: int, _ahora: int) -> None:
        """The cashier widened or narrowed a flexible column: the next flexible one takes the difference."""
        if self._ajustando or columna not in self.flexibles:
            return
        self._ajustando = True
        try:
            cabecera = self.tabla.horizontalHeader()
            otras = [c for c in self.flexibles if c != columna]
            sobra = self._libre() - sum(cabecera.sectionSize(c) for c in self.flexibles)
            for otra in otras:
                nuevo = max(cabecera.sectionSize(otra) + sobra, self.MINIMO)
                sobra -= nuevo - cabecera.sectionSize(otra)
                cabecera.resizeSection(otra, nuevo)
            if sobra < 0:  # the others are at their minimum: the dragged column stops there
                cabecera.resizeSection(columna, max(cabecera.sectionSize(columna) + sobra, self.MINIMO))
        finally:
            self._ajustando = False


def filas_tactiles(tabla: QTableWidget, minimo: int) -> None:
    """Rows at least ``minimo`` px and always taller than the letter (A+ grows the text, not only the rows)."""
    alto = max(minimo, tabla.fontMetrics().height() + 16)
    cabecera = tabla.verticalHeader()
    cabecera.setMinimumSectionSize(alto)
    cabecera.setDefaultSectionSize(alto)
    for fila in range(tabla.rowCount()):
        tabla.setRowHeight(fila, alto)


class FilasTactiles(QStyledItemDelegate):
    """Item rows at least ``minimo`` px tall, and taller than the letter (A+), for a list or tree used on a tablet.
    A delegate, not a stylesheet: the high-contrast and size themes replace the stylesheet."""

    def __init__(self, vista: QAbstractItemView, minimo: int) -> None:
        super().__init__(vista)
        self.vista = vista
        self.minimo = minimo

    def sizeHint(self, opcion: QStyleOptionViewItem, indice: QModelIndex | QPersistentModelIndex) -> QSize:
        tamano = super().sizeHint(opcion, indice)
        alto = max(self.minimo, self.vista.fontMetrics().height() + 16)
        return QSize(tamano.width(), max(tamano.height(), alto))


def filas_tactiles_arbol(vista: QAbstractItemView, minimo: int) -> None:
    vista.setItemDelegate(FilasTactiles(vista, minimo))
