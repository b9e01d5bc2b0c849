"""The console in a real Chromium against a real central process on PostgreSQL."""

from __future__ import annotations

import json
from decimal import Decimal

import httpx
from selenium.webdriver.common.by import By

from jerez_pos.catalogo import estimaciones
from jerez_pos.central.consola.web import pesos
from jerez_pos.config import catalogo_incluido
from tests.central.chromium import capturar, como_telefono
from tests.central.navegador import (
    CentralViva,
    arrancar,
    central_viva,
    crear_usuario,
    detener,
    entrar,
    enviar,
    jerez,
    navegador,
)

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
    menu = navegador.find_element(By.TAG_NAME, "nav").text
    assert "Usuarios" not in menu and "Bitácora" in menu and "Tablero" in menu
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
    # The contraloría reads the audit log: its own sign-in and the refused attempts are there.
    navegador.get(f"{central_viva.base}/consola/bitacora")
    bitacora = navegador.find_element(By.ID, "bitacora").text
    assert "contralor entrada rol auditor" in bitacora
    assert "crear_usuario admin (administrador)" in bitacora


def _tabla(navegador, id_tabla: str) -> dict[str, tuple[str, str]]:  # type: ignore[no-untyped-def]
    """{data-clave: (data-valor, visible text)} of a dashboard table's amount cells."""
    filas = navegador.execute_script(
        "return [...document.querySelectorAll('#' + arguments[0] + ' tbody tr[data-clave]')].map(tr => {"
        " const td = tr.querySelector('td[data-valor]'); return [tr.dataset.clave, td.dataset.valor, td.innerText]; })",
        id_tabla,
    )
    return {clave: (valor, visible) for clave, valor, visible in filas}


def test_tablero_igual_a_central_resumen_tras_sincronizar_una_terminal(  # type: ignore[no-untyped-def]
    central_viva: CentralViva, navegador, tmp_path
) -> None:
    alta = jerez(
        central_viva.home,
        "central",
        "terminal-nueva",
        "--db",
        central_viva.url_db,
        "--delegacion",
        "Los Haro",
        "--json",
    )
    assert alta.returncode == 0, alta.stderr
    terminal = tmp_path / "terminal"
    codigo = json.loads(alta.stdout)["codigo"]
    assert jerez(terminal, "registrar", "--servidor", central_viva.base, "--codigo", codigo).returncode == 0
    hecho = jerez(terminal, "demo", "--recibos", "30", "--anulaciones", "--semilla", "5")
    assert hecho.returncode == 0, hecho.stderr
    sincronizado = jerez(terminal, "sincronizar", "--servidor", central_viva.base, "--json")
    assert sincronizado.returncode == 0 and json.loads(sincronizado.stdout)["pendientes"] == 0, sincronizado.stderr

    crear_usuario(central_viva, "tesorera", "tesorero")
    entrar(navegador, central_viva, "tesorera")
    # The period form, as a person uses it.
    navegador.execute_script("document.getElementById('desde').value = '2020-01-01'")
    navegador.execute_script("document.getElementById('hasta').value = '2035-12-31'")
    enviar(navegador, "form.periodo button")
    assert "desde=2020-01-01" in navegador.current_url

    orden = ("central", "resumen", "--db", central_viva.url_db, "--desde", "2020-01-01", "--hasta", "2035-12-31")
    resumen = json.loads(jerez(central_viva.home, *orden, "--json").stdout)
    assert resumen["recibos"] >= 30 and resumen["anulados"] >= 1  # the demo really arrived

    total = navegador.find_element(By.CSS_SELECTOR, "#total-periodo .cifra")
    assert total.get_attribute("data-valor") == resumen["total"]
    assert total.text == pesos(resumen["total"])
    assert navegador.find_element(By.ID, "recibos").text == str(resumen["recibos"])
    assert navegador.find_element(By.ID, "anulados").text == str(resumen["anulados"])

    # Today's card, for the day the page calls today (the treasury's local date).
    hoy = navegador.find_element(By.ID, "fecha-hoy").get_attribute("datetime")
    del_dia = json.loads(
        jerez(
            central_viva.home,
            "central",
            "resumen",
            "--db",
            central_viva.url_db,
            "--desde",
            hoy,
            "--hasta",
            hoy,
            "--json",
        ).stdout
    )
    assert navegador.find_element(By.CSS_SELECTOR, "#hoy .cifra").get_attribute("data-valor") == del_dia["total"]

    terminales = _tabla(navegador, "por-terminal")
    assert {k: v[0] for k, v in terminales.items()} == {k: v["total"] for k, v in resumen["por_terminal"].items()}
    conceptos = _tabla(navegador, "por-concepto")
    assert {k: v[0] for k, v in conceptos.items()} == resumen["por_concepto"]
    assert all(visible == pesos(valor) for valor, visible in conceptos.values())
    rubros = _tabla(navegador, "por-rubro")
    for rubro, total_rubro in resumen["por_rubro"].items():
        assert rubros[rubro][0] == total_rubro
    # Every upper level is the sum of the leaves under it.
    for nivel, (valor, _) in rubros.items():
        hojas = [Decimal(v) for k, v in resumen["por_rubro"].items() if k == nivel or k.startswith(nivel + " › ")]
        assert Decimal(valor) == sum(hojas), nivel
    # Each rubro against the law's Art. 2 estimate, and its share collected in the year.
    estimado = estimaciones.leer(catalogo_incluido())
    celdas = navegador.execute_script(
        "return [...document.querySelectorAll('#por-rubro tbody tr[data-clave]')].map(tr =>"
        " [tr.dataset.clave, ...[...tr.querySelectorAll('td')].map(td => td.innerText)])"
    )
    assert any(fila[0] == "Derechos" for fila in celdas)
    for rubro, _nombre, _periodo, en_anio, estimacion, avance in celdas:
        meta = estimado[rubro]
        assert estimacion == ("no aplica" if meta is None else "sin estimación" if meta == 0 else pesos(meta))
        if meta:
            anual = Decimal(en_anio.replace("$", "").replace(",", ""))
            assert avance == f"{(anual * 100 / meta).quantize(Decimal('0.01'))} %"
    assert navegador.find_elements(By.CSS_SELECTOR, "svg.barras rect")  # the charts are drawn on the server
    navegador.save_screenshot(str(tmp_path / "tablero.png"))
    navegador.set_window_size(1366, 900)
    capturar(navegador, "consola-tablero")  # the README's screenshots, when JEREZ_POS_CAPTURAS is set
    como_telefono(navegador)
    capturar(navegador, "consola-tablero-telefono")


def test_reportes_json_aceptan_la_sesion_de_la_consola(url_pg: str, tmp_path, navegador) -> None:  # type: ignore[no-untyped-def]
    central = arrancar(url_pg, tmp_path / "central")
    try:
        crear_usuario(central, "contralor", "auditor")
        alta = jerez(central.home, "central", "token", "crear", "--db", central.url_db, "--nombre", "tablero", "--json")
        token = json.loads(alta.stdout)["token"]
        for ruta in ("/v1/resumen", "/v1/resumen.csv", "/v1/faltantes"):
            assert httpx.get(central.base + ruta).status_code == 401
            assert httpx.get(central.base + ruta, cookies={"jerez_consola": "inventada" * 5}).status_code == 401
        con_token = httpx.get(central.base + "/v1/resumen", headers={"Authorization": f"Bearer {token}"})
        assert con_token.status_code == 200
        entrar(navegador, central, "contralor")
        navegador.get(central.base + "/v1/resumen")  # the browser sends its session cookie (path /)
        assert json.loads(navegador.find_element(By.TAG_NAME, "body").text) == con_token.json()
        galletas = {g["name"]: g["value"] for g in navegador.get_cookies()}
        for ruta in ("/v1/resumen", "/v1/resumen.csv", "/v1/faltantes"):
            assert httpx.get(central.base + ruta, cookies=galletas).status_code == 200
        navegador.get(central.base + "/consola/")
        enviar(navegador, "form.salir button")  # after sign-out the same cookie is worth nothing
        assert httpx.get(central.base + "/v1/resumen", cookies=galletas).status_code == 401
    finally:
        detener(central)


def test_cookies_seguras_detras_de_un_proxy_con_tls(url_pg: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Secure only when TLS reached the request: here, a configured proxy saying X-Forwarded-Proto: https."""
    central = arrancar(url_pg, tmp_path / "central", {"JEREZ_CENTRAL_PROXIES": "127.0.0.1"})
    try:
        crear_usuario(central, "tesorera", "tesorero")
        for encabezados, segura in (({}, False), ({"X-Forwarded-Proto": "https"}, True)):
            with httpx.Client(base_url=central.base, headers=encabezados) as cliente:
                pagina = cliente.get("/consola/entrar")
                galleta = pagina.headers["set-cookie"]
                assert "HttpOnly" in galleta and "SameSite=lax" in galleta and ("Secure" in galleta) == segura
                token = pagina.text.split('name="csrf_token" value="')[1].split('"')[0]
                datos = {"usuario": "tesorera", "contrasena": "contraseña-de-prueba-1", "csrf_token": token}
                # Sent by hand: an http client rightly keeps Secure cookies to itself on plain http.
                csrf = galleta.split(";")[0]
                cliente.cookies.clear()
                entrada = cliente.post("/consola/entrar", data=datos, headers={"Cookie": csrf})
                assert entrada.status_code == 303
                sesion = next(g for g in entrada.headers.get_list("set-cookie") if g.startswith("jerez_consola="))
                assert "HttpOnly" in sesion and ("Secure" in sesion) == segura
    finally:
        detener(central)
