"""F1: one key map across screens. It opens from every screen (Cobro too), shows this screen's keys first,
scrolls instead of growing past the window, and lists every key a button label announces ("[F7]")."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton

from jerez_pos.gui import mensajes as M
from jerez_pos.gui import mensajes_cobro as MC
from jerez_pos.gui import mensajes_roles as R
from jerez_pos.gui.vistas import cuentas_mensajes as C
from tests.gui.teclado import buscar_y_elegir, tecla

TECLA = re.compile(r"\[\s*((?:Ctrl\+|Mayús\+)*(?:F[0-9]{1,2}|Esc|Enter|Supr|[A-Z]))\s*\]")


def _teclas_del_mapa() -> set[str]:
    todas = [*R.TECLAS_GLOBALES, *(t for teclas in R.TECLAS_PANTALLA.values() for t in teclas)]
    return {parte.strip() for tecla, _ in todas for parte in tecla.split(" / ")}


def test_cada_tecla_anunciada_esta_en_el_mapa():
    anunciadas = set()
    for modulo in (M, R, MC, C):
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
    assert cajero.cobro.vista.pestanas.currentIndex() == 1  # F1 is only the help: the tab stays
    qtbot.keyClick(ayuda.texto, Qt.Key.Key_Escape)
    assert not ayuda.isVisible()
    tecla(cajero, qtbot, "F10")  # «Cobro» from Cobro: its search box
    assert cajero.cobro.vista.pestanas.currentIndex() == 0
    assert cajero.cobro.vista.focusWidget() is cajero.cobro.vista.buscar.buscador

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


# How Qt names a key and how the map (and the keyboard's Spanish labels) name it.
NOMBRES_QT = (("Shift+", "Mayús+"), ("Del", "Supr"), ("Ctrl+-", "Ctrl+−"), ("Ctrl+=", "Ctrl++"))


def _nombre(secuencia: QKeySequence) -> str:
    texto = secuencia.toString(QKeySequence.SequenceFormat.PortableText)
    for qt, mapa in NOMBRES_QT:
        texto = texto.replace(qt, mapa)
    return texto


def test_cada_atajo_y_alt_letra_esta_en_el_mapa(escritorio):
    """Not only the labels: every shortcut the running app installs (QShortcut, QAction) and every Alt+letter
    of a button (Nuevo ejercicio's «E&xaminar»…) is in the F1 map, so the help never leaves a key out."""
    v = escritorio.ventana
    atajos = {_nombre(a.key()) for a in v.findChildren(QShortcut)}
    atajos |= {_nombre(x) for a in v.findChildren(QAction) for x in a.shortcuts()}
    atajos.discard("")
    assert {"F1", "F12", "Esc", "Ctrl+F", "Ctrl+D", "Supr", "Ctrl+Supr", "Ctrl+Mayús+Supr", "Ctrl+I"} <= atajos
    letras = set()
    for b in v.findChildren(QAbstractButton):
        texto = b.text().replace("&&", "")
        if "&" in texto:
            letras.add(f"Alt+{texto[texto.index('&') + 1].upper()}")
    assert {"Alt+X", "Alt+A", "Alt+C", "Alt+P", "Alt+B"} <= letras
    faltan = (atajos | letras) - _teclas_del_mapa()
    assert not faltan, faltan
