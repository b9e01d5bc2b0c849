"""The sync loop: read a batch, sign, send, mark what central acknowledged, back off on failure.

Exactly-once comes from three rules, not from the network: records keep their ids forever (a retried or
re-read batch carries the same ids), central answers ``existe`` to what it already holds, and marks are
written only after an acknowledgement. Clock, sleep, randomness and transport are injected so the seeded
simulation drives every failure without waiting.
"""

from __future__ import annotations

import contextlib
import json
import random
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from jerez_pos.core.numeros import es_digitos
from jerez_pos.sync import protocolo as p
from jerez_pos.sync.almacen import Almacen
from jerez_pos.sync.protocolo import Registro

T = TypeVar("T")

RUTA_LOTES = "/v1/lotes"


class SinConexion(Exception):
    """The request or its reply was lost: nothing is known about whether central processed it."""


@dataclass
class RespuestaHttp:
    estado: int
    cuerpo: bytes
    encabezados: dict[str, str] = field(default_factory=dict)  # lower-case names

    def json(self) -> Any:
        try:
            return json.loads(self.cuerpo)
        except ValueError:
            return {}

    def mensaje(self) -> str:
        detalle = self.json().get("detail") if isinstance(self.json(), dict) else None
        if isinstance(detalle, dict) and "mensaje" in detalle:
            return str(detalle["mensaje"])
        return f"la central respondió {self.estado}"


class Transporte(Protocol):
    def __call__(self, metodo: str, ruta: str, cuerpo: bytes, encabezados: dict[str, str]) -> RespuestaHttp: ...


@dataclass
class Resultado:
    enviados: int = 0
    confirmados: int = 0
    pendientes: int = 0
    conflictos: int = 0
    error: str | None = None

    def a_dict(self) -> dict[str, int]:
        return {
            "enviados": self.enviados,
            "confirmados": self.confirmados,
            "pendientes": self.pendientes,
            "conflictos": self.conflictos,
        }


class Rechazo(Exception):
    def __init__(self, respuesta: RespuestaHttp) -> None:
        super().__init__(respuesta.mensaje())
        self.respuesta = respuesta


class Sincronizador:
    def __init__(
        self,
        almacen: Almacen,
        transporte: Transporte,
        llave: Ed25519PrivateKey,
        serie: str,
        *,
        reloj: Callable[[], float] = time.time,
        dormir: Callable[[float], None] = time.sleep,
        azar: random.Random | None = None,
        tam_lote: int = 500,
        intentos: int = 6,
        espera_base: float = 0.5,
        espera_tope: float = 30.0,
        desfase: float = 0.0,
        en_paralelo: bool = True,
    ) -> None:
        self.almacen = almacen
        self.transporte = transporte
        self.llave = llave
        self.serie = serie
        self.reloj = reloj
        self.dormir = dormir
        self.azar = azar or random.Random()
        self.tam_lote = tam_lote
        self.intentos = intentos
        self.espera_base = espera_base
        self.espera_tope = espera_tope
        self.desfase = desfase  # server time − our clock, learned from X-Hora-Servidor
        # While a batch is in flight the next one is read and serialized: the request waits on the network
        # (and on central) in a worker thread, the store is only ever touched from the calling thread. The
        # seeded simulation passes False: the same steps, in the same order, on one thread.
        self.en_paralelo = en_paralelo

    def _espera(self, intento: int) -> float:
        """Exponential backoff with full jitter: terminals that lost the link together don't return together."""
        return self.azar.uniform(0, min(self.espera_tope, self.espera_base * 2**intento))

    def _aprender_hora(self, respuesta: RespuestaHttp) -> None:
        hora = respuesta.encabezados.get(p.H_HORA_SERVIDOR.lower())
        if hora and es_digitos(hora.removeprefix("-"), 18):
            self.desfase = int(hora) - self.reloj()

    def solicitar(self, metodo: str, ruta: str, cuerpo: bytes = b"") -> RespuestaHttp:
        """Signed request with retries: lost requests/replies and 5xx back off; a 401 for a stale timestamp is
        retried once the server's time is known. Raises ``SinConexion`` after the last attempt."""
        ultimo: Exception | None = None
        for intento in range(self.intentos):
            marca = int(self.reloj() + self.desfase)
            encabezados = p.encabezados_firmados(self.llave, self.serie, metodo, ruta, cuerpo, marca)
            try:
                respuesta = self.transporte(metodo, ruta, cuerpo, encabezados)
            except SinConexion as exc:
                ultimo = exc
                self.dormir(self._espera(intento))
                continue
            self._aprender_hora(respuesta)
            detalle = respuesta.json().get("detail", {}) if respuesta.estado in (401, 409) else {}
            if respuesta.estado == 401 and isinstance(detalle, dict) and detalle.get("campo") == p.H_MARCA:
                continue  # our clock is off: the offset was just learned, sign again
            if respuesta.estado >= 500 or (respuesta.estado == 409 and "falta" not in detalle):
                ultimo = Rechazo(respuesta)
                self.dormir(self._espera(intento))
                continue
            return respuesta
        raise SinConexion(str(ultimo) if ultimo else "sin respuesta de la central")

    @property
    def ventana(self) -> int:
        """Batches in flight at once: two over a real network, so central checks one while its database
        stores the other; one in the seeded simulation."""
        return 2 if self.en_paralelo else 1

    def _ejecutor(self) -> Executor:
        if self.en_paralelo:
            return ThreadPoolExecutor(max_workers=self.ventana, thread_name_prefix="sincronizacion")
        return _EnLinea()

    def _adelantar(self, lote: list[Registro]) -> list[Registro]:
        """The batch after ``lote``, read and serialized while ``lote`` is in flight. If ``lote`` is not
        acknowledged it is dropped with it; records central already has just come back as ``existe``."""
        siguiente = self.almacen.desde(lote[-1].secuencia + 1, self.tam_lote)
        for registro in siguiente:
            _ = registro.texto
        return siguiente

    def sincronizar(
        self, max_lotes: int | None = None, al_lote: Callable[[Resultado], None] | None = None
    ) -> Resultado:
        """``al_lote`` (progress for a status bar) gets the running counts after each acknowledged batch."""
        resultado = Resultado()
        with self._ejecutor() as ejecutor:
            try:
                self._enviar_lotes(ejecutor, resultado, max_lotes, al_lote)
            except SinConexion as exc:
                resultado.error = f"no se pudo contactar a la central: {exc}"
        resultado.pendientes = self.almacen.cuantos_pendientes()
        return resultado

    def _siguiente_lote(self, reenviar_desde: int | None, ultimo: list[Registro] | None) -> list[Registro]:
        if reenviar_desde is not None:
            return self.almacen.desde(reenviar_desde, self.tam_lote)
        if ultimo is not None:
            return self._adelantar(ultimo)
        return self.almacen.pendientes(self.tam_lote)

    def _enviar_lotes(
        self,
        ejecutor: Executor,
        resultado: Resultado,
        max_lotes: int | None,
        al_lote: Callable[[Resultado], None] | None,
    ) -> None:
        """Keeps up to ``ventana`` batches in flight, in chain order, and handles replies in that order.

        Only an acknowledged batch is marked. When a reply is anything else, the other batches in flight
        are waited for and their replies dropped (an unmarked batch is only sent again), and the reply is
        handled as with a single batch: resend from where central asks, halve the batch, or stop."""
        reenviar_desde: int | None = None
        ultimo: list[Registro] | None = None  # the last batch put in flight: the next one starts after it
        en_vuelo: deque[tuple[list[Registro], Future[RespuestaHttp]]] = deque()
        enviados_ids: set[str] = set()
        confirmada = 0  # highest sequence acknowledged during this run
        lotes = 0
        while True:
            while len(en_vuelo) < self.ventana and (max_lotes is None or lotes < max_lotes):
                lote = self._siguiente_lote(reenviar_desde, ultimo)
                reenviar_desde = None
                if not lote and ultimo is not None and not en_vuelo:
                    ultimo = None  # nothing after the chain's end: ask the store what is still pending
                    lote = self.almacen.pendientes(self.tam_lote)
                if not lote:
                    break
                lotes += 1
                nuevos = {r.id for r in lote} - enviados_ids
                enviados_ids |= nuevos
                resultado.enviados += len(nuevos)
                cuerpo = p.cuerpo_lote(lote, self.almacen.punta())
                en_vuelo.append((lote, ejecutor.submit(self.solicitar, "POST", RUTA_LOTES, cuerpo)))
                ultimo = lote
            if not en_vuelo:
                return
            lote, envio = en_vuelo.popleft()
            respuesta = envio.result()
            if respuesta.estado == 200:
                self.almacen.confirmar([r.ref for r in lote])
                resultado.confirmados += len(lote)
                confirmada = max(confirmada, lote[-1].secuencia)
                if al_lote is not None:
                    resultado.pendientes = self.almacen.cuantos_pendientes()
                    al_lote(resultado)
                continue
            _esperar_todos(en_vuelo)
            ultimo = None
            detalle = respuesta.json().get("detail", {})
            if respuesta.estado == 409 and isinstance(detalle, dict) and isinstance(detalle.get("falta"), int):
                # Central lost or never got earlier records. A later batch can also overtake an earlier one
                # that was still being retried; what was acknowledged since then is not sent again.
                reenviar_desde = max(int(detalle["falta"]), confirmada + 1)
                continue
            if respuesta.estado == 413 and self.tam_lote > 1:
                self.tam_lote = max(1, self.tam_lote // 2)
                reenviar_desde = lote[0].secuencia
                continue
            if respuesta.estado == 422 and isinstance(detalle, dict) and detalle.get("conflicto"):
                resultado.conflictos += len(detalle.get("conflictos") or [1])
            resultado.error = respuesta.mensaje()
            return


def _esperar_todos(en_vuelo: deque[tuple[list[Registro], Future[RespuestaHttp]]]) -> None:
    """Lets the other batches in flight finish; their replies are dropped, so they stay unmarked."""
    for _, envio in en_vuelo:
        with contextlib.suppress(SinConexion):
            envio.result()
    en_vuelo.clear()


class _EnLinea(Executor):
    """An executor that runs the task on the spot, in the calling thread."""

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        futuro: Future[T] = Future()
        try:
            futuro.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # delivered by .result(), as a worker thread would
            futuro.set_exception(exc)
        return futuro
