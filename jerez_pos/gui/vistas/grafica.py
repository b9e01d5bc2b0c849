"""The day's collection by CRI rubro as a horizontal bar chart (QtCharts, from PySide6-Addons)."""

from __future__ import annotations

from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QChart, QChartView, QHorizontalBarSeries, QValueAxis
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter

from jerez_pos.gui import mensajes as M

GUINDA = "#5b1a2e"


class GraficaRubros(QChartView):
    def __init__(self) -> None:
        super().__init__()
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(230)
        self.mostrar([])

    def mostrar(self, datos: list[tuple[str, float, str]]) -> None:
        """``datos``: (rubro, amount for the bar length, amount as the label shows it)."""
        grafica = QChart()
        grafica.setTitle(M.GRAFICA_RUBROS if datos else M.SIN_COBROS)
        grafica.legend().hide()
        grafica.setMargins(QMargins(4, 4, 4, 4))
        grafica.setBackgroundRoundness(4)
        if datos:
            barras = QBarSet(M.GRAFICA_RUBROS)
            barras.setColor(QColor(GUINDA))
            barras.setLabelColor(QColor("#111827"))
            for _, valor, _ in reversed(datos[:6]):  # the six largest rubros; the rest are in the corte
                barras.append(valor)
            serie = QHorizontalBarSeries()
            serie.append(barras)
            grafica.addSeries(serie)
            categorias = QBarCategoryAxis()
            categorias.append([f"{rubro[:24]} {texto}" for rubro, _, texto in reversed(datos[:6])])
            grafica.addAxis(categorias, Qt.AlignmentFlag.AlignLeft)
            serie.attachAxis(categorias)
            valores = QValueAxis()
            valores.setRange(0, max(v for _, v, _ in datos) * 1.1)
            valores.setLabelFormat("%.0f")
            grafica.addAxis(valores, Qt.AlignmentFlag.AlignBottom)
            serie.attachAxis(valores)
        self.setChart(grafica)
