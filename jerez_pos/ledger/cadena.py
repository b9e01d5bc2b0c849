"""Hash chain over receipts and voids, and its verification.

One chain per terminal, shared by ``recibo`` and ``anulacion`` and ordered by ``eslabon`` (1, 2, 3…).
Each link's hash is SHA-256(previous hash ‖ canonical JSON of the link), and the terminal's Ed25519 key
signs that hash. The canonical document is rebuilt from the stored rows (the same dicts are used when
writing), so editing any hashed column, line, tender or authorization behind the app's back breaks it.
The first link's "previous hash" is bound to the terminal: SHA-256("jerez-pos|" ‖ serie ‖ public key).
"""

from __future__ import annotations

import hashlib
import heapq
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import Connection, text

from jerez_pos.ledger.comun import canonico
from jerez_pos.ledger.identidad import Identidad


def genesis(identidad: Identidad) -> bytes:
    return hashlib.sha256(b"jerez-pos|" + identidad.serie.encode() + identidad.llave_publica).digest()


def enlazar_texto(previo: bytes, texto: bytes) -> bytes:
    """The link's hash from the document's canonical text (what ``enlazar`` computes from the object)."""
    return hashlib.sha256(previo + texto).digest()


def enlazar(previo: bytes, documento: dict[str, Any]) -> bytes:
    return hashlib.sha256(previo + canonico(documento)).digest()


def doc_recibo(
    recibo: dict[str, Any],
    lineas: list[dict[str, Any]],
    pagos: list[dict[str, Any]],
    autorizaciones: list[dict[str, Any]],
) -> dict[str, Any]:
    return {
        "tipo": "recibo",
        **{
            k: recibo[k]
            for k in (
                "serie",
                "numero",
                "eslabon",
                "turno_id",
                "cajero_id",
                "fecha",
                "total_centavos",
                "ajuste_centavos",
                "cambio_centavos",
            )
        },
        "contribuyente": json.loads(recibo["contribuyente"]),
        "lineas": [
            {
                "n": x["n"],
                "clave": x["clave"],
                "rubro": x["rubro"],
                "total_centavos": x["total_centavos"],
                "cotizacion": json.loads(x["cotizacion"]),
            }
            for x in lineas
        ],
        "pagos": [
            {
                "n": p["n"],
                "forma": p["forma"],
                "importe_centavos": p["importe_centavos"],
                "datos": json.loads(p["datos"]),
            }
            for p in pagos
        ],
        "autorizaciones": [
            {k: a[k] for k in ("linea", "supervisor_id", "motivo", "referencia")} for a in autorizaciones
        ],
    }


def doc_anulacion(anulacion: dict[str, Any], hash_recibo: bytes) -> dict[str, Any]:
    return {
        "tipo": "anulacion",
        "recibo_hash": hash_recibo.hex(),
        **{k: anulacion[k] for k in ("recibo_id", "eslabon", "supervisor_id", "usuario_id", "motivo", "fecha")},
    }


@dataclass(frozen=True)
class Punta:
    """The chain's last link: where the next one attaches and the time it may not precede."""

    eslabon: int
    hash: bytes
    fecha: str | None


# The chain tip is read on every charge and void: statements built once.
_SQL_PUNTA = {
    t: text(f"SELECT eslabon, hash, fecha FROM {t} ORDER BY eslabon DESC LIMIT 1") for t in ("recibo", "anulacion")
}


def punta(conexion: Connection, identidad: Identidad) -> Punta:
    mejor = Punta(0, genesis(identidad), None)
    for tabla in ("recibo", "anulacion"):
        fila = conexion.execute(_SQL_PUNTA[tabla]).first()
        if fila is not None and fila.eslabon > mejor.eslabon:
            mejor = Punta(int(fila.eslabon), bytes(fila.hash), fila.fecha)
    return mejor


@dataclass
class Eslabon:
    eslabon: int
    etiqueta: str
    documento: dict[str, Any]
    hash: bytes
    firma: bytes
    texto: str | None = None  # the canonical text stored with a receipt (schema 0005 on)

    def __lt__(self, otro: Eslabon) -> bool:
        return self.eslabon < otro.eslabon


def _grupos(cursor: sqlite3.Cursor) -> Iterator[tuple[int, list[dict[str, Any]]]]:
    """Rows ordered by recibo_id, grouped: a merge join that keeps memory flat on a 1M-receipt ledger."""
    actual: int | None = None
    grupo: list[dict[str, Any]] = []
    for fila in cursor:
        if fila["recibo_id"] != actual:
            if actual is not None:
                yield actual, grupo
            actual, grupo = fila["recibo_id"], []
        grupo.append(dict(fila))
    if actual is not None:
        yield actual, grupo


class _Seguidor:
    def __init__(self, cursor: sqlite3.Cursor) -> None:
        self._iter = _grupos(cursor)
        self._siguiente = next(self._iter, None)

    def de(self, recibo_id: int) -> list[dict[str, Any]]:
        while self._siguiente is not None and self._siguiente[0] < recibo_id:
            self._siguiente = next(self._iter, None)
        if self._siguiente is not None and self._siguiente[0] == recibo_id:
            return self._siguiente[1]
        return []


def _recibos(conexion: sqlite3.Connection) -> Iterator[Eslabon]:
    lineas = _Seguidor(conexion.execute("SELECT * FROM recibo_linea ORDER BY recibo_id, n"))
    pagos = _Seguidor(conexion.execute("SELECT * FROM recibo_pago ORDER BY recibo_id, n"))
    autorizaciones = _Seguidor(conexion.execute("SELECT * FROM autorizacion ORDER BY recibo_id, id"))
    for fila in conexion.execute("SELECT * FROM recibo ORDER BY id"):
        recibo = dict(fila)
        documento = doc_recibo(recibo, lineas.de(recibo["id"]), pagos.de(recibo["id"]), autorizaciones.de(recibo["id"]))
        yield Eslabon(
            recibo["eslabon"],
            f"recibo {recibo['serie']}-{recibo['numero']}",
            documento,
            bytes(recibo["hash"]),
            bytes(recibo["firma"]),
            recibo.get("documento"),
        )


def _anulaciones(conexion: sqlite3.Connection) -> Iterator[Eslabon]:
    consulta = (
        "SELECT a.*, r.hash AS hash_recibo, r.serie, r.numero FROM anulacion a "
        "JOIN recibo r ON r.id = a.recibo_id ORDER BY a.eslabon"
    )
    for fila in conexion.execute(consulta):
        anulacion = dict(fila)
        yield Eslabon(
            anulacion["eslabon"],
            f"anulación del recibo {anulacion['serie']}-{anulacion['numero']}",
            doc_anulacion(anulacion, bytes(anulacion["hash_recibo"])),
            bytes(anulacion["hash"]),
            bytes(anulacion["firma"]),
        )


@dataclass
class Revision:
    recibos: int = 0
    anulaciones: int = 0
    fallas: list[str] = field(default_factory=list)

    @property
    def integra(self) -> bool:
        return not self.fallas


def revisar(conexion: sqlite3.Connection, identidad: Identidad) -> Revision:
    publica = Ed25519PublicKey.from_public_bytes(identidad.llave_publica)
    revision = Revision()
    previo = genesis(identidad)
    esperado = 1
    for eslabon in heapq.merge(_recibos(conexion), _anulaciones(conexion)):
        if eslabon.documento["tipo"] == "recibo":
            revision.recibos += 1
        else:
            revision.anulaciones += 1
        if eslabon.eslabon != esperado:
            revision.fallas.append(f"falta el eslabón {esperado} (sigue el {eslabon.eslabon}, {eslabon.etiqueta})")
        if enlazar(previo, eslabon.documento) != eslabon.hash:
            revision.fallas.append(
                f"{eslabon.etiqueta} (eslabón {eslabon.eslabon}): el contenido no coincide "
                "con su hash; fue alterado fuera del programa"
            )
        if eslabon.texto is not None and eslabon.texto.encode("utf-8") != canonico(eslabon.documento):
            # Sync sends the stored text: it must be exactly the document the rows describe.
            revision.fallas.append(
                f"{eslabon.etiqueta} (eslabón {eslabon.eslabon}): el texto guardado del documento no coincide "
                "con sus filas; fue alterado fuera del programa"
            )
        try:
            publica.verify(eslabon.firma, eslabon.hash)
        except InvalidSignature:
            revision.fallas.append(f"{eslabon.etiqueta} (eslabón {eslabon.eslabon}): firma inválida")
        previo = eslabon.hash  # continue from the stored hash so one edit is reported once
        esperado = eslabon.eslabon + 1
    return revision
