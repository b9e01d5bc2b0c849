"""The console's web plumbing: templates, the signed-in user dependency, roles, CSRF, cookies, forms.

CSRF follows Django's admin: a random token in its own cookie (``jerez_csrf``, HttpOnly, SameSite=Lax) and
the same token in a hidden field of every form (``csrf_token``); a POST whose field does not equal the
cookie is refused with 403. The token is issued before sign-in (the sign-in form needs one) and replaced
at sign-in, so a token planted before authentication is worthless afterwards.
"""

from __future__ import annotations

import datetime as dt
import hmac
import secrets
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qsl

import jinja2
from fastapi import Depends, Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates
from sqlalchemy import Engine
from starlette.background import BackgroundTask

from jerez_pos.central.bd import Reloj
from jerez_pos.central.consola import sesiones
from jerez_pos.central.consola.usuarios import UsuarioConsola
from jerez_pos.core.texto import cantidad

COOKIE_CSRF = "jerez_csrf"
CAMPO_CSRF = "csrf_token"
MAX_FORMULARIO = 64 * 1024
ENTRAR = "/consola/entrar"


@dataclass(frozen=True)
class Contexto:
    """What the console needs from the app: the database, the clock and the proxies trusted for
    ``X-Forwarded-Proto``."""

    motor: Engine
    reloj: Reloj
    proxies: frozenset[str]


class ErrorConsola(Exception):
    """Shown as a Spanish page with its status (403 CSRF or role, 400 bad form...)."""

    def __init__(self, estado: int, mensaje: str) -> None:
        super().__init__(mensaje)
        self.estado = estado
        self.mensaje = mensaje


class Redirigir(Exception):
    """Answered with 303 See Other to ``destino`` (not signed in → the sign-in page)."""

    def __init__(self, destino: str) -> None:
        super().__init__(destino)
        self.destino = destino


def contexto(request: Request) -> Contexto:
    valor: Contexto = request.app.state.consola
    return valor


def ahora(request: Request) -> dt.datetime:
    return contexto(request).reloj()


def es_seguro(request: Request) -> bool:
    """TLS reached this request: directly, or through a configured proxy that says so."""
    if request.url.scheme == "https":
        return True
    cliente = request.client.host if request.client else ""
    return cliente in contexto(request).proxies and request.headers.get("x-forwarded-proto", "").lower() == "https"


def poner_cookie(request: Request, respuesta: Response, nombre: str, valor: str, max_age: int | None = None) -> None:
    respuesta.set_cookie(
        nombre, valor, max_age=max_age, path="/", httponly=True, samesite="lax", secure=es_seguro(request)
    )


# --- CSRF
def _token_valido(valor: str | None) -> bool:
    return valor is not None and 30 <= len(valor) <= 64 and valor.replace("-", "").replace("_", "").isalnum()


def token_csrf(request: Request) -> str:
    """The token to put in a form's hidden ``csrf_token`` field; issues one (cookie set with the response
    by ``plantillas.TemplateResponse``) when the browser has none yet."""
    actual: str | None = getattr(request.state, "csrf", None)
    if actual:
        return actual
    galleta = request.cookies.get(COOKIE_CSRF)
    if _token_valido(galleta):
        request.state.csrf = galleta
        return str(galleta)
    nuevo = secrets.token_urlsafe(32)
    request.state.csrf = nuevo
    request.state.csrf_nuevo = True
    return nuevo


def renovar_csrf(request: Request, respuesta: Response) -> None:
    """A fresh token at sign-in and sign-out (a token known before authentication stops working)."""
    poner_cookie(request, respuesta, COOKIE_CSRF, secrets.token_urlsafe(32))


def exigir_csrf(request: Request, formulario: Mapping[str, str]) -> None:
    galleta = request.cookies.get(COOKIE_CSRF)
    enviado = formulario.get(CAMPO_CSRF, "")
    if not _token_valido(galleta) or not hmac.compare_digest(str(galleta), enviado):
        raise ErrorConsola(
            403,
            "el formulario no trae un código de seguridad (csrf) válido; vuelva a abrir la página e intente otra vez",
        )


async def formulario(request: Request) -> dict[str, str]:
    """A urlencoded form body (first value per field), bounded; no multipart parser needed for these forms."""
    tipo = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if tipo != "application/x-www-form-urlencoded":
        raise ErrorConsola(415, "el formulario debe enviarse como application/x-www-form-urlencoded")
    cuerpo = b""
    async for parte in request.stream():
        cuerpo += parte
        if len(cuerpo) > MAX_FORMULARIO:
            raise ErrorConsola(413, f"el formulario pasa de {MAX_FORMULARIO} bytes")
    datos: dict[str, str] = {}
    for nombre, valor in parse_qsl(cuerpo.decode("utf-8", "replace"), keep_blank_values=True, max_num_fields=50):
        datos.setdefault(nombre, valor)
    return datos


# --- who is signed in
def usuario_consola(request: Request) -> UsuarioConsola:
    """Dependency: the signed-in user, or a redirect to the sign-in page."""
    ctx = contexto(request)
    usuario = sesiones.usuario_de(ctx.motor, request.cookies.get(sesiones.COOKIE_SESION), ctx.reloj())
    if usuario is None:
        raise Redirigir(ENTRAR)
    request.state.usuario = usuario
    return usuario


NOMBRES_ROL = {"tesorero": "Tesorería", "auditor": "Contraloría (consulta)", "administrador": "Administración"}


def exigir_rol(*roles: str) -> Callable[..., UsuarioConsola]:
    """Dependency factory: the signed-in user if their role is one of ``roles``, else a 403 page."""

    def dependencia(usuario: UsuarioConsola = Depends(usuario_consola)) -> UsuarioConsola:  # noqa: B008
        if usuario.rol not in roles:
            permitidos = ", ".join(NOMBRES_ROL.get(r, r) for r in roles)
            raise ErrorConsola(403, f"esta acción es sólo para: {permitidos}")
        return usuario

    return dependencia


# --- navigation
@dataclass(frozen=True)
class EnlaceMenu:
    texto: str
    ruta: str
    roles: tuple[str, ...]  # empty: every signed-in user


MENU: list[EnlaceMenu] = []


def agregar_menu(texto: str, ruta: str, *roles: str) -> None:
    """A link in the navigation bar of every page, shown to ``roles`` (all users when none); a module that
    adds pages calls this once at import, so base.html never needs editing for a new page."""
    if all(e.ruta != ruta for e in MENU):
        MENU.append(EnlaceMenu(texto, ruta, roles))


def menu_de(usuario: UsuarioConsola | None) -> list[EnlaceMenu]:
    if usuario is None:
        return []
    return [e for e in MENU if not e.roles or usuario.rol in e.roles]


# --- templates
def pesos(valor: Decimal | int | str) -> str:
    """Money as the treasury writes it: "$1,234.56" (negative as "-$1,234.56")."""
    cantidad = Decimal(str(valor))
    signo = "-" if cantidad < 0 else ""
    return f"{signo}${abs(cantidad):,.2f}"


_SEGURIDAD = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Content-Security-Policy": "default-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'",
    "Cache-Control": "no-store",
}


class Plantillas(Jinja2Templates):
    """Jinja2 templates shipped as package data; every page gets the CSRF cookie it needs and the
    security headers (no framing, no caching of pages that show money)."""

    def TemplateResponse(  # type: ignore[override]
        self,
        request: Request,
        name: str,
        context: dict[str, Any] | None = None,
        status_code: int = 200,
        headers: Mapping[str, str] | None = None,
        media_type: str | None = None,
        background: BackgroundTask | None = None,
    ) -> Response:
        contexto_pagina = {"usuario": getattr(request.state, "usuario", None), **(context or {})}
        respuesta = super().TemplateResponse(
            request, name, contexto_pagina, status_code, {**_SEGURIDAD, **(headers or {})}, media_type, background
        )
        if getattr(request.state, "csrf_nuevo", False):
            poner_cookie(request, respuesta, COOKIE_CSRF, request.state.csrf)
        return respuesta


def _entorno() -> jinja2.Environment:
    entorno = jinja2.Environment(
        loader=jinja2.PackageLoader("jerez_pos.central.consola", "plantillas"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    entorno.filters["pesos"] = pesos
    entorno.filters["cantidad"] = cantidad  # «1 recibo», «3 recibos»: never «recibo(s)»
    entorno.globals["token_csrf"] = token_csrf
    entorno.globals["CAMPO_CSRF"] = CAMPO_CSRF
    entorno.globals["NOMBRES_ROL"] = NOMBRES_ROL
    entorno.globals["menu_de"] = menu_de
    return entorno


plantillas = Plantillas(env=_entorno())


def proxies_de(valores: Iterable[str]) -> frozenset[str]:
    return frozenset(v.strip() for v in valores if v.strip())
