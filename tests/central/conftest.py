"""Central fixtures: a throw-away PostgreSQL database per test run (never skipped), SQLite in memory."""

from __future__ import annotations

import secrets
import sys
from pathlib import Path

import psycopg
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "sync"))  # fabrica, simulacion

PG = "postgresql://postgres@127.0.0.1:5432"


@pytest.fixture
def url_pg():
    nombre = f"jerez_central_{secrets.token_hex(6)}"
    with psycopg.connect(f"{PG}/test", autocommit=True) as conexion:
        conexion.execute(f"CREATE DATABASE {nombre}")
    yield f"{PG}/{nombre}"
    with psycopg.connect(f"{PG}/test", autocommit=True) as conexion:
        conexion.execute(f"DROP DATABASE IF EXISTS {nombre} WITH (FORCE)")
