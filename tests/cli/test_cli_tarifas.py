"""``verificar``, ``uma`` and ``cotizar`` as real processes on a home whose tariff data is intact, then
altered in the SQLite file: exit codes, the JSON keys and one Spanish line naming what changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jerez_pos.ledger import identidad
from jerez_pos.ledger.disparadores import requeridos
from jerez_pos.ledger.terminal import Terminal

from ..ledger.apoyo import sql_crudo
from .test_cli import correr


@pytest.fixture
def casa(tmp_path: Path) -> Path:
    directorio = tmp_path / "casa"
    terminal = Terminal(directorio, respaldo_diario=False)
    identidad.registrar_terminal(terminal.bd, directorio, "Jerez", "Cabecera", "Caja 1", "JRZ1")
    terminal.bd.dispose()
    return directorio


def test_verificar_json_con_tarifas_intactas(casa: Path) -> None:
    r = correr(casa, "verificar", "--json")
    assert r.returncode == 0, r.stdout + r.stderr
    datos = json.loads(r.stdout)
    assert [(c["id"], c["estado"]) for c in datos["catalogo"]] == [("jerez-2024 v2", "ok")]
    assert len(datos["catalogo"][0]["huella"]) == 64
    assert datos["uma"]["estado"] == "ok" and "2024 $108.57" in datos["uma"]["detalle"]
    assert datos["disparadores"]["estado"] == "ok" and datos["disparadores"]["faltantes"] == []
    r = correr(casa, "verificar")
    assert r.returncode == 0 and "Catálogo jerez-2024 v2: correcto" in r.stdout
    assert f"Disparadores: los {len(requeridos())} presentes" in r.stdout


def test_uma_importar_anio_nuevo_y_listar(casa: Path, tmp_path: Path) -> None:
    csv = tmp_path / "uma.csv"
    csv.write_text(
        "anio,diaria,vigente_desde,fuente\n2026,117.31,2026-02-01,INEGI\n2027,121.00,2027-02-01,INEGI\n",
        encoding="utf-8",
    )
    r = correr(casa, "uma", "importar", str(csv))
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == (
        "2 valores de UMA leídos: 1 registrados como versión nueva (2027: — → 121.00), 1 sin cambio"
    )
    r = correr(casa, "uma", "importar", str(csv))
    assert r.stdout.strip() == "2 valores de UMA leídos: 0 registrados como versión nueva, 2 sin cambio"
    listado = json.loads(correr(casa, "uma", "listar", "--json").stdout)
    assert [(u["anio"], u["diaria"]) for u in listado][-2:] == [(2026, "117.31"), (2027, "121.00")]
    assert correr(casa, "verificar").returncode == 0


def test_uma_alterada_sin_disparador(casa: Path) -> None:
    sql_crudo(casa, "DROP TRIGGER uma_sin_update", "UPDATE uma SET diaria_centavos = 112 WHERE anio = 2024")
    r = correr(casa, "verificar", "--json")
    assert r.returncode == 1
    datos = json.loads(r.stdout)
    assert datos["uma"]["estado"] == "alterado" and datos["disparadores"]["faltantes"] == ["uma_sin_update"]
    r = correr(casa, "verificar")
    assert "UMA: ALTERADA: UMA 2024: el valor guardado ($1.12" in r.stdout
    assert "Disparadores: FALTAN uma_sin_update" in r.stdout
    r = correr(casa, "cotizar", "A85-II", "--fecha", "2024-06-01")
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.count("\n") == 1 and "UMA 2024: el valor guardado ($1.12" in r.stderr
    assert "Traceback" not in r.stderr
    r = correr(casa, "uma", "listar")
    assert r.returncode == 2 and "no coincide con su registro firmado" in r.stderr


def test_archivo_de_catalogo_alterado(casa: Path) -> None:
    sql_crudo(
        casa,
        "DROP TRIGGER catalogo_archivo_sin_update",
        "UPDATE catalogo_archivo SET contenido = replace(contenido, '\"1.0603\"', '\"0.0103\"') "
        "WHERE ruta = 'conceptos/a084-a100.toml'",
    )
    r = correr(casa, "cotizar", "A85-II", "--fecha", "2024-06-01", "--json")
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.startswith(
        "jerez-pos: catálogo jerez-2024 v2: el archivo conceptos/a084-a100.toml no coincide con la huella guardada; "
        "no se puede cobrar."
    )
    datos = json.loads(correr(casa, "verificar", "--json").stdout)
    assert datos["catalogo"][0]["estado"] == "alterado"
    assert datos["disparadores"]["faltantes"] == ["catalogo_archivo_sin_update"]


def test_uma_formato_anterior_avisa_y_listar_muestra_lo_publicado(casa: Path, tmp_path: Path) -> None:
    csv = tmp_path / "uma.csv"
    csv.write_text("anio,diaria,vigente_desde,fuente\n2027,121.00,2027-02-01,INEGI\n", encoding="utf-8")
    r = correr(casa, "uma", "importar", str(csv))
    assert r.returncode == 0, r.stderr
    assert r.stderr.startswith("Aviso: UMA 2027: falta la mensual y la anual publicada por el INEGI")
    listado = {u["anio"]: u for u in json.loads(correr(casa, "uma", "listar", "--json").stdout)}
    assert (listado[2024]["mensual"], listado[2024]["anual"]) == ("3300.53", "39606.36")
    assert listado[2027]["anual"] is None
    texto = correr(casa, "uma", "listar").stdout
    assert "2024: diaria $108.57, mensual $3300.53, anual $39606.36, desde 2024-02-01" in texto
    assert "2027: diaria $121.00, mensual: falta (no registrada), anual: falta (no registrada)" in texto
    datos = json.loads(correr(casa, "verificar", "--json").stdout)
    assert datos["uma"]["estado"] == "ok" and datos["uma"]["sin_publicar"]["2027"] == ["mensual", "anual"]
    r = correr(casa, "cotizar", "A101-III-urbano", "--param", "base=150000", "--fecha", "2027-03-01")
    assert r.returncode == 2 and "UMA 2027: no está registrada la UMA anual" in r.stderr


def test_cotizar_causado_en_un_ejercicio_anterior(casa: Path) -> None:
    r = correr(casa, "cotizar", "A85-II", "--fecha", "2025-03-03", "--causado", "2024-10-01", "--json")
    assert r.returncode == 0, r.stderr
    datos = json.loads(r.stdout)
    assert datos["uma"] == "108.57" and datos["importe"] == "115.12"  # 1.0603 × 108.57, not × 113.14
    assert datos["advertencias"][0] == "Obligación del ejercicio 2024: se cobra con la ley de ese año (Art. 15)"
    r = correr(casa, "cotizar", "A85-II", "--causado", "1-10-2024")
    assert r.returncode == 2 and r.stderr.startswith("jerez-pos: --causado:") and r.stdout == ""
