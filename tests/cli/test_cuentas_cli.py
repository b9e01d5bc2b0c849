"""The accounts contract through real ``jerez-pos`` processes on a real data home."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest


def correr(home: Path, *argumentos: str, **variables: str) -> subprocess.CompletedProcess[str]:
    heredado = {k: v for k, v in os.environ.items() if not k.startswith("JEREZ_POS_")}
    return subprocess.run(
        [sys.executable, "-m", "jerez_pos", *argumentos],
        env={**heredado, "JEREZ_POS_HOME": str(home), **variables},
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


ADMIN = {"JEREZ_POS_USUARIO": "demo-admin", "JEREZ_POS_CONTRASENA": "demo"}
CAJERO = {"JEREZ_POS_USUARIO": "demo-cajero", "JEREZ_POS_CONTRASENA": "demo"}
SUPERVISOR = {"JEREZ_POS_USUARIO": "demo-supervisor", "JEREZ_POS_CONTRASENA": "demo"}
PREDIAL = (
    "cuenta,propietario,domicilio,zona,m2_terreno,m2_construccion,tipo_construccion,uso,baldio,"
    "hectareas_riego_gravedad,hectareas_riego_bombeo,hectareas_temporal,vulnerable,pagado_hasta,adeudo_2023\n"
    "P-1,Juana Pérez,Calle 1,III,200,120,B,habitacional,no,,,,si,2023,\n"
    "P-2,Luis Gómez,Calle 2,,,,,,,,,,no,2022,600.00\n"
)


def _error_de_una_linea(r: subprocess.CompletedProcess[str]) -> None:
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr


def _cuentas(home: Path) -> int:
    with sqlite3.connect(home / "jerez_pos.sqlite3") as c:
        return int(c.execute("SELECT count(*) FROM cuenta_registro").fetchone()[0])


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("cuentas") / "home"
    assert correr(home, "demo", "--recibos", "0").returncode == 0
    archivo = home.parent / "predial.csv"
    archivo.write_text(PREDIAL, encoding="utf-8")
    r = correr(home, "padron", "predial", "importar", str(archivo), **ADMIN)
    assert r.returncode == 0, r.stderr
    assert "2 cuentas nuevas" in r.stdout
    comercio = home.parent / "comercio.csv"
    comercio.write_text("licencia,titular,domicilio,giro,pagado_hasta\nL-1,Tienda,Centro,2,2023\n", encoding="utf-8")
    assert correr(home, "padron", "comercio", "importar", str(comercio), **ADMIN).returncode == 0
    return home


def test_importar_exige_administrador_y_archivo_valido(home: Path, tmp_path: Path) -> None:
    antes = _cuentas(home)
    archivo = tmp_path / "malo.csv"
    archivo.write_text(PREDIAL.replace(",III,", ",IX,"), encoding="utf-8")
    r = correr(home, "padron", "predial", "importar", str(archivo), **ADMIN)
    _error_de_una_linea(r)
    assert "línea 2, campo zona" in r.stderr
    _error_de_una_linea(correr(home, "padron", "predial", "importar", str(tmp_path / "no.csv"), **ADMIN))
    archivo.write_text(PREDIAL, encoding="utf-8")
    r = correr(home, "padron", "predial", "importar", str(archivo), **CAJERO)
    _error_de_una_linea(r)
    assert _cuentas(home) == antes


def test_adeudo_json(home: Path) -> None:
    r = correr(home, "adeudo", "predial", "P-1", "--fecha", "2024-01-15", "--json")
    assert r.returncode == 0, r.stderr
    datos = json.loads(r.stdout)
    assert {"cuenta", "titular", "anios", "total"} <= set(datos)
    assert datos["cuenta"] == "P-1" and datos["titular"] == "Juana Pérez" and datos["total"] == "374.55"
    anio = datos["anios"][0]
    assert set(anio) == {"ejercicio", "impuesto", "descuentos", "actualizacion", "recargos", "total", "lineas"}
    assert anio["lineas"] == [{"clave": "A57", "descripcion": anio["lineas"][0]["descripcion"], "importe": "374.55"}]
    r = correr(home, "adeudo", "comercio", "L-1", "--fecha", "2024-02-01", "--json")
    assert json.loads(r.stdout)["anios"][0]["lineas"][0]["clave"] == "A114-III-2"
    _error_de_una_linea(correr(home, "adeudo", "predial", "NO-EXISTE", "--json"))
    _error_de_una_linea(correr(home, "adeudo", "predial", "P-1", "--fecha", "2024-13-01"))


def test_cobrar_adeudo_doble_cobro_y_anulacion(home: Path) -> None:
    debe = json.loads(correr(home, "adeudo", "predial", "P-2", "--json").stdout)
    anios = [a["ejercicio"] for a in debe["anios"]]
    assert anios[0] == 2023 and len(anios) >= 2
    _error_de_una_linea(
        correr(home, "cobrar-adeudo", "predial", "P-2", "--pago", "efectivo=99999", "--anios", str(anios[1]), **CAJERO)
    )
    r = correr(
        home, "cobrar-adeudo", "predial", "P-2", "--pago", "efectivo=99999", "--anios", "2023", "--json", **CAJERO
    )
    assert r.returncode == 0, r.stderr
    recibo = json.loads(r.stdout)
    assert recibo["cuenta"] == "P-2" and recibo["anios"] == [2023]
    assert recibo["total"] == debe["anios"][0]["total"] and recibo["folio"].startswith("DEMO-")
    otra = correr(home, "cobrar-adeudo", "predial", "P-2", "--pago", "efectivo=99999", "--anios", "2023", **CAJERO)
    _error_de_una_linea(otra)
    assert "nada que cobrar" in otra.stderr
    despues = json.loads(correr(home, "adeudo", "predial", "P-2", "--json").stdout)
    assert despues["pagado_hasta"] == 2023 and [a["ejercicio"] for a in despues["anios"]] == anios[1:]
    assert correr(home, "anular", recibo["folio"], "--motivo", "cobro equivocado", **SUPERVISOR).returncode == 0
    de_nuevo = json.loads(correr(home, "adeudo", "predial", "P-2", "--json").stdout)
    assert [a["ejercicio"] for a in de_nuevo["anios"]] == anios
    r = correr(home, "cobrar-adeudo", "predial", "P-2", "--pago", "efectivo=99999", "--json", **CAJERO)
    assert json.loads(r.stdout)["anios"] == anios
    _error_de_una_linea(correr(home, "cobrar-adeudo", "predial", "P-2", "--pago", "efectivo=99999", **CAJERO))


def test_exportar_e_inpc(home: Path, tmp_path: Path) -> None:
    destino = tmp_path / "salida.csv"
    r = correr(home, "padron", "predial", "exportar", str(destino), **ADMIN)
    assert r.returncode == 0, r.stderr
    assert destino.read_text(encoding="utf-8") == PREDIAL.replace(",2022,600.00", ",2022,600.00")
    tabla = tmp_path / "inpc.csv"
    tabla.write_text("anio,mes,indice,fuente\n2024,1,100.5,prueba\n", encoding="utf-8")
    _error_de_una_linea(correr(home, "inpc", "importar", str(tabla), **CAJERO))  # an administrator's act
    assert correr(home, "inpc", "importar", str(tabla), **ADMIN).returncode == 0
    assert json.loads(correr(home, "inpc", "listar", "--json").stdout) == [{"anio": 2024, "mes": 1, "indice": "100.5"}]
    tabla.write_text("anio,mes,indice\n2024,13,100\n", encoding="utf-8")
    _error_de_una_linea(correr(home, "inpc", "importar", str(tabla), **ADMIN))


def test_padron_de_puestos_en_el_mismo_grupo(home: Path, tmp_path: Path) -> None:
    archivo = tmp_path / "puestos.csv"
    archivo.write_text("clave,titular,giro,tianguis,ubicacion,tipo,m2\nT-1,Rosa,frutas,Centro,A1,fijo,4\n", "utf-8")
    r = correr(home, "padron", "puestos", "importar", str(archivo), **ADMIN)
    assert r.returncode == 0 and "1 nuevos" in r.stdout, r.stderr
    ruta = json.loads(correr(home, "padron", "puestos", "ruta", "--tianguis", "Centro", "--json").stdout)
    assert ruta == [{"clave": "T-1", "titular": "Rosa", "tianguis": "Centro", "folio": None}]
    archivo.write_text("clave,titular,giro,tianguis,ubicacion,tipo,m2\nT-2,Luis,,Centro,A2,carreta,4\n", "utf-8")
    r = correr(home, "padron", "puestos", "importar", str(archivo), **ADMIN)
    _error_de_una_linea(r)
    assert "línea 2, campo tipo" in r.stderr
