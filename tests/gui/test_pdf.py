"""«Guardar PDF» from the GUI: a receipt's copy (recibos), the closed corte, and the day report in
Administración. The save dialog is patched (``dialogo`` in conftest) to answer a path in tmp; each file must
exist and be a PDF."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from jerez_pos.gui import mensajes as M
from tests.gui.teclado import enter, entrar, escribir, esperar, tecla
from tests.gui.test_fase2 import _cobrar_acta


def pestana(vista, titulo: str) -> int:
    return next(i for i in range(vista.pestanas.count()) if vista.pestanas.tabText(i) == titulo)


def _es_pdf(ruta) -> bool:
    return ruta.exists() and ruta.stat().st_size > 1000 and ruta.read_bytes()[:5] == b"%PDF-"


def test_pdf_del_recibo_y_del_corte(cajero, qtbot, dialogo, tmp_path):
    folio = _cobrar_acta(cajero, qtbot, "Maria Lopez")
    tecla(cajero, qtbot, "F5")
    v = cajero.recibos.vista
    assert v.folio.editor.text() == folio
    dialogo.ruta = tmp_path / "copia"  # typed without .pdf: the app adds it
    tecla(cajero, qtbot, "F4")
    esperar(cajero, qtbot)
    archivo = tmp_path / "copia.pdf"
    assert _es_pdf(archivo)
    assert dialogo.pedidos[-1][1].endswith(f"recibo-{folio}.pdf")
    assert str(archivo) in v.mensaje.text() and v.mensaje.property("clase") == "exito"
    assert "Reimpresiones" in v.detalle.text()  # a PDF is a logged copy
    dialogo.ruta = ""  # cancelled dialog: nothing written, nothing said
    cajero.recibos.guardar_pdf()
    esperar(cajero, qtbot)
    assert str(archivo) in v.mensaje.text()
    dialogo.ruta = tmp_path / "no-existe" / "x.pdf"  # a folder that is not there: said in place
    cajero.recibos.guardar_pdf()
    esperar(cajero, qtbot)
    assert "escribir" in v.mensaje.text() and "no-existe" in v.mensaje.text()
    assert v.mensaje.property("clase") == "error-grande"

    tecla(cajero, qtbot, "F9")
    corte = cajero.corte.vista
    assert corte.pdf.isHidden()  # nothing to save while the count is blind
    escribir(qtbot, corte.piezas[1], "1")
    tecla(cajero, qtbot, "F11")
    escribir(qtbot, corte.supervisor.editor, "demo-supervisor")
    escribir(qtbot, corte.contrasena.editor, "demo")
    tecla(cajero, qtbot, "F12")
    assert cajero.principal.turno is None and corte.pdf.isVisible()
    dialogo.ruta = tmp_path / "corte.pdf"
    tecla(cajero, qtbot, "F4")
    esperar(cajero, qtbot)
    assert _es_pdf(tmp_path / "corte.pdf")
    assert "PDF guardado" in corte.mensaje_pdf.text() and "Turno cerrado" in corte.mensaje.text()


def test_reporte_del_dia_en_pdf(abrir_escritorio, home_demo, qtbot, dialogo, tmp_path):
    app = abrir_escritorio(home_demo)
    entrar(app, qtbot, "demo-admin")
    v = app.administracion.vista
    v.pestanas.setCurrentIndex(pestana(v, M.PESTANA_REPORTES))
    assert v.fecha_reporte.editor.text() == dt.date.today().strftime("%d/%m/%Y")
    escribir(qtbot, v.fecha_reporte.editor, "2024-03-15")
    enter(app, qtbot, v.fecha_reporte.editor)
    assert "dd/mm/aaaa" in v.fecha_reporte.error.text() and not dialogo.pedidos
    escribir(qtbot, v.fecha_reporte.editor, dt.date.today().strftime("%d/%m/%Y"))
    dialogo.ruta = tmp_path / "reporte.pdf"
    qtbot.mouseClick(v.reporte_pdf, Qt.MouseButton.LeftButton)
    esperar(app, qtbot)
    assert _es_pdf(tmp_path / "reporte.pdf"), v.mensaje_reporte.text()
    assert "PDF guardado" in v.mensaje_reporte.text() and v.fecha_reporte.error.isHidden()
