"""The public receipt check: the QR's URL answers a phone with a page and a program with JSON.

``/verificar`` and ``/v1/verificar`` (what the QR encodes, ``printing.verificacion``) are one resource: a
browser that asks for ``text/html`` gets the page, everything else gets the JSON ``Servicio`` has always
given (the same bytes, from the same code). Both are limited per client address, because anyone can ask and
each question costs a database read and a signature check.

The page shows only what the paper already shows to whoever holds it, minus the person: folio, date, total,
delegación, concepts and whether it was voided. Never the contributor (name, RFC, address, cuenta) and never
the lines' parameters (a cuenta catastral or a contract reference can name a person). Every failure is one
"no válido" page with one status, so a forger can't learn which of his fields central recognised.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2
import sqlalchemy as sa
from fastapi import FastAPI, Request
from fastapi.responses import Response
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from jerez_pos.central import modelos as m
from jerez_pos.central import reportes
from jerez_pos.central.servicio import Servicio
from jerez_pos.core.dinero import de_centavos, pesos
from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.printing.verificacion import RUTA_VERIFICAR

RUTAS = ("/verificar", RUTA_VERIFICAR)
LIMITE_POR_MINUTO = 30
PLANTILLAS = Path(__file__).resolve().parent / "consola" / "plantillas"
MENSAJE_LIMITE = "Demasiadas consultas desde esta dirección; espere un minuto y vuelva a intentar."
# The page needs nothing from anywhere: no scripts, no images, no fonts; inline styles only.
ENCABEZADOS_HTML = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "Vary": "Accept",
}


class Limitador:
    """At most ``maximo`` requests per ``ventana`` seconds per key (a sliding window of arrival times).

    Memory stays bounded: past ``max_claves`` addresses, the ones idle for a whole window are forgotten.
    """

    def __init__(
        self,
        maximo: int = LIMITE_POR_MINUTO,
        ventana: float = 60.0,
        reloj: Callable[[], float] = time.monotonic,
        max_claves: int = 10_000,
    ) -> None:
        self.maximo, self.ventana, self.reloj, self.max_claves = maximo, ventana, reloj, max_claves
        self._llegadas: dict[str, deque[float]] = {}
        self._cerrojo = threading.Lock()

    def permitir(self, clave: str) -> bool:
        ahora = self.reloj()
        with self._cerrojo:
            if len(self._llegadas) >= self.max_claves:
                self._olvidar(ahora)
            llegadas = self._llegadas.setdefault(clave, deque())
            while llegadas and llegadas[0] <= ahora - self.ventana:
                llegadas.popleft()
            if len(llegadas) >= self.maximo:
                return False
            llegadas.append(ahora)
            return True

    def _olvidar(self, ahora: float) -> None:
        for clave in [k for k, v in self._llegadas.items() if not v or v[-1] <= ahora - self.ventana]:
            del self._llegadas[clave]


_CALIDAD = re.compile(r"0(\.[0-9]{0,3})?|1(\.0{0,3})?")
UNO, CERO_Q = Decimal(1), Decimal(0)


def prefiere_html(accept: str) -> bool:
    """True when the client ranks ``text/html`` above ``application/json`` (a browser); ties go to JSON."""
    calidades: dict[str, Decimal] = {}
    for parte in accept.split(","):
        tipo, *parametros = (x.strip() for x in parte.split(";"))
        calidad = UNO
        for parametro in parametros:
            nombre, _, valor = parametro.partition("=")
            if nombre.strip() == "q":
                # RFC 9110 qvalue: 0 to 1 with at most three decimals; anything else ranks the type last.
                valor = valor.strip()
                calidad = Decimal(valor) if _CALIDAD.fullmatch(valor) else CERO_Q
        calidades[tipo.lower()] = max(calidad, calidades.get(tipo.lower(), CERO_Q))
    html = calidades.get("text/html", CERO_Q)
    return html > 0 and html > calidades.get("application/json", CERO_Q)


@dataclass(frozen=True)
class Concepto:
    clave: str
    descripcion: str
    importe: str


def _detalle(motor: Engine, folio: str) -> tuple[str, list[Concepto]]:
    """Delegación and concepts of a receipt already proven genuine; only catalog text, no parameters."""
    serie, _, numero = folio.rpartition("-")
    r, t = m.registro, m.terminal
    with motor.connect() as conexion:
        fila = conexion.execute(
            sa.select(t.c.delegacion, r.c.documento)
            .select_from(r.join(t, t.c.id == r.c.terminal_id))
            .where(r.c.tipo == "recibo", r.c.serie == serie, r.c.numero == int(numero))
        ).one()
    documento = json.loads(fila.documento)
    conceptos = [
        Concepto(
            str(linea.get("clave", "")),
            str((linea.get("cotizacion") or {}).get("descripcion", "")),
            pesos(de_centavos(int(linea.get("total_centavos", 0)))),
        )
        for linea in documento.get("lineas", [])
    ]
    return str(fila.delegacion), conceptos


def fecha_local(fecha: str) -> str:
    """The terminal's timestamp as people in Mexico write it on paper: "15/06/2024 10:32:00"."""
    try:
        return dt.datetime.fromisoformat(fecha).strftime("%d/%m/%Y %H:%M:%S")
    except ValueError:
        return fecha.replace("T", " ")


def consulta_publica(motor: Engine, consulta: Mapping[str, str]) -> dict[str, Any]:
    """What the page shows; raises ``ErrorEntrada`` for malformed input (a field named, nothing looked up)."""
    folio, codigo, firma = consulta.get("folio", ""), consulta.get("codigo", ""), consulta.get("firma")
    afirmados = {k: consulta[k] for k in ("fecha", "total", "serie") if k in consulta}
    datos = reportes.verificar(motor, folio, codigo, firma, afirmados)
    if datos["estado"] == "desconocido":
        return {"valido": False}
    delegacion, conceptos = _detalle(motor, datos["folio"])
    return {
        "valido": True,
        "anulado": datos["estado"] == "anulado",
        "folio": datos["folio"],
        "fecha": fecha_local(datos["fecha"]),
        "total": pesos(Decimal(datos["total"])),
        "delegacion": delegacion,
        "conceptos": conceptos,
        "con_firma": datos["firma"] == "valida",
    }


def _entorno() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(PLANTILLAS),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )


def instalar(app: FastAPI, servicio: Servicio, limitador: Limitador | None = None) -> None:
    """Adds the two check routes; call before the catch-all route so they take precedence."""
    entorno = _entorno()
    limite = limitador or Limitador()

    def pagina(estado: int, **contexto: Any) -> Response:
        cuerpo = entorno.get_template("verificar.html").render(**contexto)
        return Response(cuerpo, estado, headers=dict(ENCABEZADOS_HTML), media_type="text/html; charset=utf-8")

    async def verificar(request: Request) -> Response:
        html = prefiere_html(request.headers.get("accept", ""))
        cliente = request.client.host if request.client else "desconocido"
        if not limite.permitir(cliente):
            espera = {"Retry-After": str(int(limite.ventana))}
            if html:
                respuesta = pagina(429, resultado=None, error=MENSAJE_LIMITE)
                respuesta.headers.update(espera)
                return respuesta
            cuerpo = json.dumps(
                {
                    "error": f"solicitudes: {MENSAJE_LIMITE}",
                    "detail": {"campo": "solicitudes", "mensaje": MENSAJE_LIMITE},
                },
                ensure_ascii=False,
            )
            return Response(cuerpo, 429, headers={**espera, "Vary": "Accept"}, media_type="application/json")
        consulta = dict(request.query_params)
        if not html:
            hecha = await run_in_threadpool(servicio.atender, "GET", RUTA_VERIFICAR, consulta, {}, b"")
            encabezados = {**hecha.encabezados, "Vary": "Accept"}
            return Response(hecha.cuerpo, hecha.estado, headers=encabezados, media_type=hecha.tipo)
        try:
            resultado = await run_in_threadpool(consulta_publica, servicio.motor, consulta)
        except ErrorEntrada as error:
            return pagina(422, resultado=None, error=str(error))
        return pagina(200, resultado=resultado, error=None)

    for ruta in RUTAS:
        app.add_api_route(ruta, verificar, methods=["GET"], include_in_schema=False)
