"""The dashboard at ``/consola/``."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from jerez_pos.central.consola.usuarios import UsuarioConsola
from jerez_pos.central.consola.web import plantillas, usuario_consola

router = APIRouter(prefix="/consola")


@router.get("/")
def tablero(request: Request, usuario: UsuarioConsola = Depends(usuario_consola)) -> Response:  # noqa: B008
    return plantillas.TemplateResponse(request, "tablero.html", {})
