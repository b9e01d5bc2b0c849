"""The background sync loop the GUI's status bar shows (plain threads, no Qt: the GUI only wraps it).

One worker thread owns the sync client (SQLite connections stay in the thread that made them): it syncs,
then sleeps ``intervalo`` seconds, or less when ``sincronizar_ahora`` is called, or longer (exponential
backoff with jitter, capped) after a failure. ``estado()`` returns an immutable snapshot from any thread;
``al_progresar`` is called from the worker thread after every batch and every cycle (a Qt wrapper re-emits
it as a signal). Nothing raised by a cycle ends the loop: it becomes the status's Spanish error.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.core.texto import cantidad
from jerez_pos.sync.cliente import Resultado

_log = logging.getLogger(__name__)


class Cliente(Protocol):
    def sincronizar(
        self, max_lotes: int | None = None, al_lote: Callable[[Resultado], None] | None = None
    ) -> Resultado: ...


@dataclass(frozen=True)
class EstadoSincronizacion:
    pendientes: int | None = None  # None until the first cycle counted them
    ultimo_intento: dt.datetime | None = None
    ultimo_exito: dt.datetime | None = None
    error: str | None = None
    en_curso: bool = False
    enviados: int = 0  # in the current (or last) cycle
    confirmados: int = 0
    conflictos: int = 0
    activo: bool = False

    def texto(self) -> str:
        """One line for the status bar, in Spanish."""
        if self.en_curso:
            pendientes = cantidad(self.pendientes or 0, "pendiente")
            return f"Sincronizando… {cantidad(self.confirmados, 'confirmado')}, {pendientes}"
        if self.error:
            return f"Sin sincronizar: {self.error} ({cantidad(self.pendientes or 0, 'pendiente')})"
        if self.ultimo_exito is not None:
            return f"Sincronizado a las {self.ultimo_exito:%H:%M}; {cantidad(self.pendientes or 0, 'pendiente')}"
        return "Sincronización aún no intentada"


class BucleSincronizacion:
    def __init__(
        self,
        crear_cliente: Callable[[], Cliente],
        *,
        intervalo: float = 60.0,
        espera_tope: float = 900.0,
        al_progresar: Callable[[EstadoSincronizacion], None] | None = None,
        reloj: Callable[[], dt.datetime] = dt.datetime.now,
        azar: random.Random | None = None,
    ) -> None:
        if intervalo <= 0:
            raise ValueError("intervalo: debe ser mayor que cero segundos")
        self._crear_cliente = crear_cliente
        self._intervalo = intervalo
        self._espera_tope = max(espera_tope, intervalo)
        self._al_progresar = al_progresar
        self._reloj = reloj
        self._azar = azar or random.Random()
        self._candado = threading.Lock()
        self._estado = EstadoSincronizacion()
        self._parar = threading.Event()
        self._despertar = threading.Event()
        self._hilo: threading.Thread | None = None
        self._fallas = 0

    # --- control, from any thread
    def iniciar(self) -> None:
        with self._candado:
            if self._hilo is not None and self._hilo.is_alive():
                return
            self._parar.clear()
            self._hilo = threading.Thread(target=self._correr, name="sincronizacion", daemon=True)
            self._estado = replace(self._estado, activo=True)
            self._hilo.start()

    def detener(self, espera: float = 30.0) -> bool:
        """Asks the loop to stop after the current batch; True when the thread ended within ``espera``."""
        self._parar.set()
        self._despertar.set()
        hilo = self._hilo
        if hilo is not None:
            hilo.join(espera)
        terminado = hilo is None or not hilo.is_alive()
        if terminado:
            self._cambiar(activo=False, en_curso=False)
        return terminado

    def sincronizar_ahora(self) -> None:
        self._despertar.set()

    def estado(self) -> EstadoSincronizacion:
        with self._candado:
            return self._estado

    # --- worker thread
    def _cambiar(self, **cambios: object) -> EstadoSincronizacion:
        with self._candado:
            self._estado = replace(self._estado, **cambios)  # type: ignore[arg-type]
            estado = self._estado
        if self._al_progresar is not None:
            try:
                self._al_progresar(estado)
            except Exception:  # a broken listener must not stop the sync
                _log.exception("al_progresar falló")
        return estado

    def _espera(self) -> float:
        if self._fallas == 0:
            return self._intervalo
        return self._azar.uniform(self._intervalo / 2, min(self._espera_tope, self._intervalo * 2**self._fallas))

    def _ciclo(self, cliente: Cliente) -> None:
        self._cambiar(en_curso=True, ultimo_intento=self._reloj(), enviados=0, confirmados=0, conflictos=0)

        def progreso(parcial: Resultado) -> None:
            self._cambiar(enviados=parcial.enviados, confirmados=parcial.confirmados, pendientes=parcial.pendientes)

        resultado = cliente.sincronizar(al_lote=progreso)
        comun = {
            "en_curso": False,
            "pendientes": resultado.pendientes,
            "enviados": resultado.enviados,
            "confirmados": resultado.confirmados,
            "conflictos": resultado.conflictos,
        }
        if resultado.error is None:
            self._fallas = 0
            self._cambiar(error=None, ultimo_exito=self._reloj(), **comun)
        else:
            self._fallas += 1
            self._cambiar(error=resultado.error, **comun)

    def _correr(self) -> None:
        cliente: Cliente | None = None
        while not self._parar.is_set():
            try:
                if cliente is None:
                    cliente = self._crear_cliente()
                self._ciclo(cliente)
            except Exception as exc:  # configuration missing, ledger locked, a bug: shown, retried later
                _log.exception("ciclo de sincronización")
                self._fallas += 1
                mensaje = str(exc) or type(exc).__name__
                self._cambiar(en_curso=False, error=f"error al sincronizar: {mensaje}")
                cliente = None
            self._despertar.wait(self._espera())
            self._despertar.clear()


def cliente_de_terminal(directorio: Path | None = None, servidor: str | None = None) -> Callable[[], Cliente]:
    """The factory the GUI hands to ``BucleSincronizacion``: the terminal's ledger, key and enrolled server,
    opened inside the worker thread."""

    def crear() -> Cliente:
        from jerez_pos import config
        from jerez_pos.ledger import identidad as ident
        from jerez_pos.ledger.terminal import Terminal
        from jerez_pos.sync.contraste import SincronizadorLibro
        from jerez_pos.sync.libro import AlmacenLibro
        from jerez_pos.sync.transporte import TransporteHttp

        terminal = Terminal(directorio)
        actual = ident.exigir_identidad(terminal.bd)
        almacen = AlmacenLibro(config.ruta_bd(terminal.directorio), actual, terminal.directorio)
        url = servidor or almacen.ajuste("servidor")
        if not url:
            raise ErrorEntrada("servidor", "la terminal no está inscrita en una central; use «jerez-pos registrar»")
        llave = ident.llave_privada(terminal.directorio, actual)
        return SincronizadorLibro(almacen, TransporteHttp(url), llave, actual.serie, espera_tope=10.0)

    return crear
