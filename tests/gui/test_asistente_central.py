"""The first-run wizard's other way to identify the terminal: enrollment with the central (URL + one-time
code) instead of a typed name and series, against a real central served on 127.0.0.1. Errors stay on their
field, a wrong administrator field never spends the code, and the series is the one the central assigned."""

from __future__ import annotations

import sqlalchemy as sa
from PySide6.QtCore import Qt

from jerez_pos.gui import mensajes as M
from tests.gui.teclado import enter, entrar, escribir, tecla
from tests.gui.test_ruta_e_inscripcion import CODIGO, central  # noqa: F401  (the fixture)


def _estado_en_central(motor, serie: str) -> str:
    from jerez_pos.central import modelos as m

    with motor.connect() as conexion:
        return str(conexion.execute(sa.select(m.terminal.c.estado).where(m.terminal.c.serie == serie)).scalar_one())


def _sin_escribir(app) -> bool:
    from jerez_pos.ledger import identidad

    terminal = app.principal.servicios.terminal
    return app.principal.servicios.necesita_instalacion() and identidad.leer_identidad(terminal.bd) is None


def test_asistente_inscribe_con_la_central(abrir_escritorio, central, tmp_path, qtbot):  # noqa: F811
    url, motor, serie = central
    home = tmp_path / "nueva"
    app = abrir_escritorio(home)
    assert app.principal.actual == "asistente"
    v = app.asistente.vista
    escribir(qtbot, v.delegacion.editor, "Cabecera")
    enter(app, qtbot, v.delegacion.editor)
    assert v.paginas.currentIndex() == 1 and not v.terminal.isHidden() and v.servidor.isHidden()
    assert v.con_central.text() == M.ASISTENTE_CON_CENTRAL

    qtbot.mouseClick(v.con_central, Qt.MouseButton.LeftButton)  # the other way: enrollment code
    assert v.terminal.isHidden() and v.serie.isHidden() and not v.servidor.isHidden() and not v.codigo.isHidden()
    assert v.servidor.editor.hasFocus() or not v.isActiveWindow()
    enter(app, qtbot, v.servidor.editor)
    enter(app, qtbot, v.codigo.editor)  # nothing typed: said on the fields, the page stays
    assert v.paginas.currentIndex() == 1 and v.servidor.error.text() == M.OBLIGATORIO
    assert v.codigo.error.text() == M.OBLIGATORIO and v.terminal.error.isHidden()
    escribir(qtbot, v.servidor.editor, "central.jerez.gob.mx")  # no scheme: the central's check says so
    enter(app, qtbot, v.servidor.editor)
    escribir(qtbot, v.codigo.editor, "ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ")
    enter(app, qtbot, v.codigo.editor)
    assert v.paginas.currentIndex() == 2  # the typed name and series are not asked for
    escribir(qtbot, v.usuario.editor, "tesoreria")
    escribir(qtbot, v.contrasena.editor, "clave1")
    escribir(qtbot, v.confirmacion.editor, "clave1")
    tecla(app, qtbot, "F12")
    assert v.paginas.currentIndex() == 1 and "dirección completa" in v.servidor.error.text()
    assert _sin_escribir(app)

    escribir(qtbot, v.servidor.editor, url)
    tecla(app, qtbot, "F12")  # a code the central does not know: said next to the code
    assert v.paginas.currentIndex() == 1 and "no existe o ya se usó" in v.codigo.error.text(), v.codigo.error.text()
    assert v.servidor.error.isHidden() and _sin_escribir(app)

    escribir(qtbot, v.codigo.editor, CODIGO.lower())
    escribir(qtbot, v.confirmacion.editor, "clave2")
    tecla(app, qtbot, "F12")  # the administrator's typo is found first: the code is not spent
    assert v.paginas.currentIndex() == 2 and "No coincide" in v.confirmacion.error.text()
    assert _estado_en_central(motor, serie) == "pendiente" and _sin_escribir(app)

    escribir(qtbot, v.confirmacion.editor, "clave1")
    tecla(app, qtbot, "F12")
    assert app.principal.actual == "acceso", v.error.text()
    assert app.acceso.vista.usuario.text() == "tesoreria"
    assert _estado_en_central(motor, serie) == "activa"

    from jerez_pos.ledger import identidad

    assert identidad.exigir_identidad(app.principal.servicios.terminal.bd).serie == serie  # the central's series
    otra = abrir_escritorio(home)  # a second start goes to login; the terminal syncs with that central
    otra.principal.sincronizacion.intervalo = 3600
    assert otra.principal.actual == "acceso"
    entrar(otra, qtbot, "tesoreria", "clave1")
    assert otra.principal.actual == "administracion"
    assert otra.principal.servicios.servidor() == url and otra.principal.sincronizacion.activa
    eventos = [e["accion"] for e in otra.principal.servicios.auditoria(20)]
    assert "inscripción en la central" in eventos
