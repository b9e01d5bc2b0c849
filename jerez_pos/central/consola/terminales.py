"""The console's Terminals page: overview, conflict log with resolution notes, enrollment and revocation.

Everyone signed in sees it; resolution notes are for tesorería and administración (an auditor reads);
enrolling and revoking are for administración only, both audited (the enrollment code is shown once on
the answer page and never stored in clear nor written to the audit log). Revocation uses central's own
``terminales.revocar``: from then on the terminal's batches are answered 403.
"""

from __future__ import annotations

from dataclasses import asdict

import orjson
from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from jerez_pos.central import terminales as altas
from jerez_pos.central import vista_terminales
from jerez_pos.central.consola import sesiones
from jerez_pos.central.consola.tablero import _quiere_json as quiere_json
from jerez_pos.central.consola.usuarios import UsuarioConsola
from jerez_pos.central.consola.web import (
    ErrorConsola,
    agregar_menu,
    contexto,
    exigir_csrf,
    exigir_rol,
    formulario,
    plantillas,
    usuario_consola,
)
from jerez_pos.core.errores import ErrorEntrada

router = APIRouter(prefix="/consola/terminales")
agregar_menu("Terminales", "/consola/terminales")
PAGINA = "/consola/terminales"
ANOTAN = ("tesorero", "administrador")
MOTIVO = (5, 300)


@router.get("")
def pagina(request: Request, usuario: UsuarioConsola = Depends(usuario_consola)) -> Response:  # noqa: B008
    motor = contexto(request).motor
    filas, conflictos = vista_terminales.terminales(motor), vista_terminales.conflictos(motor)
    if quiere_json(request):  # the same page for a program (``?formato=json`` or Accept: application/json)
        cuerpo = {"terminales": [asdict(x) for x in filas], "conflictos": [asdict(x) for x in conflictos]}
        return Response(orjson.dumps(cuerpo), media_type="application/json", headers={"Cache-Control": "no-store"})
    datos = {
        "filas": filas,
        "conflictos": conflictos,
        "puede_anotar": usuario.rol in ANOTAN,
        "es_admin": usuario.rol == "administrador",
        "DESCONOCIDO": vista_terminales.DESCONOCIDO,
    }
    return plantillas.TemplateResponse(request, "terminales.html", datos)


@router.post("/nota")
def nota(
    request: Request,
    datos: dict[str, str] = Depends(formulario),  # noqa: B008
    usuario: UsuarioConsola = Depends(exigir_rol(*ANOTAN)),  # noqa: B008
) -> Response:
    exigir_csrf(request, datos)
    ctx = contexto(request)
    identificador = datos.get("conflicto", "")
    if not identificador.isdigit() or len(identificador) > 12:
        raise ErrorConsola(400, "conflicto: debe ser el número del conflicto")
    try:
        vista_terminales.agregar_nota(
            ctx.motor, int(identificador), usuario.usuario, datos.get("nota", ""), ctx.reloj()
        )
    except ErrorEntrada as error:
        raise ErrorConsola(400, str(error)) from None
    sesiones.auditar(ctx.motor, usuario.usuario, "nota_conflicto", f"conflicto {identificador}", ctx.reloj())
    return RedirectResponse(f"{PAGINA}#conflicto-{identificador}", status_code=303)


@router.post("/alta")
def alta(
    request: Request,
    datos: dict[str, str] = Depends(formulario),  # noqa: B008
    usuario: UsuarioConsola = Depends(exigir_rol("administrador")),  # noqa: B008
) -> Response:
    exigir_csrf(request, datos)
    ctx = contexto(request)
    try:
        nueva = altas.crear(ctx.motor, datos.get("delegacion", ""), ctx.reloj())
    except ErrorEntrada as error:
        raise ErrorConsola(400, str(error).replace("--delegacion", "delegación")) from None
    sesiones.auditar(ctx.motor, usuario.usuario, "alta_terminal", f"{nueva.serie} ({nueva.delegacion})", ctx.reloj())
    return plantillas.TemplateResponse(request, "terminal_alta.html", {"alta": nueva})


@router.post("/revocar")
def revocar(
    request: Request,
    datos: dict[str, str] = Depends(formulario),  # noqa: B008
    usuario: UsuarioConsola = Depends(exigir_rol("administrador")),  # noqa: B008
) -> Response:
    exigir_csrf(request, datos)
    ctx = contexto(request)
    serie = datos.get("serie", "").strip().upper()[:12]
    motivo = " ".join(datos.get("motivo", "").split())
    if not MOTIVO[0] <= len(motivo) <= MOTIVO[1]:
        raise ErrorConsola(400, f"motivo: escriba por qué se revoca (de {MOTIVO[0]} a {MOTIVO[1]} caracteres)")
    try:
        altas.revocar(ctx.motor, serie)
    except ErrorEntrada:
        raise ErrorConsola(400, f"serie: no existe la terminal «{serie}»") from None
    sesiones.auditar(ctx.motor, usuario.usuario, "revocar_terminal", f"{serie}: {motivo}", ctx.reloj())
    return RedirectResponse(f"{PAGINA}#terminal-{serie}", status_code=303)
