"""``jerez-pos gui --captura DIR``: drive the real app over a demo home and save each main screen as PNG.

The screens are reached the way a cashier reaches them (typing, Enter, F-keys), so a picture that looks
wrong is a bug in the app, not in this script.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from jerez_pos.gui.app import Escritorio, aplicacion, construir

if TYPE_CHECKING:
    from jerez_pos.ledger.terminal import Terminal

RECIBOS_DEMO = 6
# A small predial roll for the account card (Ctrl+F): accounts that owe two years.
PREDIAL_DEMO = (
    "cuenta,propietario,domicilio,zona,m2_terreno,m2_construccion,tipo_construccion,uso,baldio,"
    "hectareas_riego_gravedad,hectareas_riego_bombeo,hectareas_temporal,vulnerable,pagado_hasta,adeudo_2023\n"
    "P-1,Juana Pérez Núñez,Calle Jesús González Ortega 14,III,200,120,B,habitacional,no,,,,no,2022,350\n"
    "P-2,Luis Gómez,Av. Hidalgo 3,II,100,,,,no,,,,no,2023,\n"
)
FECHA_CUENTAS = (2024, 6, 10)  # the card is computed on a day the 2024 catalog covers


def _demo(home: Path) -> Terminal:
    from jerez_pos import config
    from jerez_pos.ledger import demo, padron, usuarios
    from jerez_pos.ledger.terminal import Terminal

    terminal = Terminal(home)
    cajero = demo.preparar(terminal)
    for _ in demo.emitir(terminal, cajero, RECIBOS_DEMO, semilla=2024):
        pass
    admin = usuarios.autenticar(terminal.bd, "demo-admin", demo.CONTRASENA)
    padron.importar(terminal, admin, config.raiz_programa() / "resources" / "padron_demo.csv")
    from jerez_pos.ledger import cuentas_padron

    with tempfile.TemporaryDirectory(prefix="jerez-predial-") as temporal:
        ruta = Path(temporal) / "predial.csv"
        ruta.write_text(PREDIAL_DEMO, encoding="utf-8")
        cuentas_padron.importar(terminal.bd, admin, "predial", ruta, terminal.motor.catalogos[0])
    return terminal


def catalogo_modificado(destino: Path) -> Path:
    """The shipped catalog as its next version with one amount changed, one concept removed: something to import
    that has differences to show (screenshots and tests)."""
    import re
    import shutil

    from jerez_pos import config

    texto_cabecera = (config.catalogo_incluido() / "catalogo.toml").read_text(encoding="utf-8")
    version = re.search(r"(?m)^version = (\d+)$", texto_cabecera)
    assert version is not None, "el catálogo incluido no declara su versión"
    siguiente = int(version.group(1)) + 1
    copia = destino / f"jerez-2024-v{siguiente}"
    shutil.copytree(config.catalogo_incluido(), copia)
    cabecera = copia / "catalogo.toml"
    cabecera.write_text(re.sub(r"(?m)^version = \d+$", f"version = {siguiente}", texto_cabecera), "utf-8")
    archivo = copia / "conceptos" / "a084-a100.toml"
    texto = archivo.read_text(encoding="utf-8")
    inicio = texto.index('clave = "A85-II"')
    monto = texto.index('monto = "1.0603"', inicio)
    archivo.write_text(texto[:monto] + 'monto = "1.1000"' + texto[monto + len('monto = "1.0603"') :], "utf-8")
    return copia


class Guion:
    """Small steps over the running app: type, press, wait for the worker, save a picture."""

    def __init__(self, escritorio: Escritorio, destino: Path) -> None:
        self.e = escritorio
        self.destino = destino
        self.guardadas: list[Path] = []

    def esperar(self, pausa_ms: int = 250) -> None:
        fin = time.monotonic() + pausa_ms / 1000
        while time.monotonic() < fin:  # let debounce timers fire
            QApplication.processEvents()
            time.sleep(0.01)
        self.e.esperar()
        QApplication.processEvents()

    def escribir(self, campo: QWidget, texto: str) -> None:
        campo.setFocus()
        if hasattr(campo, "clear"):
            campo.clear()
        QTest.keyClicks(campo, texto)

    def tecla(self, nombre: str) -> None:
        self.e.principal.tecla(nombre)
        self.esperar()

    def enter(self, campo: QWidget) -> None:
        QTest.keyClick(campo, Qt.Key.Key_Return)
        self.esperar()

    def foto(self, nombre: str) -> None:
        dialogo = self.e.principal.ultimo_dialogo
        if dialogo is not None and dialogo.isVisible():
            dialogo.done(0)
        self.esperar(50)
        ruta = self.destino / f"{nombre}.png"
        self.e.ventana.grab().save(str(ruta))
        self.guardadas.append(ruta)


def _recorrido(g: Guion) -> None:
    e = g.e
    acceso = e.acceso.vista
    g.escribir(acceso.usuario, "demo-cajero")
    g.foto("01-acceso")
    g.escribir(acceso.contrasena, "demo")
    g.enter(acceso.contrasena)

    cobro = e.cobro.vista
    g.escribir(cobro.buscar.buscador, "acta de nacimiento")
    g.esperar()
    g.enter(cobro.buscar.buscador)
    g.tecla("F4")
    g.escribir(cobro.buscar.buscador, "licencia construccion")
    g.esperar()
    cobro.buscar.resultados.setCurrentRow(0)
    g.enter(cobro.buscar.resultados)
    g.foto("02-cobro")

    g.tecla("F2")
    g.escribir(cobro.giro.buscador, "cafeteria cerveza")
    g.esperar()
    g.enter(cobro.giro.buscador)
    g.foto("03-por-giro")
    g.tecla("F6")
    pregunta = e.cobro.busqueda.giro.pregunta  # F6 lists the marked lines and asks: Enter adds them
    if pregunta is not None and pregunta.isVisible():
        QTest.keyClick(pregunta, Qt.Key.Key_Return)
        g.esperar()

    g.tecla("F10")
    g.escribir(cobro.buscar.buscador, "A31-II")
    g.esperar()
    g.enter(cobro.buscar.buscador)
    campo = cobro.concepto.formulario.campos["aparatos"].editor
    g.escribir(campo, "12")
    g.esperar()
    g.foto("04-formulario")
    g.escribir(campo, "0")
    g.esperar()
    g.foto("05-validacion")
    g.escribir(campo, "3")
    g.esperar()
    g.tecla("F4")

    g.tecla("F3")
    arbol = cobro.catalogo.arbol
    derechos = arbol.topLevelItem(1) or arbol.topLevelItem(0)
    if derechos is not None:
        derechos.setExpanded(True)
        primero = derechos.child(0)
        if primero is not None:
            primero.setExpanded(True)
    g.foto("06-catalogo")

    g.tecla("F12")
    pago = e.pago.vista
    g.escribir(pago.tarjeta, "1000")
    g.escribir(pago.ultimos4, "4242")
    g.escribir(pago.autorizacion_banco, "A1B2C3")
    g.escribir(pago.efectivo, "")
    g.tecla("F7")
    total_efectivo = pago.efectivo.text()
    g.escribir(pago.efectivo, str(int(float(total_efectivo or "0")) // 100 * 100 + 100))
    g.esperar()
    g.foto("07-pago")
    g.tecla("F12")

    g.tecla("F10")  # the next customer: an acta paid with a $500 bill, the change stays big on screen
    g.escribir(cobro.buscar.buscador, "A85-II")
    g.esperar()
    g.enter(cobro.buscar.buscador)
    g.tecla("F4")
    g.tecla("F12")
    g.escribir(pago.efectivo, "500")
    g.enter(pago.efectivo)
    g.foto("17-pago-cambio")
    _cuenta(g)

    g.tecla("F5")
    g.foto("08-recibos")

    g.tecla("F9")
    corte = e.corte.vista
    for piezas, cantidad in zip(corte.piezas, (1, 3, 4, 2, 3, 5, 4, 2, 3, 6, 2), strict=True):
        piezas.setText(str(cantidad))
    g.foto("09-corte-conteo")
    g.tecla("F11")
    g.foto("10-corte-revision")

    g.tecla("Esc")
    e.principal.cerrar_sesion()
    g.esperar()
    g.escribir(acceso.usuario, "demo-supervisor")
    g.escribir(acceso.contrasena, "demo")
    g.enter(acceso.contrasena)
    g.foto("18-inicio-supervisor")  # everyone's shifts, without a float of their own
    g.tecla("F10")  # «Mi caja»: only to charge does the supervisor open a float
    g.foto("11-abrir-turno")
    _inspector(g)
    _administracion(g)


def _entrar(g: Guion, usuario: str) -> None:
    e = g.e
    e.principal.cerrar_sesion()
    g.esperar()
    g.escribir(e.acceso.vista.usuario, usuario)
    g.escribir(e.acceso.vista.contrasena, "demo")
    g.enter(e.acceso.vista.contrasena)


def _inspector(g: Guion) -> None:
    e = g.e
    _entrar(g, "demo-inspector")
    g.escribir(e.turno.vista.fondo, "0")
    g.enter(e.turno.vista.fondo)
    ruta = e.inspector.vista.ruta
    for _ in range(3):
        g.enter(ruta)  # Enter shows the fee of the stall already selected; F12 charges it
        g.tecla("F12")
    QTest.keyClick(ruta, Qt.Key.Key_A)  # the next vendor did not come
    g.esperar()
    QTest.keyClick(ruta, Qt.Key.Key_Down)
    g.enter(ruta)  # asked, not charged
    g.foto("12-inspector")


def _administracion(g: Guion) -> None:
    e = g.e
    _entrar(g, "demo-admin")
    g.foto("13-administracion")
    v = e.administracion.vista
    v.pestanas.setCurrentIndex(2)
    with tempfile.TemporaryDirectory(prefix="jerez-catalogo-") as temporal:
        g.escribir(v.importar_catalogo.editor, str(catalogo_modificado(Path(temporal))))
        g.enter(v.importar_catalogo.editor)
    g.esperar()
    g.foto("14-catalogos")
    v.pestanas.setCurrentIndex(4)  # Terminal: printer, central server and enrollment with the one-time code
    g.esperar()
    g.foto("16-terminal")
    v.pestanas.setCurrentWidget(v.nuevo_ejercicio)
    g.esperar()
    g.foto("20-nuevo-ejercicio")


def _cuenta(g: Guion) -> None:
    """Ctrl+F from Cobro: the predial account's card with the years it owes."""
    import datetime as dt

    e = g.e
    e.cuentas.servicio.reloj = lambda: dt.datetime(*FECHA_CUENTAS, 10, 0)
    e.principal.ir("cobro")
    e.cuentas.busqueda.enfocar()  # what Ctrl+F does
    panel = e.cuentas.busqueda.panel
    g.escribir(panel.buscador, "juana")
    g.esperar()
    g.enter(panel.buscador)
    g.foto("19-cuenta")
    g.tecla("Esc")


def _asistente(destino: Path, guardadas: list[Path]) -> None:
    """A data home with no administrator opens the first-run wizard."""
    from jerez_pos.ledger.terminal import Terminal

    with tempfile.TemporaryDirectory(prefix="jerez-nueva-") as temporal:
        terminal = Terminal(Path(temporal), respaldo_diario=False)
        escritorio = construir(terminal)
        escritorio.ventana.show()
        g = Guion(escritorio, destino)
        try:
            g.esperar()
            v = escritorio.asistente.vista
            g.escribir(v.delegacion.editor, "Cabecera municipal")
            g.enter(v.delegacion.editor)
            g.escribir(v.terminal.editor, "Caja 1")
            g.escribir(v.serie.editor, "JRZ1")
            g.enter(v.serie.editor)
            g.escribir(v.usuario.editor, "tesoreria")
            v.nombre.editor.setText("Administración de la Tesorería")  # QTest types ASCII only
            g.foto("15-asistente")
        finally:
            escritorio.principal.trabajador.detener()
            escritorio.ventana.close()
            terminal.bd.dispose()
        guardadas.extend(g.guardadas)


def capturar(
    destino: Path,
    home: Path | None = None,
    avance: Callable[[str], None] | None = None,
    tamano: tuple[int, int] | None = None,
) -> list[Path]:
    """``tamano``: the window in logical pixels (default 1366×768); with ``QT_SCALE_FACTOR`` the pictures have
    the screen's own pixels, e.g. 1093×564 at 1.25 is a maximised window on a 1366×768 screen at 125 %."""
    destino.mkdir(parents=True, exist_ok=True)
    aplicacion()
    with tempfile.TemporaryDirectory(prefix="jerez-captura-") as temporal:
        terminal = _demo(home or Path(temporal))
        escritorio = construir(terminal)
        if tamano is not None:
            escritorio.ventana.resize(*tamano)
        escritorio.ventana.show()
        guion = Guion(escritorio, destino)
        try:
            guion.esperar()
            _recorrido(guion)
        finally:
            escritorio.principal.trabajador.detener()
            escritorio.ventana.close()
            terminal.bd.dispose()
        _asistente(destino, guion.guardadas)
        if avance is not None:
            for ruta in guion.guardadas:
                avance(str(ruta))
        return guion.guardadas
