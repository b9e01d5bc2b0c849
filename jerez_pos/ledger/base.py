"""Opening the SQLite file with the durability settings the money needs.

WAL with ``synchronous=FULL`` (a commit survives power loss), ``foreign_keys=ON``, a ``busy_timeout`` so a
reader never sees "database is locked", and every write transaction started with ``BEGIN IMMEDIATE`` so the
one writer takes the lock up front instead of failing half-way.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event

ESPERA_MS = 15000


def _pragmas(conexion: sqlite3.Connection, _registro: Any) -> None:
    cursor = conexion.cursor()
    for pragma in (
        "PRAGMA journal_mode=WAL",
        "PRAGMA synchronous=FULL",
        "PRAGMA foreign_keys=ON",
        f"PRAGMA busy_timeout={ESPERA_MS}",
    ):
        cursor.execute(pragma)
    cursor.close()
    # Let SQLAlchemy, not the driver, decide when transactions start (see _begin).
    conexion.isolation_level = None


def _begin(conexion: Any) -> None:
    # Readers (``lector``) start a deferred transaction: under WAL they never wait for the writer.
    modo = "BEGIN" if conexion.get_execution_options().get("solo_lectura") else "BEGIN IMMEDIATE"
    conexion.exec_driver_sql(modo)


def crudo(conexion: Connection) -> sqlite3.Connection:
    """The driver connection under ``conexion``'s transaction (begun now if it was not, as SQLAlchemy's own
    execute would). The charge path reads and writes through it: SQLAlchemy spends ~50 µs of Python on each
    statement, the driver a few; the statements still run inside the same ``BEGIN IMMEDIATE``."""
    if not conexion.in_transaction():
        conexion.begin()
    driver = conexion.connection.driver_connection
    assert isinstance(driver, sqlite3.Connection), "el libro es siempre SQLite"
    return driver


def lector(motor: Engine) -> Engine:
    """The same database for reading only: deferred transactions that never take the write lock."""
    return motor.execution_options(solo_lectura=True)


def abrir(ruta: Path) -> Engine:
    ruta.parent.mkdir(parents=True, exist_ok=True)
    motor = create_engine(f"sqlite:///{ruta}", future=True)
    event.listen(motor, "connect", _pragmas)
    event.listen(motor, "begin", _begin)
    return motor
