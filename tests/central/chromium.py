"""A phone-sized viewport for the ``navegador`` fixture (tests/central/navegador.py: Debian's Chromium,
explicit driver and binary, nothing downloaded), and the README's screenshots when asked for."""

from __future__ import annotations

import os
from pathlib import Path

from selenium import webdriver

TELEFONO = (390, 844)


def como_telefono(navegador: webdriver.Chrome, ancho: int = TELEFONO[0], alto: int = TELEFONO[1]) -> None:
    """Emulates a phone screen (CSS pixels, ratio 1 to keep screenshots small, touch, mobile viewport)."""
    metricas = {"width": ancho, "height": alto, "deviceScaleFactor": 1, "mobile": True}
    navegador.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metricas)
    navegador.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": True})


def capturar(navegador: webdriver.Chrome, nombre: str) -> None:
    """Writes ``<nombre>.png`` into $JEREZ_POS_CAPTURAS when it is set (the README's screenshots)."""
    destino = os.environ.get("JEREZ_POS_CAPTURAS")
    if destino:
        Path(destino).mkdir(parents=True, exist_ok=True)
        navegador.save_screenshot(str(Path(destino) / f"{nombre}.png"))
