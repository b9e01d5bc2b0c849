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
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from argon2.exceptions import InvalidHashError, VerificationError

from jerez_pos import config
from jerez_pos.core.errores import ErrorJerez
from jerez_pos.ledger import auditoria, cadena, diario, diario_filas, respaldo, usuarios
from jerez_pos.ledger.base import abrir
from jerez_pos.ledger.comun import Sesion
from jerez_pos.ledger.identidad import Identidad
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


def autenticar_en_copia(archivo: Path, usuario: str, contrasena: str) -> Sesion:
    """Checks a password against the ``usuario`` table of a backup file, read-only (reusable by any restore
    that cannot trust the live database)."""
    try:
        conexion = sqlite3.connect(f"file:{archivo}?mode=ro", uri=True)
        try:
            conexion.row_factory = sqlite3.Row
            filas = [dict(f) for f in conexion.execute("SELECT id, usuario, rol, hash, activo FROM usuario")]
        finally:
            conexion.close()
    except sqlite3.DatabaseError as exc:
        raise RecuperacionImposible(f"ARCHIVO: {archivo} no se puede leer ({exc})") from None
    return _verificar_contrasena(filas, usuario, contrasena)


def autenticar_en_diario(lectura: diario.Lectura, usuario: str, contrasena: str) -> Sesion:
    filas = [ln.documento()["fila"] for ln in lectura.lineas if ln.tipo == "usuario"]
    return _verificar_contrasena(list(reversed(filas)), usuario, contrasena)


def base_utilizable(ruta: Path) -> bool:
    """Whether the live file can authenticate: present, not empty, passes quick_check, has users."""
    if not ruta.is_file() or ruta.stat().st_size == 0:
        return False
    try:
        conexion = sqlite3.connect(f"file:{ruta}?mode=ro", uri=True)
        try:
            sana = [f[0] for f in conexion.execute("PRAGMA quick_check")] == ["ok"]
            return sana and bool(conexion.execute("SELECT count(*) FROM usuario").fetchone()[0])
        finally:
            conexion.close()
    except sqlite3.DatabaseError:
        return False


# -- choosing the journal and the backup -------------------------------------------------------------------------
def _tip(lectura: diario.Lectura) -> tuple[int, str | None]:
    cadena_ = [ln for ln in lectura.lineas if ln.tipo in diario.CADENA]
    return (cadena_[-1].eslabon or 0, cadena_[-1].hash) if cadena_ else (0, None)


def elegir_diario(directorio: Path) -> tuple[Path, diario.Lectura]:
    lecturas = []
    for ruta in diario.destinos(directorio):
        if diario.primera(ruta) is not None:
            lectura = diario.leer_todo(ruta)
            lecturas.append((_tip(lectura)[0], len(lectura.lineas), ruta, lectura))
    if not lecturas:
        raise RecuperacionImposible(
            "diario: no hay diario de recibos en los destinos de respaldo; restaure un archivo con "
            "«jerez-pos restaurar ARCHIVO»"
        )
    _, _, ruta, lectura = max(lecturas, key=lambda t: (t[0], t[1]))
    return ruta, lectura


def _revisar_continuidad(lectura: diario.Lectura, ident: Identidad) -> dict[int, str]:
    """Chain lines must follow each other from the genesis; returns eslabon → hash."""
    previo, esperado, hashes = cadena.genesis(ident).hex(), 1, {}
    for linea in lectura.lineas:
        if linea.tipo not in diario.CADENA:
            continue
        if linea.eslabon != esperado or linea.previo != previo:
            raise RecuperacionImposible(
                f"diario: falta el eslabón {esperado} (sigue el {linea.eslabon}); el diario está incompleto, "
                "restaure un archivo con «jerez-pos restaurar ARCHIVO» y avise a soporte"
            )
        hashes[esperado] = linea.hash
        previo, esperado = linea.hash, esperado + 1
    return hashes


def _punta_de_copia(archivo: Path, ident: Identidad) -> tuple[int, str] | None:
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


def elegir_respaldo(directorio: Path, ident: Identidad, hashes: dict[int, str]) -> tuple[Path | None, list[str]]:
    """The newest backup that verifies, belongs to this terminal and is a prefix of the journal."""
    avisos: list[str] = []
    copias: list[Path] = []
    for destino in diario.destinos(directorio):
        copias += destino.parent.glob(f"{respaldo.PREFIJO}*.sqlite3")
    for copia in sorted(copias, key=lambda p: p.name, reverse=True):
        estado = respaldo.revisar_copia(copia)
        if estado != "ok":
            avisos.append(f"respaldo {copia.name} descartado: {estado}")
            continue
        punta = _punta_de_copia(copia, ident)
        if punta is None:
            avisos.append(f"respaldo {copia.name} descartado: es de otra terminal o no tiene terminal")
        elif punta[0] and hashes.get(punta[0]) != punta[1]:
            avisos.append(f"respaldo {copia.name} descartado: su cadena no coincide con el diario")
        else:
            return copia, avisos
    return None, avisos


# -- building, checking and swapping ---------------------------------------------------------------------------
def _construir(temporal: Path, base: Path | None, lectura: diario.Lectura, quien: Sesion) -> dict[str, int]:
    for sufijo in ("", "-wal", "-shm", "-journal"):
        Path(f"{temporal}{sufijo}").unlink(missing_ok=True)
    if base is not None:
        respaldo._copiar(base, temporal)
    motor = abrir(temporal)
    repuestos: dict[str, int] = {}
    try:
        migrar(motor)
        with motor.begin() as conexion:
            for linea in [lectura.identidad, *lectura.lineas]:
                if diario_filas.aplicar(conexion, linea):
                    repuestos[linea.tipo] = repuestos.get(linea.tipo, 0) + 1
            auditoria.registrar(
                conexion,
                quien.usuario,
                "restauración desde el diario",
                {"respaldo": base.name if base else None, **repuestos},
            )
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
    return repuestos


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


def restaurar_ultimo(directorio: Path, credenciales: Callable[[], tuple[str, str]]) -> Recuperacion:
    ruta_diario, lectura = elegir_diario(directorio)
    ident, _ = diario.identidad_de(lectura.identidad)
    hashes = _revisar_continuidad(lectura, ident)
    base, avisos = elegir_respaldo(directorio, ident, hashes)
    ruta_bd = config.ruta_bd(directorio)
    usuario, contrasena = credenciales()
    if base_utilizable(ruta_bd):
        vivo = abrir(ruta_bd)
        try:
            quien = usuarios.autenticar(vivo, usuario, contrasena)
        finally:
            vivo.dispose()
    elif base is not None:
        quien = autenticar_en_copia(base, usuario, contrasena)
    else:
        quien = autenticar_en_diario(lectura, usuario, contrasena)
    quien.exigir("restaurar el libro", QUIEN_RESTAURA)
    if lectura.danadas:
        avisos.append(f"diario: {len(lectura.danadas)} línea(s) dañada(s) ignorada(s) (p. ej. la {lectura.danadas[0]})")
    temporal = ruta_bd.with_name(ruta_bd.name + ".restaurando")
    try:
        repuestos = _construir(temporal, base, lectura, quien)
    except BaseException:
        for sufijo in ("", "-wal", "-shm"):
            Path(f"{temporal}{sufijo}").unlink(missing_ok=True)
        raise
    resguardo = directorio / "respaldos" / f"antes-de-restaurar-{dt.datetime.now().strftime('%Y%m%d-%H%M%S-%f')}"
    movido = _mover_a_resguardo(ruta_bd, resguardo)
    os.replace(temporal, ruta_bd)
    _sincronizar_carpeta(ruta_bd.parent)
    principal = diario.primario(directorio)
    if ruta_diario != principal:  # the primary journal was lost or behind: the one restored from replaces it
        if principal.exists():
            resguardo.mkdir(parents=True, exist_ok=True)
            os.replace(principal, resguardo / principal.name)
            movido = True
        diario._poner_al_dia(ruta_diario, principal)
    eslabon, _ = _tip(lectura)
    recibos = [ln for ln in lectura.lineas if ln.tipo == "recibo"]
    ultimo = f"{ident.serie}-{recibos[-1].documento()['numero']}" if recibos else None
    return Recuperacion(
        str(base) if base else None,
        str(ruta_diario),
        repuestos,
        eslabon,
        ultimo,
        str(resguardo) if movido else None,
        avisos,
    )
