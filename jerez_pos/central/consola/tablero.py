"""The dashboard at ``/consola/``: today and a chosen period, HTML for people, JSON for programs.

``/consola/?desde=AAAA-MM-DD&hasta=AAAA-MM-DD`` (both optional: the year so far by default);
``&formato=json`` (or ``Accept: application/json``) answers the same figures as JSON, whose ``resumen`` key
is exactly ``jerez-pos central resumen --json`` for the same days.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import orjson
from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from jerez_pos.central.consola import datos, graficas, sesiones
from jerez_pos.central.consola.usuarios import UsuarioConsola
from jerez_pos.central.consola.web import ErrorConsola, agregar_menu, contexto, plantillas, usuario_consola
from jerez_pos.central.reportes import fecha_filtro
from jerez_pos.core.errores import ErrorEntrada

router = APIRouter(prefix="/consola")
agregar_menu("Tablero", "/consola/")


def _zona() -> dt.tzinfo:
    try:
        return ZoneInfo("America/Mexico_City")  # Zacatecas keeps central time all year since 2022
    except ZoneInfoNotFoundError:
        return dt.timezone(dt.timedelta(hours=-6))


def hoy_local(ahora: dt.datetime) -> dt.date:
    """Receipts carry the terminal's local date; "today" is the treasury's day, not UTC's."""
    return ahora.astimezone(_zona()).date()


def _quiere_json(request: Request) -> bool:
    if request.query_params.get("formato") == "json":
        return True
    return request.headers.get("accept", "").split(",")[0].strip() == "application/json"


def _a_json(valor: Any) -> Any:
    if isinstance(valor, Decimal):
        return str(valor)  # money keeps its two decimals, as in ``central resumen --json``
    raise TypeError


def figuras(request: Request) -> dict[str, Any]:
    """The dashboard's data for this request's period (shared by HTML and JSON)."""
    ctx = contexto(request)
    hoy = hoy_local(ctx.reloj())
    try:
        desde = fecha_filtro(request.query_params.get("desde"), "desde") or dt.date(hoy.year, 1, 1)
        hasta = fecha_filtro(request.query_params.get("hasta"), "hasta") or hoy
        return datos.tablero(ctx.motor, desde, hasta, hoy)
    except ErrorEntrada as error:
        raise ErrorConsola(400, str(error)) from None


def graficas_de(cifras: dict[str, Any]) -> dict[str, Any]:
    primer_nivel = [(r["nombre"], r["total"]) for r in cifras["por_rubro_niveles"] if r["nivel"] == 1]
    return {
        "delegacion": graficas.barras(cifras["por_delegacion"], "Recaudación por delegación"),
        "rubro": graficas.barras(primer_nivel, "Recaudación por rubro del Art. 2"),
        "concepto": graficas.barras(
            [(f"{c['clave']} {c['descripcion']}", c["total"]) for c in cifras["por_concepto"][:15]],
            "Los 15 conceptos que más recaudan",
        ),
        "dia": graficas.barras(cifras["por_dia"], "Recaudación por día"),
    }


@router.get("/")
def tablero(request: Request, usuario: UsuarioConsola = Depends(usuario_consola)) -> Response:  # noqa: B008
    cifras = figuras(request)
    ctx = contexto(request)
    sesiones.auditar(ctx.motor, usuario.usuario, "tablero", f"{cifras['desde']} a {cifras['hasta']}", ctx.reloj())
    if _quiere_json(request):
        cuerpo = orjson.dumps(cifras, default=_a_json, option=orjson.OPT_NON_STR_KEYS)
        return Response(cuerpo, media_type="application/json", headers={"Cache-Control": "no-store"})
    return plantillas.TemplateResponse(request, "tablero.html", {"c": cifras, "g": graficas_de(cifras)})
