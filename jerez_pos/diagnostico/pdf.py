"""A one-page PDF of a receipt layout, for the selftest: proves reportlab and its fonts work in this build.

This is not the receipt PDF of the printing package: it prints the device-neutral ``Ticket`` as the plain
text the support desk sees (``ticket.renglon_de_texto``) in Courier on a page the width of the paper roll.
"""

from __future__ import annotations

import io
import re

from jerez_pos.printing.ticket import Ticket, renglon_de_texto

PUNTOS_POR_COLUMNA = 6.0  # Courier 10 pt is 6 points per character
INTERLINEA = 12.0
MARGEN = 14.0


def recibo_pdf(ticket: Ticket, titulo: str = "Recibo de prueba") -> bytes:
    from reportlab.pdfgen import canvas  # imported here: only the selftest and PDF output need reportlab

    renglones = [renglon_de_texto(linea, ticket.ancho) for linea in ticket.lineas]
    ancho = ticket.ancho * PUNTOS_POR_COLUMNA + 2 * MARGEN
    alto = len(renglones) * INTERLINEA + 2 * MARGEN
    salida = io.BytesIO()
    hoja = canvas.Canvas(salida, pagesize=(ancho, alto))
    hoja.setTitle(titulo)
    hoja.setAuthor("jerez-pos")
    texto = hoja.beginText(MARGEN, alto - MARGEN - 10)
    texto.setFont("Courier", 10, leading=INTERLINEA)
    for renglon in renglones:
        texto.textLine(renglon)
    hoja.drawText(texto)
    hoja.showPage()
    hoja.save()
    return salida.getvalue()


def paginas(pdf: bytes) -> int:
    """Pages of a PDF reportlab wrote (its page tree is not compressed): the ``/Count`` of ``/Pages``."""
    cuenta = re.search(rb"/Count (\d+)", pdf)
    return int(cuenta.group(1)) if pdf.startswith(b"%PDF-") and cuenta else 0
