"""The wire format shared by the terminal and the central server (no I/O, no framework).

Request signature: the terminal signs, with its Ed25519 key, the canonical string

    JEREZ-POS-1\\n<METHOD>\\n<path>\\n<terminal serie>\\n<unix seconds>\\n<hex SHA-256 of the body>

and sends it in four headers (``X-Terminal``, ``X-Marca-Tiempo``, ``X-Digest``, ``X-Firma`` base64). The
server answers every request with ``X-Hora-Servidor`` (unix seconds) so a terminal whose clock is years off
can still sign fresh requests: it signs with *its clock + the learned offset*, while the receipts keep the
time the terminal claimed.

A record (receipt or void) travels as ``{"id", "secuencia", "tipo", "hash_previo", "hash", "firma",
"documento"}``: ``documento`` is the *text* of the canonical JSON of the chain document
(``core.documento``, its one definition), ``hash = SHA-256(hash_previo ‖ that text in UTF-8)`` and
``firma`` is the terminal's signature of ``hash``, exactly as the ledger stores them. Sending the text, not
the object, lets central hash and keep the very bytes the terminal hashed, without serializing again.
"""

from __future__ import annotations

import base64
import hashlib
import uuid
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

import orjson
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

# The chain document is defined once, in core; its helpers stay importable from here for the wire code.
from jerez_pos.core.documento import TIPOS as TIPOS
from jerez_pos.core.documento import canonico as canonico
from jerez_pos.core.documento import enlazar as enlazar
from jerez_pos.core.documento import enlazar_texto
from jerez_pos.core.documento import genesis as genesis

# How long a one-time enrollment code works, shared by central (which enforces it) and the CLI that prints
# it (the cashier build has no central server to ask).
VIGENCIA_CODIGO_HORAS = 72

VERSION = "JEREZ-POS-1"
H_TERMINAL = "X-Terminal"
H_MARCA = "X-Marca-Tiempo"
H_DIGEST = "X-Digest"
H_FIRMA = "X-Firma"
H_HORA_SERVIDOR = "X-Hora-Servidor"
VENTANA_SEGUNDOS = 300  # a signed request older or newer than this (after offset correction) is refused
ESPACIO_IDS = uuid.UUID("6b0b7c1e-5a43-4e2b-9d1f-4a6f6a657265")
_ESPACIO = ESPACIO_IDS.bytes


def digest(cuerpo: bytes) -> str:
    return hashlib.sha256(cuerpo).hexdigest()


def cadena_firmada(metodo: str, ruta: str, terminal: str, marca: int, digest_hex: str) -> bytes:
    return "\n".join((VERSION, metodo.upper(), ruta, terminal, str(marca), digest_hex)).encode("utf-8")


def encabezados_firmados(
    llave: Ed25519PrivateKey, terminal: str, metodo: str, ruta: str, cuerpo: bytes, marca: int
) -> dict[str, str]:
    resumen = digest(cuerpo)
    firma = llave.sign(cadena_firmada(metodo, ruta, terminal, marca, resumen))
    return {
        H_TERMINAL: terminal,
        H_MARCA: str(marca),
        H_DIGEST: resumen,
        H_FIRMA: base64.b64encode(firma).decode("ascii"),
    }


def firma_valida(publica: bytes, firma: bytes, mensaje: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(publica).verify(firma, mensaje)
    except (InvalidSignature, ValueError):
        return False
    return True


@lru_cache(maxsize=16)
def _prefijo_id(llave_publica: bytes) -> Any:
    """SHA-1 already fed with the namespace and "<key hex>/": each id then hashes only its sequence."""
    return hashlib.sha1(_ESPACIO + f"{llave_publica.hex()}/".encode())


def id_registro(llave_publica: bytes, secuencia: int) -> str:
    """Deterministic client id: a retried or re-read record always travels with the same id, and a ledger
    restored from an old backup that re-uses a sequence with other content collides with it (a conflict).

    This is ``str(uuid.uuid5(ESPACIO_IDS, "<key hex>/<sequence>"))`` (RFC 4122: SHA-1 of namespace and name,
    version 5, variant 10) written out by hand: building the ``UUID`` object cost more than the hash, and the
    sync reads a hundred thousand of these. A test compares both on many inputs."""
    suma = _prefijo_id(llave_publica).copy()
    suma.update(str(secuencia).encode())
    resumen = bytearray(suma.digest()[:16])
    resumen[6] = (resumen[6] & 0x0F) | 0x50
    resumen[8] = (resumen[8] & 0x3F) | 0x80
    x = resumen.hex()
    return f"{x[:8]}-{x[8:12]}-{x[12:16]}-{x[16:20]}-{x[20:]}"


def publica_cruda(llave: Ed25519PrivateKey) -> bytes:
    return llave.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


@dataclass(frozen=True)
class Registro:
    """One chain link ready to travel; ``ref`` is the local handle the store uses to mark it confirmed."""

    id: str
    secuencia: int
    tipo: str
    hash_previo: bytes
    hash: bytes
    firma: bytes
    documento: dict[str, Any]
    ref: int = 0

    @cached_property
    def texto(self) -> str:
        """The canonical text of ``documento``: what the hash covers and what travels.

        orjson writes the same bytes as ``canonico`` (``core.documento``) for the ledger's documents
        (strings, integers, lists, objects) about six times faster; the record's own hash decides, so a
        document where the two could differ (a float, an integer beyond 64 bits) still travels in the
        ledger's exact form."""
        try:
            rapido = orjson.dumps(self.documento, option=orjson.OPT_SORT_KEYS)
        except TypeError:  # orjson.JSONEncodeError: something orjson refuses, e.g. a very large integer
            rapido = b""
        if enlazar_texto(self.hash_previo, rapido) == self.hash:
            return rapido.decode("utf-8")
        return canonico(self.documento).decode("utf-8")

    def a_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "secuencia": self.secuencia,
            "tipo": self.tipo,
            "hash_previo": self.hash_previo.hex(),
            "hash": self.hash.hex(),
            "firma": self.firma.hex(),
            "documento": self.texto,
        }


def cuerpo_lote(registros: list[Registro], punta: int) -> bytes:
    # The envelope needs no canonical form: the request signature covers its exact bytes.
    return orjson.dumps({"punta": punta, "registros": [r.a_json() for r in registros]})


# Signed catalog/UMA packages, downward. The treasury key signs the canonical JSON of the package.
def firmar_paquete(llave: Ed25519PrivateKey, paquete: dict[str, Any]) -> dict[str, Any]:
    return {"paquete": paquete, "firma": llave.sign(canonico(paquete)).hex()}


class PaqueteRechazado(Exception):
    def __init__(self, mensaje: str) -> None:
        super().__init__(mensaje)
        self.mensaje = mensaje


def verificar_paquete(publica_tesoreria: bytes, sobre: Any, version_local: int) -> dict[str, Any]:
    """Returns the package if its signature is the treasury's and its version is newer than ours.

    The decision never looks at a clock: a terminal whose date is 2000 or 2099 still refuses an older
    version and still accepts a newer one, because versions are integers the treasury increments."""
    if not isinstance(sobre, dict) or not isinstance(sobre.get("paquete"), dict):
        raise PaqueteRechazado("paquete: la respuesta no contiene un paquete")
    paquete: dict[str, Any] = sobre["paquete"]
    try:
        firma = bytes.fromhex(str(sobre.get("firma", "")))
    except ValueError:
        raise PaqueteRechazado("firma: no es hexadecimal") from None
    if not firma_valida(publica_tesoreria, firma, canonico(paquete)):
        raise PaqueteRechazado("firma: el paquete no está firmado por la tesorería; se rechaza")
    version = paquete.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise PaqueteRechazado("version: debe ser un número entero")
    if version <= version_local:
        raise PaqueteRechazado(
            f"version: el paquete {version} no es más nuevo que el instalado ({version_local}); se rechaza"
        )
    return paquete
