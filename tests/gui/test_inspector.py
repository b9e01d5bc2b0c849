"""The inspector's route, second pass: every row shows its fee, Enter only asks and F12 charges (a double
Enter never charges the next vendor), stalls marked absent or closed in the ledger, rows tall enough to touch."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from jerez_pos.core.dinero import ajuste_efectivo, pesos
from jerez_pos.gui import mensajes_roles as R
from tests.gui.teclado import enter, entrar, escribir, esperar, tecla
from tests.gui.test_fase2 import _importar_padron


def _en_ruta(abrir_escritorio, home_demo, qtbot):
    _importar_padron(home_demo)
    app = abrir_escritorio(home_demo)
    entrar(app, qtbot, "demo-inspector")
    escribir(qtbot, app.turno.vista.fondo, "0")
    enter(app, qtbot, app.turno.vista.fondo)
    assert app.principal.actual == "inspector"
    return app


def test_cuota_en_cada_fila_y_confirmacion(abrir_escritorio, home_demo, qtbot):
    app = _en_ruta(abrir_escritorio, home_demo, qtbot)
    v = app.inspector.vista
    terminal = app.principal.servicios.terminal
    hoy = dt.date.today()
    assert v.ruta.horizontalHeaderItem(R.COLUMNA_CUOTA).text() == "Cuota"
    for fila, x in enumerate(app.inspector.ruta):
        cotizado = terminal.cotizar(x.puesto.clave_cobro, x.puesto.parametros(), hoy).total
        assert v.ruta.item(fila, R.COLUMNA_CUOTA).text() == pesos(ajuste_efectivo(cotizado))
        assert v.ruta.rowHeight(fila) >= 32  # touch
    assert v.si_cobrar.height() >= 32 and v.ausente.height() >= 32
    from jerez_pos.gui.apariencia import MAXIMO, Apariencia

    app.principal.cambiar_apariencia(Apariencia(MAXIMO))  # A+ to the largest letter: the rows grow with it
    tecla(app, qtbot, "F6")
    assert v.ruta.rowHeight(0) > v.ruta.fontMetrics().height() + 8 and v.ruta.rowHeight(0) > 36
    app.principal.cambiar_apariencia(Apariencia())
    tecla(app, qtbot, "F6")

    primero = app.inspector.ruta[0].puesto
    enter(app, qtbot, v.ruta)  # asks, shows the fee and the holder; charges nothing
    assert v.confirmacion.isVisible() and primero.clave in v.pregunta.text()
    assert v.ruta.item(0, R.COLUMNA_CUOTA).text() in v.pregunta.text() and primero.titular in v.pregunta.text()
    enter(app, qtbot, v.ruta)  # a double Enter: still only asking
    assert not any(x.pagado for x in app.inspector.ruta)
    tecla(app, qtbot, "Esc")  # no charge
    assert not v.confirmacion.isVisible() and app.principal.actual == "inspector"
    tecla(app, qtbot, "F12")  # nothing asked: F12 charges nobody (the empty hand-over just says what's missing)
    assert not any(x.pagado for x in app.inspector.ruta)

    enter(app, qtbot, v.ruta)
    tecla(app, qtbot, "F12")
    assert [x.pagado for x in app.inspector.ruta][:2] == [True, False]
    assert v.ruta.currentRow() == 1 and not v.confirmacion.isVisible()
    enter(app, qtbot, v.ruta)  # Enter, F12, Enter, Enter: the next vendor is asked, never charged
    enter(app, qtbot, v.ruta)
    assert not app.inspector.ruta[1].pagado
    qtbot.keyClick(v.ruta, Qt.Key.Key_Down)  # moving away cancels the question
    esperar(app, qtbot)
    assert not v.confirmacion.isVisible()
    tecla(app, qtbot, "F12")
    assert sum(x.pagado for x in app.inspector.ruta) == 1


def test_marcar_ausente_y_cerrado(abrir_escritorio, home_demo, qtbot):
    from jerez_pos.ledger import visitas

    app = _en_ruta(abrir_escritorio, home_demo, qtbot)
    v = app.inspector.vista
    bd = app.principal.servicios.terminal.bd
    claves = [x.puesto.clave for x in app.inspector.ruta]
    v.ruta.setFocus()
    qtbot.keyClick(v.ruta, Qt.Key.Key_A)
    esperar(app, qtbot)
    # The mark is written by the worker thread: on a loaded machine it may land after the first wait.
    qtbot.waitUntil(lambda: visitas.del_dia(bd, dt.date.today()) == {claves[0]: "ausente"}, timeout=10_000)
    qtbot.waitUntil(lambda: v.ruta.item(0, R.COLUMNA_CUOTA + 1).text() == "AUSENTE", timeout=10_000)
    assert claves[0] in v.ultimo.text() and "ausente" in v.ultimo.text()
    qtbot.keyClick(v.ruta, Qt.Key.Key_Down)
    qtbot.keyClick(v.ruta, Qt.Key.Key_C)
    esperar(app, qtbot)
    qtbot.waitUntil(
        lambda: visitas.del_dia(bd, dt.date.today()) == {claves[0]: "ausente", claves[1]: "cerrado"}, timeout=10_000
    )
    qtbot.waitUntil(lambda: v.ruta.item(1, R.COLUMNA_CUOTA + 1).text() == "CERRADO", timeout=10_000)
    qtbot.keyClick(v.ruta, Qt.Key.Key_C)  # the same key again: back to pending (a new ledger row)
    esperar(app, qtbot)
    qtbot.waitUntil(lambda: visitas.del_dia(bd, dt.date.today()) == {claves[0]: "ausente"}, timeout=10_000)
    qtbot.waitUntil(lambda: v.ruta.item(1, R.COLUMNA_CUOTA + 1).text() == "pendiente", timeout=10_000)

    app2 = abrir_escritorio(home_demo)  # kept in the ledger: another window sees it
    entrar(app2, qtbot, "demo-inspector")
    assert app2.principal.actual == "inspector"
    assert app2.inspector.vista.ruta.item(0, R.COLUMNA_CUOTA + 1).text() == "AUSENTE"
    assert app2.inspector.vista.ruta.currentRow() == 1  # the next stall to visit, not the absent one
