"""``restaurar --ultimo``: the newest verified backup plus the journal entries after it, verified, swapped in.

Nothing half-written: the new ledger is built in ``jerez_pos.sqlite3.restaurando`` beside the live file,
migrated, replayed, checked (``integrity_check``, the whole hash chain and signatures, gap-free folios, the
chain tip equal to the journal's), and only then moved over the live file with ``os.replace``; whatever it
replaces (database, ``-wal``, ``-shm``) is first moved to ``respaldos/antes-de-restaurar-<fecha>/``.
Works when the live file is missing, empty, malformed or lost its WAL: the live file is never read for
data. With no backup at all the journal alone is enough (its first line is the terminal identity).

Folio continuity: the restored chain ends exactly at the journal's last link, so the next receipt takes
the next folio after the last one ever journaled; every folio that was shown stays used.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from jerez_pos import config
from jerez_pos.core.errores import ErrorJerez
from jerez_pos.core.texto import cantidad
from jerez_pos.ledger import acceso, auditoria, cadena, diario, diario_filas, identidad, respaldo, usuarios
from jerez_pos.ledger.base import abrir
from jerez_pos.ledger.comun import Sesion
from jerez_pos.ledger.identidad import Identidad, llave_publica
from jerez_pos.ledger.migraciones import migrar
from jerez_pos.ledger.verificacion import todo_bien, verificar

QUIEN_RESTAURA = "administrador"


class RecuperacionImposible(ErrorJerez):
    pass


@dataclass
class Recuperacion:
    respaldo: str | None
    diario: str
    repuestos: dict[str, int]
    eslabon: int
    ultimo_folio: str | None
    resguardo: str | None
    avisos: list[str] = field(default_factory=list)

    def a_dict(self) -> dict[str, Any]:
        return {
            "respaldo": self.respaldo,
            "diario": self.diario,
            "recibos": self.repuestos.get("recibo", 0),
            "anulaciones": self.repuestos.get("anulacion", 0),
            "entregas": self.repuestos.get("entrega", 0),
            "cortes": self.repuestos.get("corte", 0),
            "turnos": self.repuestos.get("turno", 0),
            "usuarios": self.repuestos.get("usuario", 0),
            "eslabon": self.eslabon,
            "ultimo_folio": self.ultimo_folio,
            "resguardo": self.resguardo,
            "avisos": self.avisos,
        }


# -- authentication when the live database cannot be trusted ---------------------------------------------------
def _verificar_contrasena(filas: list[dict[str, Any]], usuario: str, contrasena: str) -> Sesion:
    for fila in filas:
        if fila["usuario"] == usuario.strip() and fila.get("activo", 1):
            try:
                usuarios.HASHER.verify(fila["hash"], contrasena)
            except (VerificationError, InvalidHashError):
                break
            return Sesion(int(fila["id"]), fila["usuario"], fila["rol"])
    raise usuarios.AccesoDenegado("usuario: usuario o contraseña incorrectos")


def autenticar_en_diario(filas: list[dict[str, Any]], usuario: str, contrasena: str) -> Sesion:
    return _verificar_contrasena(list(reversed(filas)), usuario, contrasena)


# -- choosing the journal and the backup -------------------------------------------------------------------------
@dataclass
class Exploracion:
    """One streaming pass over a journal: what it holds, without keeping its lines in memory."""

    ruta: Path
    identidad: diario.Linea
    eslabon: int = 0
    hash: str | None = None
    folio: int | None = None
    lineas: int = 0
    danadas: list[int] = field(default_factory=list)
    usuarios: list[dict[str, Any]] = field(default_factory=list)
    hashes: dict[int, str] = field(default_factory=dict)  # only at the links asked for (backup tips)
    hueco: str | None = None


def explorar(ruta: Path, interesan: set[int]) -> Exploracion:
    cabeza = diario.primera(ruta)
    assert cabeza is not None
    ident, _ = diario.identidad_de(cabeza)
    fuera = diario.descartadas(ruta, llave_publica(ident))
    resultado = Exploracion(ruta, cabeza)
    previo, esperado = cadena.genesis(ident).hex(), 1
    for numero, linea in diario.lineas(ruta):
        if linea is None:
            resultado.danadas.append(numero)
            continue
        if linea.tipo == "descarte" or linea.hash in fuera:
            continue
        resultado.lineas += 1
        if linea.tipo == "usuario":
            resultado.usuarios.append(linea.documento()["fila"])
        if linea.tipo not in diario.CADENA:
            continue
        if resultado.hueco is None and (linea.eslabon != esperado or linea.previo != previo):
            resultado.hueco = f"falta el eslabón {esperado} (sigue el {linea.eslabon}, línea {numero})"
        eslabon = linea.eslabon or 0
        if eslabon in interesan:
            resultado.hashes[eslabon] = linea.hash
        previo, esperado, resultado.eslabon, resultado.hash = linea.hash, eslabon + 1, eslabon, linea.hash
        if linea.tipo == "recibo":
            resultado.folio = int(linea.documento()["numero"])
    return resultado


def _punta_de_copia(archivo: Path, ident: Identidad) -> tuple[int, str] | None:
    """The backup's chain tip, or None when it is not this terminal's (or not readable)."""
    try:
        conexion = sqlite3.connect(f"file:{archivo}?mode=ro", uri=True)
        try:
            fila = conexion.execute("SELECT serie, llave_publica FROM terminal WHERE id = 1").fetchone()
            if fila is None or fila[0] != ident.serie or bytes(fila[1]) != ident.llave_publica:
                return None
            mejor = (0, cadena.genesis(ident).hex())
            for tabla in diario.CADENA:
                punta = conexion.execute(f"SELECT eslabon, hash FROM {tabla} ORDER BY eslabon DESC LIMIT 1").fetchone()
                if punta is not None and punta[0] > mejor[0]:
                    mejor = (int(punta[0]), bytes(punta[1]).hex())
            return mejor
        finally:
            conexion.close()
    except sqlite3.DatabaseError:
        return None


def _hash_en_copia(archivo: Path, eslabon: int) -> str | None:
    conexion = sqlite3.connect(f"file:{archivo}?mode=ro", uri=True)
    try:
        for tabla in diario.CADENA:
            fila = conexion.execute(f"SELECT hash FROM {tabla} WHERE eslabon = ?", (eslabon,)).fetchone()
            if fila is not None:
                return bytes(fila[0]).hex()
        return None
    finally:
        conexion.close()


def _copias(directorio: Path, ident: Identidad) -> tuple[list[tuple[Path, tuple[int, str]]], list[str]]:
    avisos: list[str] = []
    copias: list[Path] = []
    for destino in diario.destinos(directorio):
        copias += destino.parent.glob(f"{respaldo.PREFIJO}*.sqlite3")
    propias = []
    for copia in sorted(copias, key=lambda p: p.name, reverse=True):  # the name carries the time: newest first
        punta = _punta_de_copia(copia, ident)
        if punta is None:
            avisos.append(f"respaldo {copia.name} descartado: es de otra terminal, no tiene terminal o no se lee")
        else:
            propias.append((copia, punta))
    return propias, avisos


def elegir(directorio: Path) -> tuple[Exploracion, Path | None, tuple[int, str] | None, list[str]]:
    """The most advanced journal, and the newest backup that verifies and is a prefix of it."""
    rutas = [r for r in diario.destinos(directorio) if diario.primera(r) is not None]
    if not rutas:
        raise RecuperacionImposible(
            "diario: no hay diario de recibos en los destinos de respaldo; restaure un archivo con "
            "«jerez-pos restaurar ARCHIVO»"
        )
    cabeza = diario.primera(rutas[0])
    assert cabeza is not None
    ident, _ = diario.identidad_de(cabeza)
    copias, avisos = _copias(directorio, ident)
    interesan = {punta[0] for _, punta in copias}
    exploraciones = [explorar(r, interesan) for r in rutas]
    elegida = max(exploraciones, key=lambda e: (e.eslabon, e.lineas))
    if elegida.hueco is not None:
        raise RecuperacionImposible(
            f"diario: {elegida.hueco}; el diario está incompleto, restaure un archivo con "
            "«jerez-pos restaurar ARCHIVO» y avise a soporte"
        )
    for copia, punta in copias:
        if punta[0] > elegida.eslabon:  # the journal lost its tail: a backup that extends it is better
            coincide = elegida.eslabon == 0 or _hash_en_copia(copia, elegida.eslabon) == elegida.hash
        else:
            coincide = punta[0] == 0 or elegida.hashes.get(punta[0]) == punta[1]
        if not coincide:
            avisos.append(f"respaldo {copia.name} descartado: su cadena no coincide con el diario")
            continue
        estado = respaldo.revisar_copia(copia)
        if estado == "ok":
            return elegida, copia, punta, avisos
        avisos.append(f"respaldo {copia.name} descartado: {estado}")
    return elegida, None, None, avisos


# -- building, checking and swapping ---------------------------------------------------------------------------
def _construir(
    temporal: Path, base: Path | None, hasta: int, exploracion: Exploracion, quien: Sesion
) -> tuple[dict[str, int], int, int | None]:
    """The new ledger: the backup (links up to ``hasta``) plus every journal line it lacks."""
    for sufijo in ("", "-wal", "-shm", "-journal"):
        Path(f"{temporal}{sufijo}").unlink(missing_ok=True)
    if base is not None:
        respaldo._copiar(base, temporal)
    motor = abrir(temporal)
    repuestos: dict[str, int] = {}
    try:
        migrar(motor)
        with motor.begin() as conexion, _fallas_de_aplicacion():
            diario_filas.aplicar(conexion, exploracion.identidad)
            for linea in diario.vigentes(exploracion.ruta):
                if linea.tipo in diario.CADENA and (linea.eslabon or 0) <= hasta:
                    continue  # in the backup by construction: its tip hash is this journal's
                if diario_filas.aplicar(conexion, linea):
                    repuestos[linea.tipo] = repuestos.get(linea.tipo, 0) + 1
            auditoria.registrar(
                conexion,
                quien.usuario,
                "restauración desde el diario",
                {"respaldo": base.name if base else None, **repuestos},
            )
        with motor.connect() as conexion:
            ident, _ = diario.identidad_de(exploracion.identidad)
            eslabon = cadena.punta(conexion, ident).eslabon
            folio = conexion.execute(text("SELECT max(numero) FROM recibo")).scalar_one()
        resultado = verificar(motor)
        if not todo_bien(resultado):
            raise RecuperacionImposible(
                f"restauración: el libro reconstruido no pasó la verificación ({resultado['detalle']}); "
                "no se reemplazó nada"
            )
    finally:
        motor.dispose()
    conexion_ = sqlite3.connect(temporal)
    try:  # everything into the main file: only that file is swapped in
        conexion_.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conexion_.close()
    return repuestos, eslabon, folio


@contextmanager
def _fallas_de_aplicacion() -> Iterator[None]:
    try:
        yield
    except IntegrityError as exc:
        raise RecuperacionImposible(
            f"restauración: una línea del diario no se pudo aplicar sobre el respaldo ({exc.orig}); "
            "no se reemplazó nada. Avise a soporte con el diario y los respaldos"
        ) from None


def _mover_a_resguardo(ruta_bd: Path, resguardo: Path) -> bool:
    movido = False
    for sufijo in ("", "-wal", "-shm", "-journal"):
        origen = Path(f"{ruta_bd}{sufijo}")
        if origen.exists():
            resguardo.mkdir(parents=True, exist_ok=True)
            os.replace(origen, resguardo / origen.name)
            movido = True
    return movido


def _sincronizar_carpeta(carpeta: Path) -> None:
    if os.name == "posix":
        descriptor = os.open(carpeta, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _exigir_misma_llave(directorio: Path, ident: Identidad) -> None:
    """The journal must be this terminal's: its key file signs what the restored ledger charges next."""
    if not (directorio / identidad.ARCHIVO_LLAVE).exists():
        return  # the key is restored separately (see ledger/identidad.py); charging will ask for it
    try:
        identidad.llave_privada(directorio, ident)
    except ErrorJerez:
        raise RecuperacionImposible(
            f"diario: es de la terminal {ident.serie}, pero la llave de firma de esta carpeta es de otra; "
            "no se restauró nada"
        ) from None


def restaurar_ultimo(directorio: Path, credenciales: Callable[[], tuple[str, str]]) -> Recuperacion:
    exploracion, base, punta_base, avisos = elegir(directorio)
    ident, _ = diario.identidad_de(exploracion.identidad)
    _exigir_misma_llave(directorio, ident)
    ruta_bd = config.ruta_bd(directorio)
    usuario, contrasena = credenciales()
    # The same rules as «restaurar ARCHIVO» (ledger/acceso.py): the live ledger when it can answer, else the
    # backup's own users, else (no backup at all) the users the journal recorded.
    if acceso.falla_del_libro(ruta_bd) is None:
        vivo = abrir(ruta_bd)
        try:
            quien = usuarios.autenticar(vivo, usuario, contrasena)
        finally:
            vivo.dispose()
    elif base is not None:
        quien = acceso.desde_respaldo(base, usuario, contrasena, dt.datetime.now())
    else:
        quien = autenticar_en_diario(exploracion.usuarios, usuario, contrasena)
    quien.exigir("restaurar el libro", QUIEN_RESTAURA)
    if exploracion.danadas:
        avisos.append(
            f"diario: {cantidad(len(exploracion.danadas), 'línea dañada ignorada', 'líneas dañadas ignoradas')} "
            f"(p. ej. la {exploracion.danadas[0]})"
        )
    temporal = ruta_bd.with_name(ruta_bd.name + ".restaurando")
    try:
        repuestos, eslabon, folio = _construir(temporal, base, punta_base[0] if punta_base else 0, exploracion, quien)
    except BaseException:
        for sufijo in ("", "-wal", "-shm"):
            Path(f"{temporal}{sufijo}").unlink(missing_ok=True)
        raise
    resguardo = directorio / "respaldos" / f"antes-de-restaurar-{dt.datetime.now().strftime('%Y%m%d-%H%M%S-%f')}"
    movido = _mover_a_resguardo(ruta_bd, resguardo)
    os.replace(temporal, ruta_bd)
    _sincronizar_carpeta(ruta_bd.parent)
    principal = diario.primario(directorio)
    if exploracion.ruta != principal:  # the primary journal was lost or behind: the one restored from replaces it
        if principal.exists():
            resguardo.mkdir(parents=True, exist_ok=True)
            os.replace(principal, resguardo / principal.name)
            movido = True
        diario._poner_al_dia(exploracion.ruta, principal)
    return Recuperacion(
        str(base) if base else None,
        str(exploracion.ruta),
        repuestos,
        eslabon,
        f"{ident.serie}-{folio}" if folio else None,
        str(resguardo) if movido else None,
        avisos,
    )
