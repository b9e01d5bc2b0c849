"""Read-only snapshots for reports, verification and sync.

The shared engine starts every transaction with ``BEGIN IMMEDIATE`` (right for the one writer); a reader
that did the same would queue behind the writer and make it wait. Readers here open their own
connection and a deferred transaction: in WAL mode they see one consistent snapshot and never block the
writer nor get "database is locked".
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine

from jerez_pos.ledger.base import ESPERA_MS


def ruta_de(bd: Engine) -> str:
    ruta = bd.url.database
    assert ruta, "la base del libro debe ser un archivo"
    return ruta


@contextmanager
def leer(bd: Engine) -> Iterator[sqlite3.Connection]:
    conexion = sqlite3.connect(ruta_de(bd), timeout=ESPERA_MS / 1000, isolation_level=None)
    try:
        conexion.row_factory = sqlite3.Row
        conexion.execute(f"PRAGMA busy_timeout={ESPERA_MS}")
        conexion.execute("BEGIN")
        yield conexion
        conexion.execute("COMMIT")
    finally:
        conexion.close()
