"""``reporte rezago`` and ``reporte eficiencia`` through real ``jerez-pos`` processes on a real data home."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.cli.test_cuentas_cli import ADMIN, PREDIAL, SUPERVISOR, correr

# P-1 (vulnerable): 522.66 − 52.27 + 37.63 = 508.02; P-2: 2023 from the roll 600.00 + 192.00 and 2024 minimum
# 241.68 + 19.33 (hand-computed in tests/ledger/test_reportes_cuentas.py) at 10 July 2024.
FECHA = "2024-07-10"


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("reportes") / "home"
    assert correr(home, "demo", "--recibos", "0").returncode == 0
    archivo = home.parent / "predial.csv"
    archivo.write_text(PREDIAL, encoding="utf-8")
    assert correr(home, "padron", "predial", "importar", str(archivo), **ADMIN).returncode == 0
    return home


def _fuentes_incrustadas(ruta: Path) -> None:
    """Same look as the other PDFs: DejaVu Sans embedded on every page (the bar chart included)."""
    for pagina in PdfReader(ruta).pages:
        for fuente in pagina["/Resources"]["/Font"].values():
            objeto = fuente.get_object()
            assert "DejaVuSans" in str(objeto["/BaseFont"])
            if "/DescendantFonts" in objeto:
                objeto = objeto["/DescendantFonts"][0].get_object()
            assert "/FontFile2" in objeto["/FontDescriptor"].get_object()


def _falla(r: subprocess.CompletedProcess[str]) -> str:
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    return r.stderr


def test_rezago_json_csv_y_pdf(home: Path, tmp_path: Path) -> None:
    hoja, pdf = tmp_path / "rezago.csv", tmp_path / "rezago.pdf"
    r = correr(
        home,
        "reporte",
        "rezago",
        "predial",
        "--fecha",
        FECHA,
        "--csv",
        str(hoja),
        "--pdf",
        str(pdf),
        "--json",
        **SUPERVISOR,
    )
    assert r.returncode == 0, r.stderr
    datos = json.loads(r.stdout)
    assert (datos["cuentas_con_adeudo"], datos["total"]) == (2, "1561.03")
    assert [(c["cuenta"], c["total"]) for c in datos["cuentas"]] == [("P-1", "508.02"), ("P-2", "1053.01")]
    assert "CSV en" in r.stderr and "PDF en" in r.stderr
    filas = list(csv.reader(io.StringIO(hoja.read_text(encoding="utf-8"))))
    assert filas[0] == [
        "zona",
        "cuenta",
        "titular",
        "domicilio",
        "ejercicios",
        "impuesto",
        "descuentos",
        "actualizacion",
        "recargos",
        "total",
    ]
    assert filas[1:] == [
        ["III", "P-1", "Juana Pérez", "Calle 1", "2024", "522.66", "-52.27", "0.00", "37.63", "508.02"],
        ["Sin zona", "P-2", "Luis Gómez", "Calle 2", "2023-2024", "841.68", "0.00", "0.00", "211.33", "1053.01"],
    ]
    texto = " ".join(" ".join(p.extract_text() for p in PdfReader(pdf).pages).split())
    assert "REZAGO — IMPUESTO PREDIAL — AL 10/07/2024" in texto
    assert "Juana Pérez" in texto and "$1,561.03" in texto and "2023-2024" in texto
    _fuentes_incrustadas(pdf)
    humano = correr(home, "reporte", "rezago", "predial", "--fecha", FECHA, **SUPERVISOR)
    assert humano.returncode == 0 and "2 de 2 cuentas deben 1561.03" in humano.stdout


def test_eficiencia_json_csv_y_pdf(home: Path, tmp_path: Path) -> None:
    hoja, pdf = tmp_path / "eficiencia.csv", tmp_path / "eficiencia.pdf"
    r = correr(
        home,
        "reporte",
        "eficiencia",
        "predial",
        "--ejercicio",
        "2024",
        "--csv",
        str(hoja),
        "--pdf",
        str(pdf),
        "--json",
        **SUPERVISOR,
    )
    assert r.returncode == 0, r.stderr
    datos = json.loads(r.stdout)
    # 2024 at the due date: 522.66 (P-1) + 241.68 (P-2, Art. 59 minimum); nobody has paid 2024.
    assert (datos["ejercicio"], datos["cuentas"], datos["pagadas"], datos["importe_padron"]) == (2024, 2, 0, "764.34")
    filas = list(csv.reader(io.StringIO(hoja.read_text(encoding="utf-8"))))
    assert filas[0][:5] == ["zona", "cuentas", "pagadas", "pendientes", "porcentaje_cuentas"]
    assert [f[0] for f in filas[1:]] == ["III", "Sin zona", "TOTAL"] and filas[-1][5] == "764.34"
    texto = " ".join(" ".join(p.extract_text() for p in PdfReader(pdf).pages).split())
    assert "EFICIENCIA DE RECAUDACIÓN 2024 — IMPUESTO PREDIAL" in texto and "$764.34" in texto
    _fuentes_incrustadas(pdf)


def test_entradas_invalidas(home: Path, tmp_path: Path) -> None:
    assert "--por" in _falla(correr(home, "reporte", "rezago", "predial", "--por", "giro", **SUPERVISOR))
    assert "--fecha" in _falla(correr(home, "reporte", "rezago", "predial", "--fecha", "2024-02-30", **SUPERVISOR))
    assert "--csv" in _falla(correr(home, "reporte", "rezago", "predial", "--csv", str(tmp_path / "x.txt")))
    assert "--pdf" in _falla(correr(home, "reporte", "rezago", "predial", "--pdf", str(tmp_path / "no" / "x.pdf")))
    assert "--ejercicio" in _falla(
        correr(home, "reporte", "eficiencia", "comercio", "--ejercicio", "20x4", **SUPERVISOR)
    )
    assert "--ejercicio" in _falla(
        correr(home, "reporte", "eficiencia", "predial", "--ejercicio", "2019", **SUPERVISOR)
    )
    assert not list(tmp_path.iterdir())  # nothing half-written
