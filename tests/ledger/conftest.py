"""Ledger fixtures: a real SQLite home in tmp_path; a cheap argon2 so tests stay fast."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from argon2 import PasswordHasher

sys.path.insert(0, str(Path(__file__).parent))  # the helpers module ``apoyo`` sits next to the tests

from apoyo import Libro, nuevo_libro

from jerez_pos.ledger import usuarios


@pytest.fixture(autouse=True)
def hasher_barato(monkeypatch: pytest.MonkeyPatch) -> None:
    # Production parameters cost ~50 ms per hash; the behaviour under test does not depend on them.
    monkeypatch.setattr(usuarios, "HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def libro(tmp_path: Path) -> Libro:
    return nuevo_libro(tmp_path / "home")
