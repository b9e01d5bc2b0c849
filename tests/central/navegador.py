"""Shared fixtures for console tests: a real central process (uvicorn, the ``jerez-pos central`` command) on
a throw-away PostgreSQL database, and a headless Chromium driven by Selenium through the system's
chromedriver (never a downloaded browser).

Use from a test module: ``from tests.central.navegador import central_viva, navegador, entrar, crear_usuario``
(pytest finds imported fixtures). ``url_pg`` comes from tests/central/conftest.py.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.red import puerto_libre

RAIZ = Path(__file__).resolve().parents[2]
JEREZ = [sys.executable, "-m", "jerez_pos"]
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
CONTRASENA = "contraseña-de-prueba-1"


def jerez(home: Path, *args: str, entorno: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``jerez-pos ARGS`` as a real process with its own data home."""
    variables = {**os.environ, "JEREZ_POS_HOME": str(home), **(entorno or {})}
    return subprocess.run([*JEREZ, *args], cwd=RAIZ, env=variables, capture_output=True, text=True, timeout=120)


@dataclass
class CentralViva:
    url_db: str
    base: str  # http://127.0.0.1:PORT
    home: Path
    proceso: subprocess.Popen[bytes]


def crear_usuario(central: CentralViva, usuario: str, rol: str, contrasena: str = CONTRASENA) -> None:
    hecho = jerez(
        central.home,
        *("central", "usuarios", "crear", "--db", central.url_db, "--usuario", usuario, "--rol", rol),
        entorno={"JEREZ_POS_CONTRASENA": contrasena},
    )
    assert hecho.returncode == 0, hecho.stderr


def arrancar(url_db: str, home: Path, entorno: dict[str, str] | None = None) -> CentralViva:
    """``jerez-pos central --db URL`` on a free port, waiting until it accepts connections."""
    home.mkdir(exist_ok=True)
    puerto = puerto_libre()
    variables = {**os.environ, "JEREZ_POS_HOME": str(home), **(entorno or {})}
    orden = [*JEREZ, "central", "--db", url_db, "--puerto", str(puerto)]
    proceso = subprocess.Popen(orden, cwd=RAIZ, env=variables, stderr=subprocess.PIPE)
    limite = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", puerto), timeout=0.2).close()
            return CentralViva(url_db, f"http://127.0.0.1:{puerto}", home, proceso)
        except OSError:
            if proceso.poll() is not None or time.monotonic() > limite:
                proceso.kill()
                salida = proceso.stderr.read() if proceso.stderr else b""
                raise AssertionError(f"la central no arrancó: {salida!r}") from None
            time.sleep(0.1)


def detener(central: CentralViva) -> None:
    central.proceso.terminate()
    try:
        central.proceso.wait(10)
    except subprocess.TimeoutExpired:
        central.proceso.kill()
        central.proceso.wait()


@pytest.fixture
def central_viva(url_pg: str, tmp_path: Path) -> Iterator[CentralViva]:
    central = arrancar(url_pg, tmp_path / "central")
    try:
        yield central
    finally:
        detener(central)


@pytest.fixture
def navegador(tmp_path: Path) -> Iterator[webdriver.Chrome]:
    opciones = webdriver.ChromeOptions()
    opciones.binary_location = CHROMIUM
    for bandera in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1200,900",
        f"--user-data-dir={tmp_path / 'perfil-chromium'}",
    ):
        opciones.add_argument(bandera)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=opciones)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def entrar(driver: webdriver.Chrome, central: CentralViva, usuario: str, contrasena: str = CONTRASENA) -> None:
    """Fills the sign-in form the way a person does and submits it."""
    driver.get(f"{central.base}/consola/entrar")
    driver.find_element(By.ID, "usuario").send_keys(usuario)
    driver.find_element(By.ID, "contrasena").send_keys(contrasena)
    enviar(driver, "form.entrar button[type=submit]")


def enviar(driver: webdriver.Chrome, selector: str) -> None:
    """Clicks a submit button and waits until the next page replaced this one and finished loading (a click
    does not wait). The old page is marked with a script variable rather than watched as an element: asking
    chromedriver about an element while the document is being swapped can fail with errors other than
    "stale element", so a navigation in progress is simply asked about again."""
    driver.execute_script("window.paginaAnterior = true")
    driver.find_element(By.CSS_SELECTOR, selector).click()

    def cargo_la_siguiente(d: webdriver.Chrome) -> bool:
        return bool(
            d.execute_script("return window.paginaAnterior === undefined && document.readyState === 'complete'")
        )

    WebDriverWait(driver, 30, ignored_exceptions=(WebDriverException,)).until(cargo_la_siguiente)
