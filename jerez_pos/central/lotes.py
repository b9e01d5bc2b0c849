"""Receiving a batch with the semantics of a financial ledger.

- Same id with the same content (sequence, type, hash, signature) → ``existe``: acknowledged again, not stored.
- Same id or same sequence with other content → conflict: the batch is refused (422) and the conflict is
  written to ``conflicto`` in its own transaction, so the treasurer sees it even though nothing else was kept.
- A new record must attach to the chain central already holds (or to the previous record of the batch):
  ``hash_previo`` equal to the stored hash of ``secuencia − 1`` (the terminal's genesis for 1) and
  ``hash = SHA-256(hash_previo ‖ documento)``. A record whose predecessor central has not received yet is
  refused with 409 and the first missing sequence, so the terminal resends from there: central's copy of a
  chain never has holes.
- The batch is sealed by the terminal signature of its last new record (of each run of new records): that
  hash commits to every document before it, so one Ed25519 check authenticates the whole run, and a bad
  seal refuses the batch. Checking all thousand signatures here would cost more than everything else the
  batch does together (about 0.1–0.25 ms each); each record's own signature is checked afterwards by
  ``central.firmas`` and a bad one is logged for the treasurer. The request signature (terminal key over
  the body digest) already vouches for every byte in transit.
- The whole batch is one transaction; unique constraints make a concurrent upload of the same batch safe:
  the loser's transaction fails, is retried, and then finds every record ``existe``.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection, Engine
from sqlalchemy.exc import IntegrityError, OperationalError

from jerez_pos.central import cuentas, sql, sumas
from jerez_pos.central import modelos as m
from jerez_pos.central.bd import marca_utc
from jerez_pos.central.validacion import Entrante, ErrorHttp
from jerez_pos.core.documento import PagoCuenta, canonico, enlazar_texto, genesis
from jerez_pos.sync.protocolo import firma_valida

REINTENTOS = 4


@dataclass(frozen=True)
class TerminalActiva:
    id: int
    serie: str
    llave_publica: bytes


@dataclass(frozen=True)
class Conflicto:
    registro: Entrante
    campo: str
    motivo: str


class LoteEnConflicto(ErrorHttp):
    def __init__(self, conflictos: list[Conflicto]) -> None:
        primero = conflictos[0]
        super().__init__(
            422,
            primero.campo,
            f"conflicto: {primero.motivo}; se registró para la tesorería",
            conflicto=True,
            conflictos=[
                {"id": c.registro.uid, "secuencia": c.registro.secuencia, "campo": c.campo} for c in conflictos
            ],
        )
        self.conflictos = conflictos


_COLUMNAS = "uid, secuencia, tipo, hash, firma"
_POR_SECUENCIA = f"SELECT {_COLUMNAS} FROM registro WHERE terminal_id = ? AND secuencia BETWEEN ? AND ?"
_POR_ID = f"SELECT {_COLUMNAS} FROM registro WHERE terminal_id = ? AND uid"
_REGISTRO = (
    "terminal_id",
    "uid",
    "secuencia",
    "tipo",
    "hash",
    "hash_previo",
    "firma",
    "documento",
    "fecha_terminal",
    "recibido_en",
    "serie",
    "numero",
    "total_centavos",
    "recibo_hash",
)
_LINEA = ("terminal_id", "secuencia", "n", "clave", "rubro", "total_centavos")


def _existentes(conexion: Connection, terminal_id: int, registros: list[Entrante], buscar_ids: bool) -> dict[str, Any]:
    """Stored rows that share a sequence with the batch (plus the predecessor of its first record) and, with
    ``buscar_ids``, rows that share an id at another sequence.

    The id lookup is skipped on the first attempt: an id stored at another sequence can only come from a
    conflicting upload, and the unique constraint on (terminal, uid) then fails the insert, which sends the
    batch to the next attempt, where this lookup runs and names the conflict."""
    primera, ultima = registros[0].secuencia, registros[-1].secuencia
    por_secuencia = sql.consultar(conexion, _POR_SECUENCIA, (terminal_id, primera - 1, ultima)).all()
    uids = [r.uid for r in registros] if buscar_ids else []
    por_id: Sequence[Any] = ()
    if buscar_ids and sql.es_postgresql(conexion):
        # One array parameter: a thousand placeholders cost more to split and plan than the lookup itself.
        por_id = sql.consultar(conexion, f"{_POR_ID} = ANY(?)", (terminal_id, uids)).all()
    elif buscar_ids:
        marcas = ", ".join("?" for _ in uids)
        por_id = sql.consultar(conexion, f"{_POR_ID} IN ({marcas})", (terminal_id, *uids)).all()
    return {
        "por_uid": {fila.uid: fila for fila in [*por_secuencia, *por_id]},
        "por_secuencia": {fila.secuencia: fila for fila in por_secuencia},
    }


def _punta_central(conexion: Connection, terminal_id: int) -> int:
    maxima = sql.consultar(conexion, "SELECT max(secuencia) FROM registro WHERE terminal_id = ?", (terminal_id,))
    return int(maxima.scalar_one() or 0)


def _clasificar(registros: list[Entrante], existentes: dict[str, Any]) -> tuple[list[str], list[Conflicto]]:
    estados: list[str] = []
    conflictos: list[Conflicto] = []
    for r in registros:
        previo = existentes["por_uid"].get(r.uid)
        if previo is not None:
            igual = (previo.secuencia, previo.tipo, bytes(previo.hash), bytes(previo.firma)) == (
                r.secuencia,
                r.tipo,
                r.hash,
                r.firma,
            )
            if igual:
                estados.append("existe")
                continue
            conflictos.append(
                Conflicto(
                    r, f"{r.campo}.id", f"el id {r.uid} ya se recibió con otro contenido (secuencia {previo.secuencia})"
                )
            )
            estados.append("conflicto")
            continue
        ocupante = existentes["por_secuencia"].get(r.secuencia)
        if ocupante is not None:
            conflictos.append(
                Conflicto(
                    r, f"{r.campo}.secuencia", f"la secuencia {r.secuencia} ya se recibió con otro id y contenido"
                )
            )
            estados.append("conflicto")
            continue
        estados.append("nuevo")
    return estados, conflictos


def _verificar_cadena(
    conexion: Connection,
    terminal: TerminalActiva,
    registros: list[Entrante],
    estados: list[str],
    existentes: dict[str, Any],
    hash_en_regla: list[bool],
) -> None:
    """Checks the links of the new records and the seal of each run (``hash_en_regla``: each record's hash
    recomputed from its text, worked out before the turn)."""
    anterior: bytes | None = None
    for i, (r, estado) in enumerate(zip(registros, estados, strict=True)):
        if estado == "existe":
            anterior = r.hash
            continue
        if anterior is None:
            if r.secuencia == 1:
                anterior = genesis(terminal.serie, terminal.llave_publica)
            else:
                fila = existentes["por_secuencia"].get(r.secuencia - 1)
                if fila is None:
                    falta = _punta_central(conexion, terminal.id) + 1
                    raise ErrorHttp(
                        409,
                        f"{r.campo}.secuencia",
                        f"la central aún no tiene la secuencia {r.secuencia - 1}; envíe desde la {falta}",
                        falta=falta,
                    )
                anterior = bytes(fila.hash)
        if r.hash_previo != anterior:
            raise ErrorHttp(422, f"{r.campo}.hash_previo", "la cadena está rota: no enlaza con el registro anterior")
        if not hash_en_regla[i]:
            raise ErrorHttp(422, f"{r.campo}.hash", "el hash no corresponde al documento; fue alterado")
        sella = i + 1 == len(registros) or estados[i + 1] != "nuevo"
        if sella and not firma_valida(terminal.llave_publica, r.firma, r.hash):
            raise ErrorHttp(422, f"{r.campo}.firma", "la firma del registro no es de esta terminal")
        anterior = r.hash


Fila = tuple[Any, ...]
_CARRERAS: tuple[type[Exception], ...] = (IntegrityError, OperationalError, *sql.CARRERAS)


def _filas(terminal: TerminalActiva, registros: list[Entrante], ahora: str) -> tuple[list[Fila], list[list[Fila]]]:
    """The ``registro`` row of each record and its ``linea`` rows."""
    filas: list[Fila] = []
    lineas: list[list[Fila]] = []
    for r in registros:
        doc = r.documento
        if r.tipo == "recibo":
            propios = [doc["serie"], doc["numero"], doc["total_centavos"], None]
            lineas.append(
                [(terminal.id, r.secuencia, x["n"], x["clave"], x["rubro"], x["total_centavos"]) for x in doc["lineas"]]
            )
        else:
            propios = [None, None, None, bytes.fromhex(doc["recibo_hash"])]
            lineas.append([])
        comunes = [terminal.id, r.uid, r.secuencia, r.tipo, r.hash, r.hash_previo, r.firma]
        filas.append((*comunes, r.crudo["documento"], doc["fecha"], ahora, *propios))
    return filas, lineas


@dataclass(frozen=True)
class Preparado:
    """Everything about a batch that its own records decide, worked out before it waits for its turn at the
    database: batches of one terminal are stored one at a time, so only the work that needs the stored chain
    belongs inside the turn. The next batch is prepared while the database stores the previous one."""

    hash_en_regla: list[bool]
    filas: list[Fila]
    lineas: list[list[Fila]]
    pagos: list[list[PagoCuenta]]
    sumas: sumas.Acumulado


def preparar(terminal: TerminalActiva, registros: list[Entrante], ahora: str) -> Preparado:
    filas, lineas = _filas(terminal, registros, ahora)
    return Preparado(
        [enlazar_texto(r.hash_previo, r.texto) == r.hash for r in registros],
        filas,
        lineas,
        cuentas.pagos_de_registros(registros),
        sumas.de_recibos(registros),
    )


def _subir_punta(conexion: Connection, terminal: TerminalActiva, punta: int) -> None:
    sql.consultar(conexion, "UPDATE terminal SET punta = ? WHERE id = ? AND punta < ?", (punta, terminal.id, punta))


def _intento(
    motor: Engine,
    terminal: TerminalActiva,
    punta: int,
    registros: list[Entrante],
    ahora: str,
    buscar_ids: bool,
    preparado: Preparado,
) -> list[str]:
    with motor.begin() as conexion:
        _subir_punta(conexion, terminal, punta)
        existentes = _existentes(conexion, terminal.id, registros, buscar_ids)
        estados, conflictos = _clasificar(registros, existentes)
        if conflictos:
            raise LoteEnConflicto(conflictos)
        _verificar_cadena(conexion, terminal, registros, estados, existentes, preparado.hash_en_regla)
        nuevos_i = [i for i, estado in enumerate(estados) if estado == "nuevo"]
        if nuevos_i:
            todos = len(nuevos_i) == len(registros)  # the usual case: the prepared rows go in as they are
            nuevos = registros if todos else [registros[i] for i in nuevos_i]
            sql.insertar(conexion, "registro", _REGISTRO, [preparado.filas[i] for i in nuevos_i])
            sql.insertar(conexion, "linea", _LINEA, [fila for i in nuevos_i for fila in preparado.lineas[i]])
            # The dashboard's per-day sums and the account years paid, in the same transaction; the prepared
            # sums cover every record, so a batch with stored records adds up its new ones afresh.
            sumas.acumular(conexion, terminal.id, nuevos, preparado.sumas if todos else None)
            cuentas.registrar(conexion, terminal, nuevos, ahora, [preparado.pagos[i] for i in nuevos_i])
    return estados


def registrar_conflictos(motor: Engine, terminal: TerminalActiva, conflictos: list[Conflicto], ahora: str) -> None:
    with motor.begin() as conexion:
        conexion.execute(
            sa.insert(m.conflicto),
            [
                {
                    "terminal_id": terminal.id,
                    "uid": c.registro.uid,
                    "secuencia": c.registro.secuencia,
                    "campo": c.campo[:60],
                    "motivo": c.motivo,
                    "recibido": canonico(c.registro.crudo).decode("utf-8"),
                    "registrado_en": ahora,
                }
                for c in conflictos
            ],
        )


ESPERA_TURNO = 10.0  # seconds a batch waits for an earlier batch of its terminal that is already here


class _Turnos:
    """Per terminal, one batch at a time in the database, lowest first sequence first. A terminal keeps two
    batches in flight and the later one may arrive first, where it would not find its predecessor yet;
    parsing and checks of both still run in parallel, only the storing waits its turn."""

    def __init__(self) -> None:
        self._condicion = threading.Condition()
        self._esperando: dict[int, list[int]] = {}
        self._activas: set[int] = set()

    @contextmanager
    def turno(self, terminal_id: int, primera: int) -> Iterator[None]:
        with self._condicion:
            esperando = self._esperando.setdefault(terminal_id, [])
            esperando.append(primera)
            # Past the wait it goes anyway: central's answers (existe, 409) keep any order correct.
            self._condicion.wait_for(
                lambda: terminal_id not in self._activas and min(esperando) == primera, timeout=ESPERA_TURNO
            )
            esperando.remove(primera)
            self._activas.add(terminal_id)
        try:
            yield
        finally:
            with self._condicion:
                self._activas.discard(terminal_id)
                if not self._esperando.get(terminal_id, True):
                    del self._esperando[terminal_id]
                self._condicion.notify_all()


_TURNOS = _Turnos()


def recibir(
    motor: Engine, terminal: TerminalActiva, punta: int, registros: list[Entrante], ahora: dt.datetime
) -> list[dict[str, Any]]:
    """Stores a parsed batch, in chain order with the other batches of its terminal this process holds.
    Across processes the unique constraints and the 409 answers keep it correct."""
    marca = marca_utc(ahora)
    preparado = preparar(terminal, registros, marca)
    with _TURNOS.turno(terminal.id, registros[0].secuencia):
        return _recibir(motor, terminal, punta, registros, marca, preparado)


def _recibir(
    motor: Engine, terminal: TerminalActiva, punta: int, registros: list[Entrante], marca: str, preparado: Preparado
) -> list[dict[str, Any]]:
    for intento in range(REINTENTOS):
        try:
            estados = _intento(motor, terminal, punta, registros, marca, intento > 0, preparado)
            break
        except ErrorHttp as rechazo:
            # The claimed tip is kept even when the batch is refused: it tells the treasurer what is missing.
            with motor.begin() as conexion:
                _subir_punta(conexion, terminal, punta)
            if isinstance(rechazo, LoteEnConflicto):
                registrar_conflictos(motor, terminal, rechazo.conflictos, marca)
            raise
        except _CARRERAS:
            # A concurrent upload inserted some of these rows first (or held the lock too long), or an id is
            # stored at another sequence: start over with the id lookup; the next attempt answers ``existe``
            # or names the conflict.
            if intento == REINTENTOS - 1:
                raise ErrorHttp(
                    409, "registros", "otra carga simultánea de esta terminal está en curso; reintente"
                ) from None
    return [{"id": r.uid, "secuencia": r.secuencia, "estado": e} for r, e in zip(registros, estados, strict=True)]
