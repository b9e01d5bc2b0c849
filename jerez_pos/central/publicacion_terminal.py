"""``POST /v1/publicaciones``: a terminal sends a catalog it published locally (two people at the terminal)
into the console's two-person publication flow.

The request is signed by the terminal's key like ``/v1/lotes``. The catalog goes through the very
``publicacion.preparar`` the console uses for an uploaded zip (same validation, same stored content, same
list of changes), as a *pending* publication prepared by «terminal SERIE (preparó X, aprobó Y)»: nothing
reaches any terminal until a treasury user approves it on the console, who is by construction someone else.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from typing import Any

from sqlalchemy import Engine

from jerez_pos.central import publicacion
from jerez_pos.central.lotes import TerminalActiva
from jerez_pos.central.validacion import invalido, leer_json, texto
from jerez_pos.core.errores import ErrorEntrada, ErrorJerez

RUTA = "/v1/publicaciones"


def recibir(motor: Engine, terminal: TerminalActiva, cuerpo: bytes, ahora: dt.datetime) -> dict[str, Any]:
    """The body (already bounded by the service's size limit) is ``{"zip": base64, "preparo", "aprobo"}``."""
    datos = leer_json(cuerpo or b"{}")
    if not isinstance(datos, dict):
        raise invalido("cuerpo", "debe ser un objeto JSON")
    preparo = texto(datos.get("preparo"), "preparo", 40)
    aprobo = texto(datos.get("aprobo"), "aprobo", 40)
    try:
        zip_ = base64.b64decode(texto(datos.get("zip"), "zip", publicacion.MAX_ZIP * 2), validate=True)
    except (binascii.Error, ValueError):
        raise invalido("zip", "debe ser el catálogo en un .zip codificado en base64") from None
    autor = f"terminal {terminal.serie} (preparó {preparo}, aprobó {aprobo})"[:80]
    try:
        id_ = publicacion.preparar(motor, autor, ahora, zip_catalogo=zip_, origen=f"terminal {terminal.serie}")
    except ErrorEntrada:
        raise
    except ErrorJerez as exc:  # the catalog loader's rejection (file, line and field)
        raise invalido("catalogo", str(exc)) from None
    return {"id": id_, "estado": "pendiente"}
