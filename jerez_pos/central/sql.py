"""Hot-path SQL as plain driver strings: no statement building, no compilation, no cache-key walk.

The batch path runs a handful of fixed statements thousands of times; SQLAlchemy's per-call construction
and cache-key generation cost more than the queries themselves (the 10 000-seed simulation spent 60 % of
its time there). Statements are written once with ``?`` placeholders and rewritten to the driver's
paramstyle (``%s`` for psycopg) the first time they meet it. On PostgreSQL new rows go in with COPY.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

import psycopg
from sqlalchemy import Connection, CursorResult

# COPY runs on the raw psycopg cursor, so its errors arrive unwrapped: the batch code retries these too.
CARRERAS: tuple[type[Exception], ...] = (psycopg.IntegrityError, psycopg.OperationalError)


@lru_cache(maxsize=256)
def _para(sql: str, paramstyle: str) -> str:
    return sql.replace("?", "%s") if paramstyle in ("format", "pyformat") else sql


def para_driver(sentencia: str, conexion: Connection) -> str:
    return _para(sentencia, conexion.dialect.paramstyle)


def consultar(conexion: Connection, sql: str, parametros: Sequence[Any] = ()) -> CursorResult[Any]:
    return conexion.exec_driver_sql(_para(sql, conexion.dialect.paramstyle), tuple(parametros))


def es_postgresql(conexion: Connection) -> bool:
    return conexion.dialect.name == "postgresql"


def insertar(conexion: Connection, tabla: str, columnas: Sequence[str], filas: Iterable[Sequence[Any]]) -> None:
    """Many rows into ``tabla`` inside the caller's transaction: COPY on PostgreSQL, executemany on SQLite.
    Unique constraints still apply (a duplicate makes the whole transaction fail, as an INSERT would)."""
    filas = list(filas)
    if not filas:
        return
    if es_postgresql(conexion):
        cursor = conexion.connection.driver_connection.cursor()  # type: ignore[union-attr]
        with cursor.copy(f"COPY {tabla} ({', '.join(columnas)}) FROM STDIN") as copia:
            for fila in filas:
                copia.write_row(fila)
        return
    marcas = ", ".join("?" for _ in columnas)
    conexion.exec_driver_sql(f"INSERT INTO {tabla} ({', '.join(columnas)}) VALUES ({marcas})", filas)
