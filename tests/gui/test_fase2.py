"""Phase 2 flows by keyboard: receipt search and void, inspector route and hand-over, catalog import in
Administración (errors shown, differences shown), and the first-run wizard."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from jerez_pos import config
from tests.gui.teclado import buscar_y_elegir, enter, entrar, escribir, esperar, tecla


def _cobrar_acta(cajero, qtbot, nombre: str) -> str:
    buscar_y_elegir(cajero, qtbot, "A85-II")
    tecla(cajero, qtbot, "F4")
    escribir(qtbot, cajero.cobro.vista.recibo.nombre, nombre)
    tecla(cajero, qtbot, "F12")
    tecla(cajero, qtbot, "F7")
    tecla(cajero, qtbot, "F12")
    return cajero.pago.ultimo_emitido.folio


def test_busqueda_detalle_reimpresion_y_anulacion(cajero, qtbot):
    primero = _cobrar_acta(cajero, qtbot, "Maria Lopez")
    segundo = _cobrar_acta(cajero, qtbot, "Jose Perez")
    tecla(cajero, qtbot, "F5")
    v = cajero.recibos.vista
    assert [v.tabla.item(n, 0).text() for n in range(v.tabla.rowCount())] == [segundo, primero]
    assert "Recibos del turno" in v.nota.text()
    escribir(qtbot, v.buscar_nombre.editor, "lópez")  # accents do not matter
    enter(cajero, qtbot, v.buscar_nombre.editor)
    assert v.tabla.rowCount() == 1 and v.tabla.item(0, 0).text() == primero
    assert primero in v.detalle.text() and "A85-II" in v.detalle.text()
    escribir(qtbot, v.buscar_desde.editor, "2024-01-01")
    enter(cajero, qtbot, v.buscar_desde.editor)
    assert "dd/mm/aaaa" in v.buscar_desde.error.text()
    tecla(cajero, qtbot, "F7")  # reprint: logged as a copy; without a printer it stays pending
    assert primero in v.mensaje.text() and "pendiente" in v.mensaje.text()
    assert "Reimpresiones" in v.detalle.text()
    assert "pendientes" in v.pendientes.text()
    escribir(qtbot, v.supervisor.editor, "demo-supervisor")
    escribir(qtbot, v.contrasena.editor, "demo")
    escribir(qtbot, v.motivo.editor, "nombre equivocado")
    tecla(cajero, qtbot, "F8")
    assert f"Recibo {primero} anulado" in v.mensaje.text()
    fila = next(n for n in range(v.tabla.rowCount()) if v.tabla.item(n, 0).text() == primero)
    assert v.tabla.item(fila, 5).text() == "ANULADO"
    tecla(cajero, qtbot, "F11")
    assert v.cadena.text().startswith("Cadena íntegra")


def _importar_padron(home):
    from jerez_pos.ledger import padron, usuarios
    from jerez_pos.ledger.terminal import Terminal

    terminal = Terminal(home, respaldo_diario=False)
    admin = usuarios.autenticar(terminal.bd, "demo-admin", "demo")
    padron.importar(terminal, admin, config.raiz_programa() / "resources" / "padron_demo.csv")
    terminal.bd.dispose()


def test_ruta_del_inspector_y_entrega(abrir_escritorio, home_demo, qtbot):
    _importar_padron(home_demo)
    app = abrir_escritorio(home_demo)
    entrar(app, qtbot, "demo-inspector")
    assert app.principal.actual == "turno"
    escribir(qtbot, app.turno.vista.fondo, "0")
    enter(app, qtbot, app.turno.vista.fondo)
    assert app.principal.actual == "inspector"  # the inspector starts on the route
    v = app.inspector.vista
    assert v.ruta.rowCount() == 10 and v.ruta.hasFocus()
    enter(app, qtbot, v.ruta)  # Enter shows the fee, F12 charges the first pending stall
    tecla(app, qtbot, "F12")
    assert app.inspector.ruta[0].pagado and "recibo DEMO-" in v.ultimo.text()
    assert v.ruta.currentRow() == 1  # the next pending stall is ready
    qtbot.keyClick(v.ruta, Qt.Key.Key_Down)  # skip one, charge the next
    enter(app, qtbot, v.ruta)
    tecla(app, qtbot, "F12")
    pagados = [x.puesto.clave for x in app.inspector.ruta if x.pagado]
    assert len(pagados) == 2 and not app.inspector.ruta[1].pagado
    monto = Decimal(v.monto.editor.text())
    assert monto > 0

    tecla(app, qtbot, "F11")
    assert v.propia.editor.hasFocus()
    escribir(qtbot, v.propia.editor, "demo")
    escribir(qtbot, v.cajero.editor, "demo-cajero")
    escribir(qtbot, v.cajero_contrasena.editor, "mala")
    tecla(app, qtbot, "F12")
    assert "incorrectos" in v.mensaje.text()
    escribir(qtbot, v.cajero_contrasena.editor, "demo")
    tecla(app, qtbot, "F12")
    assert "Entrega" in v.mensaje.text() and "registrada" in v.mensaje.text()
    assert v.monto.editor.text() == ""  # nothing left to hand over

    from tests.ledger.apoyo import cifras

    servicios = app.principal.servicios
    assert cifras(servicios.terminal, "demo-cajero").entregas_recibidas == int(monto * 100)


def test_importar_catalogo_en_administracion(abrir_escritorio, home_demo, qtbot, tmp_path):
    from jerez_pos.gui.captura import catalogo_modificado

    app = abrir_escritorio(home_demo)
    entrar(app, qtbot, "demo-admin")
    assert app.principal.actual == "administracion"
    v = app.administracion.vista
    assert v.usuarios.rowCount() == 4 and v.uma.rowCount() >= 4
    assert v.catalogos.rowCount() == 1 and "primer catálogo" in v.titulo_diferencias.text()

    roto = catalogo_modificado(tmp_path / "roto")
    (roto / "catalogo.toml").write_text('municipio = "jerez"\nejercicio = "dos mil"\n', encoding="utf-8")
    parte = v.importar_catalogo
    escribir(qtbot, parte.editor, str(roto))
    enter(app, qtbot, parte.editor)
    assert "no se importó" in parte.resultado.text()
    assert not parte.errores.isHidden() and parte.errores.count() >= 1
    assert "catalogo.toml" in parte.errores.item(0).text()
    assert v.catalogos.rowCount() == 1  # nothing written

    bueno = catalogo_modificado(tmp_path / "bueno")
    escribir(qtbot, parte.editor, str(bueno))
    enter(app, qtbot, parte.editor)
    assert f"{bueno.name.replace('-v', ' v')} importado" in parte.resultado.text()
    assert v.catalogos.rowCount() == 2
    renglones = [v.diferencias.item(n).text() for n in range(v.diferencias.count())]
    assert "Tarifas cambiadas (1)" in renglones
    assert any("A85-II" in r and "1.0603" in r and "1.1000" in r for r in renglones)


def test_administracion_usuarios_y_padron_con_errores(abrir_escritorio, home_demo, qtbot, tmp_path):
    app = abrir_escritorio(home_demo)
    entrar(app, qtbot, "demo-admin")
    v = app.administracion.vista
    escribir(qtbot, v.usuario.editor, "nueva")
    escribir(qtbot, v.nombre.editor, "Cajera Nueva")
    v.rol.setCurrentIndex(v.rol.findData("cajero"))
    escribir(qtbot, v.contrasena.editor, "1234")
    v.crear.click()
    esperar(app, qtbot)
    assert "creado" in v.mensaje_usuarios.text() and v.usuarios.rowCount() == 5
    malo = tmp_path / "padron.csv"
    malo.write_text("clave,titular,giro,tianguis,ubicacion,tipo,m2\nX-1,Ana,Ropa,Jueves,Centro,ambulante,2\n", "utf-8")
    escribir(qtbot, v.importar_padron.editor, str(malo))
    enter(app, qtbot, v.importar_padron.editor)
    assert "no se escribió nada" in v.importar_padron.resultado.text()
    assert v.importar_padron.errores.item(0).text().startswith("línea 2, campo tipo")


def test_asistente_de_primera_vez(abrir_escritorio, tmp_path, qtbot):
    home = tmp_path / "nueva"
    app = abrir_escritorio(home)
    assert app.principal.actual == "asistente"
    v = app.asistente.vista
    assert v.municipio.editor.hasFocus() or v.municipio.editor.text() == "Jerez, Zacatecas"
    enter(app, qtbot, v.municipio.editor)
    enter(app, qtbot, v.delegacion.editor)
    assert v.paginas.currentIndex() == 0 and v.delegacion.error.text() == "Es obligatorio"
    escribir(qtbot, v.delegacion.editor, "Cabecera")
    enter(app, qtbot, v.delegacion.editor)
    assert v.paginas.currentIndex() == 1
    escribir(qtbot, v.terminal.editor, "Caja 1")
    enter(app, qtbot, v.terminal.editor)
    escribir(qtbot, v.serie.editor, "JRZ1")
    enter(app, qtbot, v.serie.editor)
    escribir(qtbot, v.usuario.editor, "tesoreria")
    enter(app, qtbot, v.usuario.editor)
    escribir(qtbot, v.nombre.editor, "Tesoreria")
    enter(app, qtbot, v.nombre.editor)
    escribir(qtbot, v.contrasena.editor, "clave1")
    enter(app, qtbot, v.contrasena.editor)
    escribir(qtbot, v.confirmacion.editor, "clave2")
    enter(app, qtbot, v.confirmacion.editor)
    enter(app, qtbot, v.impresora.editor)  # no printer yet
    respaldo = tmp_path / "usb"
    escribir(qtbot, v.respaldo.editor, str(respaldo))
    tecla(app, qtbot, "F12")
    assert v.paginas.currentIndex() == 2 and "No coincide" in v.confirmacion.error.text()  # back to the field
    escribir(qtbot, v.confirmacion.editor, "clave1")
    tecla(app, qtbot, "F12")
    assert app.principal.actual == "acceso"
    assert app.acceso.vista.usuario.text() == "tesoreria"
    assert f'destino = "{respaldo}"' in (home / "ajustes.toml").read_text(encoding="utf-8")

    otra = abrir_escritorio(home)  # a second start goes straight to login
    assert otra.principal.actual == "acceso"
    entrar(otra, qtbot, "tesoreria", "clave1")
    assert otra.principal.actual == "administracion"
