"""House rules as tests: ruff (lint and format) and mypy must be clean, so the one test command checks them."""

import subprocess
import sys
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent


def _correr(*argumentos: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *argumentos], cwd=RAIZ, capture_output=True, text=True, timeout=600)


def test_ruff_sin_observaciones():
    r = _correr("ruff", "check", "jerez_pos", "tests", "db/migraciones", "--output-format", "concise")
    assert r.returncode == 0, r.stdout + r.stderr


def test_ruff_formato():
    r = _correr("ruff", "format", "--check", "jerez_pos", "tests", "db/migraciones")
    assert r.returncode == 0, r.stdout + r.stderr


def test_mypy_estricto_en_todo_el_paquete():
    r = _correr("mypy")
    assert r.returncode == 0, r.stdout + r.stderr
