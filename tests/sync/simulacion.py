"""Seeded simulation of the sync protocol: one terminal, a hostile network, a restarting server, crashes.

Everything random comes from ``random.Random(semilla)`` and the simulated clock only moves when someone
"sleeps", so a failing seed replays exactly: ``simular(semilla)``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import random
import threading
from dataclasses import dataclass

import sqlalchemy as sa
from fabrica import Fabrica

from jerez_pos.central import modelos as m
from jerez_pos.central import terminales
from jerez_pos.central.servicio import Servicio
from jerez_pos.sync.cliente import RespuestaHttp, SinConexion, Sincronizador

ANIO = 365.25 * 86400
INICIO = dt.datetime(2024, 6, 1, 9, 0, tzinfo=dt.UTC).timestamp()


class Caida(Exception):
    """The terminal lost power after central answered and before the mark was written."""


class Reloj:
    def __init__(self) -> None:
        self.ahora = INICIO

    def __call__(self) -> float:
        return self.ahora

    def dormir(self, segundos: float) -> None:
        self.ahora += segundos


class RedCaprichosa:
    """Drops requests, drops replies after the server committed, duplicates, delivers old requests late, and
    restarts the server (a new ``Servicio`` over the same database) at random."""

    def __init__(self, rng: random.Random, motor: sa.Engine, reloj: Reloj, hostil: bool = True) -> None:
        self.rng = rng
        self.motor = motor
        self.reloj = reloj
        self.hostil = hostil
        self.retenidas: list[tuple[str, str, bytes, dict[str, str]]] = []
        self.reinicios = 0
        self.servicio = self._arrancar()

    def _arrancar(self) -> Servicio:
        return Servicio(self.motor, reloj=lambda: dt.datetime.fromtimestamp(self.reloj(), dt.UTC))

    def _entregar(self, metodo: str, ruta: str, cuerpo: bytes, encabezados: dict[str, str]) -> RespuestaHttp:
        respuesta = self.servicio.atender(metodo, ruta, {}, {k.lower(): v for k, v in encabezados.items()}, cuerpo)
        return RespuestaHttp(
            respuesta.estado, respuesta.cuerpo, {k.lower(): v for k, v in respuesta.encabezados.items()}
        )

    def __call__(self, metodo: str, ruta: str, cuerpo: bytes, encabezados: dict[str, str]) -> RespuestaHttp:
        self.reloj.dormir(self.rng.uniform(0.01, 2))
        if not self.hostil:
            return self._entregar(metodo, ruta, cuerpo, encabezados)
        if self.retenidas and self.rng.random() < 0.3:  # reordering: an old request arrives now
            self._entregar(*self.retenidas.pop(self.rng.randrange(len(self.retenidas))))
        if self.rng.random() < 0.15:
            raise SinConexion("solicitud perdida")
        if self.rng.random() < 0.1:
            self.retenidas.append((metodo, ruta, cuerpo, encabezados))
        respuesta = self._entregar(metodo, ruta, cuerpo, encabezados)
        if self.rng.random() < 0.1:
            self._entregar(metodo, ruta, cuerpo, encabezados)  # duplicate delivery
        if self.rng.random() < 0.05:
            self.reinicios += 1
            self.servicio = self._arrancar()
        if self.rng.random() < 0.15:
            raise SinConexion("respuesta perdida después de guardar")
        return respuesta


class AlmacenFragil:
    """Wraps the terminal's store: sometimes the power fails right before the mark is written."""

    def __init__(self, interno: object, rng: random.Random, prob_caida: float) -> None:
        self.interno = interno
        self.rng = rng
        self.prob_caida = prob_caida

    def __getattr__(self, nombre: str) -> object:
        return getattr(self.interno, nombre)

    def confirmar(self, refs: list[int]) -> None:
        if self.rng.random() < self.prob_caida:
            raise Caida
        self.interno.confirmar(refs)  # type: ignore[attr-defined]


@dataclass
class Desenlace:
    semilla: int
    registros: int
    en_central: int
    total_terminal: int
    total_central: int
    anulados_terminal: int
    anulados_central: int
    ids_iguales: bool

    @property
    def correcto(self) -> bool:
        return (
            self.registros == self.en_central
            and self.total_terminal == self.total_central
            and self.anulados_terminal == self.anulados_central
            and self.ids_iguales
        )


def nuevo_motor() -> sa.Engine:
    from jerez_pos.central import bd

    motor = bd.abrir("sqlite://")
    m.METADATA.create_all(motor)
    return motor


class RedSerializada:
    """The simulated network for a client with two batches in flight: one request crosses it at a time (its
    state is not thread-safe), in whatever order the client's threads reach it."""

    def __init__(self, red: RedCaprichosa) -> None:
        self.red = red
        self._cerrojo = threading.Lock()

    def __call__(self, metodo: str, ruta: str, cuerpo: bytes, encabezados: dict[str, str]) -> RespuestaHttp:
        with self._cerrojo:
            return self.red(metodo, ruta, cuerpo, encabezados)


def simular(semilla: int, motor: sa.Engine | None = None, en_paralelo: bool = False) -> Desenlace:
    """With ``en_paralelo`` the client keeps two batches in flight on threads: the invariants must still hold,
    but thread timing makes a run no longer replay exactly from its seed."""
    rng = random.Random(semilla)
    motor = motor or nuevo_motor()
    reloj = Reloj()
    ahora = dt.datetime.fromtimestamp(reloj(), dt.UTC)
    alta = terminales.crear(motor, f"Simulacion {semilla}", ahora)
    fabrica = Fabrica(alta.serie, rng=rng)
    terminales.inscribir(motor, alta.codigo, fabrica.publica, ahora)
    desfase = rng.choice((0.0, rng.uniform(-20 * ANIO, 20 * ANIO)))  # the terminal's clock, off by up to 20 years
    red = RedCaprichosa(rng, motor, reloj)
    transporte = RedSerializada(red) if en_paralelo else red
    almacen = AlmacenFragil(fabrica.almacen, rng, 0.1)
    for _ronda in range(rng.randint(1, 5)):
        for _ in range(rng.randint(0, 6)):
            fecha = dt.datetime.fromtimestamp(reloj() + desfase, dt.UTC).replace(tzinfo=None)
            if rng.random() < 0.15:
                fabrica.anulacion(fecha)
            else:
                fabrica.recibo(fecha, lineas=rng.randint(1, 3))
        cliente = Sincronizador(
            almacen,
            transporte,
            fabrica.llave,
            alta.serie,
            reloj=lambda: reloj() + desfase,
            dormir=reloj.dormir,  # type: ignore[arg-type]
            azar=rng,
            en_paralelo=en_paralelo,
            tam_lote=rng.randint(1, 6),
            intentos=rng.randint(1, 4),
        )
        # After a Caida the next round is the restarted terminal: a new client over the same store.
        with contextlib.suppress(Caida):
            cliente.sincronizar(max_lotes=rng.randint(1, 4))
    red.hostil = False
    for _ in range(50):
        try:
            resultado = Sincronizador(
                almacen,
                transporte,
                fabrica.llave,
                alta.serie,
                reloj=lambda: reloj() + desfase,
                dormir=reloj.dormir,  # type: ignore[arg-type]
                azar=rng,
                en_paralelo=en_paralelo,
                tam_lote=rng.randint(1, 6),
            ).sincronizar()
        except Caida:
            continue
        if resultado.pendientes == 0:
            break
    return _desenlace(semilla, motor, alta.serie, fabrica)


def _desenlace(semilla: int, motor: sa.Engine, serie: str, fabrica: Fabrica) -> Desenlace:
    r = m.registro
    with motor.connect() as conexion:
        terminal_id = conexion.execute(sa.select(m.terminal.c.id).where(m.terminal.c.serie == serie)).scalar_one()
        ids = conexion.execute(sa.select(r.c.uid).where(r.c.terminal_id == terminal_id)).scalars().all()
        anulados = conexion.execute(
            sa.select(sa.func.count()).where(r.c.terminal_id == terminal_id, r.c.tipo == "anulacion")
        ).scalar_one()
        anulada = sa.select(r.c.recibo_hash).where(r.c.terminal_id == terminal_id, r.c.tipo == "anulacion")
        total = conexion.execute(
            sa.select(sa.func.coalesce(sa.func.sum(r.c.total_centavos), 0)).where(
                r.c.terminal_id == terminal_id, r.c.tipo == "recibo", r.c.hash.not_in(anulada)
            )
        ).scalar_one()
    return Desenlace(
        semilla,
        len(fabrica.almacen.registros),
        len(ids),
        fabrica.total_vigente,
        int(total),
        fabrica.anulados,
        int(anulados),
        sorted(ids) == sorted(x.id for x in fabrica.almacen.registros),
    )
