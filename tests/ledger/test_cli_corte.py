"""``jerez-pos corte`` through a real process: blind until counted, every count recorded, a shortage
"fixed" by a recount still needs the supervisor's password to close."""

from __future__ import annotations

import json
import re
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from test_cli_libro import CAJERO, correr

from jerez_pos.ledger.corte import DENOMINACIONES


def _conteo(esperado: str) -> str:
    """The bills and coins that make exactly ``esperado``, as --conteo text."""
    resto, partes = Decimal(esperado), []
    for d in DENOMINACIONES:
        piezas = int(resto // d)
        if piezas:
            partes.append(f"{d}x{piezas}")
            resto -= d * piezas
    assert resto == 0
    return ",".join(partes)


def _arqueos(home: Path) -> list[int]:
    ruta = next(home.rglob("*.sqlite3"))
    with sqlite3.connect(ruta) as c:
        return [f[0] for f in c.execute("SELECT diferencia_centavos FROM arqueo ORDER BY n")]


def _un_renglon(resultado: object) -> str:
    lineas = resultado.stderr.strip().splitlines()  # type: ignore[attr-defined]
    assert len(lineas) == 1 and "Traceback" not in lineas[0], lineas
    return str(lineas[0])


@pytest.fixture
def home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    assert correr(home, "demo", "--recibos", "3", "--semilla", "5").returncode == 0
    return home


def test_corte_ciego_conteo_registrado_y_supervisor(home: Path) -> None:
    ciego = correr(home, "corte", "--json", **CAJERO)
    assert ciego.returncode == 0, ciego.stderr
    datos = json.loads(ciego.stdout)
    assert datos["ciego"] is True and datos["esperado"] is None and datos["efectivo_recibido"] is None
    texto = correr(home, "corte", **CAJERO).stdout
    assert "a ciegas" in texto and "Esperado" not in texto

    malo = correr(home, "corte", "--conteo", "300x1", **CAJERO)
    assert malo.returncode == 2 and "--conteo" in _un_renglon(malo) and _arqueos(home) == []

    faltante = correr(home, "corte", "--conteo", "1x1", **CAJERO)
    assert faltante.returncode == 2
    linea = _un_renglon(faltante)
    assert "conteo 1 registrado" in linea and "faltante" in linea and "supervisor" in linea
    revelado = json.loads(correr(home, "corte", "--json", **CAJERO).stdout)
    assert revelado["ciego"] is False and revelado["requiere_supervisor"] is True
    assert [c["contado"] for c in revelado["conteos"]] == ["1.00"]

    reconteo = correr(home, "corte", "--conteo", _conteo(revelado["esperado"]), **CAJERO)
    assert reconteo.returncode == 2
    assert "conteo 2 registrado" in _un_renglon(reconteo) and "conteo 1 tuvo un faltante" in reconteo.stderr
    assert _arqueos(home)[1] == 0 and _arqueos(home)[0] < 0

    sin_clave = correr(
        home, "corte", "--cerrar", "--supervisor", "demo-supervisor", JEREZ_POS_CONTRASENA_SUPERVISOR="mala", **CAJERO
    )
    assert sin_clave.returncode == 2 and "incorrectos" in _un_renglon(sin_clave)
    cajero_firma = correr(
        home, "corte", "--cerrar", "--supervisor", "demo-cajero", JEREZ_POS_CONTRASENA_SUPERVISOR="demo", **CAJERO
    )
    assert cajero_firma.returncode == 2 and "supervisor" in _un_renglon(cajero_firma)
    assert len(_arqueos(home)) == 2

    pdf = home.parent / "corte.pdf"
    cerrado = correr(
        home,
        "corte",
        "--cerrar",
        "--supervisor",
        "demo-supervisor",
        "--json",
        "--pdf",
        str(pdf),
        JEREZ_POS_CONTRASENA_SUPERVISOR="demo",
        **CAJERO,
    )
    assert cerrado.returncode == 0, cerrado.stderr
    final = json.loads(cerrado.stdout)
    assert final["cerrado"] is True and final["diferencia"] == "0.00"
    assert [c["n"] for c in final["conteos"]] == [1, 2] and final["conteos"][0]["diferencia"] != "0.00"
    # the signed paper lists every count with its time, the shortage first
    texto = re.sub(r"\s+", " ", " ".join(pagina.extract_text() for pagina in PdfReader(pdf).pages))
    assert "Conteos registrados" in texto and "(faltante)" in texto and "cuadra" in texto
    for conteo in final["conteos"]:
        assert conteo["registrado_en"].replace("T", " ") in texto
