"""FastAPI application: carries bytes to ``Servicio`` and back; refuses oversized bodies before reading them."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager

import orjson
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from jerez_pos.central import bd, firmas, peticion, publico, validacion
from jerez_pos.central.consola.rutas import montar as montar_consola
from jerez_pos.central.consola.web import Contexto, proxies_de
from jerez_pos.central.servicio import Servicio
from jerez_pos.core.numeros import es_digitos

# Every method reaches ``Servicio``, which answers 405 in Spanish; left to FastAPI, an unlisted method
# would get an English 405.
_METODOS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]


def _error(error: validacion.ErrorHttp) -> Response:
    return Response(
        orjson.dumps(error.cuerpo()), error.estado, headers=error.encabezados, media_type="application/json"
    )


def _demasiado(limite: int) -> Response:
    return _error(validacion.ErrorHttp(413, "cuerpo", f"la solicitud pasa de {limite} bytes; envíe lotes más chicos"))


def crear_app(
    url_bd: str,
    llave_tesoreria: Ed25519PrivateKey | None = None,
    *,
    migrar: bool = True,
    reloj: bd.Reloj = bd.reloj_utc,
    max_registros: int = validacion.MAX_REGISTROS,
    max_cuerpo: int = validacion.MAX_CUERPO,
    revisar_firmas: bool = True,
    proxies: Iterable[str] = (),
) -> FastAPI:
    motor = bd.abrir(url_bd)
    if migrar:
        bd.migrar(motor)
    servicio = Servicio(motor, llave_tesoreria, reloj, max_registros, max_cuerpo)
    revisor = firmas.RevisorEnSegundoPlano(motor, servicio.inactivo) if revisar_firmas else None

    @asynccontextmanager
    async def vida(_: FastAPI) -> AsyncIterator[None]:
        if revisor is not None:
            revisor.iniciar()
        try:
            yield
        finally:
            if revisor is not None:
                revisor.detener()

    app = FastAPI(title="jerez-pos central", docs_url=None, redoc_url=None, openapi_url=None, lifespan=vida)
    app.state.servicio = servicio
    publico.instalar(app, servicio)  # before the catch-all: the QR's URL answers browsers with a page
    montar_consola(app, Contexto(motor, reloj, proxies_de(proxies)))  # before the catch-all: routes match in order

    @app.exception_handler(StarletteHTTPException)
    async def rechazo(request: Request, error: StarletteHTTPException) -> Response:
        # Starlette's 405 (a method outside ``_METODOS``) in the house shape, in Spanish; any other
        # HTTPException (raised by a route on purpose) keeps its own status and message.
        if error.status_code == 404 and error.detail == "Not Found":  # no route at all (a path the router can't read)
            return _error(validacion.ErrorHttp(404, "ruta", "no existe esa dirección en la central"))
        if error.status_code != 405:
            return await http_exception_handler(request, error)
        return _error(validacion.ErrorHttp(405, "método", f"no se acepta {request.method[:10]}"))

    @app.exception_handler(Exception)
    async def falla(_: Request, __: Exception) -> Response:
        # A fault of the server, never of the input (bad input is a 4xx before this); no traceback leaves.
        return _error(validacion.ErrorHttp(500, "servidor", "falla interna; la solicitud no se guardó, reintente"))

    @app.api_route("/{ruta:path}", methods=_METODOS)
    async def atender(request: Request) -> Response:
        try:
            encabezados = peticion.encabezados(request.headers.items())
            consulta = peticion.consulta(request.url.query, request.query_params.multi_items())
        except validacion.ErrorHttp as error:
            return _error(error)
        declarado = encabezados.get("content-length")
        if declarado is not None and es_digitos(declarado, 18) and int(declarado) > max_cuerpo:
            return _demasiado(max_cuerpo)
        partes: list[bytes] = []
        leidos = 0
        async for parte in request.stream():
            leidos += len(parte)
            if leidos > max_cuerpo:  # chunked uploads have no Content-Length: count as we read
                return _demasiado(max_cuerpo)
            partes.append(parte)
        respuesta = await run_in_threadpool(
            servicio.atender,
            request.method,
            request.url.path,
            consulta,
            encabezados,
            b"".join(partes),
            request.client.host if request.client else "",
        )
        return Response(respuesta.cuerpo, respuesta.estado, headers=respuesta.encabezados, media_type=respuesta.tipo)

    return app
