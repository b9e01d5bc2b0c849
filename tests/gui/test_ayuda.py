"""F1: one key map across screens. It opens from every screen (Cobro too), shows this screen's keys first,
scrolls instead of growing past the window, and lists every key a button label announces ("[F7]")."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt

from jerez_pos.gui import mensajes as M
from jerez_pos.gui import mensajes_roles as R
from tests.gui.teclado import buscar_y_elegir, tecla

TECLA = re.compile(r"\[\s*((?:Ctrl\+|Mayús\+)*(?:F[0-9]{1,2}|Esc|Enter|Supr|[A-Z]))\s*\]")


def _teclas_del_mapa() -> set[str]:
    todas = [*R.TECLAS_GLOBALES, *(t for teclas in R.TECLAS_PANTALLA.values() for t in teclas)]
    return {parte.strip() for tecla, _ in todas for parte in tecla.split(" / ")}


def test_cada_tecla_anunciada_esta_en_el_mapa():
    anunciadas = set()
    for modulo in (M, R):
        for valor in vars(modulo).values():
            if isinstance(valor, str):
                anunciadas |= set(TECLA.findall(valor))
    assert {"F7", "F12", "Esc", "Supr", "Ctrl+I", "A"} <= anunciadas  # the pattern does find them
    faltan = anunciadas - _teclas_del_mapa()
    assert not faltan, faltan
    assert set(R.TECLAS_PANTALLA) <= set(R.NOMBRES_PANTALLA)


def test_f1_en_cada_pantalla(cajero, qtbot):
    p = cajero.principal
    tecla(cajero, qtbot, "F2")  # Cobro's «Por giro» tab
    tecla(cajero, qtbot, "F1")
    ayuda = p.dialogo_ayuda
    assert ayuda is not None and ayuda.isVisible()
    texto = ayuda.texto.toPlainText()
    assert texto.startswith(R.AYUDA_ESTA.format("Cobro")) and "Ctrl+D" in texto and "Supr" in texto
    assert R.AYUDA_GLOBALES in texto and "Inicio del supervisor" in texto and "Ctrl+I" in texto
    assert ayuda.height() <= cajero.ventana.height()  # it scrolls, it never grows past the window
    assert cajero.cobro.vista.pestanas.currentIndex() == 0  # Cobro's F1 still goes back to the search
    qtbot.keyClick(ayuda.texto, Qt.Key.Key_Escape)
    assert not ayuda.isVisible()

    buscar_y_elegir(cajero, qtbot, "A85-II")
    tecla(cajero, qtbot, "F4")
    tecla(cajero, qtbot, "F12")
    tecla(cajero, qtbot, "F1")
    assert p.actual == "pago" and ayuda.texto.toPlainText().startswith(R.AYUDA_ESTA.format("Pago"))
    ayuda.close()
    tecla(cajero, qtbot, "Esc")
    tecla(cajero, qtbot, "F5")
    tecla(cajero, qtbot, "F1")
    assert ayuda.texto.toPlainText().startswith(R.AYUDA_ESTA.format("Recibos"))
    assert "Reimprimir COPIA" in ayuda.texto.toPlainText()
