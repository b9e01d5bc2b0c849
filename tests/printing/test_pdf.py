"""PDF documents: the text extracted from each holds the right figures, and every page renders to PNG."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from jerez_pos.printing.letras import importe_con_letra
from jerez_pos.printing.libro import datos_ticket
from tests.printing.conftest import INICIO
from tests.printing.documentos import FALTANTE, a_png, generar


@pytest.fixture(scope="module")
def documentos(cobrados, tmp_path_factory) -> dict[str, Path]:
    return generar(cobrados, tmp_path_factory.mktemp("pdf"))


def _texto(ruta: Path) -> str:
    return "\n".join(pagina.extract_text() for pagina in PdfReader(ruta).pages)


def _plano(texto: str) -> str:
    return re.sub(r"\s+", " ", texto)


def test_fuente_incrustada_en_todos(documentos):
    for ruta in documentos.values():
        fuentes = set()
        for pagina in PdfReader(ruta).pages:
            for fuente in pagina["/Resources"]["/Font"].values():
                objeto = fuente.get_object()
                fuentes.add(str(objeto["/BaseFont"]))
                if "/DescendantFonts" in objeto:
                    objeto = objeto["/DescendantFonts"][0].get_object()
                descriptor = objeto["/FontDescriptor"].get_object()
                assert "/FontFile2" in descriptor, f"{ruta.name}: fuente sin incrustar"
        assert all("DejaVuSans" in f for f in fuentes), fuentes


def test_recibo_carta(documentos, cobrados):
    datos = datos_ticket(cobrados.libro.terminal, cobrados.mixto, copia=1)
    texto = _plano(_texto(documentos["recibo"]))
    for fragmento in (
        "RECIBO OFICIAL DE INGRESOS",
        "COPIA — REIMPRESIÓN 1",
        "Folio JRZ1-3",
        "José Ángel Muñoz",
        "A109",
        "Universidad Autónoma de Zacatecas",
        "$2,504.00",
        importe_con_letra(datos.total),
        "Tarjeta (**** 1111 Aut. Z9) $1,000.00",
        "Cambio $96.00",
        datos.codigo_verificacion,
    ):
        assert fragmento in texto, fragmento
    assert "ORIGINAL" not in texto


def test_corte_con_faltante_arqueo_rubros_y_firmas(documentos):
    texto = _plano(_texto(documentos["corte"]))
    for fragmento in (
        "CORTE DE CAJA — CERRADO",
        "Fondo inicial $500.00",
        "Esperado en caja $2,243.00",
        "Contado $2,233.00",
        f"Diferencia (faltante) -${FALTANTE}.00",
        "Entregas recibidas $124.00",
        "$1,000.00 billete 2 $2,000.00",
        "JRZ1-4 $115.00 captura equivocada",
        "Efectivo $1,619.00",
        "Tarjeta $3,388.54",
        "A85-II Expedición de certificación de acta de Nacimiento $230.24",
        "Registro Civil $230.24",
        "Cobrado por rubro",
        "Cajero",
        "Supervisor",
        "sara",
    ):
        assert fragmento in texto, fragmento


def test_reporte_diario(documentos):
    texto = _plano(_texto(documentos["reporte"]))
    for fragmento in (
        "REPORTE DIARIO DE INGRESOS — 15/06/2024",
        "Recibos válidos 5",
        "Recibos anulados 1",
        "Total cobrado $5,237.56",
        "A85-II Expedición de certificación de acta de Nacimiento 4 $460.48",
        "ana 3 $5,007.32",
        "ivan 2 $230.24",
        "JRZ1 Caja 1, Cabecera 5 1 $5,237.56",
        "JRZ1-4 $115.12 captura equivocada",
        "Tesorero(a) municipal",
    ):
        assert fragmento in texto, fragmento


def test_ruta_del_inspector(documentos):
    texto = _plano(_texto(documentos["ruta"]))
    for fragmento in (
        "REPORTE DE RUTA DEL INSPECTOR — 15/06/2024",
        "Puestos visitados (con recibo) 2",
        "Cobrado $230.00",
        "Entregado en caja (efectivo) $124.00",
        "Pendiente por entregar $106.00",
        "Ruta (tianguis) Tianguis del Jardín",
        "Puestos en el padrón 3",
        "Pagados hoy / pendientes 2 / 1",
        "Puestos de la ruta — Tianguis del Jardín",
        "P-012 Puesto 12",
        "P-020 Doña Ñeli Gómez",
        "PENDIENTE",
        "2 pagados 1 pendiente",
        "Recibos del inspector",
        "ana $124.00",
    ):
        assert fragmento in texto, fragmento
    assert "P-031" not in texto  # another tianguis, not this route
    assert "padrón de puestos está vacío" not in texto


def test_ruta_sin_padron_conserva_el_respaldo_de_recibos(cobrados, tmp_path):
    """An empty padrón (or none imported yet): the receipts-only report, said on its face."""
    from dataclasses import replace

    from jerez_pos.printing.pdf.ruta import SIN_PADRON, datos_ruta, ruta_pdf

    datos = datos_ruta(cobrados.libro.terminal, cobrados.libro.supervisor, "ivan", INICIO.date())
    assert len(datos.puestos) == 4 and datos.pagados == 2 and datos.tianguis is None  # all tianguis
    texto = _plano(_texto(ruta_pdf(replace(datos, puestos=()), tmp_path / "sin_padron.pdf")))
    assert _plano(SIN_PADRON) in texto
    assert "Puestos visitados P-012" not in texto and "Puestos en el padrón" not in texto
    assert "Puestos visitados (con recibo) 2" in texto and "Cobrado $230.00" in texto


def test_ruta_de_tianguis_desconocido_nombra_el_campo(cobrados):
    from jerez_pos.core.errores import ErrorEntrada
    from jerez_pos.printing.pdf.ruta import datos_ruta

    with pytest.raises(ErrorEntrada, match="--tianguis"):
        datos_ruta(cobrados.libro.terminal, cobrados.libro.supervisor, "ivan", INICIO.date(), "Tianguis X")


def test_recibo_con_logo_lleva_la_imagen(documentos, cobrados, tmp_path):
    from jerez_pos.printing.pdf.recibo import recibo_pdf

    def imagenes(ruta: Path) -> int:
        return sum(len(pagina.images) for pagina in PdfReader(ruta).pages)

    assert imagenes(documentos["recibo"]) == 1  # the logo (the QR is drawn as vectors)
    sin_logo = recibo_pdf(datos_ticket(cobrados.libro.terminal, cobrados.mixto, copia=1), tmp_path / "r.pdf")
    assert imagenes(sin_logo) == 0


def test_cada_pagina_se_convierte_en_png(documentos, tmp_path):
    for nombre, ruta in documentos.items():
        for png in a_png(ruta, tmp_path / f"{nombre}.png", escala=0.5):
            assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 2000


def test_artefactos_para_revision_existen():
    carpeta = Path(__file__).parent / "artefactos"
    for nombre in ("recibo", "corte", "reporte", "ruta"):
        assert (carpeta / f"{nombre}.png").is_file(), (
            "regenere con .venv/bin/python -m tests.printing.regenerar_artefactos"
        )
