"""The four PDF documents built from the shared sample ledger; used by the tests and by
``.venv/bin/python -m tests.printing.regenerar_artefactos`` (writes the review PNGs on purpose)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pypdfium2

from jerez_pos.core.dinero import D
from jerez_pos.ledger import corte, reportes
from jerez_pos.ledger.corte import DENOMINACIONES
from jerez_pos.printing.libro import datos_ticket
from jerez_pos.printing.logo import ruta_logo
from jerez_pos.printing.pdf.corte import corte_pdf, datos_corte
from jerez_pos.printing.pdf.recibo import recibo_pdf
from jerez_pos.printing.pdf.reporte import reporte_pdf
from jerez_pos.printing.pdf.ruta import datos_ruta, ruta_pdf
from tests.ledger.apoyo import cifras
from tests.printing.conftest import INICIO, Recibos

FALTANTE = D("10")


def conteo_de(importe: Decimal) -> dict[Decimal, int]:
    """Bills and coins that add up to ``importe`` (largest first)."""
    conteo: dict[Decimal, int] = {}
    for denominacion in DENOMINACIONES:
        piezas = int(importe // denominacion)
        if piezas:
            conteo[denominacion] = piezas
            importe -= denominacion * piezas
    assert importe == 0
    return conteo


def generar(cobrados: Recibos, carpeta: Path) -> dict[str, Path]:
    """receipt copy, closed corte with a $10 shortage, day report, inspector route."""
    libro, terminal = cobrados.libro, cobrados.libro.terminal
    rutas = {nombre: carpeta / f"{nombre}.pdf" for nombre in ("recibo", "corte", "reporte", "ruta")}
    recibo_pdf(datos_ticket(terminal, cobrados.mixto, copia=1), rutas["recibo"], ruta_logo())
    preliminar = cifras(terminal, "ana")
    esperado = Decimal(preliminar.esperado) / 100
    conteo = conteo_de(esperado - FALTANTE)
    cerrado = corte.cerrar(terminal.bd, libro.cajero, conteo, supervisor=libro.supervisor, reloj=cobrados.reloj)
    corte_pdf(datos_corte(terminal, cerrado, conteo), rutas["corte"])
    dia = reportes.dia(terminal.bd, libro.supervisor, INICIO.date())
    reporte_pdf(terminal, dia, rutas["reporte"])
    ruta_pdf(datos_ruta(terminal, libro.supervisor, "ivan", INICIO.date(), "Tianguis del Jardín"), rutas["ruta"])
    return rutas


def a_png(pdf: Path, png: Path, escala: float = 1.5) -> list[Path]:
    """Every page to PNG with PDFium (no system poppler); page 1 keeps the name, later pages get -2, -3…"""
    documento = pypdfium2.PdfDocument(str(pdf))
    salidas = []
    try:
        for n in range(len(documento)):
            destino = png if n == 0 else png.with_name(f"{png.stem}-{n + 1}.png")
            documento[n].render(scale=escala).to_pil().save(destino)
            salidas.append(destino)
    finally:
        documento.close()
    return salidas
