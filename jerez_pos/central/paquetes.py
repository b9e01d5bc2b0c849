"""Signed catalog/UMA packages, downward: the treasury key signs, versions only go up."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import sqlalchemy as sa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from jerez_pos.central import modelos as m
from jerez_pos.central.bd import marca_utc
from jerez_pos.core.errores import ErrorEntrada, ErrorJerez
from jerez_pos.sync.protocolo import canonico, firmar_paquete

TIPOS_PAQUETE = ("catalogo", "uma", "catalogo+uma")


def publicar(
    motor: Engine, llave: Ed25519PrivateKey, tipo: str, contenido: dict[str, Any], ahora: dt.datetime
) -> dict[str, Any]:
    """Signs and stores the next version (max + 1). The UNIQUE version makes two publishers unable to
    issue the same number: the second one fails and retries with the next."""
    if tipo not in TIPOS_PAQUETE:
        raise ErrorEntrada("tipo", f"debe ser uno de: {', '.join(TIPOS_PAQUETE)}")
    for _ in range(5):
        with motor.connect() as conexion:
            actual = conexion.execute(sa.select(sa.func.max(m.paquete.c.version))).scalar_one()
        paquete = {
            "version": int(actual or 0) + 1,
            "tipo": tipo,
            "publicado_en": marca_utc(ahora),
            "contenido": contenido,
        }
        sobre = firmar_paquete(llave, paquete)
        try:
            with motor.begin() as conexion:
                conexion.execute(
                    sa.insert(m.paquete).values(
                        version=paquete["version"],
                        tipo=tipo,
                        contenido=canonico(paquete).decode("utf-8"),
                        firma=sobre["firma"],
                        publicado_en=paquete["publicado_en"],
                    )
                )
            return sobre
        except IntegrityError:
            continue
    raise ErrorJerez("paquete: no se pudo asignar una versión; intente de nuevo")


def ultimo(motor: Engine) -> dict[str, Any] | None:
    with motor.connect() as conexion:
        fila = conexion.execute(
            sa.select(m.paquete.c.contenido, m.paquete.c.firma).order_by(m.paquete.c.version.desc()).limit(1)
        ).first()
    if fila is None:
        return None
    return {"paquete": json.loads(fila.contenido), "firma": fila.firma}
