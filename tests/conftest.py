"""Shared fixtures: the real catalog of the repository, the engine over it, and a real data home."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

RAIZ = Path(__file__).resolve().parent.parent
CATALOGO = RAIZ / "db" / "tarifas" / "jerez-2024"
UMA_CSV = RAIZ / "db" / "tarifas" / "uma.csv"
JUNIO_2024 = dt.date(2024, 6, 15)


@pytest.fixture(scope="session")
def catalogo():
    from jerez_pos.catalogo.cargar import cargar

    return cargar(CATALOGO)


@pytest.fixture(scope="session")
def motor(catalogo):
    from jerez_pos.catalogo.uma import leer_uma
    from jerez_pos.core.motor import Motor

    return Motor([catalogo], leer_uma(UMA_CSV))


@pytest.fixture(scope="session")
def home_sesion(tmp_path_factory):
    """A data home created once (first run: migrate + seed) and shared by read-only tests."""
    from jerez_pos.ledger.terminal import Terminal

    directorio = tmp_path_factory.mktemp("home")
    Terminal(directorio)
    return directorio


@pytest.fixture(scope="session")
def terminal(home_sesion):
    from jerez_pos.ledger.terminal import Terminal

    return Terminal(home_sesion)
