"""Pago, second pass: amounts as a Mexican cashier writes them, a warning on cash of ten times the total,
and the change that stays big on the payment screen until the next customer's first key."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from jerez_pos.core.dinero import pesos
from jerez_pos.printing import ajustes
from tests.gui.teclado import buscar_y_elegir, claves_recibo, enter, escribir, esperar, tecla


def _acta_a_pago(cajero, qtbot) -> Decimal:
    buscar_y_elegir(cajero, qtbot, "A85-II")
    tecla(cajero, qtbot, "F4")
    tecla(cajero, qtbot, "F12")
    assert cajero.principal.actual == "pago"
    return cajero.cobro.borrador.total_efectivo


def _con_impresora(cajero, tmp_path) -> None:
    directorio = cajero.principal.servicios.terminal.directorio
    ajustes.guardar(directorio, ajustes.leer(directorio).con(f"archivo:{tmp_path / 'ticket.bin'}", 80))


def test_miles_con_coma_y_efectivo_diez_veces_el_total(cajero, qtbot, tmp_path):
    _con_impresora(cajero, tmp_path)
    debido = _acta_a_pago(cajero, qtbot)
    pago = cajero.pago.vista
    escribir(qtbot, pago.efectivo, "1,500.50")  # read as 1500.50, not 1.5005
    esperar(cajero, qtbot)
    assert pago.cambio.text() == pesos(Decimal("1500.50") - debido)
    assert Decimal("1500.50") >= debido * 10

    enter(cajero, qtbot, pago.efectivo)  # ten times the total or more: asks, charges nothing
    assert cajero.principal.actual == "pago" and cajero.pago.ultimo_emitido is None
    assert pago.efectivo_alto.isVisible() and "10 veces" in pago.efectivo_alto.text()
    assert "$1,500.50" in pago.efectivo_alto.text()
    enter(cajero, qtbot, pago.efectivo)  # a second Enter is not the confirmation
    assert cajero.pago.ultimo_emitido is None

    escribir(qtbot, pago.efectivo, "2,000")  # another amount: asked again
    esperar(cajero, qtbot)
    assert not pago.efectivo_alto.isVisible()
    tecla(cajero, qtbot, "F12")
    assert cajero.pago.ultimo_emitido is None and pago.efectivo_alto.isVisible()
    tecla(cajero, qtbot, "F12")  # deliberate: F12 on the warned amount
    emitido = cajero.pago.ultimo_emitido
    assert emitido is not None and emitido.cambio == Decimal("2000") - debido


def test_el_cambio_queda_en_grande_hasta_el_siguiente_cliente(cajero, qtbot, tmp_path):
    _con_impresora(cajero, tmp_path)
    debido = _acta_a_pago(cajero, qtbot)
    pago = cajero.pago.vista
    escribir(qtbot, pago.efectivo, "200")
    enter(cajero, qtbot, pago.efectivo)  # an ordinary amount: Enter issues the receipt at once
    emitido = cajero.pago.ultimo_emitido
    assert emitido is not None and emitido.cambio == Decimal("200") - debido
    assert cajero.principal.actual == "pago"  # the change is not shrunk into a dialog
    assert pago.cambio.isVisible() and pago.cambio.text() == pesos(Decimal("200") - debido)
    assert pago.cambio.property("clase") == "cambio" and pago.cambio.font().pointSizeF() >= 30
    assert emitido.folio in pago.emitido.text() and pago.siguiente.isVisible()
    dialogo = cajero.principal.ultimo_dialogo
    assert dialogo is None or not dialogo.isVisible()
    assert "impreso" in pago.impresion.text()
    assert pago.efectivo.isReadOnly()  # the amount of an issued receipt can't be edited by mistake

    qtbot.wait(300)
    assert cajero.principal.actual == "pago"  # stays until the next customer
    qtbot.keyClicks(pago.efectivo, "a")  # the next customer's first letter starts the next receipt
    esperar(cajero, qtbot)
    assert cajero.principal.actual == "cobro"
    assert cajero.cobro.vista.buscar.buscador.text() == "a"
    assert cajero.cobro.vista.buscar.buscador.hasFocus() and claves_recibo(cajero) == []


def test_teclas_de_funcion_tras_emitir_siguen_funcionando(cajero, qtbot, tmp_path):
    _con_impresora(cajero, tmp_path)
    _acta_a_pago(cajero, qtbot)
    tecla(cajero, qtbot, "F7")
    tecla(cajero, qtbot, "F12")
    assert cajero.principal.actual == "pago" and cajero.pago.mostrando_cambio
    tecla(cajero, qtbot, "F5")  # goes straight to Recibos
    assert cajero.principal.actual == "recibos"
    tecla(cajero, qtbot, "Esc")
    assert cajero.principal.actual == "cobro"
    _acta_a_pago(cajero, qtbot)
    assert not cajero.pago.vista.efectivo.isReadOnly() and cajero.pago.vista.cambio_titulo.text() == "Falta"
    qtbot.keyClick(cajero.pago.vista.efectivo, Qt.Key.Key_Escape)
