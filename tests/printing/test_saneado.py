"""Rows stored before input checks existed may carry ESC/GS: tickets, PDFs and logs must not pass them on."""

from __future__ import annotations

import logging
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from jerez_pos.cli.base import FormatoSeguro
from jerez_pos.printing.datos import PagoTicket
from jerez_pos.printing.escpos import ticket_a_bytes
from jerez_pos.printing.pdf.recibo import recibo_pdf
from jerez_pos.printing.ticket import componer_ticket, renglon_de_texto
from tests.printing.muestras import _base

PATADA_CAJON = "\x1bp\x00\x19\xfa"  # ESC p: opens the cash drawer
CORTE_PAPEL = "\x1dV\x00"  # GS V: cuts the paper
MALICIOSO = _base(
    contribuyente=f"Juan{PATADA_CAJON} Pérez{CORTE_PAPEL}\u202eZEREP",
    rfc=f"XAXX{PATADA_CAJON}010101000",
    pagos=(PagoTicket("Transferencia", Decimal("115.12"), f"REF{CORTE_PAPEL}77"),),
)


@pytest.mark.parametrize("ancho", [32, 48])
def test_ticket_sin_comandos_del_contribuyente(ancho: int, tmp_path: Path) -> None:
    ticket = componer_ticket(MALICIOSO, ancho)
    texto = "\n".join(renglon_de_texto(linea, ancho) for linea in ticket.lineas)
    assert "Juanp" in texto and "Pérez" in texto  # the printable letters stay, the commands go
    for control in ("\x1b", "\x1d", "\x00", "\u202e"):
        assert control not in texto
    salida = ticket_a_bytes(ticket, directorio_datos=tmp_path)
    assert b"\x1bp" not in salida  # no drawer kick anywhere in the bytes
    assert b"\x1dV\x00" not in salida.split(b"Juan")[1][:80]  # the name does not cut the paper
    limpio = ticket_a_bytes(componer_ticket(_base(contribuyente="Juan"), ancho), directorio_datos=tmp_path)
    assert salida.count(b"\x1dV") == limpio.count(b"\x1dV")  # only the layout's own cut


def test_pdf_sin_controles(tmp_path: Path) -> None:
    ruta = recibo_pdf(MALICIOSO, tmp_path / "recibo.pdf")
    texto = "".join(pagina.extract_text() for pagina in PdfReader(ruta).pages)
    assert "Juan" in texto and "\x1b" not in texto and "\x1d" not in texto and "\u202e" not in texto


def test_registro_sin_controles() -> None:
    registro = logging.LogRecord("x", logging.WARNING, __file__, 1, "cliente %s", (f"Ana{PATADA_CAJON}",), None)
    linea = FormatoSeguro("%(levelname)s %(message)s").format(registro)
    assert linea.startswith("WARNING cliente Ana") and "\x1b" not in linea and "\x00" not in linea
