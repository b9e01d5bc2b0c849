"""The receipt ledger as an ``Almacen``, plus the terminal's sync settings.

The ledger's ``outbox`` is append-only (its triggers refuse UPDATE), so acknowledgements live in a separate
SQLite file in the data home (``sincronizacion.sqlite3``): table ``confirmado`` (outbox id → sequence) and
``ajuste`` (server URL, treasury key, installed package version). The ledger is attached read-only in
spirit: this module never writes to it. Losing the sync file only makes the next sync resend everything,
which central answers with ``existe``. Only ``recibo`` and ``anulacion`` outbox rows travel today;
``entrega`` and ``corte`` stay local.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

from jerez_pos.ledger import cadena
from jerez_pos.ledger.identidad import Identidad
from jerez_pos.sync.protocolo import Registro, genesis, id_registro

ARCHIVO = "sincronizacion.sqlite3"
_ESQUEMA = (
    "CREATE TABLE IF NOT EXISTS confirmado (outbox_id INTEGER PRIMARY KEY, secuencia INTEGER NOT NULL, "
    "confirmado_en TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS ajuste (clave TEXT PRIMARY KEY, valor TEXT NOT NULL)",
)
_PENDIENTES = (
    "SELECT o.id, o.tipo, o.ref_id FROM libro.outbox o WHERE o.tipo IN ('recibo', 'anulacion') "
    "AND o.id NOT IN (SELECT outbox_id FROM confirmado) ORDER BY o.id LIMIT ?"
)


class AlmacenLibro:
    def __init__(self, ruta_libro: Path, identidad: Identidad, directorio: Path) -> None:
        self.identidad = identidad
        self._conexion = sqlite3.connect(directorio / ARCHIVO, timeout=30, isolation_level=None)
        self._conexion.row_factory = sqlite3.Row
        for pragma in ("PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL"):
            self._conexion.execute(pragma)
        for sql in _ESQUEMA:
            self._conexion.execute(sql)
        self._conexion.execute("ATTACH DATABASE ? AS libro", (str(ruta_libro),))

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

    def _registro(self, outbox_id: int, tipo: str, ref_id: int) -> Registro:
        c = self._conexion
        if tipo == "recibo":
            fila = dict(c.execute("SELECT * FROM libro.recibo WHERE id = ?", (ref_id,)).fetchone())
            lineas = [
                dict(x) for x in c.execute("SELECT * FROM libro.recibo_linea WHERE recibo_id = ? ORDER BY n", (ref_id,))
            ]
            pagos = [
                dict(x) for x in c.execute("SELECT * FROM libro.recibo_pago WHERE recibo_id = ? ORDER BY n", (ref_id,))
            ]
            autorizaciones = [
                dict(x)
                for x in c.execute("SELECT * FROM libro.autorizacion WHERE recibo_id = ? ORDER BY id", (ref_id,))
            ]
            documento = cadena.doc_recibo(fila, lineas, pagos, autorizaciones)
        else:
            fila = dict(c.execute("SELECT * FROM libro.anulacion WHERE id = ?", (ref_id,)).fetchone())
            hash_recibo = c.execute("SELECT hash FROM libro.recibo WHERE id = ?", (fila["recibo_id"],)).fetchone()
            documento = cadena.doc_anulacion(fila, bytes(hash_recibo["hash"]))
        eslabon = int(fila["eslabon"])
        return Registro(
            id_registro(self.identidad.llave_publica, eslabon),
            eslabon,
            tipo,
            self._hash_en(eslabon - 1),
            bytes(fila["hash"]),
            bytes(fila["firma"]),
            documento,
            ref=outbox_id,
        )

    def _ordenados(self, filas: list[Any]) -> list[Registro]:
        return sorted((self._registro(f["id"], f["tipo"], f["ref_id"]) for f in filas), key=lambda r: r.secuencia)

    def pendientes(self, limite: int) -> list[Registro]:
        return self._ordenados(self._conexion.execute(_PENDIENTES, (limite,)).fetchall())

    def desde(self, secuencia: int, limite: int) -> list[Registro]:
        filas = self._conexion.execute(
            "SELECT o.id, o.tipo, o.ref_id FROM libro.outbox o "
            "LEFT JOIN libro.recibo r ON o.tipo = 'recibo' AND r.id = o.ref_id "
            "LEFT JOIN libro.anulacion a ON o.tipo = 'anulacion' AND a.id = o.ref_id "
            "WHERE o.tipo IN ('recibo', 'anulacion') AND coalesce(r.eslabon, a.eslabon) >= ? "
            "ORDER BY coalesce(r.eslabon, a.eslabon) LIMIT ?",
            (secuencia, limite),
        ).fetchall()
        return self._ordenados(filas)

    def confirmar(self, refs: list[int]) -> None:
        ahora = dt.datetime.now().strftime("%Y-%m-%dT%H:%M:%S")
        self._conexion.execute("BEGIN IMMEDIATE")
        try:
            self._conexion.executemany(
                "INSERT OR IGNORE INTO confirmado (outbox_id, secuencia, confirmado_en) VALUES (?, 0, ?)",
                [(ref, ahora) for ref in refs],
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

    def punta(self) -> int:
        maximo = 0
        for tabla in ("recibo", "anulacion"):
            valor = self._conexion.execute(f"SELECT max(eslabon) FROM libro.{tabla}").fetchone()[0]
            maximo = max(maximo, int(valor or 0))
        return maximo
