"""Cobro's «Cuenta / contribuyente» search, the account card, charging its years through Pago, and the
inspector's licences not renewed, driving the real window with keys over a real demo home.

The clock of the account screens is set to 10 June 2024 (the demo home has no receipt yet, so the chain accepts
that date). Amounts by hand, UMA 2024 $108.57 (Arts. 14, 57, 58, 61, 114; see tests/ledger/test_cuentas.py):
- P-1, zone III, 200 m² + 120 m² type B habitacional = 4.8140 UMA → 2024: 4.8140 × 108.57 = 522.66; after
  31 March no discount; no INPC → factor 1; recargos 3 months (April, May, June started) × 2 % = 31.36;
  total 554.02. 2023 (before the first catalog): the roll's $350.00; 15 months × 2 % = 105.00; total 455.00.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from jerez_pos.gui.vistas import cuentas_mensajes as C
from tests.gui.teclado import enter, entrar, escribir, esperar, tecla
from tests.ledger.apoyo import Reloj

PREDIAL = (
    "cuenta,propietario,domicilio,zona,m2_terreno,m2_construccion,tipo_construccion,uso,baldio,"
    "hectareas_riego_gravedad,hectareas_riego_bombeo,hectareas_temporal,vulnerable,pagado_hasta,adeudo_2023\n"
    "P-1,Juana Pérez Núñez,Calle Jesús González Ortega 14,III,200,120,B,habitacional,no,,,,no,2022,350\n"
    "P-2,Luis Gómez,Av. Hidalgo 3,II,100,,,,no,,,,no,2023,\n"
)
COMERCIO = (
    "licencia,titular,domicilio,giro,pagado_hasta\n"
    "L-1,Tienda Uno,Hidalgo 10,1,2023\n"
    "L-2,Tienda Dos,Hidalgo 9,1,2023\n"
    "L-3,Al corriente,Allende 1,1,2024\n"
)
AHORA = dt.datetime(2024, 6, 10, 10, 0)


@pytest.fixture
def home_cuentas(home_demo, tmp_path):
    from jerez_pos.ledger import cuentas_padron, usuarios
    from jerez_pos.ledger.terminal import Terminal

    terminal = Terminal(home_demo, respaldo_diario=False)
    admin = usuarios.autenticar(terminal.bd, "demo-admin", "demo")
    for padron, contenido in (("predial", PREDIAL), ("comercio", COMERCIO)):
        ruta = tmp_path / f"{padron}.csv"
        ruta.write_text(contenido, encoding="utf-8")
        cuentas_padron.importar(terminal.bd, admin, padron, ruta, terminal.motor.catalogos[0])
    terminal.bd.dispose()
    return home_demo


def _abrir(abrir_escritorio, home, qtbot, usuario="demo-cajero"):
    app = abrir_escritorio(home)
    app.cuentas.servicio.reloj = Reloj(AHORA)
    entrar(app, qtbot, usuario)
    return app


def _ctrl_f(app, qtbot):
    qtbot.keyClick(app.ventana.focusWidget(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    esperar(app, qtbot)


def _buscar(app, qtbot, texto):
    panel = app.cuentas.busqueda.panel
    escribir(qtbot, panel.buscador, texto)
    esperar(app, qtbot)
    lista = panel.resultados
    return [lista.item(i).data(Qt.ItemDataRole.UserRole) for i in range(lista.count())]


def _anios(app):
    t = app.cuentas.tarjeta.vista.anios
    return [[t.item(f, c).text() for c in range(t.columnCount())] for f in range(t.rowCount())]


def test_buscar_cuenta_tarjeta_y_cobro_de_dos_anios(abrir_escritorio, home_cuentas, qtbot, dialogo, tmp_path):
    app = _abrir(abrir_escritorio, home_cuentas, qtbot)
    assert app.principal.actual == "cobro"
    _ctrl_f(app, qtbot)
    panel = app.cuentas.busqueda.panel
    assert app.cobro.vista.pestanas.currentWidget() is panel and panel.buscador.hasFocus()
    assert C.PESTANA_CUENTA in [app.cobro.vista.pestanas.tabText(i) for i in range(4)]
    # Partial name, with and without accents; address; account key.
    assert _buscar(app, qtbot, "perez nun") == [("predial", "P-1")]
    assert _buscar(app, qtbot, "PÉREZ Núñ") == [("predial", "P-1")]
    assert _buscar(app, qtbot, "gonzalez ortega") == [("predial", "P-1")]
    assert _buscar(app, qtbot, "hidalgo") == [("predial", "P-2"), ("comercio", "L-1"), ("comercio", "L-2")]
    assert _buscar(app, qtbot, "gómez zzz") == [] and "gómez zzz" in panel.estado.text()
    qtbot.keyClick(panel.buscador, Qt.Key.Key_Escape)  # Esc clears the box; Cobro stays
    assert panel.buscador.text() == "" and app.principal.actual == "cobro"
    assert _buscar(app, qtbot, "juana") == [("predial", "P-1")]
    enter(app, qtbot, panel.buscador)

    # The card: data, years with their parts, all years marked.
    assert app.principal.actual == "cuenta"
    v = app.cuentas.tarjeta.vista
    assert v.titulo.text() == "Predial · cuenta P-1" and v.titular.text() == "Juana Pérez Núñez"
    assert "Zona" in v.datos.text() and "III" in v.datos.text() and "Construcción (m²)" in v.datos.text()
    assert "Pagado hasta 2022" in v.pagado.text() and "10/06/2024" in v.anios_titulo.text()
    assert _anios(app) == [
        ["2023", "$350.00", "$0.00", "$0.00", "$105.00", "$455.00"],
        ["2024", "$522.66", "$0.00", "$0.00", "$31.36", "$554.02"],
    ]
    assert v.marcados.text() == C.MARCADOS.format(n=2, total=2, importe="$1,009.02")
    assert v.historial.rowCount() == 0 and not v.historial_vacio.isHidden()
    assert "INPC" in v.avisos.text()  # no index imported: factor 1, said on the card

    # Space: unmarking the oldest unmarks every year; marking the newest marks the older ones too.
    assert v.anios.hasFocus() and v.anios.currentRow() == 0
    qtbot.keyClick(v.anios, Qt.Key.Key_Space)
    assert app.cuentas.tarjeta.marcados == 0 and "0 de 2" in v.marcados.text()
    qtbot.keyClick(v.anios, Qt.Key.Key_Down)
    qtbot.keyClick(v.anios, Qt.Key.Key_Space)
    assert app.cuentas.tarjeta.marcados == 2
    assert v.anios.item(0, 0).checkState() == Qt.CheckState.Checked

    # F4: the estado de cuenta PDF.
    dialogo.ruta = tmp_path / "estado"
    tecla(app, qtbot, "F4")
    assert (tmp_path / "estado.pdf").read_bytes()[:5] == b"%PDF-" and "estado.pdf" in v.mensaje.text()

    # Enter → Pago with one line per year, exactly what «cobrar-adeudo» issues; F7 exact cash, F12 issues.
    enter(app, qtbot, v.anios)
    assert app.principal.actual == "pago"
    b = app.cobro.borrador
    assert [x.clave for x in b.lineas] == ["A57", "A57"] and b.total == Decimal("1009.02")
    assert "ejercicio 2023" in b.lineas[0].cotizacion.descripcion
    assert b.lineas[1].cotizacion.descripcion.endswith("(ejercicio 2024)")
    assert app.cobro.vista.recibo.nombre.text() == "Juana Pérez Núñez"
    tecla(app, qtbot, "F7")
    tecla(app, qtbot, "F12")
    esperar(app, qtbot)
    # Issued: the change stays on Pago until the next customer (issue 14), the receipt in progress is empty.
    assert app.principal.actual == "pago" and app.pago.mostrando_cambio and not app.cobro.borrador.lineas

    from jerez_pos.ledger import consultas, cuentas_busqueda, usuarios

    terminal = app.principal.servicios.terminal
    (pago,) = cuentas_busqueda.historial(terminal.bd, "predial", "P-1")
    assert pago.ejercicios == (2023, 2024) and pago.importe == Decimal("1009.02") and not pago.anulado
    detalle = consultas.detalle(terminal.bd, usuarios.autenticar(terminal.bd, "demo-cajero", "demo"), pago.folio)
    # The receipt: one A57 line per year with the card's totals, linked to the account (as «cobrar-adeudo»).
    assert [(x["clave"], x["total_centavos"]) for x in detalle.lineas] == [("A57", 45500), ("A57", 55402)]
    assert (detalle.contribuyente["cuenta_catastral"], detalle.contribuyente["nombre"]) == ("P-1", "Juana Pérez Núñez")

    assert pago.folio in app.pago.vista.emitido.text()
    qtbot.keyClick(app.pago.vista.efectivo, Qt.Key.Key_Return)  # Enter: the next customer, back in Cobro
    esperar(app, qtbot)
    assert app.principal.actual == "cobro"

    # Again: the card says it is paid, shows the receipt, and Enter refuses in Spanish.
    from PySide6.QtWidgets import QApplication

    app.ventana.activateWindow()  # the offscreen platform does not give it back when the dialog closes
    qtbot.waitUntil(lambda: QApplication.activeWindow() is app.ventana)
    _ctrl_f(app, qtbot)
    assert panel.buscador.hasFocus()
    assert _buscar(app, qtbot, "P-1") == [("predial", "P-1")]
    enter(app, qtbot, panel.buscador)
    assert _anios(app) == [] and not v.al_corriente.isHidden()
    assert v.historial.item(0, 0).text() == pago.folio and v.historial.item(0, 2).text() == "2023, 2024"
    assert v.historial.item(0, 3).text() == "$1,009.02" and v.historial.item(0, 4).text() == C.VIGENTE
    enter(app, qtbot, v.anios)
    assert app.principal.actual == "cuenta"
    assert v.mensaje.text() == "Nada que cobrar: la cuenta P-1 no debe ningún ejercicio."
    tecla(app, qtbot, "Esc")
    assert app.principal.actual == "cobro" and panel.buscador.hasFocus()


def test_doble_cobro_se_rechaza_en_pago(abrir_escritorio, home_cuentas, qtbot):
    app = _abrir(abrir_escritorio, home_cuentas, qtbot)
    _ctrl_f(app, qtbot)
    assert _buscar(app, qtbot, "luis") == [("predial", "P-2")]
    enter(app, qtbot, app.cuentas.busqueda.panel.buscador)
    assert [fila[0] for fila in _anios(app)] == ["2024"]
    enter(app, qtbot, app.cuentas.tarjeta.vista.anios)
    assert app.principal.actual == "pago"

    # Meanwhile the same year is charged elsewhere (another cashier, the command line).
    from jerez_pos.ledger import cuentas, usuarios
    from jerez_pos.ledger.pagos import Pago

    terminal = app.principal.servicios.terminal
    otra = usuarios.autenticar(terminal.bd, "demo-cajero", "demo")
    cuentas.cobrar(terminal, otra, "predial", "P-2", [Pago("efectivo", Decimal("1000"))], None, Reloj(AHORA))

    tecla(app, qtbot, "F7")
    tecla(app, qtbot, "F12")
    esperar(app, qtbot)
    error = app.pago.vista.error
    assert app.principal.actual == "pago" and not error.isHidden()
    assert error.text() == "Nada que cobrar: la cuenta P-2 no debe ningún ejercicio"
    from jerez_pos.ledger import cuentas_busqueda

    assert len(cuentas_busqueda.historial(terminal.bd, "predial", "P-2")) == 1  # only the other receipt

    # Back in Cobro, removing a line drops the account's years as a whole: never charged unlinked.
    tecla(app, qtbot, "Esc")
    assert app.principal.actual == "cobro" and len(app.cobro.borrador.lineas) == 1
    app.cobro.quitar()
    qtbot.keyClick(app.cobro.pregunta, Qt.Key.Key_Return)  # removing asks first; Enter is «Sí»
    esperar(app, qtbot)
    assert app.cobro.borrador.lineas == [] and not getattr(app.cobro.borrador, "anios", [])

    # A business licence: its giro on the card; 3.5805 UMA × 108.57 = 388.73, no Art. 114 subsidy after
    # 31 March, recargos 3 months × 2 % = 23.32.
    _ctrl_f(app, qtbot)
    assert _buscar(app, qtbot, "tienda uno") == [("comercio", "L-1")]
    enter(app, qtbot, app.cuentas.busqueda.panel.buscador)
    v = app.cuentas.tarjeta.vista
    assert v.titulo.text() == "Padrón de comercio · licencia L-1" and "Giro" in v.datos.text()
    assert _anios(app) == [["2024", "$388.73", "$0.00", "$0.00", "$23.32", "$412.05"]]
    assert "A114-III-1" in v.anios.item(0, 5).toolTip()


def test_inspector_ve_licencias_sin_refrendo(abrir_escritorio, home_cuentas, qtbot):
    app = abrir_escritorio(home_cuentas)
    app.cuentas.servicio.reloj = Reloj(dt.datetime(2024, 2, 10, 10, 0))
    entrar(app, qtbot, "demo-inspector")
    escribir(qtbot, app.turno.vista.fondo, "0")
    enter(app, qtbot, app.turno.vista.fondo)
    assert app.principal.actual == "inspector"
    tecla(app, qtbot, "F3")
    assert app.principal.actual == "sin_refrendo"
    t = app.cuentas.sin_refrendo.vista.lista
    filas = [[t.item(f, c).text() for c in range(t.columnCount())] for f in range(t.rowCount())]
    # By address (9 before 10); L-3 renewed 2024. 3.5805 UMA × 108.57 = 388.73 less Art. 114's 50 % = 194.36.
    assert [f[:3] for f in filas] == [["Hidalgo 9", "L-2", "Tienda Dos"], ["Hidalgo 10", "L-1", "Tienda Uno"]]
    assert [f[4:] for f in filas] == [["2023", "$194.36"], ["2023", "$194.36"]]
    assert filas[0][3].startswith("1 ")
    assert app.cuentas.sin_refrendo.vista.resumen.text() == C.SIN_REFRENDO_RESUMEN.format(n=2, total="$388.72")
    tecla(app, qtbot, "Esc")
    assert app.principal.actual == "inspector"


def test_borrador_de_cuenta_no_se_guarda_como_conceptos_sueltos():
    """After a crash the draft is priced again as concept lines: an account's years must not come back that
    way (they would be charged without their link to the account and could be paid twice)."""
    import json
    from types import SimpleNamespace

    from jerez_pos.gui.borrador import Linea
    from jerez_pos.gui.controladores.cuenta_borrador import BorradorCuenta, emision_cuenta

    cot = SimpleNamespace(total=Decimal("10"), requiere_autorizacion=())
    linea = Linea("A57", {"ejercicio": "2024"}, cot)
    pedidos = []
    servicio = SimpleNamespace(cobrar=lambda *a: pedidos.append(a) or "emitido")
    b = BorradorCuenta([linea], {"nombre": "Juana"}, "predial", "P-1", [2024], servicio)
    assert json.loads(b.a_json()) == {"contribuyente": {"nombre": "Juana"}, "lineas": []}
    emitir = emision_cuenta(b, [])
    assert emitir is not None and emitir() == "emitido" and pedidos == [("predial", "P-1", [2024], [])]
    b.agregar(Linea("A85-II", {}, cot))
    assert [x.clave for x in b.lineas] == ["A85-II"] and b.anios == [] and emision_cuenta(b, []) is None
    assert json.loads(b.a_json())["lineas"] == [{"clave": "A85-II", "parametros": {}}]
