"""Sign-in, sign-out, users page and the stylesheet; ``montar`` puts the console in front of the catch-all."""

from __future__ import annotations

from importlib import resources

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import RedirectResponse, Response

from jerez_pos.central.consola import sesiones, usuarios
from jerez_pos.central.consola.usuarios import AccesoDenegado, UsuarioConsola
from jerez_pos.central.consola.web import (
    ENTRAR,
    Contexto,
    ErrorConsola,
    Redirigir,
    agregar_menu,
    ahora,
    contexto,
    exigir_csrf,
    exigir_rol,
    formulario,
    plantillas,
    poner_cookie,
    renovar_csrf,
    usuario_consola,
)
from jerez_pos.core.errores import ErrorEntrada

router = APIRouter(prefix="/consola")
INICIO = "/consola/"
LIMITE_BITACORA = 300
agregar_menu("Bitácora", "/consola/bitacora", "administrador", "auditor")
agregar_menu("Usuarios", "/consola/usuarios", "administrador")


def _ir(destino: str) -> RedirectResponse:
    return RedirectResponse(destino, status_code=303)


@router.get("/entrar")
def entrar(request: Request) -> Response:
    ctx = contexto(request)
    if sesiones.usuario_de(ctx.motor, request.cookies.get(sesiones.COOKIE_SESION), ctx.reloj()) is not None:
        return _ir(INICIO)
    return plantillas.TemplateResponse(request, "entrar.html", {"error": None, "nombre": ""})


@router.post("/entrar")
def entrar_enviar(request: Request, datos: dict[str, str] = Depends(formulario)) -> Response:  # noqa: B008
    exigir_csrf(request, datos)
    ctx = contexto(request)
    nombre = datos.get("usuario", "")[:40]
    try:
        usuario = usuarios.autenticar(ctx.motor, nombre, datos.get("contrasena", ""), ctx.reloj())
    except AccesoDenegado as rechazo:
        sesiones.auditar(ctx.motor, nombre or "(vacío)", "entrada_fallida", str(rechazo), ctx.reloj())
        return plantillas.TemplateResponse(
            request, "entrar.html", {"error": str(rechazo), "nombre": nombre}, status_code=401
        )
    token = sesiones.abrir(ctx.motor, usuario.usuario, ctx.reloj())
    sesiones.auditar(ctx.motor, usuario.usuario, "entrada", f"rol {usuario.rol}", ctx.reloj())
    respuesta = _ir(INICIO)
    poner_cookie(request, respuesta, sesiones.COOKIE_SESION, token)
    renovar_csrf(request, respuesta)
    return respuesta


@router.post("/salir")
def salir(
    request: Request,
    datos: dict[str, str] = Depends(formulario),  # noqa: B008
    usuario: UsuarioConsola = Depends(usuario_consola),  # noqa: B008
) -> Response:
    exigir_csrf(request, datos)
    ctx = contexto(request)
    sesiones.cerrar(ctx.motor, request.cookies.get(sesiones.COOKIE_SESION))
    sesiones.auditar(ctx.motor, usuario.usuario, "salida", "", ctx.reloj())
    respuesta = _ir(ENTRAR)
    respuesta.delete_cookie(sesiones.COOKIE_SESION, path="/")
    renovar_csrf(request, respuesta)
    return respuesta


@router.get("/usuarios")
def lista_usuarios(
    request: Request,
    usuario: UsuarioConsola = Depends(exigir_rol("administrador")),  # noqa: B008
) -> Response:
    filas = usuarios.listar(contexto(request).motor, ahora(request))
    return plantillas.TemplateResponse(request, "usuarios.html", {"filas": filas, "aviso": None})


@router.post("/usuarios/bloquear")
def bloquear_usuario(
    request: Request,
    datos: dict[str, str] = Depends(formulario),  # noqa: B008
    usuario: UsuarioConsola = Depends(exigir_rol("administrador")),  # noqa: B008
) -> Response:
    exigir_csrf(request, datos)
    ctx = contexto(request)
    try:
        objetivo = usuarios.nombre_valido(datos.get("usuario"))
        if objetivo == usuario.usuario:
            raise ErrorConsola(400, "usuario: no puede bloquear su propia cuenta")
        usuarios.bloquear(ctx.motor, objetivo)
    except ErrorEntrada as error:
        raise ErrorConsola(400, str(error)) from None
    sesiones.auditar(ctx.motor, usuario.usuario, "bloquear_usuario", objetivo, ctx.reloj())
    return _ir("/consola/usuarios")


@router.get("/bitacora")
def bitacora(
    request: Request,
    usuario: UsuarioConsola = Depends(exigir_rol("administrador", "auditor")),  # noqa: B008
) -> Response:
    filas = sesiones.bitacora(contexto(request).motor, LIMITE_BITACORA)
    return plantillas.TemplateResponse(request, "bitacora.html", {"filas": filas, "limite": LIMITE_BITACORA})


@router.get("/estilo.css")
def estilo() -> Response:
    css = resources.files("jerez_pos.central.consola").joinpath("plantillas/estilo.css").read_bytes()
    return Response(css, media_type="text/css", headers={"Cache-Control": "max-age=3600"})


def _pagina_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, ErrorConsola)
    return plantillas.TemplateResponse(
        request, "error.html", {"estado": error.estado, "mensaje": error.mensaje}, status_code=error.estado
    )


def _redirigir(_request: Request, destino: Exception) -> Response:
    assert isinstance(destino, Redirigir)
    return _ir(destino.destino)


def montar(app: FastAPI, contexto_app: Contexto) -> None:
    """Adds the console to ``app``; call before the catch-all route is declared (routes match in order)."""
    from jerez_pos.central.consola import publicacion, recibos, tablero, terminales

    app.state.consola = contexto_app
    app.include_router(router)
    app.include_router(tablero.router)
    for paginas in (terminales, recibos, publicacion):
        app.include_router(paginas.router)
    app.add_exception_handler(ErrorConsola, _pagina_error)
    app.add_exception_handler(Redirigir, _redirigir)
