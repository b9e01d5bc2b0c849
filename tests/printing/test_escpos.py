"""ESC/POS output compared byte for byte with golden files, and the code-page rules checked on the bytes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from jerez_pos.printing.escpos import (
    PaginaNoDisponible,
    escribir_ticket,
    texto_imprimible,
    ticket_a_bytes,
)
from jerez_pos.printing.ticket import componer_ticket
from tests.printing.muestras import muestras
from tests.printing.regenerar import COMANDO, casos, renderizar, ruta_golden

ESC_T = b"\x1bt"
CP858 = 19  # ESC t 19 selects PC858 on Epson-compatible printers (python-escpos "default" profile)
ACENTUADAS = "ñÑáéíóúÁÉÍÓÚüÜ¿¡"
RAIZ = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(scope="module")
def datos_escpos(tmp_path_factory):
    return tmp_path_factory.mktemp("home_escpos")


def _primera_diferencia(a: bytes, b: bytes) -> str:
    posicion = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    esperado, obtenido = a[posicion : posicion + 24], b[posicion : posicion + 24]
    return f"difieren en el byte {posicion}: esperado {esperado!r}, obtenido {obtenido!r}"


@pytest.mark.parametrize(("nombre", "ancho"), casos())
def test_bytes_iguales_al_golden(nombre, ancho, datos_escpos):
    ruta = ruta_golden(nombre, ancho)
    if not ruta.exists():
        pytest.fail(f"falta el golden {ruta.name}; créelo con `{COMANDO}` y revise el resultado antes de confirmarlo")
    esperado = ruta.read_bytes()
    obtenido = renderizar(nombre, ancho, datos_escpos)
    assert obtenido == esperado, (
        f"{ruta.name}: {_primera_diferencia(esperado, obtenido)}. Si el cambio es intencional: `{COMANDO}`"
    )


@pytest.mark.parametrize("ancho", [32, 48])
def test_acentos_en_cp858_y_nunca_utf8(ancho, datos_escpos):
    salida = renderizar("acentos", ancho, datos_escpos)
    assert "ñ".encode("cp858") == b"\xa4" and b"\xa4" in salida  # Ñandú / Núñez
    for letra in ACENTUADAS:
        assert letra.encode("utf-8") not in salida, f"{letra} salió en UTF-8"
        if letra != "Ü":  # the only one the sample lacks
            assert letra.encode("cp858") in salida, letra
    for fragmento in ("Ñandú, café,", "¿cuánto?", "¡Güero", "Núñez!"):  # wrapping may split the phrase
        assert fragmento.encode("cp858") in salida, fragmento
    # No UTF-8 multibyte sequence at all: a lead byte 0xC2-0xF4 followed by a continuation byte.
    assert not re.search(rb"[\xc2-\xf4][\x80-\xbf]", salida)


@pytest.mark.parametrize(("nombre", "ancho"), casos())
def test_una_sola_pagina_de_codigos_reafirmada_tras_cada_cambio_de_estilo(nombre, ancho, datos_escpos):
    salida = renderizar(nombre, ancho, datos_escpos)
    paginas = {salida[m.end()] for m in re.finditer(re.escape(ESC_T), salida)}
    assert paginas == {CP858}, f"páginas de códigos usadas: {paginas}"
    assert salida.startswith(b"\x1b@" + ESC_T + bytes([CP858]))
    for cambio in re.finditer(rb"\x1b!", salida):
        siguiente_texto = salida.find(b"\n", cambio.end())
        if siguiente_texto == -1:  # the style reset before the cut: no text follows
            siguiente_texto = len(salida)
        reafirmada = salida.find(ESC_T + bytes([CP858]), cambio.end())
        assert -1 < reafirmada < siguiente_texto, f"sin ESC t tras ESC ! en el byte {cambio.start()}"


def test_qr_nativo_y_corte(datos_escpos):
    salida = renderizar("acentos", 48, datos_escpos)
    payload = muestras()["acentos"].qr_payload.encode("ascii")
    assert b"\x1d(k" in salida and payload in salida  # GS ( k: the printer draws the QR itself
    assert salida.endswith(b"\x1bd\x06\x1dV\x00")  # feed six lines (ESC d 6), then full cut (GS V 0)


def test_guion_largo_se_imprime_como_guion():
    assert texto_imprimible("COPIA — REIMPRESIÓN 2") == "COPIA - REIMPRESIÓN 2"


def test_reimpresion_lleva_copia_y_cancelado(datos_escpos):
    salida = renderizar("reimpresion", 32, datos_escpos)
    assert "COPIA - REIMPRESIÓN 2".encode("cp858") in salida
    assert b"*** RECIBO ANULADO ***" in salida and b"ORIGINAL" not in salida


def test_perfil_sin_cp858_usa_cp850(datos_escpos):
    ticket = componer_ticket(muestras()["acentos"], 32)
    salida = ticket_a_bytes(ticket, perfil="TM-T88II", directorio_datos=datos_escpos)
    paginas = {salida[m.end()] for m in re.finditer(re.escape(ESC_T), salida)}
    assert len(paginas) == 1 and "ñ".encode("cp850") in salida


def test_perfil_sin_pagina_latina_se_rechaza(datos_escpos):
    from escpos.printer import Dummy

    with pytest.raises(PaginaNoDisponible, match="CP858 ni CP850"):
        escribir_ticket(Dummy(profile="simple"), componer_ticket(muestras()["acentos"], 32))


def test_cache_de_perfiles_en_el_home_de_datos(tmp_path):
    """In a fresh interpreter (escpos reads its paths once, at import): the pickle lands in the data home."""
    codigo = (
        "from jerez_pos.printing.escpos import ticket_a_bytes\n"
        "from jerez_pos.printing.ticket import componer_ticket\n"
        "from tests.printing.muestras import muestras\n"
        "ticket_a_bytes(componer_ticket(muestras()['acentos'], 32))\n"
    )
    entorno = {k: v for k, v in os.environ.items() if not k.startswith("ESCPOS_")}
    entorno["JEREZ_POS_HOME"] = str(tmp_path)
    r = subprocess.run(
        [sys.executable, "-c", codigo], cwd=RAIZ, env=entorno, capture_output=True, text=True, timeout=60
    )
    assert r.returncode == 0, r.stderr
    assert list((tmp_path / "escpos").glob("*.capabilities.pickle"))
