"""The receipt ledger as an ``Almacen``, plus the terminal's sync settings.

The ledger's ``outbox`` is append-only (its triggers refuse UPDATE), so acknowledgements live in a separate
SQLite file in the data home (``sincronizacion.sqlite3``): table ``confirmado`` (outbox id → sequence and
the hash of the chain link acknowledged) and ``ajuste`` (server URL, treasury key, installed package
version). The ledger is attached read-only in spirit: this module never writes to it. Losing the sync file
only makes the next sync resend everything, which central answers with ``existe``.

The file outlives the ledger's own history: after a restore (an older backup, a journal replay) an outbox id
can name another link than the one acknowledged. ``reconciliar`` (run before every sync) drops every
acknowledgement whose outbox row no longer points at a link with the acknowledged hash, so nothing charged
after a restore is taken as sent. Only ``recibo`` and ``anulacion`` outbox rows travel today;
``entrega`` and ``corte`` stay local.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from functools import cached_property
from pathlib import Path
from typing import Any

import orjson

from jerez_pos.core.documento import doc_anulacion, doc_recibo, enlazar_texto, genesis
from jerez_pos.ledger.identidad import Identidad
from jerez_pos.sync.protocolo import Registro, id_registro

ARCHIVO = "sincronizacion.sqlite3"
_ESQUEMA = (
    "CREATE TABLE IF NOT EXISTS confirmado (outbox_id INTEGER PRIMARY KEY, secuencia INTEGER NOT NULL, "
    "confirmado_en TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS ajuste (clave TEXT PRIMARY KEY, valor TEXT NOT NULL)",
)
# Each acknowledgement with the hash its outbox row points at today (NULL: the row or its link is gone).
_ACUSES = (
    "SELECT c.outbox_id, c.hash, coalesce(r.hash, a.hash) FROM confirmado c "
    "LEFT JOIN libro.outbox o ON o.id = c.outbox_id "
    "LEFT JOIN libro.recibo r ON o.tipo = 'recibo' AND r.id = o.ref_id "
    "LEFT JOIN libro.anulacion a ON o.tipo = 'anulacion' AND a.id = o.ref_id "
    "WHERE c.outbox_id > ? AND (c.hash IS NULL OR coalesce(r.hash, a.hash) IS NOT c.hash)"
)
_HASH_DE_FILA = (
    "SELECT coalesce(r.hash, a.hash) FROM libro.outbox o "
    "LEFT JOIN libro.recibo r ON o.tipo = 'recibo' AND r.id = o.ref_id "
    "LEFT JOIN libro.anulacion a ON o.tipo = 'anulacion' AND a.id = o.ref_id WHERE o.id = ?"
)
MARCA_REVISADA = "acuses_revisados"  # "outbox id:hash hex" of the highest acknowledgement already checked
# The chain from a sequence on: each table walked by its unique ``eslabon`` index and cut at the limit, then
# merged; the outbox row (for the acknowledgement mark) found through ``ix_outbox_ref``. CROSS JOIN fixes that
# order: left to itself the planner starts from the outbox and sorts every link on each call.
_TRAMO = (
    "SELECT * FROM (SELECT o.id, o.tipo, o.ref_id, r.eslabon FROM libro.recibo r CROSS JOIN libro.outbox o "
    "ON o.tipo = 'recibo' AND o.ref_id = r.id WHERE r.eslabon >= ? ORDER BY r.eslabon LIMIT ?) "
    "UNION ALL "
    "SELECT * FROM (SELECT o.id, o.tipo, o.ref_id, a.eslabon FROM libro.anulacion a CROSS JOIN libro.outbox o "
    "ON o.tipo = 'anulacion' AND o.ref_id = a.id WHERE a.eslabon >= ? ORDER BY a.eslabon LIMIT ?) "
    "ORDER BY eslabon LIMIT ?"
)
_PENDIENTES = (
    "SELECT o.id, o.tipo, o.ref_id FROM libro.outbox o WHERE o.tipo IN ('recibo', 'anulacion') "
    "AND o.id NOT IN (SELECT outbox_id FROM confirmado) ORDER BY o.id LIMIT ?"
)


_RECIBOS = "SELECT * FROM libro.recibo WHERE id IN ({marcas})"
_RECIBOS_CON_TEXTO = "SELECT id, eslabon, hash, firma, documento FROM libro.recibo WHERE id IN ({marcas})"
_DETALLE = (("recibo_linea", "recibo_id, n"), ("recibo_pago", "recibo_id, n"), ("autorizacion", "recibo_id, id"))


def _leer(texto: str) -> dict[str, Any]:
    """orjson reads the stored text several times faster; what it refuses (an integer beyond 64 bits) the
    standard parser reads. Either way the text sent is the stored one, checked against the hash."""
    try:
        datos = orjson.loads(texto)
    except orjson.JSONDecodeError:
        datos = json.loads(texto)
    return dict(datos)


class RegistroGuardado(Registro):
    """A chain link read from the ledger with the canonical text its hash was just checked against. The text
    is what travels; the upload never looks inside it, so the document is parsed only if someone asks (the
    parse was a fifth of the cost of reading a batch)."""

    def __init__(
        self, id_: str, secuencia: int, tipo: str, hash_previo: bytes, hash_: bytes, firma: bytes, texto: str, ref: int
    ) -> None:
        # Frozen like its parent: the fields are set once, straight into the instance (what the dataclass's
        # own __init__ does through object.__setattr__, one call per field).
        self.__dict__.update(
            id=id_, secuencia=secuencia, tipo=tipo, hash_previo=hash_previo, hash=hash_, firma=firma, ref=ref
        )
        self.__dict__["texto"] = texto  # the cached canonical text: exactly what was hashed

    @cached_property
    def documento(self) -> dict[str, Any]:  # type: ignore[override]
        return _leer(self.texto)


class AlmacenLibro:
    def __init__(self, ruta_libro: Path, identidad: Identidad, directorio: Path) -> None:
        self.identidad = identidad
        self._conexion = sqlite3.connect(directorio / ARCHIVO, timeout=30, isolation_level=None)
        self._conexion.row_factory = sqlite3.Row
        for pragma in ("PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL"):
            self._conexion.execute(pragma)
        for sql in _ESQUEMA:
            self._conexion.execute(sql)
        if "hash" not in {f[1] for f in self._conexion.execute("PRAGMA main.table_info(confirmado)")}:
            self._conexion.execute("ALTER TABLE confirmado ADD COLUMN hash BLOB")  # files written before it
        self._conexion.execute("ATTACH DATABASE ? AS libro", (str(ruta_libro),))
        self._enviados: dict[int, tuple[int, bytes]] = {}  # outbox id → (sequence, hash) of what was read

    def _revisado_hasta(self) -> int:
        """Acknowledgements up to the mark were checked before; they still hold while the mark's outbox row
        still carries the same link (the ledger is append-only: only a replaced file changes old rows).
        Otherwise every acknowledgement is checked again."""
        marca = (self.ajuste(MARCA_REVISADA) or "").split(":")
        if len(marca) != 2 or not marca[0].isdigit():
            return 0
        fila = self._conexion.execute(_HASH_DE_FILA, (int(marca[0]),)).fetchone()
        return int(marca[0]) if fila is not None and fila[0] is not None and bytes(fila[0]).hex() == marca[1] else 0

    def reconciliar(self) -> int:
        """Drops acknowledgements that no longer describe the ledger; returns how many. An acknowledgement
        written before hashes were kept takes the hash its row points at now (the best that can be known)."""
        filas = self._conexion.execute(_ACUSES, (self._revisado_hasta(),)).fetchall()
        viejos = [(bytes(f[2]), f[0]) for f in filas if f[1] is None and f[2] is not None]
        caducos = [(f[0],) for f in filas if f[2] is None or (f[1] is not None and bytes(f[1]) != bytes(f[2]))]
        self._conexion.execute("BEGIN IMMEDIATE")
        try:
            self._conexion.executemany("UPDATE confirmado SET hash = ? WHERE outbox_id = ?", viejos)
            self._conexion.executemany("DELETE FROM confirmado WHERE outbox_id = ?", caducos)
            tope = self._conexion.execute(
                "SELECT outbox_id, hash FROM confirmado WHERE hash IS NOT NULL ORDER BY outbox_id DESC LIMIT 1"
            ).fetchone()
            if tope is not None:
                self.fijar(MARCA_REVISADA, f"{tope[0]}:{bytes(tope[1]).hex()}")
            self._conexion.execute("COMMIT")
        except BaseException:
            self._conexion.execute("ROLLBACK")
            raise
        return len(caducos)

    def cerrar(self) -> None:
        self._conexion.close()

    # --- settings
    def ajuste(self, clave: str) -> str | None:
        fila = self._conexion.execute("SELECT valor FROM ajuste WHERE clave = ?", (clave,)).fetchone()
        return None if fila is None else str(fila["valor"])

    def fijar(self, clave: str, valor: str) -> None:
        self._conexion.execute(
            "INSERT INTO ajuste (clave, valor) VALUES (?, ?) ON CONFLICT (clave) DO UPDATE SET valor = excluded.valor",
            (clave, valor),
        )

    # --- Almacen
    def _hash_en(self, eslabon: int) -> bytes:
        if eslabon == 0:
            return genesis(self.identidad.serie, self.identidad.llave_publica)
        for tabla in ("recibo", "anulacion"):
            fila = self._conexion.execute(f"SELECT hash FROM libro.{tabla} WHERE eslabon = ?", (eslabon,)).fetchone()
            if fila is not None:
                return bytes(fila["hash"])
        raise LookupError(f"falta el eslabón {eslabon} en el libro")

    def _por_id(self, sql: str, ids: list[int]) -> list[dict[str, Any]]:
        if not ids:
            return []
        cursor = self._conexion.cursor()
        cursor.row_factory = None  # plain tuples zipped with the column names: several times cheaper than Row
        filas = cursor.execute(sql.format(marcas=", ".join("?" for _ in ids)), ids).fetchall()
        columnas = [d[0] for d in cursor.description]
        return [dict(zip(columnas, f, strict=True)) for f in filas]

    def _agrupadas(self, tabla: str, orden: str, ids: list[int]) -> dict[int, list[dict[str, Any]]]:
        grupos: dict[int, list[dict[str, Any]]] = {}
        filas = self._por_id(f"SELECT * FROM libro.{tabla} WHERE recibo_id IN ({{marcas}}) ORDER BY {orden}", ids)
        for fila in filas:
            grupos.setdefault(fila["recibo_id"], []).append(fila)
        return grupos

    def _registros(self, filas: list[Any]) -> list[Registro]:
        """A batch of outbox rows as chain records, read with a handful of set queries (not several per
        record): a 100 000-receipt ledger is read in seconds."""
        ids_recibo = [int(f["ref_id"]) for f in filas if f["tipo"] == "recibo"]
        ids_anulacion = [int(f["ref_id"]) for f in filas if f["tipo"] == "anulacion"]
        recibos = {r["id"]: r for r in self._por_id(_RECIBOS_CON_TEXTO, ids_recibo)}
        # Receipts charged since schema 0005 carry the text their hash covers; older ones are rebuilt.
        a_rehacer = [i for i in ids_recibo if recibos[i]["documento"] is None]
        recibos.update({r["id"]: r for r in self._por_id(_RECIBOS, a_rehacer)})
        lineas, pagos, autorizaciones = (self._agrupadas(tabla, orden, a_rehacer) for tabla, orden in _DETALLE)
        anulaciones = {
            a["id"]: a
            for a in self._por_id(
                "SELECT a.*, r.hash AS hash_recibo FROM libro.anulacion a JOIN libro.recibo r ON r.id = a.recibo_id "
                "WHERE a.id IN ({marcas})",
                ids_anulacion,
            )
        }
        enlaces: list[tuple[int, dict[str, Any], str, dict[str, Any] | str]] = []
        for f in filas:
            ref = int(f["ref_id"])
            documento: dict[str, Any] | str
            if f["tipo"] == "recibo":
                fila = recibos[ref]
                documento = fila["documento"] or doc_recibo(
                    fila, lineas.get(ref, []), pagos.get(ref, []), autorizaciones.get(ref, [])
                )
            else:
                fila = anulaciones[ref]
                documento = doc_anulacion(fila, bytes(fila["hash_recibo"]))
            enlaces.append((int(f["id"]), fila, str(f["tipo"]), documento))
        enlaces.sort(key=lambda e: int(e[1]["eslabon"]))
        registros: list[Registro] = []
        for outbox_id, fila, tipo, documento in enlaces:
            eslabon = int(fila["eslabon"])
            anterior = registros[-1] if registros else None
            previo = anterior.hash if anterior and anterior.secuencia == eslabon - 1 else self._hash_en(eslabon - 1)
            comunes = (id_registro(self.identidad.llave_publica, eslabon), eslabon, tipo, previo)
            hash_, firma = bytes(fila["hash"]), bytes(fila["firma"])
            self._enviados[outbox_id] = (eslabon, hash_)
            if isinstance(documento, str):
                guardado = documento
                if enlazar_texto(previo, guardado.encode("utf-8")) != hash_:
                    # A stored text that is not what the hash covers: send what the rows say (central will
                    # judge the chain), never a text that merely claims to be the document.
                    documento = self._rehacer(int(fila["id"]))
                else:
                    registros.append(RegistroGuardado(*comunes, hash_, firma, guardado, outbox_id))
                    continue
            registros.append(Registro(*comunes, hash_, firma, documento, ref=outbox_id))
        return registros

    def _rehacer(self, recibo_id: int) -> dict[str, Any]:
        fila = self._por_id(_RECIBOS, [recibo_id])[0]
        lineas, pagos, autorizaciones = (
            self._agrupadas(tabla, orden, [recibo_id]).get(recibo_id, []) for tabla, orden in _DETALLE
        )
        return doc_recibo(fila, lineas, pagos, autorizaciones)

    def pendientes(self, limite: int) -> list[Registro]:
        return self._registros(self._conexion.execute(_PENDIENTES, (limite,)).fetchall())

    def desde(self, secuencia: int, limite: int) -> list[Registro]:
        return self._registros(
            self._conexion.execute(_TRAMO, (secuencia, limite, secuencia, limite, limite)).fetchall()
        )

    def confirmar(self, refs: list[int]) -> None:
        ahora = dt.datetime.now().strftime("%Y-%m-%dT%H:%M:%S")
        self._conexion.execute("BEGIN IMMEDIATE")
        try:
            self._conexion.executemany(
                "INSERT OR IGNORE INTO confirmado (outbox_id, secuencia, hash, confirmado_en) VALUES (?, ?, ?, ?)",
                [(ref, *self._enviados.pop(ref, (0, None)), ahora) for ref in refs],
            )
            self._conexion.execute("COMMIT")
        except BaseException:
            self._conexion.execute("ROLLBACK")
            raise

    def cuantos_pendientes(self) -> int:
        return int(
            self._conexion.execute(
                "SELECT count(*) FROM libro.outbox WHERE tipo IN ('recibo', 'anulacion') "
                "AND id NOT IN (SELECT outbox_id FROM confirmado)"
            ).fetchone()[0]
        )

    def hash_en(self, eslabon: int) -> bytes | None:
        """The ledger's hash at ``eslabon`` (None when the ledger does not reach it)."""
        try:
            return self._hash_en(eslabon)
        except LookupError:
            return None

    def punta(self) -> int:
        maximo = 0
        for tabla in ("recibo", "anulacion"):
            valor = self._conexion.execute(f"SELECT max(eslabon) FROM libro.{tabla}").fetchone()[0]
            maximo = max(maximo, int(valor or 0))
        return maximo
