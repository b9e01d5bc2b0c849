"""The command-line contract, through a real subprocess with JEREZ_POS_HOME set."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def correr(home: Path, *argumentos: str, **variables: str) -> subprocess.CompletedProcess[str]:
    heredado = {k: v for k, v in os.environ.items() if not k.startswith("JEREZ_POS_")}
    entorno = {**heredado, "JEREZ_POS_HOME": str(home), **variables}
    return subprocess.run(
        [sys.executable, "-m", "jerez_pos", *argumentos],
        env=entorno,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("cli") / "home"
    demo = correr(home, "demo", "--recibos", "3", "--semilla", "5")
    assert demo.returncode == 0, demo.stderr
    assert [linea.split()[:2] for linea in demo.stdout.splitlines()] == [
        ["RECIBO", "DEMO-1"],
        ["RECIBO", "DEMO-2"],
        ["RECIBO", "DEMO-3"],
    ]
    return home


CAJERO = {"JEREZ_POS_USUARIO": "demo-cajero", "JEREZ_POS_CONTRASENA": "demo"}
SUPERVISOR = {"JEREZ_POS_USUARIO": "demo-supervisor", "JEREZ_POS_CONTRASENA": "demo"}


def test_cobrar_json_y_anular(home: Path) -> None:
    cobro = correr(
        home, "cobrar", "A85-II", "--pago", "efectivo=200", "--contribuyente", "Juan Pérez", "--json", **CAJERO
    )
    assert cobro.returncode == 0, cobro.stderr
    datos = json.loads(cobro.stdout)
    assert datos["folio"] == "DEMO-4" and datos["a_pagar"] == "124.00"
    assert datos["cambio"] == "76.00" and datos["ajuste_art20"] == "-0.38"
    negado = correr(home, "anular", "DEMO-4", "--motivo", "captura equivocada", **CAJERO)
    assert negado.returncode == 2 and "supervisor" in negado.stderr and "Traceback" not in negado.stderr
    anulado = correr(home, "anular", "DEMO-4", "--motivo", "captura equivocada", **SUPERVISOR)
    assert anulado.returncode == 0, anulado.stderr
    verificado = correr(home, "verificar", "--json")
    resultado = json.loads(verificado.stdout)
    assert verificado.returncode == 0 and resultado["anulaciones"] == 1 and resultado["cadena"] == "ok"
    assert set(resultado) == {
        "integridad",
        "cadena",
        "recibos",
        "anulaciones",
        "series",
        "detalle",
        "catalogo",
        "uma",
        "disparadores",
        "marca",
        "cuentas",
    }


@pytest.mark.parametrize(
    "argumentos",
    [
        ("cobrar", "A85-II", "--pago", "efectivo=abc"),
        ("cobrar", "A85-II", "--pago", "bitcoin=200"),
        ("cobrar", "A85-II", "--pago", "efectivo=10"),
        ("cobrar", "NOEXISTE", "--pago", "efectivo=200"),
        ("caja", "abrir", "--fondo", "-5"),
    ],
)
def test_entrada_invalida_sale_con_2_sin_escribir(home: Path, argumentos: tuple[str, ...]) -> None:
    antes = json.loads(correr(home, "verificar", "--json").stdout)["recibos"]
    resultado = correr(home, *argumentos, **CAJERO)
    assert resultado.returncode == 2
    assert len(resultado.stderr.strip().splitlines()) == 1 and "Traceback" not in resultado.stderr
    assert json.loads(correr(home, "verificar", "--json").stdout)["recibos"] == antes


def test_contrasena_incorrecta(home: Path) -> None:
    resultado = correr(home, "corte", JEREZ_POS_USUARIO="demo-cajero", JEREZ_POS_CONTRASENA="mala")
    assert resultado.returncode == 2 and "contraseña incorrectos" in resultado.stderr


def test_corte_preliminar_y_reporte(home: Path) -> None:
    preliminar = correr(home, "corte", "--json", **CAJERO)
    assert preliminar.returncode == 0, preliminar.stderr
    assert json.loads(preliminar.stdout)["cerrado"] is False
    reporte = correr(home, "reporte", "dia", "--json", **SUPERVISOR)
    assert reporte.returncode == 0 and json.loads(reporte.stdout)["recibos"] >= 3


def test_respaldar_y_restaurar(home: Path, tmp_path: Path) -> None:
    respaldo = correr(home, "respaldar", "--destino", str(tmp_path / "usb"), **CAJERO)
    assert respaldo.returncode == 0, respaldo.stderr
    copia = next((tmp_path / "usb").glob("*.sqlite3"))
    basura = tmp_path / "basura.sqlite3"
    basura.write_bytes(b"no soy una base")
    rechazo = correr(home, "restaurar", str(basura), JEREZ_POS_USUARIO="demo-admin", JEREZ_POS_CONTRASENA="demo")
    assert rechazo.returncode == 2 and "no se restauró" in rechazo.stderr
    restaurado = correr(home, "restaurar", str(copia), JEREZ_POS_USUARIO="demo-admin", JEREZ_POS_CONTRASENA="demo")
    assert restaurado.returncode == 0, restaurado.stderr
    assert correr(home, "verificar").returncode == 0


def test_reporte_periodo_con_niveles_del_rubro(home: Path) -> None:
    import datetime as dt
    from decimal import Decimal

    hoy = dt.date.today().isoformat()
    r = correr(home, "reporte", "periodo", "--desde", hoy, "--hasta", hoy, "--json", **SUPERVISOR)
    assert r.returncode == 0, r.stderr
    datos = json.loads(r.stdout)
    niveles = {fila["rubro"]: fila for fila in datos["por_rubro_niveles"]}
    hojas = {fila["rubro"]: fila["total"] for fila in datos["por_rubro"]}
    assert hojas, "el demo emitió recibos: debe haber rubros"
    for clase in {rubro.split(" › ")[0] for rubro in hojas}:
        esperado = sum((Decimal(t) for rubro, t in hojas.items() if rubro.startswith(clase + " ›")), Decimal(0))
        assert niveles[clase]["nivel"] == 1 and Decimal(niveles[clase]["total"]) == esperado
    invertido = correr(home, "reporte", "periodo", "--desde", hoy, "--hasta", "2000-01-01", **SUPERVISOR)
    assert invertido.returncode == 2 and "--hasta" in invertido.stderr
