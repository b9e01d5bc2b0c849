"""The inspector's «Reporte de ruta (PDF)» (as «reporte-ruta»), and enrollment with the central server from
Administración › Terminal (as «registrar») against a real central app served by uvicorn on 127.0.0.1,
followed by the sync loop taking the demo receipts there."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from jerez_pos.gui import mensajes as M
from tests.gui.teclado import enter, entrar, escribir, esperar, tecla
from tests.gui.test_fase2 import _cobrar_acta, _importar_padron
from tests.gui.test_pdf import _es_pdf, pestana
from tests.sync.servidor import CODIGO, central_local


def test_reporte_de_ruta_en_pdf(abrir_escritorio, home_demo, qtbot, dialogo, tmp_path):
    _importar_padron(home_demo)
    app = abrir_escritorio(home_demo)
    entrar(app, qtbot, "demo-inspector")
    escribir(qtbot, app.turno.vista.fondo, "0")
    enter(app, qtbot, app.turno.vista.fondo)
    v = app.inspector.vista
    assert app.principal.actual == "inspector" and "F4" in v.reporte.text()
    enter(app, qtbot, v.ruta)  # one stall charged (Enter asks, F12 charges): the report has a paid stall
    tecla(app, qtbot, "F12")
    assert app.inspector.ruta[0].pagado
    dialogo.ruta = tmp_path / "ruta"
    tecla(app, qtbot, "F4")
    esperar(app, qtbot)
    archivo = tmp_path / "ruta.pdf"
    assert _es_pdf(archivo), v.ultimo.text()
    assert dialogo.pedidos[-1] == (M.PDF_TITULO_RUTA, dialogo.pedidos[-1][1])
    assert dialogo.pedidos[-1][1].endswith(f"ruta-{dt.date.today():%Y-%m-%d}.pdf")
    assert str(archivo) in v.ultimo.text() and v.ultimo.property("clase") == "exito"

    from jerez_pos.ledger import usuarios
    from jerez_pos.printing.pdf.ruta import datos_ruta

    terminal = app.principal.servicios.terminal  # the same data the PDF was written from
    sesion = usuarios.autenticar(terminal.bd, "demo-inspector", "demo")
    datos = datos_ruta(terminal, sesion, "demo-inspector", dt.date.today())
    assert len(datos.visitas) == 1 and datos.pagados == 1 and len(datos.puestos) == 10


@pytest.fixture
def central(tmp_path, home_demo):
    """A central (SQLite file) served on 127.0.0.1, with a pending terminal for the demo series and CODIGO."""
    from jerez_pos.ledger import identidad
    from jerez_pos.ledger.terminal import Terminal

    terminal = Terminal(home_demo, respaldo_diario=False)
    serie = identidad.exigir_identidad(terminal.bd).serie
    terminal.bd.dispose()
    with central_local(tmp_path / "central.sqlite3", serie, CODIGO) as (url, motor):
        yield url, motor, serie


def test_inscribir_terminal_en_la_central(abrir_escritorio, home_demo, central, qtbot):
    import sqlalchemy as sa

    from jerez_pos.central import modelos as m

    url, motor, serie = central
    app = abrir_escritorio(home_demo)
    control = app.principal.sincronizacion
    control.intervalo = 3600  # one cycle right after enrollment; no second one during the test
    entrar(app, qtbot, "demo-admin")
    v = app.administracion.vista
    v.pestanas.setCurrentIndex(pestana(v, M.PESTANA_TERMINAL))
    assert not control.activa and "código" in v.mensaje_servidor.text()

    escribir(qtbot, v.servidor.editor, url)
    enter(app, qtbot, v.codigo.editor)  # no code yet: said on the field, nothing sent
    assert v.codigo.error.text() == M.OBLIGATORIO and not control.activa

    escribir(qtbot, v.codigo.editor, "ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ")
    enter(app, qtbot, v.codigo.editor)
    assert "no existe o ya se usó" in v.mensaje_servidor.text(), v.mensaje_servidor.text()
    assert v.mensaje_servidor.property("clase") == "error-grande" and v.inscribir.isEnabled()
    assert not control.activa

    escribir(qtbot, v.codigo.editor, CODIGO.lower())  # read over the phone: case does not matter
    qtbot.mouseClick(v.inscribir, Qt.MouseButton.LeftButton)
    esperar(app, qtbot)
    texto = v.mensaje_servidor.text()
    assert f"serie {serie}" in texto and "Tesorería de prueba" in texto and url in texto, texto
    assert v.mensaje_servidor.property("clase") == "exito" and v.codigo.editor.text() == ""
    assert app.principal.servicios.servidor() == url
    with motor.connect() as conexion:
        estado = conexion.execute(sa.select(m.terminal.c.estado).where(m.terminal.c.serie == serie)).scalar_one()
    assert estado == "activa"
    eventos = [e["accion"] for e in app.principal.servicios.auditoria(20)]
    assert "inscripción en la central" in eventos

    assert control.activa  # the loop started against the central just enrolled with
    etiqueta = app.ventana.estado_sincronizacion
    qtbot.waitUntil(lambda: etiqueta.text().startswith("Sincronizado"), timeout=20000)
    app.principal.cerrar_sesion()  # a cashier's receipt now travels to that central
    entrar(app, qtbot, "demo-cajero")
    folio = _cobrar_acta(app, qtbot, "Ana Ruiz")
    control.sincronizar_ahora()
    qtbot.waitUntil(lambda: control.ultimo is not None and control.ultimo.confirmados >= 1, timeout=20000)
    with motor.connect() as conexion:
        recibidos = conexion.execute(sa.select(sa.func.count()).select_from(m.registro)).scalar_one()
    assert recibidos >= 1 and folio.startswith(serie)
