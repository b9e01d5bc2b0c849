"""Who may read the treasurer's reports: bearer tokens created from the command line, kept only as hashes.

``credencial_valida`` is the one place that decides; every treasurer-facing route asks it (through
``exigir``), so another kind of credential is added here and nowhere else. A token is 256 random bits: it
can't be guessed, so it is stored as a plain SHA-256 (a slow hash protects guessable passwords, not this),
and a copy of the database does not open the reports.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Engine

from jerez_pos.central import modelos as m
from jerez_pos.central.bd import marca_utc
from jerez_pos.central.consola.sesiones import cookies_de, sesion_valida
from jerez_pos.central.validacion import ErrorHttp
from jerez_pos.core.errores import ErrorEntrada

PREFIJO = "jpc_"  # recognisable in a leaked log or a support ticket
LARGO_MAXIMO = 200
REINO = 'Bearer realm="jerez-pos central"'


@dataclass(frozen=True)
class TokenNuevo:
    id: int
    nombre: str
    token: str
    creado_en: str

    def a_dict(self) -> dict[str, Any]:
        return {"id": self.id, "nombre": self.nombre, "token": self.token, "creado_en": self.creado_en}


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def crear(motor: Engine, nombre: str, ahora: dt.datetime) -> TokenNuevo:
    nombre = " ".join(nombre.split())
    if not 1 <= len(nombre) <= 60:
        raise ErrorEntrada("--nombre", "el nombre del token debe tener de 1 a 60 caracteres (p. ej. «tesorero»)")
    token = PREFIJO + secrets.token_urlsafe(32)
    creado_en = marca_utc(ahora)
    with motor.begin() as conexion:
        id_ = conexion.execute(
            sa.insert(m.token_central)
            .values(nombre=nombre, prefijo=token[:12], hash=_hash(token), creado_en=creado_en)
            .returning(m.token_central.c.id)
        ).scalar_one()
    return TokenNuevo(int(id_), nombre, token, creado_en)


def listar(motor: Engine) -> list[dict[str, Any]]:
    """Every token ever created, without the token itself (it is not stored)."""
    t = m.token_central
    with motor.connect() as conexion:
        filas = conexion.execute(
            sa.select(t.c.id, t.c.nombre, t.c.prefijo, t.c.creado_en, t.c.revocado_en).order_by(t.c.id)
        ).all()
    return [
        {
            "id": int(f.id),
            "nombre": f.nombre,
            "prefijo": f.prefijo,
            "creado_en": f.creado_en,
            "revocado_en": f.revocado_en,
            "activo": f.revocado_en is None,
        }
        for f in filas
    ]


def revocar(motor: Engine, id_: int, ahora: dt.datetime) -> None:
    t = m.token_central
    with motor.begin() as conexion:
        cambiados = conexion.execute(
            sa.update(t).where(t.c.id == id_, t.c.revocado_en.is_(None)).values(revocado_en=marca_utc(ahora))
        ).rowcount
        if cambiados == 1:
            return
        existe = conexion.execute(sa.select(t.c.revocado_en).where(t.c.id == id_)).first()
    if existe is None:
        raise ErrorEntrada("--id", f"no existe el token {id_}; vea «jerez-pos central token listar»")
    raise ErrorEntrada("--id", f"el token {id_} ya estaba revocado desde {existe.revocado_en}")


def _portador(encabezados: Mapping[str, str]) -> str | None:
    esquema, _, token = encabezados.get("authorization", "").strip().partition(" ")
    token = token.strip()
    if esquema.lower() != "bearer" or not token or len(token) > LARGO_MAXIMO:
        return None
    return token


def credencial_valida(motor: Engine, encabezados: Mapping[str, str], ahora: dt.datetime | None = None) -> str | None:
    """The name of whoever the request's credentials belong to, or None: a treasury token, or a live console
    session cookie (a signed-in treasurer or auditor reads the JSON reports from the browser). Lower-case keys."""
    token = _portador(encabezados)
    if token is None:
        return sesion_valida(motor, cookies_de(encabezados.get("cookie")), ahora)
    t = m.token_central
    with motor.connect() as conexion:
        nombre = conexion.execute(
            sa.select(t.c.nombre).where(t.c.hash == _hash(token), t.c.revocado_en.is_(None))
        ).scalar_one_or_none()
    return None if nombre is None else str(nombre)


def exigir(motor: Engine, encabezados: Mapping[str, str], ahora: dt.datetime | None = None) -> str:
    """401 with ``WWW-Authenticate: Bearer`` unless the request carries a valid treasury credential."""
    quien = credencial_valida(motor, encabezados, ahora)
    if quien is not None:
        return quien
    if "authorization" in encabezados:
        raise ErrorHttp(
            401,
            "Authorization",
            "el token no es válido o fue revocado; pida uno nuevo con «jerez-pos central token crear»",
            encabezados={"WWW-Authenticate": f'{REINO}, error="invalid_token"'},
        )
    raise ErrorHttp(
        401,
        "Authorization",
        "esta consulta es sólo para la tesorería: entre a la consola (/consola/entrar) o envíe «Authorization: "
        "Bearer TOKEN» con un token creado con «jerez-pos central token crear»",
        encabezados={"WWW-Authenticate": REINO},
    )
