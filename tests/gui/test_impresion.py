"""Printing from Recibos: a supervisor discards a pending print (credentials + reason, as «impresora
descartar») and the receipt can still be reprinted as COPIA; the letter-size PDF carries the municipal logo
when impresora.toml says ``logo = true`` (as «recibo --pdf»)."""

from __future__ import annotations

from dataclasses import replace

from jerez_pos.printing import ajustes
from tests.gui.teclado import escribir, esperar, tecla
from tests.gui.test_fase2 import _cobrar_acta
from tests.gui.test_pdf import _es_pdf


def _pendientes_de(app, folio: str) -> list:
    return [p for p in app.principal.servicios.pendientes_impresion() if p.folio == folio]


def _autorizar(qtbot, v, supervisor: str, contrasena: str, motivo: str) -> None:
    escribir(qtbot, v.supervisor.editor, supervisor)
    escribir(qtbot, v.contrasena.editor, contrasena)
    escribir(qtbot, v.motivo.editor, motivo)


def test_descartar_impresion_pendiente_y_reimprimir_copia(cajero, qtbot, tmp_path):
    folio = _cobrar_acta(cajero, qtbot, "Maria Lopez")  # no printer configured: the original stays pending
    assert [p.copia for p in _pendientes_de(cajero, folio)] == [0]
    tecla(cajero, qtbot, "F5")
    v = cajero.recibos.vista
    assert v.folio.editor.text() == folio and "pendientes" in v.pendientes.text()
    assert "F3" in v.descartar.text()

    tecla(cajero, qtbot, "F3")  # nothing typed: the missing fields say so, nothing is discarded
    assert v.supervisor.error.isVisible() and v.motivo.error.isVisible()
    assert _pendientes_de(cajero, folio)

    _autorizar(qtbot, v, "demo-cajero", "demo", "papel atorado")  # a cashier cannot authorize it
    tecla(cajero, qtbot, "F3")
    assert "supervisor" in v.supervisor.error.text() and _pendientes_de(cajero, folio)

    _autorizar(qtbot, v, "demo-supervisor", "mala", "papel atorado")
    tecla(cajero, qtbot, "F3")
    assert "incorrectos" in v.supervisor.error.text() and _pendientes_de(cajero, folio)

    _autorizar(qtbot, v, "demo-supervisor", "demo", "papel atorado, el contribuyente ya se fue")
    tecla(cajero, qtbot, "F3")
    assert f"recibo {folio} descartada (original) por demo-supervisor" in v.mensaje.text()
    assert v.mensaje.property("clase") == "exito" and "COPIA" in v.mensaje.text()
    assert not _pendientes_de(cajero, folio)
    assert v.contrasena.editor.text() == "" and v.motivo.editor.text() == ""
    from jerez_pos.printing.cola import Cola

    descarte = Cola(cajero.principal.servicios.terminal.directorio).descartes()[-1]
    assert (descarte.folio, descarte.usuario, descarte.supervisor) == (folio, "demo-cajero", "demo-supervisor")
    assert descarte.motivo == "papel atorado, el contribuyente ya se fue"

    _autorizar(qtbot, v, "demo-supervisor", "demo", "otra vez")  # nothing left to discard: said on the folio
    tecla(cajero, qtbot, "F3")
    assert "no tiene impresión pendiente" in v.folio.error.text()

    ticket = tmp_path / "ticket.bin"  # the printer is back: the receipt still prints, as a logged copy
    directorio = cajero.principal.servicios.terminal.directorio
    ajustes.guardar(directorio, ajustes.leer(directorio).con(f"archivo:{ticket}", 80))
    tecla(cajero, qtbot, "F7")
    assert v.mensaje.property("clase") == "exito", v.mensaje.text()
    assert b"COPIA" in ticket.read_bytes() and not _pendientes_de(cajero, folio)
    assert "Reimpresiones" in v.detalle.text()


def _imagenes(ruta) -> int:
    return ruta.read_bytes().count(b"/Subtype /Image")


def test_pdf_del_recibo_con_logotipo(cajero, qtbot, dialogo, tmp_path):
    folio = _cobrar_acta(cajero, qtbot, "Maria Lopez")
    tecla(cajero, qtbot, "F5")
    v = cajero.recibos.vista
    dialogo.ruta = tmp_path / "sin-logo.pdf"
    tecla(cajero, qtbot, "F4")
    esperar(cajero, qtbot)
    assert _es_pdf(tmp_path / "sin-logo.pdf"), v.mensaje.text()

    directorio = cajero.principal.servicios.terminal.directorio
    ajustes.guardar(directorio, replace(ajustes.leer(directorio), logo=True))
    assert ajustes.con_logo(ajustes.leer(directorio))
    dialogo.ruta = tmp_path / "con-logo.pdf"
    tecla(cajero, qtbot, "F4")
    esperar(cajero, qtbot)
    con_logo = tmp_path / "con-logo.pdf"
    assert _es_pdf(con_logo) and "PDF guardado" in v.mensaje.text()
    assert dialogo.pedidos[-1][1].endswith(f"recibo-{folio}.pdf")
    assert _imagenes(con_logo) == _imagenes(tmp_path / "sin-logo.pdf") + 1  # the logo, and only it, is new
