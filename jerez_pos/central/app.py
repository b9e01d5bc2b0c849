"""FastAPI application: carries bytes to ``Servicio`` and back; refuses oversized bodies before reading them."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi import FastAPI, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from jerez_pos.central import bd, firmas, validacion
from jerez_pos.central.servicio import Servicio
from jerez_pos.core.numeros import es_digitos


def _demasiado(limite: int) -> Response:
    error = validacion.ErrorHttp(413, "cuerpo", f"la solicitud pasa de {limite} bytes; envíe lotes más chicos")
    import json

    return Response(json.dumps(error.cuerpo(), ensure_ascii=False), 413, media_type="application/json")


def crear_app(
    url_bd: str,
    llave_tesoreria: Ed25519PrivateKey | None = None,
    *,
    migrar: bool = True,
    reloj: bd.Reloj = bd.reloj_utc,
    max_registros: int = validacion.MAX_REGISTROS,
    max_cuerpo: int = validacion.MAX_CUERPO,
    token_admin: str | None = None,
    revisar_firmas: bool = True,
) -> FastAPI:
    motor = bd.abrir(url_bd)
    if migrar:
        bd.migrar(motor)
    servicio = Servicio(motor, llave_tesoreria, reloj, max_registros, max_cuerpo, token_admin)
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

    @app.api_route("/{ruta:path}", methods=["GET", "POST"])
    async def atender(request: Request) -> Response:
        declarado = request.headers.get("content-length")
        if declarado is not None and es_digitos(declarado, 18) and int(declarado) > max_cuerpo:
            return _demasiado(max_cuerpo)
        partes: list[bytes] = []
        leidos = 0
        async for parte in request.stream():
            leidos += len(parte)
            if leidos > max_cuerpo:  # chunked uploads have no Content-Length: count as we read
                return _demasiado(max_cuerpo)
            partes.append(parte)
        encabezados: dict[str, Any] = {k.lower(): v for k, v in request.headers.items()}
        respuesta = await run_in_threadpool(
            servicio.atender,
            request.method,
            request.url.path,
            dict(request.query_params),
            encabezados,
            b"".join(partes),
        )
        return Response(respuesta.cuerpo, respuesta.estado, headers=respuesta.encabezados, media_type=respuesta.tipo)

    return app
