"""Console users: argon2id passwords, roles, lockout after repeated failures, administrator block and reset.

Roles: ``tesorero`` (sees and acts on the treasury's money), ``auditor`` (contraloría: read-only) and
``administrador`` (also manages users). A wrong user name and a wrong password get the same answer, and
an unknown name still costs one argon2 verification, so the sign-in form does not reveal who exists.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import Engine

from jerez_pos.central.bd import marca_utc
from jerez_pos.central.consola import modelos as mc
from jerez_pos.core.errores import ErrorEntrada, ErrorJerez

ROLES = ("tesorero", "auditor", "administrador")
MAX_FALLOS = 5  # consecutive failures before the automatic lockout
MINUTOS_BLOQUEO = 15
MIN_CONTRASENA = 10
MAX_CONTRASENA = 128
_NOMBRE = re.compile(r"[a-z0-9][a-z0-9._-]{2,39}")

_HASHER = PasswordHasher()  # argon2id with the library's current recommended parameters
_HASH_SEÑUELO = _HASHER.hash("contraseña que nadie tiene")


@dataclass(frozen=True)
class UsuarioConsola:
    usuario: str
    rol: str

    @property
    def solo_lectura(self) -> bool:
        return self.rol == "auditor"


class AccesoDenegado(ErrorJerez):
    """Sign-in refused; the message is safe to show and never says which of the two fields was wrong."""


def nombre_valido(usuario: str | None) -> str:
    nombre = (usuario or "").strip().lower()
    if not _NOMBRE.fullmatch(nombre):
        raise ErrorEntrada(
            "usuario", "de 3 a 40 caracteres: letras minúsculas sin acento, números, punto, guion o guion bajo"
        )
    return nombre


def rol_valido(rol: str | None) -> str:
    valor = (rol or "").strip().lower()
    if valor not in ROLES:
        raise ErrorEntrada("rol", f"«{(rol or '')[:20]}» no es un rol; use {', '.join(ROLES)}")
    return valor


def contrasena_valida(contrasena: str | None) -> str:
    valor = contrasena or ""
    if not MIN_CONTRASENA <= len(valor) <= MAX_CONTRASENA:
        raise ErrorEntrada("contraseña", f"debe tener de {MIN_CONTRASENA} a {MAX_CONTRASENA} caracteres")
    return valor


def crear(motor: Engine, usuario: str, rol: str, contrasena: str, ahora: dt.datetime) -> UsuarioConsola:
    nombre, rol, clave = nombre_valido(usuario), rol_valido(rol), contrasena_valida(contrasena)
    u = mc.usuario_consola
    with motor.begin() as conexion:
        if conexion.execute(sa.select(u.c.id).where(u.c.usuario == nombre)).first() is not None:
            raise ErrorEntrada("usuario", f"ya existe el usuario «{nombre}»")
        conexion.execute(
            sa.insert(u).values(usuario=nombre, rol=rol, hash=_HASHER.hash(clave), creado_en=marca_utc(ahora))
        )
    return UsuarioConsola(nombre, rol)


def listar(motor: Engine, ahora: dt.datetime) -> list[dict[str, object]]:
    u = mc.usuario_consola
    with motor.connect() as conexion:
        filas = conexion.execute(sa.select(u).order_by(u.c.usuario)).all()
    marca = marca_utc(ahora)
    return [
        {
            "usuario": f.usuario,
            "rol": f.rol,
            "bloqueado": bool(f.bloqueado),
            "bloqueado_hasta": f.bloqueado_hasta if f.bloqueado_hasta and f.bloqueado_hasta > marca else None,
            "creado_en": f.creado_en,
        }
        for f in filas
    ]


def _existente(conexion: sa.Connection, nombre: str) -> None:
    u = mc.usuario_consola
    if conexion.execute(sa.select(u.c.id).where(u.c.usuario == nombre)).first() is None:
        raise ErrorEntrada("usuario", f"no existe el usuario «{nombre}»")


def bloquear(motor: Engine, usuario: str) -> None:
    """Blocks until an administrator resets the password; open sessions end now."""
    nombre = nombre_valido(usuario)
    u, s = mc.usuario_consola, mc.sesion_consola
    with motor.begin() as conexion:
        _existente(conexion, nombre)
        conexion.execute(sa.update(u).where(u.c.usuario == nombre).values(bloqueado=1))
        conexion.execute(sa.delete(s).where(s.c.usuario == nombre))


def restablecer(motor: Engine, usuario: str, contrasena: str) -> None:
    """New password, unblocked, failure count cleared; sessions opened with the old password end."""
    nombre, clave = nombre_valido(usuario), contrasena_valida(contrasena)
    u, s = mc.usuario_consola, mc.sesion_consola
    with motor.begin() as conexion:
        _existente(conexion, nombre)
        conexion.execute(
            sa.update(u)
            .where(u.c.usuario == nombre)
            .values(hash=_HASHER.hash(clave), bloqueado=0, fallos=0, bloqueado_hasta=None)
        )
        conexion.execute(sa.delete(s).where(s.c.usuario == nombre))


def _coincide(hash_guardado: str, contrasena: str) -> bool:
    try:
        return _HASHER.verify(hash_guardado, contrasena)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


INCORRECTO = "usuario o contraseña incorrectos"
BLOQUEADA = "la cuenta está bloqueada; un administrador debe restablecerla"
DEMASIADOS = f"demasiados intentos fallidos; la cuenta queda bloqueada {MINUTOS_BLOQUEO} minutos"


def autenticar(motor: Engine, usuario: str, contrasena: str, ahora: dt.datetime) -> UsuarioConsola:
    """The user when name and password match and the account is not blocked; counts failures and locks the
    account for ``MINUTOS_BLOQUEO`` minutes after ``MAX_FALLOS`` in a row. The refusal is raised after the
    transaction commits, so the failure count is kept."""
    nombre = (usuario or "").strip().lower()[:40]
    u = mc.usuario_consola
    marca = marca_utc(ahora)
    rechazo: str | None = None
    with motor.begin() as conexion:
        fila = conexion.execute(sa.select(u).where(u.c.usuario == nombre)).first()
        if fila is None:
            _coincide(_HASH_SEÑUELO, contrasena)  # same cost as a real check
            rechazo = INCORRECTO
        elif fila.bloqueado:
            rechazo = BLOQUEADA
        elif fila.bloqueado_hasta and fila.bloqueado_hasta > marca:
            rechazo = DEMASIADOS
        elif not _coincide(fila.hash, contrasena):
            fallos = int(fila.fallos) + 1
            hasta = marca_utc(ahora + dt.timedelta(minutes=MINUTOS_BLOQUEO)) if fallos >= MAX_FALLOS else None
            conexion.execute(
                sa.update(u).where(u.c.id == fila.id).values(fallos=0 if hasta else fallos, bloqueado_hasta=hasta)
            )
            rechazo = DEMASIADOS if hasta else INCORRECTO
        elif fila.fallos or fila.bloqueado_hasta:
            conexion.execute(sa.update(u).where(u.c.id == fila.id).values(fallos=0, bloqueado_hasta=None))
    if rechazo is not None or fila is None:
        raise AccesoDenegado(rechazo or INCORRECTO)
    return UsuarioConsola(fila.usuario, fila.rol)


def rol_de(motor: Engine, usuario: str) -> UsuarioConsola | None:
    """The user if it exists and is not blocked by an administrator (sessions of a blocked user stop working)."""
    u = mc.usuario_consola
    with motor.connect() as conexion:
        fila = conexion.execute(sa.select(u.c.usuario, u.c.rol, u.c.bloqueado).where(u.c.usuario == usuario)).first()
    if fila is None or fila.bloqueado:
        return None
    return UsuarioConsola(fila.usuario, fila.rol)
