"""The public check page in a real browser: a phone opens the exact URL a ticket's QR encodes.

Real processes all the way: ``jerez-pos central`` (uvicorn) on PostgreSQL and on SQLite, a terminal home
enrolled with ``registrar``, receipts made by ``demo`` (some voided) and uploaded by ``sincronizar``; the QR
is built from the terminal's own ledger (``printing.libro.datos_qr``), and Chromium opens it at 390×844.
Then the same URL as JSON, and the per-address limit. With JEREZ_POS_CAPTURAS set, the pages are saved
as the README's screenshots.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import httpx
import pytest
from selenium.webdriver.common.by import By

from jerez_pos.central.publico import fecha_local
from jerez_pos.ledger.terminal import Terminal
from jerez_pos.printing.libro import datos_qr, leer_recibo
from tests.central.chromium import capturar, como_telefono
from tests.central.navegador import navegador
from tests.central.procesos import CentralEnMarcha, correr

__all__ = ["navegador"]  # fixture

HTML = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


def _folios(home: Path) -> tuple[str, str]:
    """A receipt still in force and a voided one, from the terminal's ledger."""
    with sqlite3.connect(home / "jerez_pos.sqlite3") as c:
        vigente = c.execute(
            "SELECT serie, numero FROM recibo WHERE id NOT IN (SELECT recibo_id FROM anulacion) ORDER BY id"
        ).fetchone()
        anulado = c.execute("SELECT serie, numero FROM recibo WHERE id IN (SELECT recibo_id FROM anulacion)").fetchone()
    assert vigente and anulado, "la demostración debe dejar recibos vigentes y anulados"
    return f"{vigente[0]}-{vigente[1]}", f"{anulado[0]}-{anulado[1]}"


def _nombres(home: Path) -> set[str]:
    with sqlite3.connect(home / "jerez_pos.sqlite3") as c:
        filas = c.execute("SELECT contribuyente FROM recibo").fetchall()
    return {v for (x,) in filas for v in json.loads(x).values() if v and v != "PÚBLICO EN GENERAL"}


@pytest.fixture(params=["sqlite", "postgresql"])
def central_con_recibos(request, tmp_path):
    url = (
        f"sqlite:///{tmp_path / 'central.sqlite3'}" if request.param == "sqlite" else request.getfixturevalue("url_pg")
    )
    servidor, home = tmp_path / "servidor", tmp_path / "terminal"
    alta = correr(servidor, "central", "terminal-nueva", "--db", url, "--delegacion", "Ermita de Guadalupe", "--json")
    assert alta.returncode == 0, alta.stderr
    with CentralEnMarcha(url, servidor) as central:
        r = correr(home, "registrar", "--servidor", central.url, "--codigo", json.loads(alta.stdout)["codigo"])
        assert r.returncode == 0, r.stderr
        r = correr(home, "demo", "--recibos", "12", "--anulaciones", "--semilla", "7")
        assert r.returncode == 0, r.stderr
        r = correr(home, "sincronizar", "--servidor", central.url, "--json")
        assert r.returncode == 0 and json.loads(r.stdout)["pendientes"] == 0, (r.stdout, r.stderr)
        yield central, home


def _qr(home: Path, folio: str, url_central: str) -> str:
    terminal = Terminal(home)
    return datos_qr(terminal, leer_recibo(terminal, folio)).contenido(url_central)


def _falsificado(contenido: str) -> str:
    """The genuine QR with the total raised: what a forger prints on a copied ticket."""
    partes = urlsplit(contenido)
    campos = dict(parse_qsl(partes.query))
    campos["total"] = "99999.00"
    return partes._replace(query=urlencode(campos)).geturl()


def _pagina(navegador, url: str) -> dict[str, str]:
    navegador.get(url)
    veredicto = navegador.find_element(By.ID, "veredicto")
    texto = navegador.find_element(By.TAG_NAME, "body").text
    return {"estado": veredicto.get_attribute("data-estado") or "", "texto": texto, "fuente": navegador.page_source}


def test_pagina_de_verificacion_en_un_telefono(central_con_recibos, navegador):
    central, home = central_con_recibos
    vigente, anulado = _folios(home)
    qr_vigente, qr_anulado = _qr(home, vigente, central.url), _qr(home, anulado, central.url)
    assert urlsplit(qr_vigente).path == "/v1/verificar"  # exactly what the ticket prints
    personales = _nombres(home)
    assert personales, "la demostración pone nombres de contribuyente"
    como_telefono(navegador)
    valido = _pagina(navegador, qr_vigente)
    assert navegador.execute_script("return window.innerWidth") == 390  # the page's viewport meta works
    assert valido["estado"] == "valido" and "VÁLIDO" in valido["texto"]
    recibo = leer_recibo(Terminal(home), vigente)
    assert navegador.find_element(By.ID, "folio").text == vigente
    assert navegador.find_element(By.ID, "delegacion").text == "Ermita de Guadalupe"
    assert navegador.find_element(By.ID, "fecha").text == fecha_local(recibo.fecha)
    assert fecha_local("2024-06-15T10:32:00") == "15/06/2024 10:32:00"
    total = navegador.find_element(By.ID, "total").text
    assert total.startswith("$") and total.replace("$", "").replace(",", "") == f"{recibo.total_centavos / 100:.2f}"
    filas = navegador.find_elements(By.CSS_SELECTOR, "#conceptos tr")
    assert len(filas) == len(recibo.lineas)
    for linea in recibo.lineas:
        assert linea["clave"] in valido["texto"]
    assert navegador.execute_script("return document.documentElement.scrollWidth") <= 390  # no sideways scroll
    capturar(navegador, "verificacion-valido")

    cancelado = _pagina(navegador, qr_anulado)
    assert cancelado["estado"] == "anulado" and "ANULADO" in cancelado["texto"]
    assert navegador.find_element(By.ID, "folio").text == anulado
    capturar(navegador, "verificacion-anulado")

    falso = _pagina(navegador, _falsificado(qr_vigente))
    assert falso["estado"] == "no-valido" and "NO VÁLIDO" in falso["texto"]
    assert "99,999" not in falso["texto"] and vigente not in falso["texto"]
    capturar(navegador, "verificacion-no-valido")

    for pagina in (valido, cancelado, falso):
        assert not any(nombre in pagina["fuente"] for nombre in personales)
        assert "Contribuyente" not in pagina["fuente"] and "rfc" not in pagina["fuente"].lower()

    # Typed by hand from the paper (folio and code, no signature), on the short address.
    codigo = dict(parse_qsl(urlsplit(qr_vigente).query))["codigo"]
    a_mano = _pagina(navegador, f"{central.url}/verificar?folio={vigente}&codigo={codigo}")
    assert a_mano["estado"] == "valido"
    malformado = _pagina(navegador, f"{central.url}/verificar?folio=nada&codigo={codigo}")
    assert malformado["estado"] == "error" and "folio" in malformado["texto"]


def test_toda_falla_es_la_misma_respuesta_json_sin_datos_personales_y_limite(central_con_recibos):
    central, home = central_con_recibos
    vigente, _ = _folios(home)
    qr = _qr(home, vigente, central.url)
    campos = dict(parse_qsl(urlsplit(qr).query))
    serie, _, numero = vigente.rpartition("-")
    fallas = {
        "folio desconocido": {**campos, "folio": f"{serie}-{int(numero) + 500}"},
        "código equivocado": {**campos, "codigo": "0" * 16},
        "firma de otro": {**campos, "firma": campos["firma"][::-1]},
        "total alterado": {**campos, "total": "1.00"},
    }
    with httpx.Client(base_url=central.url, trust_env=False) as cliente:
        json_bueno = cliente.get("/v1/verificar", params=campos).json()
        assert json_bueno["estado"] == "valido" and json_bueno["firma"] == "valida"
        assert set(json_bueno) == {"folio", "estado", "fecha", "total", "firma"}
        assert cliente.get("/verificar", params=campos, headers={"Accept": "application/json"}).json() == json_bueno
        paginas = set()
        for nombre, consulta in fallas.items():
            pagina = cliente.get("/verificar", params=consulta, headers=HTML)
            assert pagina.status_code == 200 and pagina.headers["content-type"].startswith("text/html"), nombre
            # The folio typed is echoed nowhere on the page, so every failure renders the very same bytes.
            paginas.add(pagina.text)
            datos = cliente.get("/v1/verificar", params=consulta).json()
            assert datos["estado"] == "desconocido" and datos["firma"] == "invalida", nombre
            assert set(datos) == {"folio", "estado", "firma"}, nombre
        assert len(paginas) == 1

        # 30 per minute per address: 2 + 2 × 4 asked above, 20 more pass, the next one doesn't.
        estados = [cliente.get("/v1/verificar", params=campos).status_code for _ in range(20)]
        assert estados == [200] * 20
        negada = cliente.get("/v1/verificar", params=campos)
        assert negada.status_code == 429 and int(negada.headers["retry-after"]) > 0
        assert "espere un minuto" in negada.json()["detail"]["mensaje"]
        pagina = cliente.get("/verificar", params=campos, headers=HTML)
        assert pagina.status_code == 429 and "Demasiadas consultas" in pagina.text
        # The rest of central is not limited: terminals keep syncing.
        assert cliente.get("/v1/paquetes/ultimo").status_code in (200, 404)
