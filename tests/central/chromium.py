"""Debian's Chromium driven by Selenium, with nothing fetched at test time.

The driver and the browser are named explicitly (``/usr/bin/chromedriver``, ``/usr/bin/chromium``, which
``.ci/run`` installs): given both, Selenium Manager has nothing to look up or download. Headless, no
background networking, a fresh profile per browser. ``telefono`` gives a phone-sized viewport.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
TELEFONO = (390, 844)


@contextmanager
def chromium(ancho: int = 1280, alto: int = 900, *, movil: bool = False) -> Iterator[webdriver.Chrome]:
    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager, should it ever run, must not go online
    with tempfile.TemporaryDirectory(prefix="jerez-chromium-") as perfil:
        opciones = webdriver.ChromeOptions()
        opciones.binary_location = CHROMIUM
        for argumento in (
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--no-default-browser-check",
            f"--user-data-dir={perfil}",
            f"--window-size={ancho},{alto}",
        ):
            opciones.add_argument(argumento)
        if movil:
            metricas = {"width": ancho, "height": alto, "pixelRatio": 1.0, "mobile": True, "touch": True}
            opciones.add_experimental_option("mobileEmulation", {"deviceMetrics": metricas})
        navegador = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=opciones)
        try:
            yield navegador
        finally:
            navegador.quit()


@contextmanager
def telefono() -> Iterator[webdriver.Chrome]:
    with chromium(*TELEFONO, movil=True) as navegador:
        yield navegador


def capturar(navegador: webdriver.Chrome, nombre: str) -> None:
    """Writes ``<nombre>.png`` into $JEREZ_POS_CAPTURAS when it is set (the README's screenshots)."""
    destino = os.environ.get("JEREZ_POS_CAPTURAS")
    if destino:
        Path(destino).mkdir(parents=True, exist_ok=True)
        navegador.save_screenshot(str(Path(destino) / f"{nombre}.png"))
