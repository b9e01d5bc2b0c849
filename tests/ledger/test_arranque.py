"""Start-up duties: backup before migrating, daily rotated backups (also to a USB drive), quick_check, audit."""

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

from jerez_pos.ledger import arranque, auditoria
from jerez_pos.ledger.terminal import Terminal

MUESTRA = Path(__file__).parent / "muestras" / "esquema_0001.sqlite3"


def _version(ruta: Path) -> str:
    with sqlite3.connect(ruta) as conexion:
        return conexion.execute("SELECT version_num FROM alembic_version").fetchone()[0]


def test_respaldo_antes_de_migrar_una_base_vieja(tmp_path):
    shutil.copy(MUESTRA, tmp_path / "jerez_pos.sqlite3")
    terminal = Terminal(tmp_path)
    copia = terminal.respaldo_previo_a_migrar
    assert copia is not None and copia.name.startswith("antes-de-migrar-0001-")
    assert _version(copia) == "0001"  # the copy is the database as it was, before the migration
    assert _version(tmp_path / "jerez_pos.sqlite3") != "0001"
    assert Terminal(tmp_path).respaldo_previo_a_migrar is None  # already current: nothing to copy


def test_respaldo_diario_en_la_casa_y_en_la_usb(tmp_path):
    usb = tmp_path / "usb"
    casa = tmp_path / "casa"
    casa.mkdir()
    (casa / "ajustes.toml").write_text(f'[respaldo]\ndestino = "{usb.as_posix()}"\n', encoding="utf-8")
    terminal = Terminal(casa)
    assert not terminal.avisos
    assert len(list((casa / "respaldos").glob("jerez_pos-*.sqlite3"))) == 1
    assert len(list(usb.glob("jerez_pos-*.sqlite3"))) == 1
    Terminal(casa)  # same day: no second copy
    assert len(list(usb.glob("jerez_pos-*.sqlite3"))) == 1
    manana = dt.datetime.now() + dt.timedelta(days=1, minutes=1)
    assert len(arranque.respaldo_diario(terminal.bd, casa, manana).respaldos_diarios) == 2
    acciones = [e["accion"] for e in auditoria.eventos(terminal.bd)]
    assert acciones.count("respaldo") >= 4


def test_usb_ausente_es_aviso_no_falla(tmp_path):
    archivo = tmp_path / "no-es-carpeta"
    archivo.write_text("x")
    (tmp_path / "ajustes.toml").write_text(f'[respaldo]\ndestino = "{(archivo / "sub").as_posix()}"\n')
    terminal = Terminal(tmp_path)
    assert any("respaldo diario" in a for a in terminal.avisos)
    assert terminal.cotizar("A85-II", {}, dt.date(2024, 6, 3)).importe > 0


def test_auditoria_de_catalogo_uma_y_confirmaciones(tmp_path):
    from ..conftest import UMA_CSV

    terminal = Terminal(tmp_path)
    terminal.importar_uma(UMA_CSV, usuario="admin")
    terminal.confirmar_tarifa("A65-II", "admin", "Periódico Oficial impreso, pág. 54")
    acciones = {e["accion"]: e for e in auditoria.eventos(terminal.bd)}
    assert "cambio de UMA" in acciones and "confirmación de tarifa" in acciones
    assert "A65-II" in acciones["confirmación de tarifa"]["detalle"]


def test_varios_procesos_crean_la_misma_casa_a_la_vez(tmp_path):
    """Three programs started at once on an empty home: one creates it, the others wait and use it."""
    import os
    import subprocess
    import sys

    entorno = {**os.environ, "JEREZ_POS_HOME": str(tmp_path / "nueva")}
    orden = [sys.executable, "-m", "jerez_pos", "cotizar", "A85-II", "--fecha", "2024-06-03", "--json"]
    procesos = [
        subprocess.Popen(orden, env=entorno, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    salidas = [p.communicate(timeout=180) for p in procesos]
    assert [p.returncode for p in procesos] == [0, 0, 0], [err for _, err in salidas]
    assert all('"importe": "115.12"' in out for out, _ in salidas)
    assert not (tmp_path / "nueva" / "catalogos").exists()  # priced from the ledger, no copy on disk
