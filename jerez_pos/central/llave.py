"""The treasury's package-signing key: a PEM file (0600) outside the database, created on first use."""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from jerez_pos import config
from jerez_pos.core.errores import ErrorJerez


def ruta_llave() -> Path:
    elegida = os.environ.get("JEREZ_CENTRAL_LLAVE")
    return Path(elegida) if elegida else config.home() / "llave_tesoreria.pem"


def cargar_o_crear(ruta: Path | None = None) -> Ed25519PrivateKey:
    ruta = ruta or ruta_llave()
    if ruta.exists():
        llave = serialization.load_pem_private_key(ruta.read_bytes(), password=None)
        if not isinstance(llave, Ed25519PrivateKey):
            raise ErrorJerez(f"llave: {ruta} no es una llave Ed25519")
        return llave
    ruta.parent.mkdir(parents=True, exist_ok=True)
    llave = Ed25519PrivateKey.generate()
    pem = llave.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    descriptor = os.open(ruta, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as archivo:
        archivo.write(pem)
    return llave
