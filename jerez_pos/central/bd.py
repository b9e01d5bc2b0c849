"""Opening the central database from a URL and migrating it with its own Alembic history.

PostgreSQL (``postgresql://…``, driven by psycopg 3) in production; SQLite (``sqlite:///archivo``) as the
embedded default. SQLite gets the ledger's durability settings and ``BEGIN IMMEDIATE`` so concurrent
uploads queue on the write lock instead of failing half-way.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import StaticPool

from jerez_pos.config import raiz_programa
from jerez_pos.core.errores import ErrorEntrada, ErrorJerez

Reloj = Callable[[], dt.datetime]


def reloj_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def marca_utc(momento: dt.datetime) -> str:
    return momento.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _pragmas(conexion: sqlite3.Connection, _registro: Any) -> None:
    cursor = conexion.cursor()
    for pragma in ("PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON"):
        cursor.execute(pragma)
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()
    conexion.isolation_level = None  # SQLAlchemy's "begin" event decides how transactions start


def _begin_inmediato(conexion: Any) -> None:
    conexion.exec_driver_sql("BEGIN IMMEDIATE")


def abrir(url: str) -> Engine:
    try:
        destino = make_url(url)
    except ArgumentError:
        raise ErrorEntrada(
            "--db", f"«{url}» no es una URL de base de datos (sqlite:///archivo o postgresql://…)"
        ) from None
    if destino.get_backend_name() == "postgresql":
        motor = create_engine(destino.set(drivername="postgresql+psycopg"), pool_pre_ping=True, pool_size=10)
        return motor
    if destino.get_backend_name() != "sqlite":
        raise ErrorEntrada("--db", "sólo se admiten PostgreSQL (postgresql://…) y SQLite (sqlite:///archivo)")
    memoria = destino.database in (None, "", ":memory:")
    opciones: dict[str, Any] = {"connect_args": {"check_same_thread": False}}
    if memoria:
        opciones["poolclass"] = StaticPool  # one shared connection, or every session sees an empty database
    motor = create_engine(destino, **opciones)
    event.listen(motor, "connect", _pragmas)
    event.listen(motor, "begin", _begin_inmediato)
    return motor


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(raiz_programa() / "db" / "migraciones_central"))
    return config


def migrar(motor: Engine) -> None:
    script = ScriptDirectory.from_config(_config())
    with motor.connect() as conexion:
        actual = MigrationContext.configure(conexion).get_current_revision()
    if actual is not None and actual not in {r.revision for r in script.walk_revisions()}:
        raise ErrorJerez(
            f"la base central tiene el esquema «{actual}», más nuevo que este programa; actualice jerez-pos"
        )
    config = _config()
    with motor.begin() as conexion:
        config.attributes["conexion"] = conexion
        command.upgrade(config, "head")
