"""The high-water mark: the last series, folio, chain link and chain hash the terminal ever journaled.

Where it lives (a cost decision): the mark is *derived from the journal's verified tail*, not kept in a
file of its own. Every chain line of the journal already carries the link number, its hash and the
terminal's signature of that hash, so the newest valid chain line *is* a signed mark; a separate mark file
would cost a rewrite + fsync + rename + directory fsync on every receipt. Reading the mark costs a
``stat`` (cached while the journal does not change) or reading the last few kilobytes of the journal and
one signature check.

The rules, checked at start-up (``al_arrancar``, from ``Terminal.__init__``) and inside the write
transaction of every charge and void (``exigir``, which compares the chain tip the charge reads anyway):

- ledger behind its mark, ledger empty while a mark exists, or a different hash at the mark's link:
  REFUSED, with the way out (``jerez-pos restaurar --ultimo``);
- ledger ahead of its mark (the journal lost its tail, or a USB journal was away): the journal is healed
  by appending the ledger's verified links after the mark;
- a journal that is missing while the ledger has data: rebuilt from the ledger, audited and warned;
- at start-up only, the journal's last line when the ledger lacks exactly that line: the transaction
  was killed between writing its line and its commit. The line chains onto the ledger's tip and carries
  the terminal's signature, and its folio may already have been shown: it is re-applied and audited, so
  that folio is never issued again. More than one missing line is not a crash window: it is refused.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import Connection, Engine

from jerez_pos.core.errores import ErrorJerez
from jerez_pos.ledger import auditoria, cadena, diario, diario_filas, identidad
from jerez_pos.ledger.base import lector
from jerez_pos.ledger.diario import Linea, Pendiente, directorio_de
from jerez_pos.ledger.identidad import Identidad

CABECERA_SQLITE = b"SQLite format 3\x00"
COMO_RECUPERAR = "un administrador debe recuperarlo con «jerez-pos restaurar --ultimo»"


class LibroAtrasado(ErrorJerez):
    """The ledger does not hold what the journal says was committed: charging would reissue folios."""


@dataclass(frozen=True)
class Marca:
    serie: str
    folio: int | None
    eslabon: int
    hash: str
    llave: bytes
    ultima: Linea | None  # the journal's last valid line (any kind)


_cache: dict[Path, tuple[tuple[int, int, int], Marca | None]] = {}


def leer(ruta: Path) -> Marca | None:
    """The mark of one journal file; None when it is missing or has no valid identity line."""
    try:
        estado = os.stat(ruta)
    except OSError:
        return None
    clave = _clave(estado)
    guardada = _cache.get(ruta)
    if guardada is not None and guardada[0] == clave:
        return guardada[1]
    cabeza = diario.primera(ruta)
    marca: Marca | None = None
    if cabeza is not None:
        ident, _ = diario.identidad_de(cabeza)
        eslabon, hash_, folio, ultima = 0, cadena.genesis(ident).hex(), None, None
        for linea in diario.cola(ruta, Ed25519PublicKey.from_public_bytes(ident.llave_publica), 8192):
            ultima = ultima or linea
            if linea.tipo in diario.CADENA and not eslabon:
                assert linea.eslabon is not None
                eslabon, hash_ = linea.eslabon, linea.hash
            if linea.tipo == "recibo":
                folio = int(linea.documento()["numero"])
                break
        marca = Marca(ident.serie, folio, eslabon, hash_, ident.llave_publica, ultima)
    _cache[ruta] = (clave, marca)
    return marca


def _clave(estado: os.stat_result) -> tuple[int, int, int]:
    return (estado.st_ino, estado.st_size, estado.st_mtime_ns)


def recordar(ruta: Path, antes: os.stat_result | None, estado: os.stat_result, nuevas: tuple[Linea, ...]) -> None:
    """After this process appended ``nuevas``: the new mark without reading the file back, when the cached
    one described the file exactly as it was before the append (any other writer changes size or time)."""
    guardada = _cache.get(ruta)
    if antes is None or guardada is None or guardada[1] is None or guardada[0] != _clave(antes):
        return
    previa = guardada[1]
    eslabon, hash_, folio = previa.eslabon, previa.hash, previa.folio
    for linea in nuevas:
        if linea.tipo in diario.CADENA and linea.eslabon is not None:
            eslabon, hash_ = linea.eslabon, linea.hash
        if linea.tipo == "recibo":
            folio = int(linea.documento()["numero"])
    if any(linea.tipo in ("descarte", "identidad") for linea in nuevas):
        _cache.pop(ruta, None)  # rare: let the next read derive it from the file
        return
    marca = Marca(previa.serie, folio, eslabon, hash_, previa.llave, nuevas[-1])
    _cache[ruta] = (_clave(estado), marca)


def _estado(conexion: Connection, ident: Identidad, punta: cadena.Punta, marca: Marca) -> tuple[str, str]:
    if marca.llave != ident.llave_publica:
        return "distinto", f"el diario es de otra terminal (serie {marca.serie}), no de {ident.serie}"
    if punta.eslabon < marca.eslabon:
        vacio = "está vacío" if punta.eslabon == 0 else f"llega al eslabón {punta.eslabon}"
        return "atrasado", (
            f"el libro {vacio} pero el diario registra hasta el eslabón {marca.eslabon} "
            f"(folio {marca.serie}-{marca.folio}); faltan movimientos ya confirmados"
        )
    en_libro = punta.hash if punta.eslabon == marca.eslabon else diario_filas.hash_en(conexion, marca.eslabon)
    if marca.eslabon and (en_libro is None or en_libro.hex() != marca.hash):
        return "distinto", f"el eslabón {marca.eslabon} del libro no es el que registra el diario; fue alterado"
    if punta.eslabon > marca.eslabon:
        return "adelantado", f"el diario llega al eslabón {marca.eslabon} y el libro al {punta.eslabon}"
    return "ok", f"libro y diario coinciden en el eslabón {marca.eslabon}"


def _rechazo(detalle: str) -> LibroAtrasado:
    return LibroAtrasado(f"libro: {detalle}; no se puede operar, {COMO_RECUPERAR}")


def exigir(conexion: Connection, ident: Identidad, punta: cadena.Punta, directorio: Path) -> None:
    """Inside a charge or void: refuse a ledger behind or unlike its mark; heal a journal behind."""
    marca = leer(diario.primario(directorio))
    if marca is None:
        return
    estado, detalle = _estado(conexion, ident, punta, marca)
    if estado in ("atrasado", "distinto"):
        raise _rechazo(detalle)
    if estado == "adelantado":
        _sanar(conexion, directorio, marca)


def _sanar(conexion: Connection, directorio: Path, marca: Marca) -> None:
    diario.anotar_en_lotes(
        directorio, diario_filas.lineas_de_eslabones(conexion, marca.eslabon, bytes.fromhex(marca.hash))
    )


def asegurar_diario(conexion: Connection, ident: Identidad, pendiente: Pendiente) -> None:
    """A registered terminal always has a primary journal: a missing one is rebuilt from the ledger."""
    directorio = pendiente.directorio
    ruta = diario.primario(directorio)
    if leer(ruta) is not None:
        return
    if ruta.exists() and ruta.stat().st_size:
        raise _rechazo(f"el diario {ruta} no tiene una identidad de terminal válida")
    lineas = diario_filas.todo_el_libro(conexion, directorio, ident)
    try:
        cabeza = next(lineas)  # the identity line: the first one that needs the signing key
    except ErrorJerez as exc:  # no signing key here (a copied database): nothing to sign with, nothing to charge
        pendiente.avisos.append(f"diario: no se pudo crear ({exc})")
        return
    # Committed rows: written apart from the caller's lines, never cancelled with its transaction.
    diario.anotar_en_lotes(directorio, itertools.chain([cabeza], lineas))
    punta = cadena.punta(conexion, ident)
    if punta.eslabon:
        aviso = f"diario: no existía {ruta}; se reconstruyó desde el libro ({punta.eslabon} eslabones)"
        pendiente.avisos.append(aviso)
        auditoria.registrar(
            conexion, "sistema", "diario reconstruido", {"archivo": str(ruta), "eslabones": punta.eslabon}
        )


def diario_existente(directorio: Path) -> Path | None:
    for ruta in diario.destinos(directorio):
        if diario.primera(ruta) is not None:
            return ruta
    return None


def exigir_archivo(ruta_bd: Path, directorio: Path) -> None:
    """Before opening: a missing or zero-byte database is never replaced by a fresh one while a journal
    says this terminal had a ledger."""
    existente = diario_existente(directorio)
    if ruta_bd.exists() and ruta_bd.stat().st_size > 0:
        with ruta_bd.open("rb") as archivo:
            if archivo.read(16) == CABECERA_SQLITE:
                return
        salida = COMO_RECUPERAR if existente else "restaure un respaldo con «jerez-pos restaurar ARCHIVO»"
        raise LibroAtrasado(f"base de datos: el archivo {ruta_bd} no es una base SQLite (está dañado); {salida}")
    if existente is not None:
        falta = "no existe" if not ruta_bd.exists() else "está vacío (0 bytes)"
        raise LibroAtrasado(
            f"base de datos: el archivo {ruta_bd} {falta} pero el diario {existente} registra recibos de esta "
            f"terminal; no se creará un libro nuevo, {COMO_RECUPERAR}"
        )


def _reaplicar_ultima(conexion: Connection, ident: Identidad, marca: Marca) -> str | None:
    """The killed-between-line-and-commit case: exactly the journal's last line is missing."""
    ultima = marca.ultima
    if ultima is None or diario_filas.presente(conexion, ultima):
        return None
    punta = cadena.punta(conexion, ident)
    if ultima.tipo in diario.CADENA:
        if ultima.eslabon != punta.eslabon + 1 or ultima.previo != punta.hash.hex():
            return None
    elif marca.eslabon != punta.eslabon or marca.hash != punta.hash.hex():
        return None
    diario_filas.aplicar(conexion, ultima)
    detalle = {"tipo": ultima.tipo, "id": ultima.id, "eslabon": ultima.eslabon}
    auditoria.registrar(conexion, "sistema", "movimiento recuperado del diario", detalle)
    return f"diario: se recuperó {ultima.tipo} {ultima.id} que no alcanzó a guardarse en la base (auditado)"


def _apartar_ilegible(conexion: Connection, ruta: Path) -> str:
    """A journal whose identity line does not verify (torn while it was first written, or damaged) is kept
    aside, never deleted; the journal is then taken from the USB copy or rebuilt from the ledger."""
    apartado = ruta.with_name(f"{ruta.name}.ilegible-{dt.datetime.now().strftime('%Y%m%d-%H%M%S')}")
    os.replace(ruta, apartado)
    auditoria.registrar(conexion, "sistema", "diario ilegible apartado", {"archivo": str(apartado)})
    return f"diario: {ruta} no tenía una identidad válida; quedó en {apartado.name}"


def al_arrancar(bd: Engine, directorio: Path) -> list[str]:
    """Start-up check of the ledger against every journal location; returns warnings, raises when refused."""
    avisos: list[str] = []
    principal = diario.primario(directorio)
    with bd.begin() as conexion:
        ident = identidad.identidad_en(conexion)
        existente = diario_existente(directorio)
        if ident is None:
            if existente is not None:
                raise _rechazo(f"la base no tiene terminal registrada pero el diario {existente} sí")
            return avisos
        if leer(principal) is None and principal.exists() and principal.stat().st_size:
            avisos.append(_apartar_ilegible(conexion, principal))
        if leer(principal) is None and existente is not None and existente != principal:
            diario._poner_al_dia(existente, principal)  # primary lost, the USB copy is intact
            avisos.append(f"diario: {principal} se recuperó de {existente}")
        marca = leer(principal)
        if marca is not None and marca.llave == ident.llave_publica:
            aviso = _reaplicar_ultima(conexion, ident, marca)
            if aviso:
                avisos.append(aviso)
        punta = cadena.punta(conexion, ident)
        for ruta in diario.destinos(directorio):
            otra = leer(ruta)
            if otra is not None and ruta != principal:
                estado, detalle = _estado(conexion, ident, punta, otra)
                if estado in ("atrasado", "distinto"):
                    raise _rechazo(f"{detalle} ({ruta})")
        exigir(conexion, ident, punta, directorio)
        pendiente = Pendiente(directorio)
        asegurar_diario(conexion, ident, pendiente)
        avisos += pendiente.avisos
        # Under the write lock: no other process appends while a USB journal is brought up to date.
        avisos += diario.sincronizar_secundarios(directorio)
    return avisos


def revisar(bd: Engine, directorio: Path) -> dict[str, Any]:
    """The ``marca`` key of ``verificar``: never writes, never raises for a bad ledger."""
    resultado: dict[str, Any] = {"estado": "sin_marca", "serie": None, "folio": None, "eslabon": None, "hash": None}
    marcas = [m for m in (leer(r) for r in diario.destinos(directorio)) if m is not None]
    if not marcas:
        resultado["detalle"] = "no hay diario de recibos"
        return resultado
    marca = max(marcas, key=lambda m: m.eslabon)
    resultado.update(serie=marca.serie, folio=marca.folio, eslabon=marca.eslabon, hash=marca.hash)
    with lector(bd).connect() as conexion:
        ident = identidad.identidad_en(conexion)
        if ident is None:
            resultado.update(estado="atrasado", detalle="la base no tiene terminal registrada pero hay diario")
            return resultado
        estado, detalle = _estado(conexion, ident, cadena.punta(conexion, ident), marca)
    resultado.update(estado="ok" if estado == "adelantado" else estado, detalle=detalle)
    return resultado


def bien(marca: dict[str, Any] | None) -> bool:
    return marca is None or marca["estado"] in ("ok", "sin_marca")


def en_verificacion(bd: Engine, resultado: dict[str, Any]) -> list[str]:
    """Adds ``marca`` to ``verificar``'s result; returns the failure detail, if any."""
    resultado["marca"] = revisar(bd, directorio_de(bd))
    return [] if bien(resultado["marca"]) else [f"marca: {resultado['marca']['detalle']}"]
