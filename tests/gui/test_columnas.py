"""Recibos at 1366×705: long names and concepts are elided (whole text in the tooltip), the cashier can
widen Conceptos, and Total and Estado stay whole and on screen whatever the widths."""

from __future__ import annotations

from tests.gui.teclado import buscar_y_elegir, escribir, esperar, tecla

NOMBRE = "María Guadalupe Hernández de la Torre y Sánchez Villalobos, Comercializadora del Centro"


def _visible_entera(tabla, columna: int) -> bool:
    cabecera = tabla.horizontalHeader()
    x = cabecera.sectionViewportPosition(columna)
    return x >= 0 and x + cabecera.sectionSize(columna) <= tabla.viewport().width()


def test_columnas_de_recibos(cajero, qtbot):
    cajero.ventana.resize(1366, 705)
    for _ in range(2):
        buscar_y_elegir(cajero, qtbot, "A85-II")
        tecla(cajero, qtbot, "F4")
        buscar_y_elegir(cajero, qtbot, "A31-II")
        escribir(qtbot, cajero.cobro.vista.concepto.formulario.campos["aparatos"].editor, "7")
        tecla(cajero, qtbot, "F4")
        escribir(qtbot, cajero.cobro.vista.recibo.nombre, NOMBRE)
        tecla(cajero, qtbot, "F12")
        tecla(cajero, qtbot, "F7")
        tecla(cajero, qtbot, "F12")
        tecla(cajero, qtbot, "Esc")
    tecla(cajero, qtbot, "F5")
    esperar(cajero, qtbot)
    t = cajero.recibos.vista.tabla
    cabecera = t.horizontalHeader()
    assert t.rowCount() == 2
    assert _visible_entera(t, 4) and _visible_entera(t, 5)  # Total and Estado
    assert cabecera.sectionSize(3) >= 60  # Conceptos never shrinks to "ce|"
    nombre = t.item(0, 2)
    assert nombre.text() == NOMBRE and nombre.toolTip() == NOMBRE  # elided on screen, whole on hover
    assert cabecera.sectionSize(2) < t.fontMetrics().horizontalAdvance(NOMBRE)
    assert t.item(0, 3).toolTip() == t.item(0, 3).text()

    antes = cabecera.sectionSize(3)
    cabecera.resizeSection(3, antes + 100)  # the cashier drags Conceptos wider
    esperar(cajero, qtbot)
    assert cabecera.sectionSize(3) == antes + 100
    assert _visible_entera(t, 4) and _visible_entera(t, 5)  # Contribuyente gave the width up
    cabecera.resizeSection(3, 5000)  # too wide: it stops where the others reach their minimum
    esperar(cajero, qtbot)
    assert _visible_entera(t, 4) and _visible_entera(t, 5) and cabecera.sectionSize(2) >= 60
    ancho = sum(cabecera.sectionSize(c) for c in range(t.columnCount()))
    assert ancho <= t.viewport().width()


def test_descripcion_larga_se_corta_entre_palabras():
    from jerez_pos.gui.controladores.recibos import entre_palabras

    largo = "Bebidas alcohólicas. Cerveza y/o bebidas de bajo contenido alcohólico en envase cerrado " * 3
    corto = entre_palabras(largo)
    assert len(corto) <= 121 and corto.endswith("…")
    assert largo.startswith(corto[:-1]) and largo[len(corto) - 1] in " ,."  # a whole word before "…"
    assert entre_palabras("Acta de nacimiento") == "Acta de nacimiento"
