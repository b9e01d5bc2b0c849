"""The chain document: the one definition of what a receipt or a void hashes, for ledger, sync, central
and printing alike.

A terminal's receipts and voids form one hash chain. Each link hashes SHA-256(previous hash ‖ canonical
text of its document); the first link's "previous hash" is the terminal's genesis,
SHA-256("jerez-pos|" ‖ serie ‖ public key). The canonical text is JSON with sorted keys, no spaces, UTF-8.

Versions. Receipts already printed must verify forever, so the format can only grow by versions:
a document says which version it follows in its ``version`` field, and a document without one is
version 1 (every document written so far: version 1 has no such field and stays byte-identical).
``FORMATOS`` registers, per type and version, the fields a document takes from its rows; everything
that builds or checks a document goes through this module, and a version it does not know is refused
(``VersionDesconocida``) instead of being checked against the wrong field list.

Folios (``SERIE-NÚMERO``) and the short verification code printed under the QR (the first 16 hex
characters of the chain hash) are read and written here too: they are how people name a link.

Pure: no database, no I/O; only the standard library and ``core.errores``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.core.texto import corto

VERSION_ACTUAL = 1
PREFIJO_GENESIS = b"jerez-pos|"
TIPOS = ("recibo", "anulacion")
LONGITUD_CODIGO = 16  # hex characters of the chain hash printed under the QR
MAX_DIGITOS_FOLIO = 9


@dataclass(frozen=True)
class Formato:
    """The fields of one document type in one version; the sub-lists only apply to receipts."""

    tipo: str
    version: int
    campos: tuple[str, ...]
    lineas: tuple[str, ...] = ()
    pagos: tuple[str, ...] = ()
    autorizaciones: tuple[str, ...] = ()


FORMATOS: dict[tuple[str, int], Formato] = {
    ("recibo", 1): Formato(
        "recibo",
        1,
        campos=(
            "serie",
            "numero",
            "eslabon",
            "turno_id",
            "cajero_id",
            "fecha",
            "total_centavos",
            "ajuste_centavos",
            "cambio_centavos",
        ),
        lineas=("n", "clave", "rubro", "total_centavos"),  # plus "cotizacion", parsed from its JSON column
        pagos=("n", "forma", "importe_centavos"),  # plus "datos", parsed from its JSON column
        autorizaciones=("linea", "supervisor_id", "motivo", "referencia"),
    ),
    ("anulacion", 1): Formato(
        "anulacion", 1, campos=("recibo_id", "eslabon", "supervisor_id", "usuario_id", "motivo", "fecha")
    ),
}
VERSIONES = tuple(sorted({v for _, v in FORMATOS}))


class VersionDesconocida(ErrorEntrada):
    """A document of a format this program does not know: never checked against another version's rules."""

    def __init__(self, version: Any) -> None:
        conocidas = ", ".join(str(v) for v in VERSIONES)
        super().__init__(
            "version",
            f"el documento de la cadena declara la versión {str(version)[:20]!s} del formato, que este programa "
            f"no conoce (conoce: {conocidas}); actualice el programa para verificarlo",
        )
        self.version = version


def canonico(datos: Any) -> bytes:
    """The one serialization that is hashed or signed: sorted keys, no spaces, UTF-8."""
    return json.dumps(datos, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def genesis(serie: str, llave_publica: bytes) -> bytes:
    """The first link's "previous hash", bound to the terminal's series and key."""
    return hashlib.sha256(PREFIJO_GENESIS + serie.encode() + llave_publica).digest()


def enlazar_texto(previo: bytes, texto: bytes) -> bytes:
    """The link's hash from the document's canonical text (what ``enlazar`` computes from the object)."""
    return hashlib.sha256(previo + texto).digest()


def enlazar(previo: bytes, documento: dict[str, Any]) -> bytes:
    return hashlib.sha256(previo + canonico(documento)).digest()


def version_de(documento: dict[str, Any]) -> int:
    """The document's format version (absent = 1); an unknown one raises ``VersionDesconocida``."""
    version = documento.get("version", 1)
    if type(version) is not int or version not in VERSIONES:
        raise VersionDesconocida(version)
    return version


def version_conocida(documento: dict[str, Any]) -> bool:
    version = documento.get("version", 1)
    return type(version) is int and version in VERSIONES


def version_de_texto(texto: str) -> int:
    """``version_de`` for a stored canonical text; version 1 texts have no top-level ``version`` key, so
    the common case costs a substring search, not a parse."""
    if '"version":' not in texto:
        return 1
    return version_de(json.loads(texto))


def formato(tipo: str, version: int = VERSION_ACTUAL) -> Formato:
    try:
        return FORMATOS[(tipo, version)]
    except KeyError:
        raise VersionDesconocida(version) from None


def _cabeza(f: Formato) -> dict[str, Any]:
    # Version 1 carries no "version" field: that keeps every existing hash valid.
    return {"tipo": f.tipo} if f.version == 1 else {"tipo": f.tipo, "version": f.version}


def doc_recibo(
    recibo: dict[str, Any],
    lineas: list[dict[str, Any]],
    pagos: list[dict[str, Any]],
    autorizaciones: list[dict[str, Any]],
    version: int = VERSION_ACTUAL,
) -> dict[str, Any]:
    """A receipt's document from its rows (the JSON columns ``contribuyente``, ``cotizacion`` and
    ``datos`` are parsed: the document holds their values, not their text)."""
    f = formato("recibo", version)
    return {
        **_cabeza(f),
        **{k: recibo[k] for k in f.campos},
        "contribuyente": json.loads(recibo["contribuyente"]),
        "lineas": [{**{k: x[k] for k in f.lineas}, "cotizacion": json.loads(x["cotizacion"])} for x in lineas],
        "pagos": [{**{k: p[k] for k in f.pagos}, "datos": json.loads(p["datos"])} for p in pagos],
        "autorizaciones": [{k: a[k] for k in f.autorizaciones} for a in autorizaciones],
    }


def doc_anulacion(anulacion: dict[str, Any], hash_recibo: bytes, version: int = VERSION_ACTUAL) -> dict[str, Any]:
    f = formato("anulacion", version)
    return {**_cabeza(f), "recibo_hash": hash_recibo.hex(), **{k: anulacion[k] for k in f.campos}}


# --- Which account years a receipt pays ---------------------------------------------------------------------
# A receipt charged to a taxpayer account (``ledger.cuentas.cobrar``) already says so in version 1: the
# contribuyente names the account (``cuenta_catastral`` for predial, ``licencia`` for comercio) and every line
# it pays carries its fiscal year in the chained quotation (``cotizacion.parametros.ejercicio``), a parameter
# no catalog concept accepts from a cashier. So central rebuilds the account/year links from the chain alone
# and no new document version is needed.
CUENTA_POR_PADRON = (("predial", "cuenta_catastral"), ("comercio", "licencia"))


@dataclass(frozen=True)
class PagoCuenta:
    padron: str
    cuenta: str
    ejercicio: int
    total_centavos: int  # the lines of that year together


def cuentas_pagadas(documento: dict[str, Any]) -> list[PagoCuenta]:
    """The (account, year) pairs a receipt document pays, oldest year first; [] for any other receipt."""
    contribuyente = documento.get("contribuyente")
    if documento.get("tipo") != "recibo" or not isinstance(contribuyente, dict):
        return []
    padron, cuenta = next(((p, str(contribuyente[c])) for p, c in CUENTA_POR_PADRON if contribuyente.get(c)), ("", ""))
    if not padron:
        return []
    por_anio: dict[int, int] = {}
    for linea in documento.get("lineas") or []:
        cotizacion = linea.get("cotizacion") if isinstance(linea, dict) else None
        parametros = cotizacion.get("parametros") if isinstance(cotizacion, dict) else None
        ejercicio = parametros.get("ejercicio") if isinstance(parametros, dict) else None
        if isinstance(ejercicio, str) and ejercicio.isascii() and ejercicio.isdigit() and len(ejercicio) == 4:
            total = linea.get("total_centavos")
            por_anio[int(ejercicio)] = por_anio.get(int(ejercicio), 0) + (total if type(total) is int else 0)
    return [PagoCuenta(padron, cuenta.upper(), anio, total) for anio, total in sorted(por_anio.items())]


# --- How people name a link: the folio and the code under the QR ------------------------------------------
def folio(serie: str, numero: int) -> str:
    return f"{serie}-{numero}"


def separar_folio(texto: str, campo: str = "folio", serie_opcional: bool = False) -> tuple[str, int]:
    """``"jrz1-15"`` → ``("JRZ1", 15)``. With ``serie_opcional`` a bare number is accepted (serie "")."""
    serie, _, numero = texto.strip().upper().rpartition("-")
    serie_valida = (serie.isascii() and serie.isalnum() and len(serie) <= 16) if serie else serie_opcional
    if not (numero.isascii() and numero.isdigit() and len(numero) <= MAX_DIGITOS_FOLIO) or not serie_valida:
        otra = " o sólo el número" if serie_opcional else ""
        raise ErrorEntrada(campo, f"«{corto(texto)}» no es un folio; use SERIE-NÚMERO (p. ej. JRZ1-15){otra}")
    return serie, int(numero)


def codigo_de(hash_cadena: bytes) -> str:
    """The short code printed under the QR: 16 hex characters of the chain hash, upper case for reading."""
    return hash_cadena.hex()[:LONGITUD_CODIGO].upper()


def codigo_coincide(hash_cadena: bytes, codigo: str) -> bool:
    """A typed or scanned code (at least its first 8 characters, any case) against the stored hash."""
    return hash_cadena.hex().startswith(codigo.strip().lower())
