"""Cobro's «Cuenta / contribuyente» tab (Ctrl+F): search the predial and comercio rolls as you type, Enter opens
the account card. ``instalar`` wires the account screens into the running app.

The tab is added to Cobro's own tab widget, so F10, F2 and F3 keep their tabs; its search follows Cobro's (a pause
between keystrokes, a newer search replaces the pending one, an answer for older text is dropped).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QListWidgetItem

from jerez_pos.gui.controladores.cuenta_tarjeta import PantallaTarjeta
from jerez_pos.gui.controladores.cuentas_refrendo import PantallaSinRefrendo
from jerez_pos.gui.servicios_cuentas import LIMITE, ServiciosCuentas
from jerez_pos.gui.vistas import cuentas_mensajes as C
from jerez_pos.gui.vistas.cuentas import PanelCuentas

if TYPE_CHECKING:
    from jerez_pos.gui.controladores.cobro import Cobro
    from jerez_pos.gui.controladores.principal import Principal
    from jerez_pos.ledger.cuentas_busqueda import Encontrada

PAUSA_MS = 120
CUENTA = Qt.ItemDataRole.UserRole
ATAJO = "Ctrl+F"


class BusquedaCuentas(QObject):
    def __init__(self, app: Principal, cobro: Cobro, servicio: ServiciosCuentas, tarjeta: PantallaTarjeta) -> None:
        super().__init__()
        self.app = app
        self.cobro = cobro
        self.servicio = servicio
        self.tarjeta = tarjeta
        self.panel = PanelCuentas()
        pestanas = cobro.vista.pestanas
        self.indice = pestanas.addTab(self.panel, C.PESTANA_CUENTA)
        pestanas.setTabToolTip(self.indice, C.PESTANA_CUENTA_AYUDA)
        self._pausa = QTimer(self)
        self._pausa.setSingleShot(True)
        self._pausa.setInterval(PAUSA_MS)
        self._pausa.timeout.connect(self._buscar)
        p = self.panel
        p.buscador.textChanged.connect(lambda _t: self._pausa.start())
        p.buscador.returnPressed.connect(self._abrir_primera)
        p.resultados.itemActivated.connect(self._abrir)
        for w in (p.buscador, p.resultados):
            w.installEventFilter(self)
        pestanas.currentChanged.connect(self._al_cambiar_pestana)
        # On the whole window (wherever the focus was left, e.g. after the «emitido» dialog), but only acting
        # from Cobro and from the account card.
        atajo = QShortcut(QKeySequence(ATAJO), app.ventana)
        atajo.setContext(Qt.ShortcutContext.WindowShortcut)
        atajo.activated.connect(self._atajo)
        cobro.vista.installEventFilter(self)
        self._preparado = False

    def eventFilter(self, objeto: QObject, evento: QEvent) -> bool:
        p = self.panel
        if objeto is self.cobro.vista:
            if evento.type() == QEvent.Type.Show and self.cobro.vista.pestanas.currentIndex() == self.indice:
                QTimer.singleShot(0, self.enfocar)  # back from the card or Pago: the box, not Cobro's tree
            return False
        if not isinstance(evento, QKeyEvent):
            return False
        if evento.key() == Qt.Key.Key_Escape:
            # Esc belongs to the app's shortcut; taking it here clears the box (or goes back to it).
            if evento.type() == QEvent.Type.ShortcutOverride:
                evento.accept()
                return True
            if evento.type() == QEvent.Type.KeyPress:
                if objeto is p.buscador:
                    p.buscador.clear()
                else:
                    self.enfocar()
                return True
        bajar = evento.type() == QEvent.Type.KeyPress and evento.key() == Qt.Key.Key_Down
        if bajar and objeto is p.buscador and p.resultados.count():
            p.resultados.setFocus()
            p.resultados.setCurrentRow(max(p.resultados.currentRow(), 0))
            return True
        return False

    def _atajo(self) -> None:
        if self.app.actual == "cuenta":
            self.app.ir("cobro")
        if self.app.actual == "cobro":
            self.enfocar()

    def enfocar(self) -> None:
        self.cobro.vista.pestanas.setCurrentIndex(self.indice)
        self.panel.buscador.setFocus()
        self.panel.buscador.selectAll()

    def _al_cambiar_pestana(self, indice: int) -> None:
        if indice != self.indice:
            return
        self.panel.buscador.setFocus()
        self.panel.buscador.selectAll()
        if not self._preparado:
            self._preparado = True
            self.panel.estado.setText(C.CUENTA_CARGANDO)
            self.app.trabajador.enviar(
                self.servicio.preparar, lambda _n: self._al_preparar(), lambda e, t: self.app.mostrar_error(e, t)
            )

    def _al_preparar(self) -> None:
        if not self.panel.buscador.text().strip():
            self.panel.estado.setText(C.CUENTA_ESCRIBA)

    def _buscar(self) -> None:
        texto = self.panel.buscador.text()
        if not texto.strip():
            self.panel.resultados.clear()
            self.panel.estado.setText(C.CUENTA_ESCRIBA)
            return
        self.app.trabajador.enviar(
            lambda: self.servicio.buscar(texto),
            lambda r: self._al_buscar(texto, r),
            lambda e, t: self.app.mostrar_error(e, t),
            etiqueta="buscar-cuenta",
        )

    def _al_buscar(self, texto: str, hallazgos: list[Encontrada]) -> None:
        if texto != self.panel.buscador.text():
            return  # the cashier kept typing; a newer answer is on its way
        lista = self.panel.resultados
        lista.clear()
        for h in hallazgos:
            item = QListWidgetItem(f"{C.PADRONES[h.padron]} {h.cuenta} · {h.titular}\n{h.domicilio}".rstrip())
            item.setData(CUENTA, (h.padron, h.cuenta))
            lista.addItem(item)
        if not hallazgos:
            self.panel.estado.setText(C.CUENTA_SIN_RESULTADOS.format(texto.strip()))
        elif len(hallazgos) >= LIMITE:
            self.panel.estado.setText(C.CUENTA_RESULTADOS_MAS.format(len(hallazgos)))
        else:
            self.panel.estado.setText(C.CUENTA_RESULTADOS.format(len(hallazgos)))
        if hallazgos:
            lista.setCurrentRow(0)

    def _abrir_primera(self) -> None:
        if self._pausa.isActive():  # Enter right after typing: search now, then open the first match
            self._pausa.stop()
            texto = self.panel.buscador.text()
            if texto.strip():

                def y_abrir(hallazgos: list[Encontrada]) -> None:
                    self._al_buscar(texto, hallazgos)
                    self._abrir_primera()

                self.app.trabajador.enviar(
                    lambda: self.servicio.buscar(texto),
                    y_abrir,
                    lambda e, t: self.app.mostrar_error(e, t),
                    etiqueta="buscar-cuenta",
                )
            return
        if self.panel.resultados.count():
            self._abrir(self.panel.resultados.item(0))

    def _abrir(self, item: QListWidgetItem) -> None:
        padron, cuenta = item.data(CUENTA)
        self.tarjeta.abrir(padron, cuenta)


class Cuentas:
    """What ``instalar`` built, so tests and the screenshot tool can drive it."""

    def __init__(self, app: Principal, cobro: Cobro) -> None:
        self.servicio = ServiciosCuentas(app.servicios)
        self.tarjeta = PantallaTarjeta(app, cobro, self.servicio)
        self.busqueda = BusquedaCuentas(app, cobro, self.servicio, self.tarjeta)
        self.sin_refrendo = PantallaSinRefrendo(app, self.servicio)
        app.registrar("cuenta", self.tarjeta)
        app.registrar("sin_refrendo", self.sin_refrendo)


def instalar(app: Principal, cobro: Cobro) -> Cuentas:
    return Cuentas(app, cobro)
