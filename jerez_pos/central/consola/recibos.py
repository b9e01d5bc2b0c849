"""The console's Receipts page: search, one receipt's detail, and the search exported to CSV and PDF.

Every role may search (the auditor is who needs it most). These pages show taxpayers' names, so each
search, detail and export is written to the console's audit log with its filters.
"""

from __future__ import annotations

from dataclasses import asdict
from urllib.parse import urlencode

import orjson
from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from jerez_pos.central import busqueda_recibos as b
from jerez_pos.central.consola import sesiones
from jerez_pos.central.consola.tablero import _quiere_json as quiere_json
from jerez_pos.central.consola.usuarios import UsuarioConsola
from jerez_pos.central.consola.web import ErrorConsola, agregar_menu, contexto, plantillas, usuario_consola
from jerez_pos.core.errores import ErrorEntrada

router = APIRouter(prefix="/consola/recibos")
agregar_menu("Recibos", "/consola/recibos")
CAMPOS = ("folio", "desde", "hasta", "nombre", "clave")


def _filtros(request: Request) -> b.Filtros:
    consulta = {k: v for k, v in request.query_params.items() if k in CAMPOS}
    try:
        return b.Filtros.de_consulta(consulta)
    except ErrorEntrada as error:
        raise ErrorConsola(400, str(error)) from None


def _auditar(request: Request, usuario: UsuarioConsola, accion: str, filtros: b.Filtros) -> None:
    ctx = contexto(request)
    detalle = urlencode(filtros.a_consulta()) or "sin filtros"
    sesiones.auditar(ctx.motor, usuario.usuario, accion, detalle, ctx.reloj())


@router.get("")
async def pagina(request: Request, usuario: UsuarioConsola = Depends(usuario_consola)) -> Response:  # noqa: B008
    filtros = _filtros(request)
    resultado = None
    json_ = quiere_json(request)
    if "buscar" in request.query_params or json_:
        resultado = await run_in_threadpool(b.buscar, contexto(request).motor, filtros)
        _auditar(request, usuario, "buscar_recibos", filtros)
    if json_ and resultado is not None:  # the same search for a program (``?formato=json``)
        cuerpo = {"filtros": filtros.a_consulta(), **asdict(resultado)}
        return Response(orjson.dumps(cuerpo), media_type="application/json", headers={"Cache-Control": "no-store"})
    datos = {
        "filtros": filtros,
        "resultado": resultado,
        "exportar": urlencode(filtros.a_consulta()),
        "LIMITE": b.LIMITE,
    }
    return plantillas.TemplateResponse(request, "recibos.html", datos)


@router.get("/detalle")
def detalle(request: Request, usuario: UsuarioConsola = Depends(usuario_consola)) -> Response:  # noqa: B008
    folio = request.query_params.get("folio", "")
    try:
        recibo = b.detalle(contexto(request).motor, folio)
    except ErrorEntrada as error:
        raise ErrorConsola(404 if "no tiene" in str(error) else 400, str(error)) from None
    _auditar(request, usuario, "ver_recibo", b.Filtros(folio=recibo["folio"]))
    return plantillas.TemplateResponse(request, "recibo.html", {"recibo": recibo})


@router.get("/exportar.csv")
async def exportar_csv(request: Request, usuario: UsuarioConsola = Depends(usuario_consola)) -> Response:  # noqa: B008
    filtros = _filtros(request)
    resultado = await run_in_threadpool(b.buscar, contexto(request).motor, filtros)
    _auditar(request, usuario, "exportar_recibos_csv", filtros)
    encabezados = {"Content-Disposition": 'attachment; filename="recibos.csv"', "Cache-Control": "no-store"}
    # A BOM so that spreadsheet programs on Windows read the accents as UTF-8.
    cuerpo = "\ufeff" + b.a_csv(resultado)
    return Response(cuerpo.encode("utf-8"), headers=encabezados, media_type="text/csv; charset=utf-8")


@router.get("/exportar.pdf")
async def exportar_pdf(request: Request, usuario: UsuarioConsola = Depends(usuario_consola)) -> Response:  # noqa: B008
    filtros = _filtros(request)
    ctx = contexto(request)
    resultado = await run_in_threadpool(b.buscar, ctx.motor, filtros)
    pdf = await run_in_threadpool(b.a_pdf, resultado, filtros, ctx.reloj())
    _auditar(request, usuario, "exportar_recibos_pdf", filtros)
    encabezados = {"Content-Disposition": 'attachment; filename="recibos.pdf"', "Cache-Control": "no-store"}
    return Response(pdf, headers=encabezados, media_type="application/pdf")
