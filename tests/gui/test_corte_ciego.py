"""The corte screen's attack, with real keys: count, see the shortage, change the count, F11 again. The
first count stays recorded and the close still needs a supervisor's password."""

from __future__ import annotations

import sqlite3

from jerez_pos.ledger.lectura import ruta_de
from tests.gui.teclado import escribir, tecla


def _arqueos(escritorio) -> list[tuple[int, int]]:
    with sqlite3.connect(ruta_de(escritorio.principal.servicios.terminal.bd)) as c:
        return list(c.execute("SELECT contado_centavos, diferencia_centavos FROM arqueo ORDER BY n"))


def test_faltante_editado_y_recontado_sigue_pidiendo_supervisor(cajero, qtbot):
    tecla(cajero, qtbot, "F9")
    v = cajero.corte.vista
    assert not v.resultado.isVisible() and _arqueos(cajero) == []  # blind, nothing recorded yet
    escribir(qtbot, v.piezas[3], "4")  # 4 × $100; the drawer should hold the $500 float
    tecla(cajero, qtbot, "F11")
    assert "Faltante $100.00" in v.diferencia.text() and v.firma.isVisible()
    assert _arqueos(cajero) == [(40000, -10000)]
    tecla(cajero, qtbot, "F11")
    assert _arqueos(cajero) == [(40000, -10000)]  # nothing changed: the same count is not recorded twice

    escribir(qtbot, v.piezas[3], "5")  # the cashier "fixes" the count after seeing the shortage
    assert not v.resultado.isVisible() and not v.cerrar.isEnabled() and "F11" in v.mensaje.text()
    tecla(cajero, qtbot, "F12")
    assert cajero.principal.turno is not None  # an unrecorded count closes nothing
    tecla(cajero, qtbot, "F11")
    assert v.diferencia.text() == "Cuadra" and v.esperado.text() == "$500.00"
    assert _arqueos(cajero) == [(40000, -10000), (50000, 0)]  # the first count is still there
    assert v.firma.isVisible() and "conteo 1 tuvo un faltante de $100.00" in v.resumen.text()

    tecla(cajero, qtbot, "F12")
    assert cajero.principal.turno is not None  # no signature, no close
    escribir(qtbot, v.supervisor.editor, "demo-cajero")
    escribir(qtbot, v.contrasena.editor, "demo")
    tecla(cajero, qtbot, "F12")
    assert cajero.principal.turno is not None and "supervisor" in v.mensaje.text()
    escribir(qtbot, v.supervisor.editor, "demo-supervisor")
    escribir(qtbot, v.contrasena.editor, "mala")
    tecla(cajero, qtbot, "F12")
    assert cajero.principal.turno is not None
    escribir(qtbot, v.contrasena.editor, "demo")
    tecla(cajero, qtbot, "F12")
    assert cajero.principal.turno is None and "Turno cerrado" in v.mensaje.text()
    assert len(_arqueos(cajero)) == 2
