"""Schema versions: the committed 0001 sample migrates to head; a newer database is refused."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from jerez_pos.ledger.base import abrir
from jerez_pos.ledger.migraciones import BaseMasNueva, migrar, version_base, version_codigo
from jerez_pos.ledger.terminal import Terminal

MUESTRAS = Path(__file__).parent / "muestras"


def test_muestra_0001_migra_y_cobra(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    shutil.copy(MUESTRAS / "esquema_0001.sqlite3", home / "jerez_pos.sqlite3")
    terminal = Terminal(home)
    assert version_base(terminal.bd) == version_codigo()
    conexion = sqlite3.connect(home / "jerez_pos.sqlite3")
    tablas = {f[0] for f in conexion.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"recibo", "anulacion", "corte", "outbox", "uma"} <= tablas
    assert conexion.execute("SELECT count(*) FROM uma").fetchone()[0] > 0  # 0001 data kept


def test_muestra_0002_con_recibos_migra_y_verifica(tmp_path: Path) -> None:
    """A ledger with receipts and a void, written by schema 0002, keeps its chain through every migration."""
    from jerez_pos.ledger.verificacion import todo_bien, verificar

    home = tmp_path / "home"
    home.mkdir()
    shutil.copy(MUESTRAS / "esquema_0002.sqlite3", home / "jerez_pos.sqlite3")
    terminal = Terminal(home)
    assert version_base(terminal.bd) == version_codigo()
    resultado = verificar(terminal.bd)
    assert todo_bien(resultado), resultado
    assert resultado["recibos"] == 8 and resultado["anulaciones"] == 1


def test_base_mas_nueva_se_rechaza(tmp_path: Path) -> None:
    ruta = tmp_path / "nueva.sqlite3"
    migrar(abrir(ruta))
    conexion = sqlite3.connect(ruta)
    conexion.execute("UPDATE alembic_version SET version_num = '0099'")
    conexion.commit()
    with pytest.raises(BaseMasNueva, match="más nuevo"):
        migrar(abrir(ruta))


def test_muestra_0003_con_padron_migra_y_verifica(tmp_path: Path) -> None:
    """Schema 0003 (padrón): a demo home with nine receipts (one a stall's daily fee), a void and the padrón
    imported, copied with SQLite's backup API and VACUUMed. It migrates to head and its chain verifies."""
    from jerez_pos.ledger.verificacion import todo_bien, verificar

    home = tmp_path / "home"
    home.mkdir()
    shutil.copy(MUESTRAS / "esquema_0003.sqlite3", home / "jerez_pos.sqlite3")
    terminal = Terminal(home, respaldo_diario=False)
    assert version_base(terminal.bd) == version_codigo()
    resultado = verificar(terminal.bd)
    assert todo_bien(resultado), resultado
    assert resultado["recibos"] == 9 and resultado["anulaciones"] == 1
    conexion = sqlite3.connect(home / "jerez_pos.sqlite3")
    assert conexion.execute("SELECT count(*) FROM puesto").fetchone()[0] == 10  # the padrón survived
    terminal.bd.dispose()
