"""Hash chain over receipts and voids, and its verification.

One chain per terminal, shared by ``recibo`` and ``anulacion`` and ordered by ``eslabon`` (1, 2, 3…).
Each link's hash is SHA-256(previous hash ‖ canonical JSON of the link), and the terminal's Ed25519 key
signs that hash. The canonical document is rebuilt from the stored rows (the same dicts are used when
writing), so editing any hashed column, line, tender or authorization behind the app's back breaks it.
What the document is (fields, versions, canonical text, genesis) is defined once in ``core.documento``;
``genesis``, ``enlazar``, ``enlazar_texto``, ``doc_recibo`` and ``doc_anulacion`` stay importable here.
"""

from __future__ import annotations

import heapq
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import Connection

from jerez_pos.core import documento
from jerez_pos.core.documento import canonico, doc_anulacion, doc_recibo, enlazar, enlazar_texto
from jerez_pos.ledger.base import crudo
from jerez_pos.ledger.identidad import Identidad

__all__ = ["Punta", "doc_anulacion", "doc_recibo", "enlazar", "enlazar_texto", "genesis", "punta", "revisar"]


def genesis(identidad: Identidad) -> bytes:
    return documento.genesis(identidad.serie, identidad.llave_publica)


@dataclass(frozen=True)
class Punta:
    """The chain's last link: where the next one attaches and the time it may not precede."""

    eslabon: int
    hash: bytes
    fecha: str | None


# The chain tip is read on every charge and void: one statement, each side a seek on its unique eslabon.
_SQL_PUNTA = (
    "SELECT eslabon, hash, fecha FROM (SELECT eslabon, hash, fecha FROM recibo ORDER BY eslabon DESC LIMIT 1) "
    "UNION ALL SELECT eslabon, hash, fecha FROM (SELECT eslabon, hash, fecha FROM anulacion "
    "ORDER BY eslabon DESC LIMIT 1) ORDER BY eslabon DESC LIMIT 1"
)


def punta(conexion: Connection, identidad: Identidad) -> Punta:
    fila = crudo(conexion).execute(_SQL_PUNTA).fetchone()
    if fila is None:
        return Punta(0, genesis(identidad), None)
    return Punta(int(fila[0]), bytes(fila[1]), fila[2])


@dataclass
class Eslabon:
    eslabon: int
    etiqueta: str
    documento: dict[str, Any]
    hash: bytes
    firma: bytes
    texto: str | None = None  # the canonical text stored with a receipt (schema 0005 on)
    desconocido: str | None = None  # why the document could not be read (a format version unknown here)

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
        etiqueta = f"recibo {documento.folio(recibo['serie'], recibo['numero'])}"
        texto = recibo.get("documento")
        partes = (lineas.de(recibo["id"]), pagos.de(recibo["id"]), autorizaciones.de(recibo["id"]))
        try:  # the stored text says which format the rows were hashed in (rows before 0005: version 1)
            version = documento.VERSION_ACTUAL if texto is None else documento.version_de_texto(texto)
        except documento.VersionDesconocida as error:
            hash_, firma = bytes(recibo["hash"]), bytes(recibo["firma"])
            yield Eslabon(recibo["eslabon"], etiqueta, {"tipo": "recibo"}, hash_, firma, texto, error.mensaje)
            continue
        yield Eslabon(
            recibo["eslabon"],
            etiqueta,
            doc_recibo(recibo, *partes, version=version),
            bytes(recibo["hash"]),
            bytes(recibo["firma"]),
            texto,
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
            f"anulación del recibo {documento.folio(anulacion['serie'], anulacion['numero'])}",
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
        if eslabon.desconocido is not None:
            revision.fallas.append(f"{eslabon.etiqueta} (eslabón {eslabon.eslabon}): {eslabon.desconocido}")
            previo, esperado = eslabon.hash, eslabon.eslabon + 1
            continue  # its hash can't be checked with the wrong field list; the next link is checked from it
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
