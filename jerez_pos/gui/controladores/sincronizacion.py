"""Sync in the status bar: started after login when a central server is configured, shown as pending
receipts, last sync and the error in Spanish, with "Sincronizar ahora" to skip the wait.

The loop keeps running after logout (receipts already issued still have to reach the central) and stops
when the window closes or a backup is restored (its connections belong to the replaced database).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from jerez_pos.gui import mensajes as M
from jerez_pos.gui.formato import fecha_hora

if TYPE_CHECKING:
    from jerez_pos.gui.controladores.principal import Principal
    from jerez_pos.gui.sincronizacion import PuenteSincronizacion
    from jerez_pos.sync.bucle import Cliente, EstadoSincronizacion

LARGO_ERROR = 70  # the status bar shows this much of an error; the tooltip has all of it


def _cuando(momento: dt.datetime | None, hoy: dt.date) -> str:
    if momento is None:
        return M.SINC_NUNCA
    return M.SINC_HORA.format(f"{momento:%H:%M}") if momento.date() == hoy else fecha_hora(momento)


def texto_estado(e: EstadoSincronizacion, hoy: dt.date | None = None) -> tuple[str, str]:
    """(status-bar line, tooltip) for one snapshot of the loop."""
    hoy = hoy or dt.date.today()
    pendientes = e.pendientes if e.pendientes is not None else "…"
    if e.en_curso:
        linea = M.SINC_EN_CURSO.format(confirmados=e.confirmados, pendientes=pendientes)
    elif e.error:
        error = e.error if len(e.error) <= LARGO_ERROR else e.error[: LARGO_ERROR - 1] + "…"
        linea = M.SINC_ERROR.format(error=error, pendientes=pendientes)
    elif e.ultimo_exito is not None:
        linea = M.SINC_OK.format(cuando=_cuando(e.ultimo_exito, hoy), pendientes=pendientes)
    else:
        linea = M.SINC_INICIADA
    detalle = M.SINC_DETALLE.format(intento=_cuando(e.ultimo_intento, hoy), exito=_cuando(e.ultimo_exito, hoy))
    if e.conflictos:
        detalle += M.SINC_CONFLICTOS.format(e.conflictos)
    return linea, detalle + (f"\n{e.error}" if e.error else "")


class ControlSincronizacion(QObject):
    def __init__(self, app: Principal) -> None:
        super().__init__()
        self.app = app
        # Tests replace this with a fake client; by default the terminal's real client (HTTP to the central).
        self.fabrica: Callable[[Path], Callable[[], Cliente]] | None = None
        self.intervalo: float | None = None
        self.puente: PuenteSincronizacion | None = None
        self.ultimo: EstadoSincronizacion | None = None
        app.ventana.sincronizar.clicked.connect(self.sincronizar_ahora)

    @property
    def activa(self) -> bool:
        return self.puente is not None

    def al_entrar(self) -> None:
        """After every login: start the loop if the terminal has a central server and it is not running."""
        if self.puente is None:
            self.app.trabajador.enviar(self.app.servicios.servidor, self._al_servidor, lambda e, t: None)

    def reiniciar(self) -> None:
        """The central server changed: the running client still points to the old one."""
        self.detener()
        self.al_entrar()

    def _al_servidor(self, url: str) -> None:
        v = self.app.ventana
        if not url:
            v.estado_sincronizacion.setText(M.SIN_CENTRAL)
            v.estado_sincronizacion.setToolTip(M.SIN_CENTRAL_DETALLE)
            v.sincronizar.hide()
            return
        if self.puente is not None:
            return
        from jerez_pos.gui.sincronizacion import INTERVALO_S, PuenteSincronizacion, cliente_predeterminado

        fabrica = self.fabrica or cliente_predeterminado
        self.puente = PuenteSincronizacion(fabrica(self.app.servicios.directorio()), self.intervalo or INTERVALO_S)
        self.puente.cambio.connect(self.mostrar)
        v.sincronizar.show()
        self.puente.iniciar()

    def mostrar(self, estado: EstadoSincronizacion) -> None:
        if self.puente is None:  # a late signal from a loop already stopped
            return
        self.ultimo = estado
        linea, detalle = texto_estado(estado)
        etiqueta = self.app.ventana.estado_sincronizacion
        etiqueta.setText(linea)
        etiqueta.setToolTip(detalle)
        etiqueta.setProperty("clase", "estado-error" if estado.error and not estado.en_curso else "estado")
        etiqueta.style().unpolish(etiqueta)
        etiqueta.style().polish(etiqueta)

    def sincronizar_ahora(self) -> None:
        if self.puente is None:
            self.al_entrar()
            return
        self.app.ventana.estado_sincronizacion.setText(M.SINC_PEDIDA)
        self.puente.sincronizar_ahora()

    def detener(self, espera: float = 10.0) -> bool:
        """True when the loop ended within ``espera`` (or none was running)."""
        puente, self.puente = self.puente, None
        if puente is None:
            return True
        self.app.ventana.sincronizar.hide()
        self.app.ventana.estado_sincronizacion.setText(M.SINCRONIZACION_NO)
        return puente.detener(espera)
