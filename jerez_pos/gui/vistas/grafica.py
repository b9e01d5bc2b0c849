"""The day's collection by CRI rubro as horizontal bars, every rubro shown, in a scroll area.

Two lines per rubro: the abbreviated name and the amount as "$1,234.56", then the bar across the column
(a narrow column fits both); the full CRI path and the amount are the tooltip of all three. Rows keep a
fixed height, so a day with many rubros scrolls instead of squeezing bars into slivers or cutting the
last ones off (what the QChart did at 1366×768).
Why not QtCharts here: its category axis elides long labels to a third of the chart's width and its
bar labels cannot show pesos with thousands separators; plain widgets do both and load faster.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QProgressBar, QScrollArea, QVBoxLayout, QWidget

from jerez_pos.gui import mensajes as M
from jerez_pos.gui.vistas.comunes import etiqueta

ALTO_BARRA = 12  # px
LARGO_ETIQUETA = 34  # characters of the rubro name before "…"


def abreviar(rubro: str, largo: int = LARGO_ETIQUETA) -> str:
    """The last level of a CRI path, cut at a word boundary: "Derechos › Padrón Municipal de Comercio y
    Servicios" → "Padrón Municipal de…"."""
    nombre = rubro.split(" › ")[-1].strip()
    if len(nombre) <= largo:
        return nombre
    corte = nombre.rfind(" ", 0, largo)
    return nombre[: corte if corte > largo // 2 else largo - 1].rstrip(" ,;") + "…"


class GraficaRubros(QWidget):
    def __init__(self) -> None:
        super().__init__()
        capa = QVBoxLayout(self)
        capa.setContentsMargins(0, 0, 0, 0)
        self.titulo = etiqueta(M.SIN_COBROS, "subtitulo")
        capa.addWidget(self.titulo)
        self.desplazable = QScrollArea()
        self.desplazable.setWidgetResizable(True)
        self.desplazable.setFrameShape(QFrame.Shape.NoFrame)
        self.desplazable.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        capa.addWidget(self.desplazable, 1)
        self.filas: list[tuple[QLabel, QProgressBar, QLabel]] = []
        self.datos: list[tuple[str, float, str]] = []
        self.mostrar([])

    def mostrar(self, datos: list[tuple[str, float, str]]) -> None:
        """``datos``: (full CRI rubro, amount for the bar length, amount as shown), largest first."""
        self.datos = list(datos)
        self.titulo.setText(M.GRAFICA_RUBROS if datos else M.SIN_COBROS)
        contenido = QWidget()
        rejilla = QGridLayout(contenido)
        rejilla.setContentsMargins(0, 4, 8, 4)
        rejilla.setHorizontalSpacing(8)
        rejilla.setVerticalSpacing(2)
        rejilla.setColumnStretch(0, 1)
        tope = max((v for _, v, _ in datos), default=0) or 1
        self.filas = []
        for n, (rubro, valor, texto) in enumerate(self.datos):
            ayuda = M.GRAFICA_BARRA.format(rubro=rubro, importe=texto)
            nombre = etiqueta(abreviar(rubro), "barra-nombre")
            barra = QProgressBar()
            barra.setProperty("clase", "barra")
            barra.setRange(0, 1000)
            barra.setValue(round(1000 * valor / tope))
            barra.setTextVisible(False)
            barra.setFixedHeight(ALTO_BARRA)
            importe = etiqueta(texto, "barra-importe")
            importe.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for w in (nombre, barra, importe):
                w.setToolTip(ayuda)
            rejilla.addWidget(nombre, 2 * n, 0)
            rejilla.addWidget(importe, 2 * n, 1)
            rejilla.addWidget(barra, 2 * n + 1, 0, 1, 2)
            rejilla.setRowMinimumHeight(2 * n + 1, ALTO_BARRA + 8)  # a gap before the next rubro
            self.filas.append((nombre, barra, importe))
        rejilla.setRowStretch(2 * len(self.datos), 1)
        self.desplazable.setWidget(contenido)  # the old rows go with the old widget

    def etiquetas(self) -> list[str]:
        return [nombre.text() for nombre, _, _ in self.filas]
