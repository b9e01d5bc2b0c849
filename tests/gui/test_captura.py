"""``jerez-pos gui --captura DIR`` renders every main screen of a demo home and exits 0."""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtGui import QImage

PANTALLAS = (
    "01-acceso",
    "02-cobro",
    "03-por-giro",
    "04-formulario",
    "05-validacion",
    "06-catalogo",
    "07-pago",
    "08-recibos",
    "09-corte-conteo",
    "10-corte-revision",
    "11-abrir-turno",
    "12-inspector",
    "13-administracion",
    "14-catalogos",
    "15-asistente",
    "16-terminal",
    "17-pago-cambio",
    "18-inicio-supervisor",
    "19-cuenta",
    "20-nuevo-ejercicio",
)


def test_captura_de_pantallas(tmp_path):
    entorno = dict(os.environ, QT_QPA_PLATFORM="offscreen", JEREZ_POS_HOME=str(tmp_path / "home"))
    r = subprocess.run(
        [sys.executable, "-m", "jerez_pos", "gui", "--captura", str(tmp_path / "png")],
        capture_output=True,
        text=True,
        timeout=300,
        env=entorno,
    )
    assert r.returncode == 0, r.stderr
    for nombre in PANTALLAS:
        ruta = tmp_path / "png" / f"{nombre}.png"
        assert ruta.stat().st_size > 20_000, nombre  # a blank window compresses to a few kB
        imagen = QImage(str(ruta))
        assert (imagen.width(), imagen.height()) == (1366, 768)
        colores = {imagen.pixel(x, y) for x in range(0, 1366, 37) for y in range(0, 768, 23)}
        assert len(colores) > 8, nombre


def test_tamano_de_captura_invalido(tmp_path):
    entorno = dict(os.environ, QT_QPA_PLATFORM="offscreen", JEREZ_POS_HOME=str(tmp_path / "home"))
    for malo in ("1366", "12x10", "anchoxalto"):
        r = subprocess.run(
            [sys.executable, "-m", "jerez_pos", "gui", "--captura", str(tmp_path / "png"), "--tamano", malo],
            capture_output=True,
            text=True,
            timeout=60,
            env=entorno,
        )
        assert r.returncode == 2 and "ANCHOxALTO" in r.stderr and "Traceback" not in r.stderr, r.stderr
    assert not (tmp_path / "png").exists()
