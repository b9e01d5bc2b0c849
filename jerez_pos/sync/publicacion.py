"""Sending a catalog published at this terminal (by two people) to the central's publication flow.

``POST /v1/publicaciones``, signed with the terminal's key like the receipt batches. The central keeps it
*pending*: a treasury user approves it on the console before it is signed and sent to every terminal.
A failure never undoes the local publication: the zip stays in ``publicaciones/`` to upload by hand.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

from jerez_pos import config
from jerez_pos.core.errores import ErrorJerez
from jerez_pos.ledger import identidad
from jerez_pos.ledger.terminal import Terminal
from jerez_pos.sync.cliente import Rechazo, SinConexion, Sincronizador, Transporte
from jerez_pos.sync.libro import AlmacenLibro

RUTA = "/v1/publicaciones"


def enviar(terminal: Terminal, paquete: Path, preparo: str, aprobo: str, transporte: Transporte | None = None) -> int:
    """The central's id of the pending publication; ``ErrorJerez`` naming the reason when it can't be sent."""
    from jerez_pos.sync.transporte import TransporteHttp

    actual = identidad.exigir_identidad(terminal.bd)
    almacen = AlmacenLibro(config.ruta_bd(terminal.directorio), actual, terminal.directorio)
    try:
        url = almacen.ajuste("servidor")
        if transporte is None and not url:
            raise ErrorJerez("servidor: la terminal no está inscrita en una central; use «jerez-pos registrar»")
        llave = identidad.llave_privada(terminal.directorio, actual)
        cliente = Sincronizador(
            almacen, transporte or TransporteHttp(url or "", espera=15.0), llave, actual.serie, intentos=3
        )
        datos = {"zip": base64.b64encode(paquete.read_bytes()).decode("ascii"), "preparo": preparo, "aprobo": aprobo}
        try:
            respuesta = cliente.solicitar("POST", RUTA, json.dumps(datos).encode("utf-8"))
        except (SinConexion, Rechazo) as exc:
            raise ErrorJerez(f"central: no se pudo enviar el catálogo ({exc})") from None
    finally:
        almacen.cerrar()
    if respuesta.estado != 200:
        raise ErrorJerez(f"central: rechazó el catálogo: {respuesta.mensaje()}")
    return int(respuesta.json()["id"])
