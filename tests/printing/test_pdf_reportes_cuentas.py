"""The rezago and efficiency PDFs over plain figures (as central would pass them): long lists, groups, text."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal as D
from pathlib import Path

from pypdf import PdfReader

from jerez_pos.core import reportes_cuentas as rc
from jerez_pos.printing.pdf.reportes_cuentas import RENGLONES_POR_TABLA, eficiencia_pdf, rezago_pdf

FECHA = dt.date(2025, 2, 3)


def _texto(ruta: Path) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(ruta).pages))


def test_rezago_largo_en_varias_tablas_y_paginas(tmp_path: Path) -> None:
    n = RENGLONES_POR_TABLA * 2 + 7
    anio = rc.AnioRezago(2024, D("1000.00"), D("0"), D("12.34"), D("80.00"), D("1092.34"))
    filas = [
        rc.FilaRezago(f"L-{k:04d}", f"Titular <{k}> & hijos", "", f"{k % 3 + 1} Giro {k % 3 + 1}", (anio,))
        for k in range(n)
    ]
    datos = rc.rezago(filas, "comercio", FECHA, "giro")
    texto = _texto(rezago_pdf(datos, "Jerez, Zacatecas", tmp_path / "rezago.pdf"))
    assert "REZAGO — PADRÓN MUNICIPAL DE COMERCIO — AL 03/02/2025" in texto
    assert all(f"L-{k:04d}" in texto for k in range(n))  # no row lost between tables or pages
    assert "Titular <0> & hijos" in texto  # plain text: the roll's < and & print as they are
    assert f"${D('1092.34') * n:,}" in texto and "Giro 1 Giro 1" in texto
    assert len(PdfReader(tmp_path / "rezago.pdf").pages) > 3


def test_eficiencia_por_giro(tmp_path: Path) -> None:
    filas = [
        rc.FilaEficiencia("L-1", "1 Abarrotes", True, D("388.73"), D("194.36")),
        rc.FilaEficiencia("L-2", "1 Abarrotes", False, D("388.73")),
        rc.FilaEficiencia("L-3", "197 Gaseras", True, D("3262.90"), D("3393.41")),
    ]
    datos = rc.eficiencia(filas, "comercio", 2025, FECHA)
    texto = _texto(eficiencia_pdf(datos, "Jerez, Zacatecas", tmp_path / "eficiencia.pdf"))
    assert "EFICIENCIA DE RECAUDACIÓN 2025 — PADRÓN MUNICIPAL DE COMERCIO" in texto
    assert "2 (66.67 %)" in texto and "$3,651.63 (90.38 %)" in texto and "$3,587.77" in texto
    assert "1 Abarrotes" in texto and "197 Gaseras" in texto
