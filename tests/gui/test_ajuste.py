"""Screen fit: maximised by default, and every main screen whole at 1366×705 (a maximised window on a
1366×768 screen), at 125 % scaling on that screen and at 150 % on a 1920×1080 one (Windows offers 150 %
from full HD up). Scaling is emulated with ``QT_SCALE_FACTOR`` in a subprocess, as Qt reads it at start."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

RAIZ = Path(__file__).resolve().parents[2]
GUION = "tests/gui/ajuste_pantallas.py"


@pytest.mark.parametrize(
    ("escala", "fisico"),
    [("1", (1366, 705)), ("1.25", (1366, 705)), ("1.5", (1920, 1032))],
    ids=["100", "125", "150"],
)
def test_pantallas_caben_con_escala(escala, fisico):
    ancho, alto = (int(x / float(escala)) for x in fisico)  # the logical size the window gets
    entorno = dict(os.environ, QT_SCALE_FACTOR=escala, AJUSTE_TAMANO=f"{ancho}x{alto}", QT_QPA_PLATFORM="offscreen")
    orden = [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:cacheprovider", GUION]
    resultado = subprocess.run(
        orden,
        cwd=RAIZ,
        env=entorno,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert resultado.returncode == 0, resultado.stdout[-4000:] + resultado.stderr[-2000:]
    assert "1 passed" in resultado.stdout


def test_maximizada_por_omision(escritorio):
    from jerez_pos.gui.app import mostrar

    mostrar(escritorio)
    assert escritorio.ventana.windowState() & Qt.WindowState.WindowMaximized
