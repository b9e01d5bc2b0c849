"""The time a chained movement (receipt, void) is dated with, and the supervisor's way out of a bad clock.

Rules (README, «Reloj»):
- A movement is dated by the wall clock, read inside the write transaction (after ``BEGIN IMMEDIATE``): read
  before the lock, a charge that waited for another process's commit could carry an earlier time than the
  link it attaches to, and be refused as a backwards clock although nothing was wrong.
- A wall clock earlier than the last chained movement is refused, except within ``TOLERANCIA`` (jitter
  between processes): then the movement takes the last movement's time, so stored dates never go backwards.
- A wall clock more than ``dias_adelanto`` days (``ajustes.toml`` ``[reloj] dias_adelanto``, default 45)
  ahead of the last movement is refused too: a clock that jumped would otherwise date receipts years ahead
  and then stop the terminal until that date.
- Either refusal ends with a supervisor's *liberación* (``jerez-pos reloj liberar``): a signed, append-only
  row at the chain's tip saying the wall clock is right. The next movement is then checked against the
  liberación's own time instead of the tip's, and ``verificar`` accepts a date earlier than the previous
  link only right after such a row.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import heapq
import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import Connection, Engine, text

from jerez_pos.core.errores import ErrorEntrada, ErrorJerez
from jerez_pos.ledger import auditoria, cadena, identidad
from jerez_pos.ledger.base import crudo
from jerez_pos.ledger.comun import FORMATO_FECHA, EstadoInvalido, Reloj, Sesion, canonico, marca, reloj_sistema

TOLERANCIA = dt.timedelta(seconds=5)
DIAS_ADELANTO = 45
QUIEN_LIBERA = ("supervisor",)
TABLAS_CADENA = ("recibo", "anulacion")

_SQL_LIBERACION = "SELECT fecha FROM reloj_liberacion WHERE eslabon = ? AND hash_punta = ? ORDER BY id DESC LIMIT 1"
_cache_dias: dict[Path, tuple[int, int]] = {}


class RelojAtrasado(ErrorJerez):
    pass


class RelojAdelantado(ErrorJerez):
    pass


def dias_adelanto(directorio: Path) -> int:
    """``[reloj] dias_adelanto`` of ``ajustes.toml``; read again only when the file changes."""
    ruta = directorio / "ajustes.toml"
    try:
        version = ruta.stat().st_mtime_ns
    except OSError:
        return DIAS_ADELANTO
    guardado = _cache_dias.get(ruta)
    if guardado is not None and guardado[0] == version:
        return guardado[1]
    from jerez_pos.ledger.arranque import ajustes  # arranque → respaldo → reloj: imported when needed

    seccion = ajustes(directorio).get("reloj", {})
    valor = seccion.get("dias_adelanto", DIAS_ADELANTO) if isinstance(seccion, dict) else DIAS_ADELANTO
    if not isinstance(valor, int) or isinstance(valor, bool) or not 1 <= valor <= 3660:
        raise ErrorEntrada("ajustes.toml [reloj] dias_adelanto", f"«{valor}» debe ser un entero de 1 a 3660 días")
    _cache_dias[ruta] = (version, valor)
    return valor


@lru_cache(maxsize=64)  # every charge parses the tip's date: the same text until the next movement
def _fecha(texto: str) -> dt.datetime:
    return dt.datetime.strptime(texto, FORMATO_FECHA)


def referencia(conexion: Connection, punta: cadena.Punta) -> tuple[str | None, bool]:
    """The time the next movement is checked against, and whether it comes from a liberación."""
    if punta.eslabon == 0:
        return None, False
    liberada = crudo(conexion).execute(_SQL_LIBERACION, (punta.eslabon, punta.hash)).fetchone()
    if liberada is not None and liberada[0] is not None:
        return str(liberada[0]), True
    return punta.fecha, False


def fechar(conexion: Connection, punta: cadena.Punta, reloj: Reloj, dias: int) -> dt.datetime:
    """Inside the write transaction: the time of the next chained movement, or the refusal."""
    ahora = reloj().replace(microsecond=0)
    base_texto, _ = referencia(conexion, punta)
    if base_texto is None:
        return ahora
    base = _fecha(base_texto)
    if ahora < base - TOLERANCIA:
        raise RelojAtrasado(
            f"reloj: la hora del sistema ({marca(ahora).replace('T', ' ')}) es anterior al último movimiento del "
            f"libro ({base_texto.replace('T', ' ')}); corrija la fecha y hora de la computadora antes de cobrar. "
            "Si la hora es correcta y el movimiento quedó fechado a futuro, un supervisor puede autorizarla con "
            "«jerez-pos reloj liberar --motivo TEXTO --usuario SUPERVISOR»"
        )
    if ahora - base > dt.timedelta(days=dias):
        raise RelojAdelantado(
            f"reloj: la hora del sistema ({marca(ahora).replace('T', ' ')}) está más de {dias} días después del "
            f"último movimiento del libro ({base_texto.replace('T', ' ')}); revise la fecha de la computadora. "
            "Si es correcta, un supervisor la confirma con "
            "«jerez-pos reloj liberar --motivo TEXTO --usuario SUPERVISOR»"
        )
    return max(ahora, base)


def _documento(fila: dict[str, object]) -> bytes:
    hash_punta = fila["hash_punta"]
    assert isinstance(hash_punta, bytes)
    return canonico(
        {
            "tipo": "liberacion_reloj",
            "eslabon": fila["eslabon"],
            "hash_punta": hash_punta.hex(),
            "fecha_punta": fila["fecha_punta"],
            "fecha": fila["fecha"],
            "supervisor_id": fila["supervisor_id"],
            "motivo": fila["motivo"],
        }
    )


@dataclass(frozen=True)
class Liberacion:
    eslabon: int
    fecha_punta: str | None
    fecha: str
    motivo: str


def liberar(
    bd: Engine,
    llave: Ed25519PrivateKey,
    supervisor: Sesion,
    motivo: str,
    dias: int = DIAS_ADELANTO,
    reloj: Reloj = reloj_sistema,
) -> Liberacion:
    """Records that the wall clock is right although it is before the last movement or far after it."""
    supervisor.exigir("liberar el reloj", *QUIEN_LIBERA)
    motivo = motivo.strip()
    if not 5 <= len(motivo) <= 500:
        raise ErrorEntrada("--motivo", "explique por qué la hora del sistema es la correcta (de 5 a 500 caracteres)")
    with bd.begin() as conexion:
        ident = identidad.exigir_identidad(conexion)
        punta = cadena.punta(conexion, ident)
        ahora = reloj().replace(microsecond=0)
        try:
            fechar(conexion, punta, lambda: ahora, dias)
        except (RelojAtrasado, RelojAdelantado):
            pass
        else:
            raise EstadoInvalido(
                "reloj: la hora del sistema es coherente con el último movimiento del libro; no hay nada que liberar"
            )
        fila: dict[str, object] = {
            "eslabon": punta.eslabon,
            "hash_punta": punta.hash,
            "fecha_punta": punta.fecha,
            "fecha": marca(ahora),
            "supervisor_id": supervisor.usuario_id,
            "motivo": motivo,
        }
        fila["firma"] = llave.sign(hashlib.sha256(_documento(fila)).digest())
        conexion.execute(
            text(
                "INSERT INTO reloj_liberacion (eslabon, hash_punta, fecha_punta, fecha, supervisor_id, motivo, firma) "
                "VALUES (:eslabon, :hash_punta, :fecha_punta, :fecha, :supervisor_id, :motivo, :firma)"
            ),
            fila,
        )
        auditoria.registrar(
            conexion,
            supervisor.usuario,
            "liberación del reloj",
            {"eslabon": punta.eslabon, "fecha_punta": punta.fecha, "fecha": marca(ahora), "motivo": motivo},
        )
    return Liberacion(punta.eslabon, punta.fecha, marca(ahora), motivo)


def revisar_orden(conexion: sqlite3.Connection, ident: identidad.Identidad) -> list[str]:
    """Failures of date order along the chain: a link dated before the previous one needs a valid, signed
    liberación at that previous link (same eslabón and hash) and may not be dated before the liberación."""
    tablas = {f[0] for f in conexion.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    liberaciones: dict[tuple[int, bytes], list[str]] = {}
    if "reloj_liberacion" in tablas:
        publica = Ed25519PublicKey.from_public_bytes(ident.llave_publica)
        for f in conexion.execute("SELECT * FROM reloj_liberacion ORDER BY id"):
            fila = {k: f[k] for k in f.keys()}  # noqa: SIM118 (sqlite3.Row has no items())
            fila["hash_punta"] = bytes(f["hash_punta"])
            try:
                publica.verify(bytes(f["firma"]), hashlib.sha256(_documento(fila)).digest())
            except InvalidSignature:
                continue  # an unsigned or altered row authorizes nothing
            liberaciones.setdefault((int(f["eslabon"]), fila["hash_punta"]), []).append(str(f["fecha"]))
    fallas: list[str] = []
    previa: tuple[int, str, bytes] | None = None
    # Each table walked along its unique eslabón index and merged: no sort of the whole chain.
    cursores = [conexion.execute(f"SELECT eslabon, fecha, hash FROM {t} ORDER BY eslabon") for t in TABLAS_CADENA]
    for eslabon, fecha, hash_ in heapq.merge(*(map(tuple, c) for c in cursores)):
        if previa is not None and fecha < previa[1]:
            permitidas = liberaciones.get((previa[0], bytes(previa[2])), [])
            if not any(fecha >= _menos_tolerancia(p) for p in permitidas):
                fallas.append(
                    f"eslabón {eslabon}: fechado {fecha.replace('T', ' ')}, antes del eslabón {previa[0]} "
                    f"({previa[1].replace('T', ' ')}) sin una liberación del reloj firmada"
                )
        previa = (int(eslabon), str(fecha), bytes(hash_))
    return fallas


def _menos_tolerancia(fecha: str) -> str:
    return marca(_fecha(fecha) - TOLERANCIA)
