"""Start the desktop app: QApplication, the stylesheet from ``resources/``, the screens and their controllers.

The window is shown before the data home is opened: the terminal (SQLAlchemy, migrations, the catalog)
loads in the worker while the login screen is already on screen, and the status bar says so.
"""

from __future__ import annotations

import os
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from jerez_pos.gui.controladores.acceso import Acceso
from jerez_pos.gui.controladores.principal import Principal
from jerez_pos.gui.servicios import Servicios

if TYPE_CHECKING:
    from jerez_pos.gui.controladores.acceso import AbrirTurno
    from jerez_pos.gui.controladores.administracion import Administracion
    from jerez_pos.gui.controladores.asistente import Asistente
    from jerez_pos.gui.controladores.cobro import Cobro
    from jerez_pos.gui.controladores.corte import Corte
    from jerez_pos.gui.controladores.cuentas import Cuentas
    from jerez_pos.gui.controladores.inspector import Inspector
    from jerez_pos.gui.controladores.pago import ControlPago
    from jerez_pos.gui.controladores.recibos import Recibos
    from jerez_pos.gui.controladores.supervisor import InicioSupervisor
    from jerez_pos.ledger.terminal import Terminal

ANCHO, ALTO = 1366, 768
PANTALLAS = ("turno", "cobro", "pago", "recibos", "corte", "inspector", "administracion", "asistente", "supervisor")
# Diagnostics for the benchmarks: print when the window is shown / the catalog is loaded.
DIAGNOSTICO = "JEREZ_POS_DIAGNOSTICO"


def estilo() -> str:
    from jerez_pos import config

    ruta = config.raiz_programa() / "resources" / "estilo.qss"
    try:
        return ruta.read_text(encoding="utf-8")
    except OSError:
        return ""  # the app works unstyled rather than not at all


def aplicacion() -> QApplication:
    existente = QApplication.instance()
    app = existente if isinstance(existente, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("jerez-pos")
    app.setOrganizationName("Municipio de Jerez")
    fuente = QFont("DejaVu Sans", 10)
    fuente.setStyleHint(QFont.StyleHint.SansSerif)
    app.setFont(fuente)
    app.setStyleSheet(estilo())
    return app


@dataclass
class Escritorio:
    """Every controller of the running app, so tests and the screenshot tool can drive them.

    Only the login screen is built before the window shows; ``completar`` builds the other screens
    (and starts loading the data home) on the first turn of the event loop, long before anyone can
    type a password.
    """

    principal: Principal
    acceso: Acceso
    turno: AbrirTurno = field(init=False)
    cobro: Cobro = field(init=False)
    pago: ControlPago = field(init=False)
    recibos: Recibos = field(init=False)
    corte: Corte = field(init=False)
    inspector: Inspector = field(init=False)
    administracion: Administracion = field(init=False)
    asistente: Asistente = field(init=False)
    cuentas: Cuentas = field(init=False)
    supervisor: InicioSupervisor = field(init=False)
    completo: bool = False

    def completar(self) -> None:
        if self.completo:
            return
        from jerez_pos.gui.controladores.acceso import AbrirTurno
        from jerez_pos.gui.controladores.administracion import Administracion
        from jerez_pos.gui.controladores.asistente import Asistente
        from jerez_pos.gui.controladores.cobro import Cobro
        from jerez_pos.gui.controladores.corte import Corte
        from jerez_pos.gui.controladores.inspector import Inspector
        from jerez_pos.gui.controladores.pago import ControlPago
        from jerez_pos.gui.controladores.recibos import Recibos
        from jerez_pos.gui.controladores.supervisor import InicioSupervisor

        p = self.principal
        self.turno = AbrirTurno(p)
        self.cobro = Cobro(p)
        self.recibos = Recibos(p)
        self.pago = ControlPago(p, self.cobro, self.recibos.agregar)
        self.corte = Corte(p)
        self.inspector = Inspector(p)
        self.administracion = Administracion(p)
        self.asistente = Asistente(p)
        self.supervisor = InicioSupervisor(p)
        for nombre in PANTALLAS:
            p.registrar(nombre, getattr(self, nombre))
        from jerez_pos.gui.controladores.cuentas import instalar

        self.cuentas = instalar(p, self.cobro)  # «Cuenta / contribuyente» tab, account card, licences not renewed
        self.completo = True
        p.revisar_instalacion()
        p.cargar_estado()
        self.cobro.recuperar_borrador()

    @property
    def ventana(self) -> Any:
        return self.principal.ventana

    def esperar(self, limite_s: float = 20.0) -> None:
        """Process events until the worker has nothing pending (tests, screenshots, benchmarks)."""
        app = QApplication.instance()
        assert app is not None
        fin = time.monotonic() + limite_s
        while time.monotonic() < fin:
            app.processEvents()
            if not self.principal.trabajador.pendientes:
                app.processEvents()
                if not self.principal.trabajador.pendientes:
                    return
            time.sleep(0.005)
        raise TimeoutError("el trabajador no terminó a tiempo")


def construir(terminal: Terminal | Callable[[], Terminal], diferir: bool = False) -> Escritorio:
    servicios = Servicios(terminal)
    principal = Principal(servicios)
    principal.cargar_apariencia()
    escritorio = Escritorio(principal, Acceso(principal))
    principal.registrar("acceso", escritorio.acceso)
    principal.ir("acceso")
    principal.ventana.resize(ANCHO, ALTO)
    if not diferir:
        escritorio.completar()
    return escritorio


def mostrar(escritorio: Escritorio) -> None:
    """Maximised: the screen's own size whatever its resolution and scaling (never a fixed 1366×768)."""
    escritorio.ventana.showMaximized()


def _instalar_manejo_de_fallas(principal: Principal) -> None:
    """A bug in a slot must not kill the till: log it, tell the cashier calmly, keep the draft."""

    def gancho(tipo: type[BaseException], valor: BaseException, rastro: Any) -> None:
        if issubclass(tipo, KeyboardInterrupt):
            sys.__excepthook__(tipo, valor, rastro)
            return
        principal.mostrar_falla(valor, "".join(traceback.format_exception(tipo, valor, rastro)))

    sys.excepthook = gancho


def _diagnostico(escritorio: Escritorio, inicio: float) -> None:
    modo = os.environ.get(DIAGNOSTICO)
    if not modo:
        return

    def cargado(_motor: object) -> None:
        from jerez_pos.gui.diagnostico import memoria_residente_mb

        print(f"catalogo {memoria_residente_mb():.1f}", flush=True)
        if modo == "catalogo":
            QApplication.quit()

    def mostrada() -> None:
        print(f"mostrada {time.perf_counter() - inicio:.4f}", flush=True)
        if modo == "mostrar":
            QApplication.quit()
            return
        escritorio.principal.trabajador.enviar(lambda: escritorio.principal.servicios.terminal.motor, cargado)

    QTimer.singleShot(0, mostrada)


def ejecutar(terminal: Terminal | Callable[[], Terminal] | None = None) -> int:
    """Run the app until the window closes. ``terminal`` may be a factory, opened in the worker."""
    inicio = time.perf_counter()
    app = aplicacion()
    if terminal is None:
        from jerez_pos import config

        def abrir() -> Terminal:
            from jerez_pos.ledger.terminal import Terminal

            return Terminal(config.home())

        terminal = abrir
    escritorio = construir(terminal, diferir=True)
    _instalar_manejo_de_fallas(escritorio.principal)
    mostrar(escritorio)
    _diagnostico(escritorio, inicio)
    QTimer.singleShot(0, escritorio.completar)  # after the first paint: the other screens, the data home
    try:
        return int(app.exec())
    finally:
        escritorio.principal.sincronizacion.detener(5.0)
        escritorio.principal.trabajador.detener()
