"""Administración, the system half: restore (only after typing RESTAURAR), printer settings and the test
print to an ``archivo:`` printer in tmp, and the audit log tab showing recent events. Plus the corte's
bars by rubro: every rubro shown, abbreviated, the full name in the tooltip."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt

from jerez_pos.gui import mensajes as M
from tests.gui.teclado import enter, entrar, escribir, esperar
from tests.gui.test_pdf import pestana


def _admin(abrir_escritorio, home, qtbot, titulo: str):
    app = abrir_escritorio(home)
    entrar(app, qtbot, "demo-admin")
    v = app.administracion.vista
    v.pestanas.setCurrentIndex(pestana(v, titulo))
    return app, v


def _clic(app, qtbot, boton) -> None:
    qtbot.mouseClick(boton, Qt.MouseButton.LeftButton)
    esperar(app, qtbot)


def _usuarios(app) -> list[str]:
    tabla = app.administracion.vista.usuarios
    return [tabla.item(n, 0).text() for n in range(tabla.rowCount())]


def test_restaurar_pide_la_palabra_y_reemplaza_la_base(abrir_escritorio, home_demo, qtbot):
    app, v = _admin(abrir_escritorio, home_demo, qtbot, M.PESTANA_RESPALDOS)
    _clic(app, qtbot, v.respaldar)
    assert v.mensaje_respaldo.text().startswith("Respaldo verificado: ")
    respaldo = v.mensaje_respaldo.text().removeprefix("Respaldo verificado: ")
    # After the backup, a new user. It is a committed movement, kept in the receipt journal: the restored
    # ledger is the backup plus what the journal holds after it, so nothing committed is lost by a restore.
    escribir(qtbot, v.usuario.editor, "temporal")
    escribir(qtbot, v.nombre.editor, "Usuario temporal")
    escribir(qtbot, v.contrasena.editor, "clave-temporal-1")
    _clic(app, qtbot, v.crear)
    assert "temporal" in _usuarios(app)

    _clic(app, qtbot, v.restaurar)  # no file: the field says so, nothing else happens
    assert v.archivo_respaldo.error.text() == M.OBLIGATORIO and v.aviso_restaurar.isHidden()
    escribir(qtbot, v.archivo_respaldo.editor, respaldo)
    escribir(qtbot, v.confirmar_restaurar.editor, "restaurar")  # lower case is not the word
    _clic(app, qtbot, v.restaurar)
    assert v.confirmar_restaurar.error.text() == M.RESTAURAR_FALTA
    assert respaldo in v.aviso_restaurar.text() and app.principal.sesion is not None
    assert v.confirmar_restaurar.editor.hasFocus()
    escribir(qtbot, v.confirmar_restaurar.editor, "RESTAURAR")
    enter(app, qtbot, v.confirmar_restaurar.editor)  # Enter confirms: no mouse needed
    assert app.principal.actual == "acceso" and app.principal.sesion is None  # everyone logs in again
    assert "Respaldo restaurado" in app.principal.ultimo_dialogo.text()
    assert v.confirmar_restaurar.editor.text() == ""  # the word does not stay typed for next time
    entrar(app, qtbot, "demo-admin")
    assert "temporal" in _usuarios(app) and "demo-cajero" in _usuarios(app)


def test_impresora_prueba_y_bitacora(abrir_escritorio, home_demo, qtbot, tmp_path):
    app, v = _admin(abrir_escritorio, home_demo, qtbot, M.PESTANA_TERMINAL)
    assert "serie DEMO" in v.datos_terminal.text()
    ticket = tmp_path / "impresora.bin"
    escribir(qtbot, v.impresora.editor, f"archivo:{ticket}")
    v.ancho.setCurrentIndex(v.ancho.findData(58))
    _clic(app, qtbot, v.guardar_impresora)
    assert "Impresora guardada" in v.mensaje_impresora.text()
    assert str(ticket) in app.ventana.estado_impresora.text()
    _clic(app, qtbot, v.probar_impresora)
    assert v.mensaje_impresora.text().startswith("Página de prueba enviada"), v.mensaje_impresora.text()
    datos = ticket.read_bytes()
    assert datos.startswith(b"\x1b@") and len(datos) > 100  # ESC @ (reset) opens every job
    escribir(qtbot, v.impresora.editor, "impresora-rara:1")  # a bad destination: said in place
    _clic(app, qtbot, v.guardar_impresora)
    assert v.mensaje_impresora.property("clase") == "error-grande"

    v.pestanas.setCurrentIndex(pestana(v, M.PESTANA_BITACORA))
    _clic(app, qtbot, v.actualizar_bitacora)
    tabla = v.bitacora
    filas = [[tabla.item(n, c).text() for c in range(4)] for n in range(tabla.rowCount())]
    assert filas and filas[0][1] == "demo-admin"  # newest first
    assert any(f[2] == "acceso" and f[1] == "demo-admin" for f in filas)
    assert re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d", filas[0][0])


def test_barras_por_rubro_muestran_todo(qtbot):
    from jerez_pos.gui.vistas.corte import VistaCorte
    from jerez_pos.gui.vistas.grafica import LARGO_ETIQUETA, abreviar

    largo = "Derechos › Padrón Municipal de Comercio y Servicios para Giros con Venta de Bebidas"
    assert abreviar("Impuestos › Predial") == "Predial"
    assert abreviar(largo).endswith("…") and len(abreviar(largo)) <= LARGO_ETIQUETA + 1
    vista = VistaCorte(["$1.00"])
    qtbot.addWidget(vista)
    vista.resize(1366, 640)
    datos = [(f"{largo} {n}", 1000.0 - n * 40, f"${1000 - n * 40:,.2f}") for n in range(20)]
    vista.grafica.mostrar(datos)
    vista.panel_grafica.show()
    vista.show()
    qtbot.wait(50)
    g = vista.grafica
    assert len(g.filas) == 20  # every rubro, none cut off
    nombre, barra, importe = g.filas[0]
    assert nombre.text() == abreviar(datos[0][0]) and importe.text() == "$1,000.00"
    assert datos[0][0] in nombre.toolTip() and "$1,000.00" in barra.toolTip()
    assert g.filas[19][1].value() < g.filas[0][1].value() == 1000
    assert g.desplazable.verticalScrollBar().maximum() > 0  # 20 rubros scroll instead of squeezing
    g.mostrar([])
    assert g.filas == [] and g.titulo.text() == M.SIN_COBROS
