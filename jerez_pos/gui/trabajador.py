"""One background thread that runs service calls one after another and answers by Qt signal.

Why one thread: the ledger has one writer and SQLite serializes writes anyway; running every call in the
same thread keeps them in the order the cashier asked for and never blocks the window. A call sent with a
``etiqueta`` replaces the pending calls with the same tag (typing fast sends many searches; only the last
one matters), so the queue never backs up behind stale work.
"""

from __future__ import annotations

import itertools
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QThread, Signal, Slot

R = TypeVar("R")  # what the call returns: its callback takes exactly that
AlFallar = Callable[[BaseException, str], None]


@dataclass
class Tarea(Generic[R]):
    id: int
    funcion: Callable[[], R]
    al_terminar: Callable[[R], None] | None = None
    al_fallar: AlFallar | None = None
    etiqueta: str | None = None
    cancelada: threading.Event = field(default_factory=threading.Event)


class _Ejecutor(QObject):
    """Lives in the worker thread: its slot runs each call and reports back."""

    terminada = Signal(object, object)
    fallida = Signal(object, object, str)
    descartada = Signal(object)

    @Slot(object)
    def ejecutar(self, tarea: Tarea[object]) -> None:
        if tarea.cancelada.is_set():
            self.descartada.emit(tarea)
            return
        try:
            resultado = tarea.funcion()
        except Exception as exc:  # every failure goes back to the window; the thread must survive
            self.fallida.emit(tarea, exc, traceback.format_exc())
            return
        self.terminada.emit(tarea, resultado)


class Trabajador(QObject):
    """The window's side: ``enviar`` queues a call; callbacks run in the window's thread."""

    _pedir = Signal(object)
    ocupado = Signal(bool)
    falla = Signal(object, str)  # failures nobody handled: the app shows them in a dialog

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hilo = QThread()
        self._hilo.setObjectName("trabajador-jerez")
        self._ejecutor = _Ejecutor()
        self._ejecutor.moveToThread(self._hilo)
        self._pedir.connect(self._ejecutor.ejecutar)
        self._ejecutor.terminada.connect(self._al_terminar)
        self._ejecutor.fallida.connect(self._al_fallar)
        self._ejecutor.descartada.connect(self._al_descartar)
        self._ids = itertools.count(1)
        # Calls of every result type wait together; ``enviar`` already matched each call with its callback.
        self._pendientes: dict[int, Tarea[Any]] = {}
        self._hilo.start()

    def enviar(
        self,
        funcion: Callable[[], R],
        al_terminar: Callable[[R], None] | None = None,
        al_fallar: AlFallar | None = None,
        etiqueta: str | None = None,
    ) -> int:
        if etiqueta is not None:
            for previa in self._pendientes.values():
                if previa.etiqueta == etiqueta:
                    previa.cancelada.set()
        tarea = Tarea(next(self._ids), funcion, al_terminar, al_fallar, etiqueta)
        self._pendientes[tarea.id] = tarea
        if len(self._pendientes) == 1:
            self.ocupado.emit(True)
        self._pedir.emit(tarea)
        return tarea.id

    @property
    def pendientes(self) -> int:
        return len(self._pendientes)

    def _cerrar(self, tarea: Tarea[object]) -> None:
        self._pendientes.pop(tarea.id, None)
        if not self._pendientes:
            self.ocupado.emit(False)

    @Slot(object, object)
    def _al_terminar(self, tarea: Tarea[Any], resultado: object) -> None:
        self._cerrar(tarea)
        if tarea.al_terminar is not None and not tarea.cancelada.is_set():
            tarea.al_terminar(resultado)

    @Slot(object, object, str)
    def _al_fallar(self, tarea: Tarea[object], error: BaseException, detalle: str) -> None:
        self._cerrar(tarea)
        if tarea.cancelada.is_set():
            return
        if tarea.al_fallar is not None:
            tarea.al_fallar(error, detalle)
        else:
            self.falla.emit(error, detalle)

    @Slot(object)
    def _al_descartar(self, tarea: Tarea[object]) -> None:
        self._cerrar(tarea)

    def detener(self) -> None:
        for tarea in self._pendientes.values():
            tarea.cancelada.set()
        self._hilo.quit()
        self._hilo.wait(10000)
