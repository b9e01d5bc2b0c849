"""Terminal identity: municipio, delegación, name, folio series and the Ed25519 signing key.

Key storage choice: the private key is a PEM file in the data home (``llave_terminal.pem``, mode 0600),
never in the SQLite file, so a copied database or a backup sent for support cannot sign receipts. The
public key is in the ``terminal`` row, so anyone holding the database can verify signatures. A restored
backup on the same PC keeps signing with the same key; a new PC needs the key file (or re-enrollment).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import Connection, Engine, text

from jerez_pos.core.errores import ErrorEntrada, ErrorJerez
from jerez_pos.core.texto import corto, limpiar
from jerez_pos.ledger import auditoria
from jerez_pos.ledger.base import crudo, lector
from jerez_pos.ledger.comun import marca, reloj_sistema

ARCHIVO_LLAVE = "llave_terminal.pem"


class SinTerminal(ErrorJerez):
    pass


@dataclass(frozen=True)
class Identidad:
    municipio: str
    delegacion: str
    nombre: str
    serie: str
    llave_publica: bytes
    demo: bool


SQL_IDENTIDAD = "SELECT municipio, delegacion, nombre, serie, llave_publica, demo FROM terminal WHERE id = 1"


def leer_identidad(bd: Engine) -> Identidad | None:
    with lector(bd).connect() as conexion:
        return identidad_en(conexion)


def identidad_en(conexion: Connection) -> Identidad | None:
    """Inside the caller's transaction: the charge path reads it under the same write lock it writes with."""
    fila = crudo(conexion).execute(SQL_IDENTIDAD).fetchone()
    if fila is None:
        return None
    municipio, delegacion, nombre, serie, llave, demo = fila
    return Identidad(municipio, delegacion, nombre, serie, bytes(llave), bool(demo))


def exigir_identidad(bd: Engine | Connection) -> Identidad:
    identidad = identidad_en(bd) if isinstance(bd, Connection) else leer_identidad(bd)
    if identidad is None:
        raise SinTerminal("terminal: esta terminal no está dada de alta; un administrador debe registrarla")
    return identidad


def _escribir_llave(ruta: Path, llave: Ed25519PrivateKey) -> None:
    pem = llave.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    temporal = ruta.with_suffix(".tmp")
    descriptor = os.open(temporal, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as archivo:
        archivo.write(pem)
        archivo.flush()
        os.fsync(archivo.fileno())
    os.replace(temporal, ruta)  # atomic: a crash leaves the old file or the new one, never half a key


def registrar_terminal(
    bd: Engine, directorio: Path, municipio: str, delegacion: str, nombre: str, serie: str, demo: bool = False
) -> Identidad:
    """Creates the key pair and the identity row. A key file without a row (crash in between) is replaced."""
    serie = serie.strip().upper()
    if not (serie.isascii() and serie.isalnum()) or not 1 <= len(serie) <= 12:
        raise ErrorEntrada("serie", f"«{corto(serie)}» debe tener de 1 a 12 letras (A-Z) o dígitos (0-9)")
    municipio = limpiar(municipio, "--municipio", nombre="municipio", obligatorio=True)
    delegacion = limpiar(delegacion, "--delegacion", nombre="delegacion", obligatorio=True)
    nombre = limpiar(nombre, "--nombre", nombre="nombre", obligatorio=True)
    if leer_identidad(bd) is not None:
        raise ErrorJerez("terminal: esta terminal ya está registrada; la identidad no se cambia")
    llave = Ed25519PrivateKey.generate()
    _escribir_llave(directorio / ARCHIVO_LLAVE, llave)
    publica = llave.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    with bd.begin() as conexion:
        conexion.execute(
            text(
                "INSERT INTO terminal (id, municipio, delegacion, nombre, serie, llave_publica, demo, creada_en) "
                "VALUES (1, :m, :d, :n, :s, :k, :demo, :t)"
            ),
            {
                "m": municipio,
                "d": delegacion,
                "n": nombre,
                "s": serie,
                "k": publica,
                "demo": int(demo),
                "t": marca(reloj_sistema()),
            },
        )
        auditoria.registrar(conexion, "sistema", "alta de terminal", {"serie": serie, "demo": demo})
    return Identidad(municipio, delegacion, nombre, serie, publica, demo)


def llave_privada(directorio: Path, identidad: Identidad) -> Ed25519PrivateKey:
    ruta = directorio / ARCHIVO_LLAVE
    try:
        llave = serialization.load_pem_private_key(ruta.read_bytes(), password=None)
    except (OSError, ValueError):
        raise ErrorJerez(
            f"terminal: no se puede leer la llave de firma {ruta}; restáurela del respaldo "
            "o pida al administrador volver a registrar la terminal"
        ) from None
    if not isinstance(llave, Ed25519PrivateKey):
        raise ErrorJerez(f"terminal: {ruta} no es una llave Ed25519")
    publica = llave.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    if publica != identidad.llave_publica:
        raise ErrorJerez(
            f"terminal: la llave {ruta} no corresponde a la terminal {identidad.serie}; no se puede firmar"
        )
    return llave


def llave_publica(identidad: Identidad) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(identidad.llave_publica)
