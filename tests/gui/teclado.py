"""Keyboard helpers: the tests drive the app the way a cashier does."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

PAUSA_MS = 200  # longer than the search and quote debounce


def esperar(escritorio, qtbot, pausa_ms: int = PAUSA_MS) -> None:
    qtbot.wait(pausa_ms)
    escritorio.esperar()


def escribir(qtbot, campo, texto: str) -> None:
    """Types key by key; QTest only maps ASCII to keys, so accented letters go as a key with its text."""
    campo.setFocus()
    campo.clear()
    for letra in texto:
        if letra.isascii():
            qtbot.keyClicks(campo, letra)
        else:
            QTest.sendKeyEvent(QTest.KeyAction.Click, campo, Qt.Key.Key_unknown, letra, Qt.KeyboardModifier.NoModifier)


def enter(escritorio, qtbot, campo) -> None:
    qtbot.keyClick(campo, Qt.Key.Key_Return)
    esperar(escritorio, qtbot)


def tecla(escritorio, qtbot, nombre: str) -> None:
    escritorio.principal.tecla(nombre)
    esperar(escritorio, qtbot)


def entrar(escritorio, qtbot, usuario: str, contrasena: str = "demo") -> None:
    vista = escritorio.acceso.vista
    escribir(qtbot, vista.usuario, usuario)
    qtbot.keyClick(vista.usuario, Qt.Key.Key_Return)
    assert vista.contrasena.hasFocus() or not vista.isActiveWindow()
    escribir(qtbot, vista.contrasena, contrasena)
    enter(escritorio, qtbot, vista.contrasena)


def buscar_y_elegir(escritorio, qtbot, texto: str) -> None:
    buscador = escritorio.cobro.vista.buscar.buscador
    escribir(qtbot, buscador, texto)
    esperar(escritorio, qtbot)
    enter(escritorio, qtbot, buscador)


def claves_resultado(escritorio) -> list[str]:
    lista = escritorio.cobro.vista.buscar.resultados
    return [lista.item(i).data(Qt.ItemDataRole.UserRole) for i in range(lista.count())]


def claves_recibo(escritorio) -> list[str]:
    return [linea.clave for linea in escritorio.cobro.borrador.lineas]
