"""The receipt table of Cobro, laid out like the printed ticket: every concept with its base amount and its
year for an annual charge, then each modifier (the UAZ tax…) on a row of its own. Every row remembers the
receipt line it belongs to, so removing from a modifier's row removes its concept with it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

from jerez_pos.gui import mensajes_cobro as MC
from jerez_pos.gui.formato import dinero

if TYPE_CHECKING:
    from jerez_pos.printing.lineas import LineaImpresa

LINEA = Qt.ItemDataRole.UserRole
LARGO_DESCRIPCION = 90  # the column stays readable; the tooltip has the whole text


def _corto(texto: str) -> str:
    return texto if len(texto) <= LARGO_DESCRIPCION else texto[:LARGO_DESCRIPCION] + "…"


def pintar(tabla: QTableWidget, impresas: tuple[LineaImpresa, ...]) -> None:
    filas: list[tuple[int, str, str, str, str]] = []
    for n, linea in enumerate(impresas):
        c = linea.concepto
        texto = _corto(c.descripcion) + (f"\n{MC.EJERCICIO.format(c.ejercicio)}" if c.ejercicio else "")
        filas.append((n, c.clave, texto, dinero(c.importe), f"{c.descripcion}\n{c.fundamento}"))
    for n, linea in enumerate(impresas):
        for m in linea.modificadores:
            filas.append((n, "", _corto(m.descripcion), dinero(m.importe), f"{m.descripcion}\n{m.fundamento}"))
    tabla.setRowCount(len(filas))
    for fila, (n, clave, texto, importe, ayuda) in enumerate(filas):
        for columna, valor in enumerate((clave, texto, importe)):
            item = QTableWidgetItem(valor)
            item.setToolTip(ayuda)
            item.setData(LINEA, n)
            if columna == 2:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            tabla.setItem(fila, columna, item)
    tabla.resizeRowsToContents()


def linea_elegida(tabla: QTableWidget, total: int) -> int:
    """The receipt line of the selected row; the last line when no row is selected (-1 when empty)."""
    item = tabla.item(tabla.currentRow(), 0) if tabla.currentRow() >= 0 else None
    if item is not None and isinstance(item.data(LINEA), int) and item.data(LINEA) < total:
        return int(item.data(LINEA))
    return total - 1
