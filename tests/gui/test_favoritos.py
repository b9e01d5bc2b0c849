"""The empty search list shows favourites and the most charged; Ctrl+D marks the highlighted concept."""

from __future__ import annotations

from PySide6.QtCore import Qt

from jerez_pos.ledger import favoritos
from tests.gui.teclado import claves_resultado, enter, escribir, esperar


def test_ctrl_d_marca_y_la_lista_vacia_muestra_favoritos(cajero, qtbot):
    panel = cajero.cobro.vista.buscar
    escribir(qtbot, panel.buscador, "copia acta nacimiento")
    esperar(cajero, qtbot)
    assert claves_resultado(cajero)[0] == "A85-II"
    qtbot.keyClick(panel.buscador, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    esperar(cajero, qtbot)
    assert "A85-II agregado a favoritos" in panel.estado.text()
    assert favoritos.listar(cajero.principal.servicios.terminal.directorio) == ["A85-II"]

    panel.buscador.clear()  # nothing typed: favourites first, marked with a star
    esperar(cajero, qtbot)
    assert claves_resultado(cajero)[0] == "A85-II"
    assert panel.resultados.item(0).text().startswith("★ A85-II")
    assert "Favoritos" in panel.estado.text()

    enter(cajero, qtbot, panel.buscador)  # Enter on the empty box takes the first favourite
    assert cajero.cobro.vista.concepto.clave.text() == "A85-II"


def test_quitar_favorito_desde_la_lista_vacia(cajero, qtbot):
    terminal = cajero.principal.servicios.terminal
    favoritos.agregar(terminal.directorio, terminal.catalogo(), "A144")
    panel = cajero.cobro.vista.buscar
    escribir(qtbot, panel.buscador, "x")
    panel.buscador.clear()
    esperar(cajero, qtbot)
    assert claves_resultado(cajero)[:1] == ["A144"]
    panel.resultados.setCurrentRow(0)
    panel.resultados.setFocus()
    qtbot.keyClick(panel.resultados, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    esperar(cajero, qtbot)
    assert "A144 quitado de favoritos" in panel.estado.text()
    estrellas = [panel.resultados.item(i).text() for i in range(panel.resultados.count())]
    assert not [t for t in estrellas if t.startswith("★")]
    assert favoritos.listar(terminal.directorio) == []
