"""The console's Terminals, Receipts and Publication pages in a real Chromium, against a real central
process on PostgreSQL, with a real terminal (``registrar``, ``demo``, ``sincronizar``) feeding it."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

import httpx
import psycopg
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.central.chromium import capturar
from tests.central.navegador import CentralViva, central_viva, crear_usuario, entrar, enviar, jerez, navegador

__all__ = ["central_viva", "navegador"]  # fixtures

RAIZ = Path(__file__).resolve().parents[2]


def _terminal(central: CentralViva, home: Path, codigo: str, recibos: int = 12) -> None:
    for orden in (
        ("registrar", "--servidor", central.base, "--codigo", codigo),
        ("demo", "--recibos", str(recibos), "--anulaciones", "--semilla", "7"),
        ("sincronizar", "--servidor", central.base, "--json"),
    ):
        hecho = jerez(home, *orden)
        assert hecho.returncode == 0, (orden, hecho.stderr)


def _alta_cli(central: CentralViva, delegacion: str) -> dict[str, str]:
    hecho = jerez(
        central.home, "central", "terminal-nueva", "--db", central.url_db, "--delegacion", delegacion, "--json"
    )
    assert hecho.returncode == 0, hecho.stderr
    return dict(json.loads(hecho.stdout))


def _como(navegador, central: CentralViva, usuario: str) -> None:
    navegador.delete_all_cookies()
    entrar(navegador, central, usuario)
    assert navegador.current_url.endswith("/consola/"), navegador.page_source[:500]


def _cliente(navegador, central: CentralViva) -> tuple[httpx.Client, str]:
    """The browser's session as an HTTP client, and the CSRF token of its current page."""
    galletas = {g["name"]: g["value"] for g in navegador.get_cookies()}
    token = navegador.find_element(By.CSS_SELECTOR, "input[name=csrf_token]").get_attribute("value")
    return httpx.Client(base_url=central.base, cookies=galletas, trust_env=False), str(token)


def _listo(navegador) -> None:
    WebDriverWait(navegador, 30).until(lambda d: d.execute_script("return document.readyState") == "complete")


def _enviar(navegador, selector: str) -> None:
    """Submits and waits for the next page to have loaded completely (then its elements stay put)."""
    enviar(navegador, selector)
    _listo(navegador)


def _filas(navegador) -> list[str]:
    """The result rows' texts, read in one step once the page finished loading (no stale elements)."""
    _listo(navegador)
    return list(
        navegador.execute_script(
            "return Array.from(document.querySelectorAll('#resultados tbody tr')).map(f => f.innerText)"
        )
    )


def _auditoria(central: CentralViva, accion: str) -> list[tuple[str, str]]:
    with psycopg.connect(central.url_db) as c:
        return c.execute("SELECT usuario, detalle FROM auditoria_consola WHERE accion = %s", (accion,)).fetchall()


def test_terminales_alta_conflicto_con_nota_y_revocacion(central_viva: CentralViva, navegador, tmp_path) -> None:  # type: ignore[no-untyped-def]
    for usuario, rol in (("admin", "administrador"), ("tesorera", "tesorero"), ("contralor", "auditor")):
        crear_usuario(central_viva, usuario, rol)
    _como(navegador, central_viva, "admin")
    navegador.get(f"{central_viva.base}/consola/terminales")
    navegador.find_element(By.ID, "delegacion").send_keys("Los Haro")
    _enviar(navegador, "#alta button")
    serie, codigo = navegador.find_element(By.ID, "serie").text, navegador.find_element(By.ID, "codigo").text
    assert serie and len(codigo) == 24
    assert _auditoria(central_viva, "alta_terminal") == [("admin", f"{serie} (Los Haro)")]  # never the code

    home = tmp_path / "terminal"
    _terminal(central_viva, home, codigo)
    navegador.get(f"{central_viva.base}/consola/terminales")
    fila = navegador.find_element(By.ID, f"terminal-{serie}")
    assert fila.get_attribute("data-estado") == "activa"
    assert fila.find_element(By.CSS_SELECTOR, ".pendientes").text == "0"
    assert fila.find_element(By.CSS_SELECTOR, ".uma").text.replace(".", "").isdigit()  # the UMA it priced with
    assert fila.find_element(By.CSS_SELECTOR, ".catalogo").text != "desconocido"
    assert fila.find_element(By.CSS_SELECTOR, ".contacto").text.endswith("Z")  # its sync was a contact

    with psycopg.connect(central_viva.url_db) as c:
        c.execute(
            "INSERT INTO conflicto (terminal_id, uid, secuencia, campo, motivo, recibido, registrado_en) "
            "SELECT id, 'x', 2, 'hash', 'el registro 2 llegó con otro contenido', '{}', '2026-01-01T00:00:00Z' "
            "FROM terminal WHERE serie = %s",
            (serie,),
        )
    _como(navegador, central_viva, "contralor")
    navegador.get(f"{central_viva.base}/consola/terminales")
    conflicto = navegador.find_element(By.CSS_SELECTOR, "section.conflicto")
    assert "sin nota" in conflicto.text and not conflicto.find_elements(By.TAG_NAME, "form")  # auditor reads
    assert not navegador.find_elements(By.ID, "revocar")
    cliente, token = _cliente(navegador, central_viva)
    identificador = conflicto.get_attribute("id").removeprefix("conflicto-")
    negado = cliente.post(
        "/consola/terminales/nota", data={"csrf_token": token, "conflicto": identificador, "nota": "x"}
    )
    assert negado.status_code == 403
    como_json = cliente.get("/consola/terminales", params={"formato": "json"}).json()
    (propia,) = [t for t in como_json["terminales"] if t["serie"] == serie]
    assert propia["estado"] == "activa" and propia["sin_nota"] == 1 and como_json["conflictos"][0]["notas"] == []

    _como(navegador, central_viva, "tesorera")
    navegador.get(f"{central_viva.base}/consola/terminales")
    navegador.find_element(By.CSS_SELECTOR, "section.conflicto input[name=nota]").send_keys("Reenvío duplicado.")
    _enviar(navegador, "section.conflicto button")
    conflicto = navegador.find_element(By.CSS_SELECTOR, "section.conflicto")
    assert "tesorera" in conflicto.text and "Reenvío duplicado." in conflicto.text and "con nota" in conflicto.text
    assert not navegador.find_elements(By.ID, "revocar")  # revocation is for administración
    capturar(navegador, "consola-terminales")

    _como(navegador, central_viva, "admin")
    navegador.get(f"{central_viva.base}/consola/terminales")
    navegador.find_element(By.ID, "motivo").send_keys("Equipo robado en la delegación")
    _enviar(navegador, "#revocar button")
    assert navegador.find_element(By.ID, f"terminal-{serie}").get_attribute("data-estado") == "revocada"
    assert _auditoria(central_viva, "revocar_terminal") == [("admin", f"{serie}: Equipo robado en la delegación")]
    assert jerez(home, "demo", "--recibos", "1", "--semilla", "9").returncode == 0
    rechazo = jerez(home, "sincronizar", "--servidor", central_viva.base, "--json")
    assert rechazo.returncode != 0 and "revocada" in rechazo.stderr


def test_recibos_busqueda_detalle_y_exportes(central_viva: CentralViva, navegador, tmp_path) -> None:  # type: ignore[no-untyped-def]
    crear_usuario(central_viva, "contralor", "auditor")
    alta = _alta_cli(central_viva, "Ermita")
    home = tmp_path / "terminal"
    _terminal(central_viva, home, alta["codigo"])
    _como(navegador, central_viva, "contralor")
    navegador.get(f"{central_viva.base}/consola/recibos")
    _enviar(navegador, "#buscar button")
    filas = _filas(navegador)
    assert len(filas) == 12
    anulados = [f.split()[0] for f in filas if "ANULADO" in f]
    assert anulados

    navegador.find_element(By.ID, "folio").send_keys(f"{alta['serie']}-2")
    _enviar(navegador, "#buscar button")
    (fila,) = _filas(navegador)
    assert fila.startswith(f"{alta['serie']}-2")
    folio_anulado = anulados[0]
    navegador.get(f"{central_viva.base}/consola/recibos/detalle?folio={folio_anulado}")
    assert navegador.find_element(By.ID, "anulado").text == "· ANULADO"
    assert "anulación de demostración" in navegador.find_element(By.ID, "anulacion").text
    capturar(navegador, "consola-recibo-anulado")
    assert navegador.find_elements(By.CSS_SELECTOR, "#lineas tbody tr") and navegador.find_elements(
        By.CSS_SELECTOR, "#pagos tbody tr"
    )

    navegador.get(f"{central_viva.base}/consola/recibos?buscar=1&nombre=contribuyente+de+prueba")
    por_nombre = _filas(navegador)
    csv_url = navegador.find_element(By.ID, "csv").get_attribute("href")
    pdf_url = navegador.find_element(By.ID, "pdf").get_attribute("href")
    cliente, _ = _cliente(navegador, central_viva)
    with cliente:
        csv = cliente.get(csv_url)
        assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
        assert len(csv.text.strip().splitlines()) == len(por_nombre) + 1
        pdf = cliente.get(pdf_url)
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
        datos = cliente.get("/consola/recibos", params={"nombre": "contribuyente de prueba", "formato": "json"}).json()
        assert len(datos["filas"]) == len(por_nombre) and datos["truncado"] is False
        assert datos["filtros"] == {"nombre": "contribuyente de prueba"}
        malo = cliente.get("/consola/recibos?buscar=1&desde=2024-02-30")
        assert malo.status_code == 400 and "desde" in malo.text
    assert {
        accion
        for accion in ("buscar_recibos", "ver_recibo", "exportar_recibos_csv")
        if _auditoria(central_viva, accion)
    } == {
        "buscar_recibos",
        "ver_recibo",
        "exportar_recibos_csv",
    }
    assert httpx.get(f"{central_viva.base}/consola/recibos/exportar.csv", follow_redirects=False).status_code == 303


def _zip_catalogo(destino: Path) -> Path:
    carpeta = destino / "jerez-2024"
    shutil.copytree(RAIZ / "db" / "tarifas" / "jerez-2024", carpeta)
    archivo = carpeta / "conceptos" / "a031-a083.toml"
    archivo.write_text(archivo.read_text(encoding="utf-8").replace('monto = "1.0500"', 'monto = "1.1000"', 1))
    salida = io.BytesIO()
    with zipfile.ZipFile(salida, "w") as z:
        for ruta in sorted(carpeta.rglob("*")):
            if ruta.is_file():
                z.write(ruta, "jerez-2024/" + ruta.relative_to(carpeta).as_posix())
    zip_ = destino / "catalogo.zip"
    zip_.write_bytes(salida.getvalue())
    return zip_


def test_publicacion_dos_personas_y_auditor_sin_publicar(central_viva: CentralViva, navegador, tmp_path) -> None:  # type: ignore[no-untyped-def]
    for usuario, rol in (("admin", "administrador"), ("tesorera", "tesorero"), ("contralor", "auditor")):
        crear_usuario(central_viva, usuario, rol)
    zip_ = _zip_catalogo(tmp_path)
    _como(navegador, central_viva, "tesorera")
    navegador.get(f"{central_viva.base}/consola/publicacion")
    navegador.find_element(By.ID, "catalogo").send_keys(str(zip_))
    _enviar(navegador, "#preparar button")
    seccion = navegador.find_element(By.CSS_SELECTOR, "section.publicacion")
    assert seccion.get_attribute("data-estado") == "pendiente"
    assert "A31-II-a" in seccion.text and "catalogo.zip" in seccion.text
    assert "otra persona debe aprobarla" in seccion.text and not seccion.find_elements(By.CSS_SELECTOR, ".aprobar")
    identificador = seccion.get_attribute("id").removeprefix("publicacion-")
    cliente, token = _cliente(navegador, central_viva)
    propia = cliente.post("/consola/publicacion/aprobar", data={"csrf_token": token, "publicacion": identificador})
    assert propia.status_code == 400 and "otra persona" in propia.text
    sin_csrf = cliente.post("/consola/publicacion/aprobar", data={"publicacion": identificador})
    assert sin_csrf.status_code == 403
    assert httpx.get(f"{central_viva.base}/v1/paquetes/ultimo").status_code == 404

    _como(navegador, central_viva, "contralor")
    navegador.get(f"{central_viva.base}/consola/publicacion")
    assert "A31-II-a" in navegador.find_element(By.CSS_SELECTOR, "section.publicacion").text  # sees the changes
    capturar(navegador, "consola-publicacion")
    assert not navegador.find_elements(By.ID, "preparar") and not navegador.find_elements(By.CSS_SELECTOR, ".aprobar")
    cliente, token = _cliente(navegador, central_viva)
    negado = cliente.post("/consola/publicacion/aprobar", data={"csrf_token": token, "publicacion": identificador})
    assert negado.status_code == 403 and "sólo para" in negado.text
    assert httpx.get(f"{central_viva.base}/v1/paquetes/ultimo").status_code == 404

    _como(navegador, central_viva, "admin")
    navegador.get(f"{central_viva.base}/consola/publicacion")
    _enviar(navegador, "section.publicacion .aprobar")
    seccion = navegador.find_element(By.CSS_SELECTOR, "section.publicacion")
    assert seccion.get_attribute("data-estado") == "publicada" and "paquete 1" in seccion.text
    paquete = httpx.get(f"{central_viva.base}/v1/paquetes/ultimo").json()["paquete"]
    assert paquete["version"] == 1 and paquete["tipo"] == "catalogo"
    assert '"1.1000"' in paquete["contenido"]["catalogo"]["archivos"]["conceptos/a031-a083.toml"]
    assert [u for u, _ in _auditoria(central_viva, "preparar_publicacion")] == ["tesorera"]
    assert _auditoria(central_viva, "aprobar_publicacion") == [("admin", f"{identificador} → paquete 1")]


@pytest.mark.parametrize("ruta", ["/consola/terminales", "/consola/recibos", "/consola/publicacion"])
def test_paginas_piden_sesion(central_viva: CentralViva, ruta: str) -> None:
    respuesta = httpx.get(f"{central_viva.base}{ruta}", follow_redirects=False)
    assert respuesta.status_code == 303 and respuesta.headers["location"] == "/consola/entrar"
