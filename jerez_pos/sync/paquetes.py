"""Pulling the treasury's signed catalog/UMA package and deciding whether to accept it.

Acceptance depends only on the treasury signature and on the integer version being higher than the one
installed; the terminal's clock is never consulted, so a clock set to 2000 or 2099 changes nothing.
"""

from __future__ import annotations

from typing import Any

from jerez_pos.sync.cliente import RespuestaHttp, SinConexion, Transporte
from jerez_pos.sync.protocolo import verificar_paquete

RUTA_PAQUETE = "/v1/paquetes/ultimo"
RUTA_SIGUIENTE = "/v1/paquetes/siguiente"


def traer(transporte: Transporte, llave_tesoreria: bytes, version_local: int) -> dict[str, Any] | None:
    """The newer verified package, or None when central has nothing newer. Raises ``PaqueteRechazado`` for a
    bad signature or an older version (an attack or a misconfigured server), ``SinConexion`` when offline."""
    respuesta: RespuestaHttp = transporte("GET", RUTA_PAQUETE, b"", {})
    if respuesta.estado == 404:
        return None
    if respuesta.estado != 200:
        raise SinConexion(respuesta.mensaje())
    sobre = respuesta.json()
    paquete = sobre.get("paquete") if isinstance(sobre, dict) else None
    if isinstance(paquete, dict) and paquete.get("version") == version_local:
        return None  # the one we already have: nothing to do, not an attack
    return verificar_paquete(llave_tesoreria, sobre, version_local)


def traer_siguiente(transporte: Transporte, llave_tesoreria: bytes, version_local: int) -> dict[str, Any] | None:
    """The next verified package after ``version_local`` (catalogs and rolls are applied in publication
    order), or None when there is none. A central without this route answers 404 on «ruta»: then only its
    newest package is asked for, as before."""
    respuesta: RespuestaHttp = transporte("GET", f"{RUTA_SIGUIENTE}?version={int(version_local)}", b"", {})
    if respuesta.estado == 404:
        try:
            campo = respuesta.json()["detail"]["campo"]
        except (ValueError, KeyError, TypeError):
            campo = None
        return traer(transporte, llave_tesoreria, version_local) if campo == "ruta" else None
    if respuesta.estado != 200:
        raise SinConexion(respuesta.mensaje())
    return verificar_paquete(llave_tesoreria, respuesta.json(), version_local)
