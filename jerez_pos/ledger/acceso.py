"""Who may restore: the administrator of the live ledger, or of the backup when the live one cannot answer.

A restore exists for the day the ledger is damaged, so it cannot depend on the ledger: when the live file is
missing, empty, unreadable, damaged or has no users, the administrator is checked against the ``usuario``
table of the backup being restored (the same argon2 hashes, the same lockout). A healthy live ledger keeps
authenticating against itself, so a backup with a password somebody still remembers cannot overrule it.
Both ``restaurar ARCHIVO`` and the journal replay of ``restaurar --ultimo`` call ``autenticar_restauracion``.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from argon2.exceptions import InvalidHashError, VerificationError

from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.ledger import usuarios
from jerez_pos.ledger.base import ESPERA_MS, abrir
from jerez_pos.ledger.comun import Reloj, Sesion, marca, reloj_sistema

LIBRO = "libro"
RESPALDO = "respaldo"


@dataclass(frozen=True)
class Acceso:
    sesion: Sesion
    origen: str  # LIBRO or RESPALDO: whose user table vouched for the session
    falla_libro: str | None  # why the live ledger could not be used (None when it was)


def falla_del_libro(ruta: Path) -> str | None:
    """None when the live ledger can authenticate; otherwise what is wrong with it, in Spanish."""
    if not ruta.exists():
        return f"no existe {ruta}"
    if ruta.stat().st_size == 0:
        return f"{ruta} está vacío (0 bytes)"
    try:
        conexion = sqlite3.connect(ruta, timeout=ESPERA_MS / 1000)
        try:
            revision = [str(f[0]) for f in conexion.execute("PRAGMA quick_check")]
            if revision != ["ok"]:
                return f"{ruta} está dañado ({'; '.join(revision[:2])[:160]})"
            tablas = {f[0] for f in conexion.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "usuario" not in tablas or not conexion.execute("SELECT count(*) FROM usuario").fetchone()[0]:
                return f"{ruta} no tiene usuarios"
        finally:
            conexion.close()
    except sqlite3.DatabaseError as exc:
        return f"{ruta} no es una base de datos legible ({exc})"
    return None


def desde_respaldo(archivo: Path, usuario: str, contrasena: str, ahora: dt.datetime) -> Sesion:
    """The backup is only read: failures are not counted in it (it is restored as it was taken)."""
    try:
        conexion = sqlite3.connect(f"file:{archivo}?mode=ro", uri=True)
        try:
            fila = conexion.execute(
                "SELECT id, usuario, rol, hash, bloqueado_hasta, activo FROM usuario WHERE usuario = ?",
                (usuario.strip(),),
            ).fetchone()
        finally:
            conexion.close()
    except sqlite3.DatabaseError as exc:
        raise ErrorEntrada(
            "ARCHIVO", f"{archivo} no se restauró: no es un respaldo de jerez-pos válido ({exc})"
        ) from None
    if fila is None or not fila[5]:
        raise usuarios.AccesoDenegado("usuario: usuario o contraseña incorrectos (según los usuarios del respaldo)")
    if fila[4] and marca(ahora) < fila[4]:
        raise usuarios.AccesoDenegado(
            f"usuario: «{usuario}» está bloqueado en el respaldo hasta {str(fila[4]).replace('T', ' ')}"
        )
    try:
        usuarios.HASHER.verify(fila[3], contrasena)
    except (VerificationError, InvalidHashError):
        raise usuarios.AccesoDenegado(
            "usuario: usuario o contraseña incorrectos (según los usuarios del respaldo)"
        ) from None
    return Sesion(int(fila[0]), str(fila[1]), str(fila[2]))


def autenticar_restauracion(
    ruta_libro: Path, archivo: Path, usuario: str, contrasena: str, reloj: Reloj = reloj_sistema
) -> Acceso:
    falla = falla_del_libro(ruta_libro)
    if falla is None:
        bd = abrir(ruta_libro)
        try:
            return Acceso(usuarios.autenticar(bd, usuario, contrasena, reloj), LIBRO, None)
        finally:
            bd.dispose()
    if not archivo.is_file():
        raise ErrorEntrada("ARCHIVO", f"{archivo} no se restauró: no existe el archivo")
    return Acceso(desde_respaldo(archivo, usuario, contrasena, reloj()), RESPALDO, falla)
