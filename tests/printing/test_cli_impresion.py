"""The printing command line through a real subprocess: exit codes, one-line Spanish errors, files written."""

from __future__ import annotations

import json
import re
import socket
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.ledger.test_cli_libro import correr

CAJERO = {"JEREZ_POS_USUARIO": "demo-cajero", "JEREZ_POS_CONTRASENA": "demo"}
SUPERVISOR = {"JEREZ_POS_USUARIO": "demo-supervisor", "JEREZ_POS_CONTRASENA": "demo"}
ADMIN = {"JEREZ_POS_USUARIO": "demo-admin", "JEREZ_POS_CONTRASENA": "demo"}


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("cli_impresion") / "home"
    demo = correr(home, "demo", "--recibos", "4", "--semilla", "11")
    assert demo.returncode == 0, demo.stderr
    return home


def _un_renglon(resultado) -> str:
    assert "Traceback" not in resultado.stderr
    renglones = resultado.stderr.strip().splitlines()
    assert len(renglones) == 1, resultado.stderr
    return renglones[0]


def _puerto_cerrado() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _texto_pdf(ruta: Path) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(ruta).pages))


def test_original_una_vez_y_copia(home, tmp_path):
    archivo = tmp_path / "t.bin"
    r = correr(home, "imprimir", "DEMO-1", "--impresora", f"archivo:{archivo}", "--ancho", "58", **CAJERO)
    assert r.returncode == 0 and "DEMO-1 (original) impreso" in r.stdout, r.stderr
    salida = archivo.read_bytes()
    assert b"ORIGINAL" in salida and "DEMOSTRACIÓN".encode("cp858") in salida
    otra = correr(home, "imprimir", "DEMO-1", "--impresora", f"archivo:{archivo}", **CAJERO)
    assert otra.returncode == 2 and "ya se imprimió" in _un_renglon(otra)
    copia = correr(home, "imprimir", "DEMO-1", "--copia", "--impresora", f"archivo:{archivo}", **CAJERO)
    assert copia.returncode == 0 and "(copia 1)" in copia.stdout
    assert "COPIA - REIMPRESIÓN 1".encode("cp858") in archivo.read_bytes()


def test_impresora_apagada_queda_pendiente_y_reintento(home):
    apagada = f"red:127.0.0.1:{_puerto_cerrado()}"
    r = correr(home, "imprimir", "DEMO-2", "--impresora", apagada, **CAJERO)
    assert r.returncode == 3 and "guardado; impresión pendiente" in _un_renglon(r)
    lista = correr(home, "impresora", "pendientes", "--json")
    assert lista.returncode == 0
    pendientes = json.loads(lista.stdout)
    assert [(p["folio"], p["copia"]) for p in pendientes] == [("DEMO-2", 0)]
    assert pendientes[0]["motivo"] == "la impresora está fuera de línea"
    texto = correr(home, "impresora", "pendientes")
    assert "DEMO-2" in texto.stdout and "original" in texto.stdout
    otra_vez = correr(home, "impresora", "reintentar", "--impresora", apagada, **CAJERO)
    assert otra_vez.returncode == 3 and "quedan 1" in _un_renglon(otra_vez)
    bien = correr(home, "impresora", "reintentar", "--impresora", "dummy", **CAJERO)
    assert bien.returncode == 0 and "DEMO-2 (original) impreso" in bien.stdout
    assert json.loads(correr(home, "impresora", "pendientes", "--json").stdout) == []
    verificado = json.loads(correr(home, "verificar", "--json").stdout)
    assert verificado["recibos"] == 4 and verificado["cadena"] == "ok"  # nothing charged twice


def test_probar_y_estado(home, tmp_path):
    archivo = tmp_path / "prueba.bin"
    r = correr(home, "impresora", "probar", "--impresora", f"archivo:{archivo}")
    assert r.returncode == 0, r.stderr
    assert "ÁÉÍÓÚÜÑ áéíóúüñ ¿¡".encode("cp858") in archivo.read_bytes()
    estado = correr(home, "impresora", "estado", "--impresora", f"red:127.0.0.1:{_puerto_cerrado()}")
    assert estado.returncode == 3 and "fuera de línea" in estado.stdout
    assert correr(home, "impresora", "estado", "--impresora", "dummy").stdout.strip() == "dummy: en línea"


@pytest.mark.parametrize(
    ("argumentos", "campo"),
    [
        (("imprimir", "DEMO-3", "--impresora", "usb:1"), "--impresora"),
        (("imprimir", "DEMO-3", "--ancho", "76"), "--ancho"),
        (("imprimir", "DEMO-99", "--impresora", "dummy"), "FOLIO"),
        (("impresora", "probar", "--impresora", "lpt1"), "--impresora"),
        (("recibo", "DEMO-3", "--pdf", "copia.txt"), "--pdf"),
        (("corte", "--pdf", "/no/existe/corte.pdf"), "--pdf"),
        (("reporte", "dia", "--pdf", "reporte.doc"), "--pdf"),
    ],
)
def test_entrada_invalida_una_linea_salida_2(home, argumentos, campo):
    r = correr(home, *argumentos, **CAJERO)
    assert r.returncode == 2 and campo in _un_renglon(r)


def test_recibo_pdf_registra_la_copia(home, tmp_path):
    ruta = tmp_path / "recibo.pdf"
    r = correr(home, "recibo", "DEMO-3", "--pdf", str(ruta), **CAJERO)
    assert r.returncode == 0, r.stderr
    texto = _texto_pdf(ruta)
    assert "RECIBO OFICIAL DE INGRESOS" in texto and "Folio DEMO-3" in texto and "COPIA — REIMPRESIÓN 1" in texto


def test_reporte_corte_y_ruta_en_pdf(home, tmp_path):
    reporte = tmp_path / "reporte.pdf"
    r = correr(home, "reporte", "dia", "--pdf", str(reporte), **SUPERVISOR)
    assert r.returncode == 0, r.stderr
    assert "REPORTE DIARIO DE INGRESOS" in _texto_pdf(reporte)
    corte = tmp_path / "corte.pdf"
    r = correr(home, "corte", "--pdf", str(corte), **CAJERO)
    assert r.returncode == 0, r.stderr
    texto = _texto_pdf(corte)
    assert "CORTE DE CAJA — PRELIMINAR" in texto and "Fondo inicial $500.00" in texto
    ruta = tmp_path / "ruta.pdf"
    r = correr(home, "reporte-ruta", "--inspector", "demo-inspector", "--pdf", str(ruta), **SUPERVISOR)
    assert r.returncode == 0, r.stderr
    assert "REPORTE DE RUTA DEL INSPECTOR" in _texto_pdf(ruta)
    ajena = correr(home, "reporte-ruta", "--inspector", "demo-inspector", "--pdf", str(ruta), **CAJERO)
    assert ajena.returncode == 2 and "supervisor" in _un_renglon(ajena)


def test_configurar_y_usar_la_impresora_guardada(home, tmp_path):
    archivo = tmp_path / "caja.bin"
    negado = correr(home, "impresora", "configurar", "--impresora", f"archivo:{archivo}", **CAJERO)
    assert negado.returncode == 2 and "no puede configurar la impresora" in _un_renglon(negado)
    r = correr(home, "impresora", "configurar", "--impresora", f"archivo:{archivo}", "--ancho", "58", **ADMIN)
    assert r.returncode == 0, r.stderr
    assert "ancho = 58" in (home / "impresora.toml").read_text(encoding="utf-8")
    impreso = correr(home, "imprimir", "DEMO-4", **CAJERO)
    assert impreso.returncode == 0, impreso.stderr
    assert b"ORIGINAL" in archivo.read_bytes()
