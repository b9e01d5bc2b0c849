"""After-the-fact check of each stored record's own terminal signature.

On arrival a batch is authenticated by the request signature and by the signature of its last new record
(``lotes``): the hash chain makes that one signature cover every document before it, so nothing unsigned
gets in. What that does not prove is that every *other* record carries a good signature of its own, the
one a receipt's QR and any later audit rely on. That costs one Ed25519 check per record (0.1–0.25 ms),
more than everything else the upload does, so it runs here, off the request path: in the server when it
is idle and on demand with ``jerez-pos central revisar-firmas``.

Per terminal, ``firmas_revisadas`` is the sequence up to which every record has been checked. Central's
copy of a chain has no holes and grows in sequence order, so a high-water mark is enough. A bad signature
is written to ``conflicto`` for the treasurer (campo ``firma``) and the mark moves past it: the record's
content is still the terminal's (its successor's seal covers it), only its own signature is damaged.
Two reviewers at once are harmless: the mark only moves with a compare-and-set, and the loser rolls back.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, Engine

from jerez_pos.central import sql
from jerez_pos.central.bd import marca_utc, reloj_utc
from jerez_pos.sync.protocolo import firma_valida

_bitacora = logging.getLogger(__name__)
TANDA = 500  # records per transaction: short enough to yield to uploads between tandas
MOTIVO = "la firma propia del registro no es de esta terminal (su contenido sí está sellado por la cadena)"

_POR_REVISAR = (
    "SELECT r.uid, r.secuencia, r.tipo, r.hash, r.firma FROM registro r "
    "WHERE r.terminal_id = ? AND r.secuencia > ? ORDER BY r.secuencia LIMIT ?"
)
_TERMINALES = (
    "SELECT t.id, t.llave_publica, t.firmas_revisadas FROM terminal t WHERE t.llave_publica IS NOT NULL "
    "AND EXISTS (SELECT 1 FROM registro r WHERE r.terminal_id = t.id AND r.secuencia > t.firmas_revisadas) "
    "ORDER BY t.id"
)


@dataclass
class Revision:
    revisadas: int = 0
    invalidas: int = 0

    def a_dict(self) -> dict[str, int]:
        return {"revisadas": self.revisadas, "invalidas": self.invalidas}


def _tanda(conexion: Connection, terminal_id: int, llave: bytes, desde: int, ahora: str) -> tuple[int, int, int] | None:
    """Checks up to ``TANDA`` records after ``desde``; returns (checked, bad, new mark), or None when there is
    nothing left or another reviewer moved the mark first (then nothing is written)."""
    filas = sql.consultar(conexion, _POR_REVISAR, (terminal_id, desde, TANDA)).all()
    if not filas:
        return None
    malas = [f for f in filas if not firma_valida(llave, bytes(f.firma), bytes(f.hash))]
    hasta = int(filas[-1].secuencia)
    movida = sql.consultar(
        conexion,
        "UPDATE terminal SET firmas_revisadas = ? WHERE id = ? AND firmas_revisadas = ?",
        (hasta, terminal_id, desde),
    )
    if movida.rowcount != 1:
        return None
    if malas:
        sql.insertar(
            conexion,
            "conflicto",
            ("terminal_id", "uid", "secuencia", "campo", "motivo", "recibido", "registrado_en"),
            [
                (
                    terminal_id,
                    f.uid,
                    int(f.secuencia),
                    "firma",
                    MOTIVO,
                    json.dumps({"tipo": f.tipo, "hash": bytes(f.hash).hex(), "firma": bytes(f.firma).hex()}),
                    ahora,
                )
                for f in malas
            ],
        )
    return len(filas), len(malas), hasta


def revisar(motor: Engine, limite: int | None = None, ahora: dt.datetime | None = None) -> Revision:
    """Checks pending signatures of every terminal, oldest first, until about ``limite`` records are done."""
    marca = marca_utc(ahora or reloj_utc())
    resultado = Revision()
    with motor.connect() as conexion:
        terminales = sql.consultar(conexion, _TERMINALES).all()
    for terminal in terminales:
        desde = int(terminal.firmas_revisadas)
        while limite is None or resultado.revisadas < limite:
            with motor.begin() as conexion:
                paso = _tanda(conexion, int(terminal.id), bytes(terminal.llave_publica), desde, marca)
            if paso is None:
                break
            vistas, malas, desde = paso
            resultado.revisadas += vistas
            resultado.invalidas += malas
    return resultado


def pendientes(motor: Engine) -> int:
    """Records whose own signature has not been checked yet, all terminals."""
    with motor.connect() as conexion:
        return int(
            sql.consultar(
                conexion,
                "SELECT count(*) FROM registro r JOIN terminal t ON t.id = r.terminal_id "
                "WHERE r.secuencia > t.firmas_revisadas",
            ).scalar_one()
        )


class RevisorEnSegundoPlano:
    """The server's reviewer: a daemon thread that checks signatures only while no request has been served
    for ``pausa`` seconds, one ``TANDA`` at a time, so a burst of uploads never waits on it."""

    def __init__(self, motor: Engine, inactivo: Callable[[], float], pausa: float = 2.0) -> None:
        self.motor = motor
        self.inactivo = inactivo  # seconds since the last request ended; 0 while one is in flight
        self.pausa = pausa
        self._alto = threading.Event()
        self._hilo = threading.Thread(target=self._correr, name="revision-firmas", daemon=True)

    def iniciar(self) -> None:
        self._hilo.start()

    def detener(self) -> None:
        self._alto.set()
        if self._hilo.is_alive():
            self._hilo.join(timeout=30)

    def _correr(self) -> None:
        while not self._alto.wait(self.pausa / 4):
            if self.inactivo() < self.pausa:
                continue
            try:
                revisar(self.motor, limite=TANDA)
            except Exception:  # a database hiccup must not kill the thread; the next round retries
                _bitacora.exception("la revisión de firmas falló; se reintenta")
