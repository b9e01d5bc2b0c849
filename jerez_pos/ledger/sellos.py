"""Hashes and signatures that make the tariff data tamper-evident: catalog files and the UMA table.

Triggers stop an ``UPDATE`` through the program, but anyone with the file can drop a trigger, edit a
value and put the trigger back. So every stored value carries proof of what it was when it was imported:

- a catalog keeps, per file, the sha256 of its text (``catalogo_sello.archivos``) next to the hash over all
  files (``catalogo.huella``), so a mismatch names the file that changed;
- every UMA row carries a hash chained to the previous row (a deleted or edited row breaks the chain);
- both are signed with the terminal's Ed25519 key when the terminal has one. A value stored before the
  terminal had its key (the first start seeds the catalog and UMA table shipped with the program) has no
  signature and is accepted only if it is exactly what the program ships.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from decimal import Decimal

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

GENESIS_UMA = bytes(32)
Firmador = Callable[[bytes], bytes]


def huella_catalogo(archivos: Mapping[str, str]) -> str:
    """The hash over every file of a catalog (``catalogo.huella``): paths and texts, in path order."""
    h = hashlib.sha256()
    for ruta in sorted(archivos):
        h.update(ruta.encode() + b"\0" + archivos[ruta].encode() + b"\0")
    return h.hexdigest()


def huellas_por_archivo(archivos: Mapping[str, str]) -> dict[str, str]:
    return {ruta: hashlib.sha256(archivos[ruta].encode()).hexdigest() for ruta in sorted(archivos)}


def mensaje_catalogo(municipio: str, ejercicio: int, version: int, huella: str, por_archivo: str) -> bytes:
    """What the terminal signs for a catalog: its identity, its hash and the per-file hashes (JSON text)."""
    return f"catalogo\0{municipio}\0{ejercicio}\0{version}\0{huella}\0{por_archivo}".encode()


def texto_por_archivo(por_archivo: Mapping[str, str]) -> str:
    return json.dumps(dict(sorted(por_archivo.items())), separators=(",", ":"))


def huella_uma(
    anterior: bytes,
    anio: int,
    version: int,
    diaria_centavos: int,
    vigente_desde: str,
    fuente: str,
    importado_en: str,
    mensual_centavos: int | None = None,
    anual_centavos: int | None = None,
) -> bytes:
    """A UMA row's hash, chained to the row before it (by id); the first row chains to 32 zero bytes.

    The published monthly and annual values (0012) enter the hash only when the row has them, so every row
    written before them keeps the hash it was signed with."""
    fila = f"uma\0{anio}\0{version}\0{diaria_centavos}\0{vigente_desde}\0{fuente}\0{importado_en}"
    if mensual_centavos is not None or anual_centavos is not None:
        publicadas = ("" if x is None else str(x) for x in (mensual_centavos, anual_centavos))
        fila += "".join(f"\0{x}" for x in publicadas)
    return hashlib.sha256(anterior + fila.encode()).digest()


def mensaje_confirmacion(catalogo_id: int, clave: str, usuario: str, motivo: str, confirmado_en: str) -> bytes:
    return f"confirmacion\0{catalogo_id}\0{clave}\0{usuario}\0{motivo}\0{confirmado_en}".encode()


def mensaje_uma(huella: bytes) -> bytes:
    return b"uma\0" + huella


def firma_valida(llave: Ed25519PublicKey | None, firma: bytes | None, mensaje: bytes) -> bool:
    if llave is None or firma is None:
        return False
    try:
        llave.verify(firma, mensaje)
    except InvalidSignature:
        return False
    return True


def pesos(centavos: int) -> str:
    return f"${Decimal(centavos) / 100:,.2f}"
