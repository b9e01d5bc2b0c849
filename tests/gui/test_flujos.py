"""End-to-end flows driven by the keyboard: login, shift, pago, voids, corte, draft recovery, failures."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from jerez_pos.core.dinero import pesos
from tests.gui.teclado import buscar_y_elegir, claves_recibo, enter, entrar, escribir, esperar, tecla


def test_flujo_completo_con_teclado(cajero, qtbot):
    vista = cajero.cobro.vista
    assert vista.buscar.buscador.hasFocus()  # after login the cursor waits in the search box
    escribir(qtbot, vista.buscar.buscador, "acta nacimiento")
    esperar(cajero, qtbot)
    qtbot.keyClick(vista.buscar.buscador, Qt.Key.Key_Down)
    assert vista.buscar.resultados.hasFocus()
    enter(cajero, qtbot, vista.buscar.resultados)
    assert vista.concepto.clave.text() == "A85-II"
    assert vista.concepto.agregar.hasFocus()  # no parameters: Enter adds
    qtbot.keyClick(vista.concepto.agregar, Qt.Key.Key_Return)
    esperar(cajero, qtbot)
    assert claves_recibo(cajero) == ["A85-II"]
    assert vista.buscar.buscador.hasFocus()  # ready for the next concept
    tecla(cajero, qtbot, "Esc")
    assert vista.buscar.buscador.text() == ""

    tecla(cajero, qtbot, "F12")
    assert cajero.principal.actual == "pago"
    pago = cajero.pago.vista
    assert pago.efectivo.hasFocus()
    tecla(cajero, qtbot, "F7")  # exact cash
    assert pago.cambio.text() == "$0.00"
    tecla(cajero, qtbot, "F12")
    assert cajero.principal.actual == "pago" and cajero.pago.mostrando_cambio  # the change stays on screen
    tecla(cajero, qtbot, "Esc")  # next customer
    assert cajero.principal.actual == "cobro"
    emitido = cajero.pago.ultimo_emitido
    assert emitido is not None and emitido.folio.startswith("DEMO-")
    assert claves_recibo(cajero) == []
    tecla(cajero, qtbot, "F5")
    assert cajero.principal.actual == "recibos"
    assert cajero.recibos.vista.tabla.item(0, 0).text() == emitido.folio
    tecla(cajero, qtbot, "Esc")
    assert cajero.principal.actual == "cobro"


def test_pago_mixto_con_cambio_y_redondeo(cajero, qtbot):
    buscar_y_elegir(cajero, qtbot, "A31-II")
    escribir(qtbot, cajero.cobro.vista.concepto.formulario.campos["aparatos"].editor, "7")
    tecla(cajero, qtbot, "F4")
    total = cajero.cobro.borrador.total
    assert total != total.to_integral_value()  # has centavos: Art. 20 applies to the cash part
    tecla(cajero, qtbot, "F12")
    pago = cajero.pago.vista
    escribir(qtbot, pago.tarjeta, "100")
    escribir(qtbot, pago.ultimos4, "4242")
    escribir(qtbot, pago.autorizacion_banco, "AUT123")
    escribir(qtbot, pago.efectivo, "500")
    esperar(cajero, qtbot)
    from jerez_pos.core.dinero import ajuste_efectivo

    debido = ajuste_efectivo(total - 100)
    assert pago.cambio.text() == pesos(500 - debido)
    assert "Ajuste Art. 20" in pago.desglose.text()
    escribir(qtbot, pago.efectivo, "1")
    esperar(cajero, qtbot)
    assert pago.cambio_titulo.text() == "Falta" and not pago.confirmar.isEnabled()
    escribir(qtbot, pago.efectivo, "1.000,50")  # European writing: shown how to write it, never read as $1.0005
    esperar(cajero, qtbot)
    assert not pago.confirmar.isEnabled() and "punto para decimales" in pago.error.text()
    escribir(qtbot, pago.efectivo, "500")
    tecla(cajero, qtbot, "F12")
    emitido = cajero.pago.ultimo_emitido
    assert emitido.cambio == 500 - debido and emitido.ajuste == debido - (total - 100)


def test_acceso_bloqueo_y_bloq_mayus(escritorio, qtbot):
    vista = escritorio.acceso.vista
    escribir(qtbot, vista.usuario, "demo-cajero")
    qtbot.keyClick(vista.contrasena, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, -1)
    qtbot.keyClicks(vista.contrasena, "A")  # upper case without Shift: caps lock is on
    assert vista.aviso_mayusculas.isVisibleTo(vista)
    qtbot.keyClicks(vista.contrasena, "a")
    assert not vista.aviso_mayusculas.isVisibleTo(vista)
    for _ in range(5):
        entrar(escritorio, qtbot, "demo-cajero", "mala")
        assert "incorrectos" in vista.error.text()
    entrar(escritorio, qtbot, "demo-cajero", "demo")
    assert escritorio.principal.actual == "acceso"
    assert "bloqueado" in vista.error.text()


def test_abrir_turno(escritorio, qtbot):
    entrar(escritorio, qtbot, "demo-supervisor")
    assert escritorio.principal.actual == "supervisor"  # the supervisor's home needs no float
    tecla(escritorio, qtbot, "F10")  # «Mi caja»: opening a float only to charge
    assert escritorio.principal.actual == "turno"
    vista = escritorio.turno.vista
    assert vista.fondo.hasFocus()
    escribir(qtbot, vista.fondo, "abc")
    enter(escritorio, qtbot, vista.fondo)
    assert vista.campo_fondo.error.isVisible()
    escribir(qtbot, vista.fondo, "750.50")
    enter(escritorio, qtbot, vista.fondo)
    assert escritorio.principal.actual == "cobro"
    assert "Turno" in escritorio.ventana.estado_turno.text()


def test_anular_con_supervisor(cajero, qtbot):
    buscar_y_elegir(cajero, qtbot, "A85-II")
    tecla(cajero, qtbot, "F4")
    tecla(cajero, qtbot, "F12")
    tecla(cajero, qtbot, "F7")
    tecla(cajero, qtbot, "F12")
    folio = cajero.pago.ultimo_emitido.folio
    tecla(cajero, qtbot, "F5")
    vista = cajero.recibos.vista
    assert vista.folio.editor.text() == folio
    escribir(qtbot, vista.supervisor.editor, "demo-cajero")
    escribir(qtbot, vista.contrasena.editor, "demo")
    escribir(qtbot, vista.motivo.editor, "cobro duplicado")
    tecla(cajero, qtbot, "F8")
    assert "supervisor" in vista.supervisor.error.text()  # a cashier cannot void
    escribir(qtbot, vista.supervisor.editor, "demo-supervisor")
    escribir(qtbot, vista.contrasena.editor, "demo")
    tecla(cajero, qtbot, "F8")
    assert vista.tabla.item(0, 5).text() == "ANULADO"
    assert folio in vista.mensaje.text()


def test_corte_con_diferencia_y_firma(cajero, qtbot):
    tecla(cajero, qtbot, "F9")
    corte = cajero.corte.vista
    assert corte.piezas[0].hasFocus() and not corte.resultado.isVisible()  # blind: nothing expected shown
    escribir(qtbot, corte.piezas[1], "1")  # one $500 bill; the float is $500 plus nothing charged
    escribir(qtbot, corte.piezas[5], "2")
    assert corte.contado.text() == "$540.00"
    tecla(cajero, qtbot, "F11")
    assert corte.resultado.isVisible() and corte.esperado.text() == "$500.00"
    assert "Sobrante $40.00" in corte.diferencia.text()
    assert corte.firma.isVisible()
    tecla(cajero, qtbot, "F12")
    assert cajero.principal.turno is not None  # no signature, no close
    escribir(qtbot, corte.supervisor.editor, "demo-supervisor")
    escribir(qtbot, corte.contrasena.editor, "demo")
    tecla(cajero, qtbot, "F12")
    assert cajero.principal.turno is None
    assert "Turno cerrado" in corte.mensaje.text()


def test_borrador_sobrevive_reinicio(cajero, qtbot, home_demo, abrir_escritorio):
    buscar_y_elegir(cajero, qtbot, "A85-II")
    tecla(cajero, qtbot, "F4")
    escribir(qtbot, cajero.cobro.vista.recibo.nombre, "María López")
    esperar(cajero, qtbot)
    otro = abrir_escritorio(home_demo)
    assert claves_recibo(otro) == ["A85-II"]
    assert otro.cobro.vista.recibo.nombre.text() == "María López"


def test_falla_inesperada_va_al_registro(cajero, qtbot, home_demo):
    def falla():
        raise RuntimeError("prueba de falla")

    cajero.principal.trabajador.enviar(falla)
    esperar(cajero, qtbot)
    dialogo = cajero.principal.ultimo_dialogo
    assert dialogo is not None and dialogo.icon() == QMessageBox.Icon.Critical
    assert "Traceback" not in dialogo.text() and "errores.log" in dialogo.text()
    assert "prueba de falla" in (home_demo / "errores.log").read_text(encoding="utf-8")
