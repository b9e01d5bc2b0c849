"""``jerez-pos --selftest`` unfrozen: a fresh data home passes every check, one line each; a broken one fails
with a Spanish line per check and exit 1, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from jerez_pos.diagnostico.autoprueba import PRUEBAS

RAIZ = Path(__file__).resolve().parents[2]


def _autoprueba(home: Path) -> subprocess.CompletedProcess[str]:
    entorno = {**os.environ, "JEREZ_POS_HOME": str(home)}
    entorno.pop("DISPLAY", None)  # the window check must go offscreen by itself
    entorno.pop("QT_QPA_PLATFORM", None)
    return subprocess.run(
        [sys.executable, "-m", "jerez_pos", "--selftest"],
        cwd=RAIZ,
        capture_output=True,
        text=True,
        timeout=300,
        env=entorno,
    )


def test_autoprueba_en_una_casa_nueva_pasa_todo(tmp_path):
    home = tmp_path / "datos nuevos"
    r = _autoprueba(home)
    assert r.returncode == 0, r.stdout + r.stderr
    lineas = r.stdout.splitlines()
    revisiones = [linea for linea in lineas if linea.startswith(("ok  ", "FALLA "))]
    assert len(revisiones) == len(PRUEBAS) == 11
    assert [linea.split(":")[0].removeprefix("ok  ") for linea in revisiones] == [n for n, _ in PRUEBAS]
    assert any(linea.startswith("ok  catálogo: jerez-2024 v2, 1243 conceptos") for linea in revisiones)
    assert any("plataforma offscreen" in linea for linea in revisiones)
    assert lineas[-1].startswith("autoprueba: 11 revisiones, todo bien")
    assert (home / "jerez_pos.sqlite3").is_file()
    assert "Traceback" not in r.stderr


def test_autoprueba_sobre_una_base_danada_falla_sin_volcado(tmp_path):
    home = tmp_path / "casa"
    home.mkdir()
    (home / "jerez_pos.sqlite3").write_bytes(b"esto no es una base de SQLite" * 100)
    r = _autoprueba(home)
    assert r.returncode == 1
    assert "Traceback" not in r.stdout + r.stderr
    revisiones = [linea for linea in r.stdout.splitlines() if linea.startswith(("ok  ", "FALLA "))]
    assert len(revisiones) == len(PRUEBAS)
    assert revisiones[0].startswith("ok  datos del programa")
    assert revisiones[1].startswith("FALLA base de datos:")
    assert revisiones[2] == "FALLA migraciones: no se abrió la base de datos"
    assert r.stdout.splitlines()[-1].startswith("autoprueba: 11 revisiones,")
