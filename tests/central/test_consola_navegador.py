"""The console in a real Chromium against a real central process on PostgreSQL."""

from __future__ import annotations

import httpx
from selenium.webdriver.common.by import By

from tests.central.navegador import CentralViva, central_viva, crear_usuario, entrar, enviar, navegador

__all__ = ["central_viva", "navegador"]  # fixtures


def test_entrada_contrasena_incorrecta_y_salida(central_viva: CentralViva, navegador) -> None:  # type: ignore[no-untyped-def]
    crear_usuario(central_viva, "tesorera", "tesorero")
    navegador.get(f"{central_viva.base}/consola/")
    assert navegador.current_url.endswith("/consola/entrar")  # not signed in → sign-in page

    entrar(navegador, central_viva, "tesorera", "no-es-la-contraseña")
    assert "usuario o contraseña incorrectos" in navegador.find_element(By.ID, "error").text
    assert navegador.current_url.endswith("/consola/entrar")

    entrar(navegador, central_viva, "tesorera")
    assert navegador.current_url.endswith("/consola/")
    assert "tesorera" in navegador.find_element(By.TAG_NAME, "header").text
    galletas = {g["name"]: g for g in navegador.get_cookies()}
    assert galletas["jerez_consola"]["httpOnly"] and galletas["jerez_consola"]["sameSite"] in ("Lax", "Strict")

    enviar(navegador, "form.salir button")
    assert navegador.current_url.endswith("/consola/entrar")
    navegador.get(f"{central_viva.base}/consola/")
    assert navegador.current_url.endswith("/consola/entrar")  # the session ended on the server


def test_formulario_sin_csrf_se_rechaza(central_viva: CentralViva, navegador) -> None:  # type: ignore[no-untyped-def]
    crear_usuario(central_viva, "tesorera", "tesorero")
    navegador.get(f"{central_viva.base}/consola/entrar")
    # The browser's own form, with its hidden token removed: the post must be refused, not signed in.
    navegador.execute_script("document.querySelector('input[name=csrf_token]').remove()")
    navegador.find_element(By.ID, "usuario").send_keys("tesorera")
    navegador.find_element(By.ID, "contrasena").send_keys("contraseña-de-prueba-1")
    enviar(navegador, "form.entrar button")
    assert "código de seguridad (csrf)" in navegador.find_element(By.ID, "error").text
    assert "jerez_consola" not in {g["name"] for g in navegador.get_cookies()}
    # The same refusal seen as HTTP: 403.
    respuesta = httpx.post(
        f"{central_viva.base}/consola/entrar", data={"usuario": "tesorera", "contrasena": "contraseña-de-prueba-1"}
    )
    assert respuesta.status_code == 403


def test_auditor_no_llega_a_acciones_de_administrador(central_viva: CentralViva, navegador) -> None:  # type: ignore[no-untyped-def]
    crear_usuario(central_viva, "contralor", "auditor")
    crear_usuario(central_viva, "admin", "administrador")
    entrar(navegador, central_viva, "contralor")
    assert navegador.current_url.endswith("/consola/")
    assert "Usuarios" not in navegador.find_element(By.TAG_NAME, "nav").text
    navegador.get(f"{central_viva.base}/consola/usuarios")
    assert "sólo para: Administración" in navegador.find_element(By.ID, "error").text
    # Posting the admin form directly, with a valid token from the auditor's own page, is refused too.
    token = navegador.find_element(By.CSS_SELECTOR, "input[name=csrf_token]").get_attribute("value")
    galletas = {g["name"]: g["value"] for g in navegador.get_cookies()}
    respuesta = httpx.post(
        f"{central_viva.base}/consola/usuarios/bloquear",
        data={"csrf_token": token, "usuario": "admin"},
        cookies=galletas,
    )
    assert respuesta.status_code == 403
    listado = httpx.get(f"{central_viva.base}/consola/usuarios", cookies=galletas)
    assert listado.status_code == 403
