"""Enrolling a terminal with the central server: one code, used once, binding the terminal's Ed25519 key.

Both ``jerez-pos registrar`` and the administration screen call ``inscribir``; they differ only in how they
report the result.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any

from jerez_pos import config
from jerez_pos.core.errores import ErrorEntrada, ErrorJerez
from jerez_pos.ledger import identidad
from jerez_pos.ledger.terminal import Terminal
from jerez_pos.sync.cliente import SinConexion
from jerez_pos.sync.libro import AlmacenLibro
from jerez_pos.sync.transporte import TransporteHttp

INTENTOS = 4


@dataclass(frozen=True)
class Inscripcion:
    servidor: str
    serie: str
    delegacion: str


def pedir(transporte: Any, ruta: str, datos: dict[str, str]) -> dict[str, Any]:
    """Enrollment requests are safe to repeat (the same key enrolling again gets the same answer), so a lost
    reply is simply asked again a few times."""
    respuesta = None
    for intento in range(INTENTOS):
        try:
            respuesta = transporte("POST", ruta, json.dumps(datos).encode(), {})
        except SinConexion:
            respuesta = None
        if respuesta is not None and respuesta.estado < 500:
            break
        time.sleep(0.5 * 2**intento)
    if respuesta is None:
        raise ErrorJerez(f"servidor: no se pudo contactar a la central en {transporte.servidor}")
    if respuesta.estado >= 500:
        raise ErrorJerez(f"servidor: {respuesta.mensaje()}")
    if respuesta.estado != 200:  # central names the field «codigo»; the caller's field is --codigo
        raise ErrorEntrada("--codigo", respuesta.mensaje().removeprefix("codigo: ").removeprefix("serie: "))
    resultado: dict[str, Any] = respuesta.json()
    return resultado


def almacen(terminal: Terminal, ident: identidad.Identidad) -> AlmacenLibro:
    return AlmacenLibro(config.ruta_bd(terminal.directorio), ident, terminal.directorio)


def inscribir(terminal: Terminal, servidor: str, codigo: str, transporte: Any = None) -> Inscripcion:
    servidor, codigo = servidor.strip().rstrip("/"), codigo.strip()
    if not servidor.startswith(("https://", "http://")):
        raise ErrorEntrada("--servidor", "escriba la dirección completa, p. ej. https://central.jerez.gob.mx")
    if not codigo:
        raise ErrorEntrada("--codigo", "escriba el código de inscripción que dio la Tesorería")
    propio = transporte is None
    transporte = transporte or TransporteHttp(servidor)
    try:
        actual = identidad.leer_identidad(terminal.bd)
        consulta = {"codigo": codigo}
        if actual is not None:  # a repeated enrollment (the first reply was lost) is recognised by our key
            consulta["llave_publica"] = actual.llave_publica.hex()
            # Receipts already signed under our series cannot change it: central adopts it if it is free.
            consulta["serie"] = actual.serie
        asignada = pedir(transporte, "/v1/inscripcion/consulta", consulta)
        if actual is None:
            actual = identidad.registrar_terminal(
                terminal.bd,
                terminal.directorio,
                "Jerez, Zacatecas",
                asignada["delegacion"],
                f"Terminal {asignada['serie']}",
                asignada["serie"],
            )
        elif actual.serie != asignada["serie"]:  # a central that predates series adoption
            raise ErrorEntrada(
                "--codigo",
                f"esta terminal usa la serie {actual.serie} y el código es para la serie {asignada['serie']}",
            )
        alta = {"codigo": codigo, "llave_publica": actual.llave_publica.hex(), "serie": actual.serie}
        inscrita = pedir(transporte, "/v1/inscripcion", alta)
    finally:
        if propio:
            transporte.cerrar()
    sincronizacion = almacen(terminal, actual)
    try:
        sincronizacion.fijar("servidor", servidor)
        if inscrita.get("llave_tesoreria"):
            sincronizacion.fijar("llave_tesoreria", inscrita["llave_tesoreria"])
    finally:
        sincronizacion.cerrar()
    return Inscripcion(servidor, actual.serie, asignada["delegacion"])
