"""Home screen by role: the supervisor sees everyone's shifts, another cashier's corte and closes it with
their own signature, reaches voids/reprints and the day's reports — all without a cash float of their own,
and Esc never signs them out. The administrator lands on Administración."""

from __future__ import annotations

from decimal import Decimal

from jerez_pos.gui import mensajes_roles as R
from tests.gui.teclado import enter, entrar, escribir, tecla


def _contar_caja_del_cajero(app, piezas: dict[Decimal, int]) -> None:
    from jerez_pos.ledger import corte, usuarios

    bd = app.principal.servicios.terminal.bd
    corte.contar(bd, usuarios.autenticar(bd, "demo-cajero", "demo"), piezas)


def test_inicio_del_supervisor_sin_turno_propio(escritorio, qtbot):
    app = escritorio
    entrar(app, qtbot, "demo-supervisor")
    p = app.principal
    assert p.actual == "supervisor" and p.turno is None
    v = app.supervisor.vista
    cajeros = [t.cajero for t in app.supervisor.turnos]
    assert "demo-cajero" in cajeros and v.turnos.rowCount() == len(cajeros)
    fila = cajeros.index("demo-cajero")
    assert v.turnos.item(fila, 5).text() == R.TURNO_SIN_CONTEO
    assert v.turnos.hasFocus() and app.ventana.ir_inicio.isVisible()
    assert v.resumen_dia.text().startswith(f"Hoy: {len(cajeros)} turno") and "vigentes" in v.resumen_dia.text()

    tecla(app, qtbot, "Esc")  # Esc on the home screen: nothing, and certainly not a sign-out
    assert p.actual == "supervisor" and p.sesion is not None

    v.turnos.setCurrentCell(fila, 0)
    enter(app, qtbot, v.turnos)  # the cashier's corte: blind until the cashier counts
    assert "demo-cajero" in v.titulo_corte.text() and R.CORTE_SIN_CONTEO in v.cifras.text()
    escribir(qtbot, v.contrasena.editor, "demo")
    tecla(app, qtbot, "F12")
    assert "conteo" in v.mensaje.text() and v.mensaje.property("clase") == "error-grande"

    _contar_caja_del_cajero(app, {Decimal("200"): 2})  # $400 on a $500 float: a shortage needing a signature
    tecla(app, qtbot, "F6")
    assert v.turnos.item(fila, 5).text() == R.TURNO_CONTADO
    tecla(app, qtbot, "F11")
    assert "$400.00" in v.cifras.text() and "-$100.00" in v.cifras.text()
    escribir(qtbot, v.contrasena.editor, "mala")
    tecla(app, qtbot, "F12")
    assert "incorrectos" in v.mensaje.text()
    assert app.supervisor.turnos[fila].abierto
    escribir(qtbot, v.contrasena.editor, "demo")
    tecla(app, qtbot, "F12")
    assert "cerrado con su firma" in v.mensaje.text(), v.mensaje.text()
    cerrado = next(t for t in app.supervisor.turnos if t.cajero == "demo-cajero")
    assert not cerrado.abierto and p.turno is None

    from jerez_pos.ledger import caja, usuarios

    bd = p.servicios.terminal.bd
    assert caja.turno_de(bd, usuarios.autenticar(bd, "demo-cajero", "demo")) is None


def test_atajos_del_supervisor_y_esc(escritorio, qtbot):
    app = escritorio
    entrar(app, qtbot, "demo-supervisor")
    p = app.principal
    tecla(app, qtbot, "F5")  # voids and reprints, without a shift of their own
    assert p.actual == "recibos" and app.recibos.vista.tabla.rowCount() >= 0
    tecla(app, qtbot, "Esc")
    assert p.actual == "supervisor"
    tecla(app, qtbot, "F8")  # the day's reports live in Administración
    assert p.actual == "administracion"
    tecla(app, qtbot, "Esc")
    assert p.actual == "supervisor"
    tecla(app, qtbot, "F10")  # «Mi caja» asks for a float; Esc there goes home, never out
    assert p.actual == "turno"
    tecla(app, qtbot, "Esc")
    assert p.actual == "supervisor" and p.sesion is not None
    tecla(app, qtbot, "F5")
    p.ir_inicio()  # Ctrl+I from anywhere
    assert p.actual == "supervisor"


def test_administrador_llega_a_administracion(escritorio, qtbot):
    entrar(escritorio, qtbot, "demo-admin")
    assert escritorio.principal.actual == "administracion"
