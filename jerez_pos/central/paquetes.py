"""Signed packages, downward: catalog/UMA and the predial and comercio rolls. The treasury key signs,
versions only go up; terminals fetch them in version order (``siguiente``), so a roll published after a
catalog never hides that catalog from a terminal that was offline for both."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from jerez_pos.central import modelos as m
from jerez_pos.central.bd import marca_utc
from jerez_pos.core.documento import canonico
from jerez_pos.core.errores import ErrorEntrada, ErrorJerez
from jerez_pos.sync.protocolo import firmar_paquete

TIPOS_PADRON = ("predial", "comercio")
TIPOS_PAQUETE = ("catalogo", "uma", "catalogo+uma", "padron", "inpc")


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


def siguiente(motor: Engine, version: int) -> dict[str, Any] | None:
    """The oldest package newer than ``version``: a terminal applies every package in order."""
    with motor.connect() as conexion:
        fila = conexion.execute(
            sa.select(m.paquete.c.contenido, m.paquete.c.firma)
            .where(m.paquete.c.version > version)
            .order_by(m.paquete.c.version)
            .limit(1)
        ).first()
    if fila is None:
        return None
    return {"paquete": json.loads(fila.contenido), "firma": fila.firma}


def armar_padron(tipo: str, texto: str) -> tuple[str, dict[str, Any]]:
    """(tipo, contenido) of a roll package: the CSV exactly as ``padron … importar`` takes it, validated by
    that import's own reader against the catalog the terminals start with, so the treasury never signs a
    roll a terminal would refuse."""
    from jerez_pos import config
    from jerez_pos.catalogo.cargar import cargar
    from jerez_pos.ledger.cuentas_padron import validar

    if tipo not in TIPOS_PADRON:
        raise ErrorEntrada("--tipo", f"«{tipo}» no es un padrón; use {' o '.join(TIPOS_PADRON)}")
    cuentas = validar(tipo, texto, cargar(config.catalogo_incluido()))  # PadronInvalido: line and field
    return "padron", {"padron": {"tipo": tipo, "csv": texto, "cuentas": len(cuentas)}}


def armar_inpc(ruta: Path) -> tuple[str, dict[str, Any]]:
    """(tipo, contenido) of an INPC package: the CSV exactly as ``inpc importar`` takes it, validated by that
    import's own parser (line and field). Central keeps it, like the UMA table, to price arrears with the
    terminals' Art. 14 actualización; terminals add it to their own table when they sync."""
    from jerez_pos.ledger.inpc import leer_csv

    try:
        texto = ruta.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ErrorEntrada("--inpc", f"no se puede leer «{ruta}» como texto UTF-8 ({exc})") from None
    meses = leer_csv(texto)
    if not meses:
        raise ErrorEntrada("--inpc", f"«{ruta}» no trae ningún mes del INPC")
    return "inpc", {"inpc": {"csv": texto, "meses": len(meses)}}


def armar(catalogo: Path | None, uma: Path | None) -> tuple[str, dict[str, Any]]:
    """(tipo, contenido) of a package from a catalog directory and/or a UMA CSV, validated here exactly as
    the terminal will validate them, so the treasury never signs something terminals would refuse."""
    from jerez_pos.catalogo.cargar import cargar
    from jerez_pos.catalogo.uma import leer_uma
    from jerez_pos.ledger.tarifas import PATRONES

    if catalogo is None and uma is None:
        raise ErrorEntrada("--catalogo", "indique --catalogo DIRECTORIO, --uma ARCHIVO.csv o ambos")
    contenido: dict[str, Any] = {}
    if catalogo is not None:
        if not catalogo.is_dir():
            raise ErrorEntrada("--catalogo", f"«{catalogo}» no es un directorio de catálogo")
        leido = cargar(catalogo)  # CatalogoInvalido names file, line and field
        archivos = {
            ruta.relative_to(catalogo).as_posix(): ruta.read_text(encoding="utf-8")
            for patron in PATRONES
            for ruta in sorted(catalogo.glob(patron))
        }
        contenido["catalogo"] = {"id": leido.id, "archivos": archivos}
    if uma is not None:
        if not uma.is_file():
            raise ErrorEntrada("--uma", f"«{uma}» no es un archivo")
        leer_uma(uma)
        contenido["uma"] = {"csv": uma.read_text(encoding="utf-8")}
    tipo = "catalogo+uma" if len(contenido) == 2 else next(iter(contenido))
    return tipo, contenido
