"""A roll published from the console in a real Chromium (real central on PostgreSQL): one person uploads the
comercio CSV, the page shows what it brings, another person approves and the terminals' package endpoint
serves it in publication order."""

from __future__ import annotations

import httpx
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.central.chromium import capturar
from tests.central.navegador import CentralViva, central_viva, crear_usuario, entrar, enviar, navegador

__all__ = ["central_viva", "navegador"]  # fixtures

COMERCIO = "licencia,titular,domicilio,giro,pagado_hasta\nL-1,Tienda Ñandú,Centro,2,2023\nL-2,Gasera,,197,2022\n"


def _listo(navegador) -> None:  # type: ignore[no-untyped-def]
    WebDriverWait(navegador, 30).until(lambda d: d.execute_script("return document.readyState") == "complete")


def _como(navegador, central: CentralViva, usuario: str) -> None:  # type: ignore[no-untyped-def]
    navegador.delete_all_cookies()
    entrar(navegador, central, usuario)
    navegador.get(f"{central.base}/consola/publicacion")
    _listo(navegador)


def test_padron_de_comercio_desde_la_consola(central_viva: CentralViva, navegador, tmp_path) -> None:  # type: ignore[no-untyped-def]
    for usuario, rol in (("admin", "administrador"), ("tesorera", "tesorero")):
        crear_usuario(central_viva, usuario, rol)
    malo = tmp_path / "malo.csv"
    malo.write_text(COMERCIO.replace(",197,", ",999,"), encoding="utf-8")
    archivo = tmp_path / "comercio.csv"
    archivo.write_text(COMERCIO, encoding="utf-8")

    _como(navegador, central_viva, "tesorera")
    Select(navegador.find_element(By.ID, "tipo_padron")).select_by_value("comercio")
    navegador.find_element(By.ID, "padron").send_keys(str(malo))
    enviar(navegador, "#preparar-padron button")
    _listo(navegador)
    assert "línea 3, campo giro" in navegador.page_source  # refused, naming line and field; nothing stored

    _como(navegador, central_viva, "tesorera")
    assert not navegador.find_elements(By.CSS_SELECTOR, "section.publicacion")
    Select(navegador.find_element(By.ID, "tipo_padron")).select_by_value("comercio")
    navegador.find_element(By.ID, "padron").send_keys(str(archivo))
    enviar(navegador, "#preparar-padron button")
    _listo(navegador)
    seccion = navegador.find_element(By.CSS_SELECTOR, "section.publicacion")
    assert seccion.get_attribute("data-estado") == "pendiente" and "comercio.csv" in seccion.text
    assert "Padrón de comercio: 2 cuentas; 2 nuevas y 0 con datos distintos" in seccion.text
    assert not seccion.find_elements(By.CSS_SELECTOR, ".aprobar")  # she prepared it: someone else approves
    capturar(navegador, "consola-publicacion-padron")

    _como(navegador, central_viva, "admin")
    enviar(navegador, "section.publicacion .aprobar")
    _listo(navegador)
    seccion = navegador.find_element(By.CSS_SELECTOR, "section.publicacion")
    assert seccion.get_attribute("data-estado") == "publicada" and "paquete 1" in seccion.text
    sobre = httpx.get(f"{central_viva.base}/v1/paquetes/siguiente?version=0", trust_env=False).json()
    paquete = sobre["paquete"]
    assert (paquete["version"], paquete["tipo"]) == (1, "padron")
    assert paquete["contenido"]["padron"] == {"tipo": "comercio", "csv": COMERCIO, "cuentas": 2}
    nada = httpx.get(f"{central_viva.base}/v1/paquetes/siguiente?version=1", trust_env=False)
    assert nada.status_code == 404
    mala = httpx.get(f"{central_viva.base}/v1/paquetes/siguiente?version=-1", trust_env=False)
    assert mala.status_code == 422 and "version" in mala.json()["error"]
