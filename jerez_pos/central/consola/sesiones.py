"""Server-side sessions and the audit log of the console.

The cookie carries 32 random bytes; the table keeps only their SHA-256, so a copy of the database does not
hand out live sessions. A session ends at ``HORAS_MAXIMAS`` after sign-in or ``MINUTOS_INACTIVA`` after the
last request, at sign-out, or when an administrator blocks or resets the user.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Mapping
from http.cookies import CookieError, SimpleCookie

import sqlalchemy as sa
from sqlalchemy import Engine

from jerez_pos.central.bd import marca_utc, reloj_utc
from jerez_pos.central.consola import modelos as mc
from jerez_pos.central.consola.usuarios import UsuarioConsola, rol_de

COOKIE_SESION = "jerez_consola"
HORAS_MAXIMAS = 10
MINUTOS_INACTIVA = 30
_REFRESCO = dt.timedelta(minutes=1)  # ``ultima_en`` is written at most once a minute per session


def _huella(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def abrir(motor: Engine, usuario: str, ahora: dt.datetime) -> str:
    """A new session for ``usuario``; returns the cookie value."""
    token = secrets.token_urlsafe(32)
    marca = marca_utc(ahora)
    s = mc.sesion_consola
    with motor.begin() as conexion:
        # Sessions nobody came back to are swept here, so the table holds only live ones.
        inactiva_desde = marca_utc(ahora - dt.timedelta(minutes=MINUTOS_INACTIVA))
        conexion.execute(sa.delete(s).where(sa.or_(s.c.expira_en <= marca, s.c.ultima_en < inactiva_desde)))
        conexion.execute(
            sa.insert(mc.sesion_consola).values(
                token_hash=_huella(token),
                usuario=usuario,
                creada_en=marca,
                expira_en=marca_utc(ahora + dt.timedelta(hours=HORAS_MAXIMAS)),
                ultima_en=marca,
            )
        )
    return token


def cerrar(motor: Engine, token: str | None) -> None:
    if token:
        with motor.begin() as conexion:
            conexion.execute(sa.delete(mc.sesion_consola).where(mc.sesion_consola.c.token_hash == _huella(token)))


def usuario_de(motor: Engine, token: str | None, ahora: dt.datetime) -> UsuarioConsola | None:
    """The signed-in user behind a cookie value, or None (unknown, expired, idle too long, user blocked)."""
    if not token or len(token) > 100:
        return None
    s = mc.sesion_consola
    huella = _huella(token)
    with motor.connect() as conexion:
        fila = conexion.execute(sa.select(s).where(s.c.token_hash == huella)).first()
    if fila is None:
        return None
    marca = marca_utc(ahora)
    inactiva_desde = marca_utc(ahora - dt.timedelta(minutes=MINUTOS_INACTIVA))
    if fila.expira_en <= marca or fila.ultima_en < inactiva_desde:
        cerrar(motor, token)
        return None
    usuario = rol_de(motor, fila.usuario)
    if usuario is None:
        return None
    if fila.ultima_en < marca_utc(ahora - _REFRESCO):
        with motor.begin() as conexion:
            conexion.execute(sa.update(s).where(s.c.token_hash == huella).values(ultima_en=marca))
    return usuario


def cookies_de(encabezado: str | None) -> dict[str, str]:
    """A ``Cookie`` header as a dict; a malformed header is no cookies at all."""
    if not encabezado:
        return {}
    galleta: SimpleCookie = SimpleCookie()
    try:
        galleta.load(encabezado)
    except CookieError:
        return {}
    return {k: v.value for k, v in galleta.items()}


def sesion_valida(motor: Engine, cookies: Mapping[str, str], ahora: dt.datetime | None = None) -> str | None:
    """For the JSON reports: the user name when the cookies carry a live console session, else None."""
    usuario = usuario_de(motor, cookies.get(COOKIE_SESION), ahora or reloj_utc())
    return usuario.usuario if usuario else None


def auditar(motor: Engine, usuario: str, accion: str, detalle: str, ahora: dt.datetime | None = None) -> None:
    """One row per console action (sign-in, failures, sign-out, user changes, pages that show money)."""
    with motor.begin() as conexion:
        conexion.execute(
            sa.insert(mc.auditoria_consola).values(
                momento=marca_utc(ahora or reloj_utc()),
                usuario=usuario[:40],
                accion=accion[:60],
                detalle=detalle,
            )
        )


def bitacora(motor: Engine, limite: int) -> list[dict[str, str]]:
    """The latest audit rows, newest first."""
    a = mc.auditoria_consola
    with motor.connect() as conexion:
        filas = conexion.execute(sa.select(a).order_by(a.c.id.desc()).limit(limite)).all()
    return [{"momento": f.momento, "usuario": f.usuario, "accion": f.accion, "detalle": f.detalle} for f in filas]
