"""Users, roles and passwords (argon2id), with lockout after repeated failures.

``usuario`` is the one mutable table: a rehash (when the argon2 parameters change), the failure counter
and the lockout are updates; each is recorded in ``auditoria``. The first user of a terminal must be the
administrator and needs no session; after that only an administrator creates users.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, text

from jerez_pos.core.errores import ErrorEntrada, ErrorJerez
from jerez_pos.core.texto import corto, limpiar
from jerez_pos.ledger import auditoria, diario, diario_filas
from jerez_pos.ledger.comun import ROLES, Reloj, Sesion, marca, reloj_sistema

INTENTOS_MAXIMOS = 5
BLOQUEO = dt.timedelta(minutes=15)
HASHER = PasswordHasher()  # argon2id with the library's current recommended parameters


class AccesoDenegado(ErrorJerez):
    pass


def hay_usuarios(bd: Engine) -> bool:
    with bd.connect() as conexion:
        return bool(conexion.execute(text("SELECT count(*) FROM usuario")).scalar_one())


def crear(bd: Engine, usuario: str, rol: str, contrasena: str, por: Sesion | None = None, nombre: str = "") -> int:
    usuario = limpiar(usuario, "--usuario", nombre="usuario")
    nombre = limpiar(nombre, "--nombre", nombre="nombre")
    if not usuario or len(usuario) > 40 or any(c.isspace() for c in usuario):
        raise ErrorEntrada("--usuario", "debe tener de 1 a 40 caracteres sin espacios")
    if rol not in ROLES:
        raise ErrorEntrada("--rol", f"«{corto(rol)}» no es un rol; use {', '.join(ROLES)}")
    if len(contrasena) < 4:
        raise ErrorEntrada("contraseña", "debe tener al menos 4 caracteres")
    cifrada = HASHER.hash(contrasena)
    with diario.transaccion(bd) as (conexion, pendiente):
        existentes = conexion.execute(text("SELECT count(*) FROM usuario")).scalar_one()
        if existentes == 0 and rol != "administrador":
            raise ErrorEntrada("--rol", "el primer usuario de la terminal debe ser administrador")
        if existentes and por is None:
            raise AccesoDenegado("usuario: sólo un administrador con sesión puede crear usuarios")
        if por is not None:
            por.exigir("crear usuarios", "administrador")
        if conexion.execute(text("SELECT 1 FROM usuario WHERE usuario = :u"), {"u": usuario}).first():
            raise ErrorEntrada("--usuario", f"«{corto(usuario)}» ya existe")
        nuevo = conexion.execute(
            text(
                "INSERT INTO usuario (usuario, nombre, rol, hash, creado_en) VALUES (:u, :n, :r, :h, :t) RETURNING id"
            ),
            {"u": usuario, "n": nombre or usuario, "r": rol, "h": cifrada, "t": marca(reloj_sistema())},
        ).scalar_one()
        auditoria.registrar(
            conexion, por.usuario if por else "sistema", "alta de usuario", {"usuario": usuario, "rol": rol}
        )
        diario_filas.anotar_fila(conexion, pendiente, "usuario", int(nuevo))
    return int(nuevo)


def autenticar(bd: Engine, usuario: str, contrasena: str, reloj: Reloj = reloj_sistema) -> Sesion:
    """Checks the password. Failures count; the fifth in a row locks the user for 15 minutes."""
    ahora = reloj()
    with bd.connect() as conexion:
        fila = conexion.execute(
            text("SELECT id, usuario, rol, hash, fallos, bloqueado_hasta, activo FROM usuario WHERE usuario = :u"),
            {"u": usuario.strip()},
        ).first()
    if fila is None or not fila.activo:
        auditoria.registrar_aparte(bd, usuario, "acceso fallido", "usuario inexistente o inactivo")
        raise AccesoDenegado("usuario: usuario o contraseña incorrectos")
    if fila.bloqueado_hasta and marca(ahora) < fila.bloqueado_hasta:
        auditoria.registrar_aparte(bd, usuario, "acceso fallido", "usuario bloqueado")
        raise AccesoDenegado(
            f"usuario: «{corto(usuario)}» está bloqueado por intentos fallidos hasta "
            f"{fila.bloqueado_hasta.replace('T', ' ')}; un supervisor puede esperar o "
            "un administrador restablecer la contraseña"
        )
    try:
        HASHER.verify(fila.hash, contrasena)
    except (VerificationError, InvalidHashError):
        fallos = fila.fallos + 1
        bloqueo = marca(ahora + BLOQUEO) if fallos >= INTENTOS_MAXIMOS else None
        with bd.begin() as conexion:
            conexion.execute(
                text("UPDATE usuario SET fallos = :f, bloqueado_hasta = :b WHERE id = :i"),
                {"f": 0 if bloqueo else fallos, "b": bloqueo, "i": fila.id},
            )
            auditoria.registrar(
                conexion, usuario, "acceso fallido", f"intento {fallos}" + (" (bloqueado)" if bloqueo else "")
            )
        raise AccesoDenegado("usuario: usuario o contraseña incorrectos") from None
    with bd.begin() as conexion:
        cambios: dict[str, object] = {"i": fila.id}
        sentencia = "UPDATE usuario SET fallos = 0, bloqueado_hasta = NULL"
        if HASHER.check_needs_rehash(fila.hash):
            sentencia += ", hash = :h"
            cambios["h"] = HASHER.hash(contrasena)
            auditoria.registrar(conexion, fila.usuario, "rehash de contraseña", "parámetros de argon2 nuevos")
        if fila.fallos or fila.bloqueado_hasta or "h" in cambios:
            conexion.execute(text(sentencia + " WHERE id = :i"), cambios)
        auditoria.registrar(conexion, fila.usuario, "acceso", fila.rol)
    return Sesion(int(fila.id), fila.usuario, fila.rol)


# -- administration: list, reset a password, unlock (each an audited update of the one mutable table) ------
@dataclass(frozen=True)
class Cuenta:
    usuario: str
    nombre: str
    rol: str
    activo: bool
    bloqueado_hasta: str | None
    fallos: int


def listar(bd: Engine, por: Sesion) -> list[Cuenta]:
    por.exigir("ver los usuarios", "administrador", "supervisor")
    with bd.connect() as conexion:
        filas = conexion.execute(
            text("SELECT usuario, nombre, rol, activo, bloqueado_hasta, fallos FROM usuario ORDER BY usuario")
        ).all()
    return [Cuenta(f.usuario, f.nombre, f.rol, bool(f.activo), f.bloqueado_hasta, int(f.fallos)) for f in filas]


def _actualizar(bd: Engine, por: Sesion, usuario: str, accion: str, sentencia: str, datos: dict[str, object]) -> None:
    """An administrator's change to a user, journaled like the row's creation: ``restaurar --ultimo`` brings
    back the password and lockout the administrator last set, not the ones of the backup."""
    por.exigir(accion, "administrador")
    with diario.transaccion(bd) as (conexion, pendiente):
        fila = conexion.execute(
            text(sentencia + " WHERE usuario = :u RETURNING id"), {**datos, "u": usuario.strip()}
        ).first()
        if fila is None:
            raise ErrorEntrada("--usuario", f"no existe el usuario «{corto(usuario)}»")
        auditoria.registrar(conexion, por.usuario, accion, {"usuario": usuario.strip()})
        diario_filas.anotar_fila(conexion, pendiente, "usuario", int(fila.id))


def restablecer(bd: Engine, por: Sesion, usuario: str, contrasena: str) -> None:
    """A new password chosen by the administrator; it also clears failures and the lockout."""
    if len(contrasena) < 4:
        raise ErrorEntrada("contraseña", "debe tener al menos 4 caracteres")
    _actualizar(
        bd,
        por,
        usuario,
        "restablecer contraseña",
        "UPDATE usuario SET hash = :h, fallos = 0, bloqueado_hasta = NULL",
        {"h": HASHER.hash(contrasena)},
    )


def desbloquear(bd: Engine, por: Sesion, usuario: str) -> None:
    _actualizar(bd, por, usuario, "desbloquear usuario", "UPDATE usuario SET fallos = 0, bloqueado_hasta = NULL", {})
