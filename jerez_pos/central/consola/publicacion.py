"""The console's catalog, UMA and roll publication: one person prepares (upload or server path), another
one, tesorería or administración, approves, and only then is the package signed and published exactly as
``jerez-pos central publicar`` does. The auditor sees everything and can do neither. Both steps audited.
A predial or comercio roll is its own publication (it is not mixed with a catalog in one package).
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from jerez_pos.central import publicacion as p
from jerez_pos.central.consola import multiparte, sesiones
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
from jerez_pos.core.errores import ErrorEntrada, ErrorJerez

router = APIRouter(prefix="/consola/publicacion")
agregar_menu("Publicación", "/consola/publicacion")
PAGINA = "/consola/publicacion"
PUBLICAN = ("tesorero", "administrador")


@router.get("")
def pagina(request: Request, usuario: UsuarioConsola = Depends(usuario_consola)) -> Response:  # noqa: B008
    datos = {"publicaciones": p.listar(contexto(request).motor), "puede_publicar": usuario.rol in PUBLICAN}
    return plantillas.TemplateResponse(request, "publicacion.html", datos)


@router.post("/preparar")
async def preparar(
    request: Request,
    usuario: UsuarioConsola = Depends(exigir_rol(*PUBLICAN)),  # noqa: B008
) -> Response:
    envio = await multiparte.leer(request, p.MAX_ZIP + 2 * 1024 * 1024)
    exigir_csrf(request, envio.campos)
    ctx = contexto(request)
    nombre_zip, zip_catalogo = envio.archivos.get("catalogo", ("", b""))
    nombre_uma, csv_uma = envio.archivos.get("uma", ("", b""))
    nombre_padron, csv_padron = envio.archivos.get("padron", ("", b""))
    ruta = envio.campos.get("ruta", "")
    origen = " + ".join(x for x in (nombre_zip or ruta.strip(), nombre_uma) if x)
    if csv_padron and (origen or zip_catalogo or csv_uma):
        raise ErrorConsola(400, "padron: publique el padrón por separado, sin catálogo ni UMA")
    tipo_padron = envio.campos.get("tipo_padron", "")
    try:
        if csv_padron:
            nuevo = await run_in_threadpool(
                lambda: p.preparar_padron(
                    ctx.motor, usuario.usuario, ctx.reloj(), tipo_padron, csv_padron, nombre_padron[:200]
                )
            )
            origen = nombre_padron or f"padrón de {tipo_padron}"
        else:
            nuevo = await run_in_threadpool(
                lambda: p.preparar(
                    ctx.motor,
                    usuario.usuario,
                    ctx.reloj(),
                    zip_catalogo=zip_catalogo or None,
                    ruta_catalogo=ruta,
                    csv_uma=csv_uma or None,
                    origen=origen,
                )
            )
    except ErrorJerez as error:  # ErrorEntrada and CatalogoInvalido (file, line and field) alike
        raise ErrorConsola(400, str(error)) from None
    sesiones.auditar(ctx.motor, usuario.usuario, "preparar_publicacion", f"{nuevo}: {origen}", ctx.reloj())
    return RedirectResponse(f"{PAGINA}#publicacion-{nuevo}", status_code=303)


@router.post("/aprobar")
def aprobar(
    request: Request,
    datos: dict[str, str] = Depends(formulario),  # noqa: B008
    usuario: UsuarioConsola = Depends(exigir_rol(*PUBLICAN)),  # noqa: B008
) -> Response:
    exigir_csrf(request, datos)
    ctx = contexto(request)
    identificador = datos.get("publicacion", "")
    if not identificador.isdigit() or len(identificador) > 12:
        raise ErrorConsola(400, "publicacion: debe ser el número de la publicación")
    llave = request.app.state.servicio.llave_tesoreria
    try:
        sobre = p.aprobar(ctx.motor, llave, int(identificador), usuario.usuario, ctx.reloj())
    except ErrorEntrada as error:
        raise ErrorConsola(400, str(error)) from None
    except ErrorJerez as error:
        raise ErrorConsola(409, str(error)) from None
    version = sobre["paquete"]["version"]
    sesiones.auditar(
        ctx.motor, usuario.usuario, "aprobar_publicacion", f"{identificador} → paquete {version}", ctx.reloj()
    )
    return RedirectResponse(f"{PAGINA}#publicacion-{identificador}", status_code=303)
