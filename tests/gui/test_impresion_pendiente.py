"""A printer fault right after a charge: the receipt is committed once, the payment dialog says the print is
pending, Recibos lists it as pending, and «Reintentar» prints it once the printer is back (no second charge)."""

from __future__ import annotations

from sqlalchemy import text

from jerez_pos.gui import mensajes as M
from jerez_pos.printing import ajustes
from tests.gui.teclado import tecla
from tests.gui.test_fase2 import _cobrar_acta
from tests.gui.test_impresion import _pendientes_de
from tests.red import puerto_libre as _puerto_libre


def _recibos(app, folio: str | None = None) -> int:
    consulta = "SELECT count(*) FROM recibo" + (" WHERE serie || '-' || numero = :folio" if folio else "")
    with app.principal.servicios.terminal.bd.connect() as conexion:
        return int(conexion.execute(text(consulta), {"folio": folio}).scalar_one())


def test_impresion_pendiente_tras_falla_y_reintento(cajero, qtbot, tmp_path):
    directorio = cajero.principal.servicios.terminal.directorio
    cerrado = _puerto_libre()  # nobody listens there: the status can't be read and it is required
    ajustes.guardar(directorio, ajustes.leer(directorio).con(f"red:127.0.0.1:{cerrado}", 80))
    assert ajustes.leer(directorio).exigir_estado
    antes = _recibos(cajero)

    folio = _cobrar_acta(cajero, qtbot, "Maria Lopez")
    assert _recibos(cajero, folio) == 1 and _recibos(cajero) == antes + 1  # committed, once
    dialogo = cajero.principal.ultimo_dialogo
    assert dialogo is not None and folio in dialogo.text()
    assert "impresión pendiente" in dialogo.text(), dialogo.text()
    assert [p.copia for p in _pendientes_de(cajero, folio)] == [0]
    assert "pendiente" in cajero.ventana.estado_impresora.text()

    tecla(cajero, qtbot, "F5")
    v = cajero.recibos.vista
    assert v.pendientes.text() == M.IMPRESION_PENDIENTE.format(1)
    assert "F12" in v.reintentar.text()

    tecla(cajero, qtbot, "F12")  # still failing: stays pending, said in place
    assert f"Recibo {folio} (original) guardado; impresión pendiente" in v.mensaje.text(), v.mensaje.text()
    assert v.mensaje.property("clase") == "error-grande" and _pendientes_de(cajero, folio)

    ticket = tmp_path / "ticket.bin"  # the printer is back
    ajustes.guardar(directorio, ajustes.leer(directorio).con(f"archivo:{ticket}", 80))
    tecla(cajero, qtbot, "F12")
    assert v.mensaje.text() == f"Recibo {folio} (original) impreso", v.mensaje.text()
    assert v.mensaje.property("clase") == "exito"
    assert folio.encode() in ticket.read_bytes() and b"COPIA" not in ticket.read_bytes()
    assert not _pendientes_de(cajero, folio) and v.pendientes.text() == ""
    assert _recibos(cajero, folio) == 1 and _recibos(cajero) == antes + 1  # no second charge

    impreso = ticket.read_bytes()
    tecla(cajero, qtbot, "F12")  # nothing left to retry: the ticket is not printed twice
    assert ticket.read_bytes() == impreso and _recibos(cajero) == antes + 1
