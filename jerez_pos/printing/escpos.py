"""Render a receipt layout (``ticket.Ticket``) to ESC/POS bytes with python-escpos.

Spanish must come out right on cheap printers, so the renderer pins one single-byte code page (CP858,
or CP850 when the profile lacks it) and never lets python-escpos's "magic" encoder switch pages per
character. Some printers drop back to their default page after ``ESC !`` (size/style), so the page is
sent again after every style change. Characters the page lacks are spelled with ASCII (em dash → "-")
rather than printed as "?".

python-escpos reads its printer database and writes a pickled cache when ``escpos.capabilities`` is first
imported, taking the paths from the environment at that moment; the import therefore happens lazily,
after ``preparar_entorno_escpos`` has pointed the cache at the data home.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jerez_pos import config
from jerez_pos.core.texto import imprimible
from jerez_pos.printing.ticket import (
    Alineacion,
    CodigoQR,
    Corte,
    EtiquetaImporte,
    Linea,
    Logo,
    Separador,
    Texto,
    Ticket,
)

PAGINAS_PREFERIDAS = ("CP858", "CP850")
PERFIL_PREDETERMINADO = "default"
ESC_T = b"\x1bt"  # ESC t n: select character code table
# Dots per QR module: the symbol must fit 384 dots (58 mm) or 576 dots (80 mm) with room to spare.
TAMANO_QR = {32: 5, 48: 6}
NIVEL_QR_M = 1  # escpos.constants.QR_ECLEVEL_M (15 % recovery), spelled out so importing this needs no escpos
_ALINEACION_ESCPOS = {Alineacion.IZQUIERDA: "left", Alineacion.CENTRO: "center", Alineacion.DERECHA: "right"}
_SUSTITUTOS_ASCII = str.maketrans(
    {"—": "-", "–": "-", "“": '"', "”": '"', "‘": "'", "’": "'", "…": "...", "\u00a0": " ", "•": "*"}
)


class PaginaNoDisponible(ValueError):
    pass


def preparar_entorno_escpos(directorio_datos: Path | None = None) -> None:
    """Point python-escpos at a persistent profile cache and, in a frozen build, the bundled database.

    Values already in the environment win, so an installer or a technician can override them.
    """
    cache = (directorio_datos or config.home()) / "escpos"
    cache.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("ESCPOS_CAPABILITIES_PICKLE_DIR", str(cache))
    incluido = config.raiz_programa() / "resources" / "escpos" / "capabilities.json"
    if incluido.is_file():
        os.environ.setdefault("ESCPOS_CAPABILITIES_FILE", str(incluido))


def modulo_impresoras(directorio_datos: Path | None) -> Any:
    if "escpos.capabilities" not in sys.modules:
        preparar_entorno_escpos(directorio_datos)
    import escpos.printer

    return escpos.printer


def elegir_pagina(impresora: Any) -> tuple[str, int]:
    """The first of CP858/CP850 that the printer's profile knows, with its ``ESC t`` number."""
    paginas = impresora.profile.get_code_pages()
    for nombre in PAGINAS_PREFERIDAS:
        if nombre in paginas:
            return nombre, int(paginas[nombre])
    perfil = impresora.profile.profile_data.get("name", "?")
    raise PaginaNoDisponible(f"el perfil de impresora «{perfil}» no tiene página de códigos CP858 ni CP850")


def texto_imprimible(texto: str) -> str:
    # Last line of defence: no control byte of a stored field reaches the printer as a command.
    return imprimible(texto).translate(_SUSTITUTOS_ASCII)


@dataclass(frozen=True)
class _Estilo:
    alineacion: Alineacion = Alineacion.IZQUIERDA
    negrita: bool = False
    doble_alto: bool = False


class _Escritor:
    """Sends the lines of one ticket, emitting style and code-page commands only when the style changes."""

    def __init__(self, impresora: Any, ancho: int) -> None:
        self.impresora = impresora
        self.ancho = ancho
        self.pagina, self.numero_pagina = elegir_pagina(impresora)
        self.estilo: _Estilo | None = None

    def iniciar(self) -> None:
        self.impresora.hw("INIT")  # ESC @ also resets the page on the printer, so force it after
        self.impresora.charcode(self.pagina)  # pins the magic encoder: no per-character page switching

    def _reafirmar_pagina(self) -> None:
        self.impresora._raw(ESC_T + bytes([self.numero_pagina]))

    def _aplicar(self, estilo: _Estilo) -> None:
        if estilo == self.estilo:
            return
        self.impresora.set(
            align=_ALINEACION_ESCPOS[estilo.alineacion],
            bold=estilo.negrita,
            normal_textsize=not estilo.doble_alto,
            double_height=estilo.doble_alto,
        )
        self._reafirmar_pagina()
        self.estilo = estilo

    def _renglon(self, texto: str, estilo: _Estilo) -> None:
        self._aplicar(estilo)
        self.impresora.text(texto_imprimible(texto) + "\n")

    def escribir(self, linea: Linea) -> None:
        if isinstance(linea, Texto):
            self._renglon(linea.texto, _Estilo(linea.alineacion, linea.negrita, linea.doble_alto))
        elif isinstance(linea, EtiquetaImporte):
            renglon = linea.etiqueta + linea.importe.rjust(self.ancho - len(linea.etiqueta))
            self._renglon(renglon, _Estilo(Alineacion.IZQUIERDA, linea.negrita, linea.doble_alto))
        elif isinstance(linea, Separador):
            self._renglon(linea.caracter * self.ancho, _Estilo())
        elif isinstance(linea, CodigoQR):
            # Native QR: the printer draws it from the payload; alignment (ESC a) centres it.
            self._aplicar(_Estilo(Alineacion.CENTRO))
            self.impresora.qr(linea.contenido, native=True, size=TAMANO_QR.get(self.ancho, 5), ec=NIVEL_QR_M)
            self.impresora.text("\n")
        elif isinstance(linea, Logo):
            self._logo()
        elif isinstance(linea, Corte):
            self._aplicar(_Estilo())
            self.impresora.cut()
        else:  # pragma: no cover - the Linea union is closed
            raise TypeError(f"renglón desconocido: {linea!r}")

    def _logo(self) -> None:
        """Raster image (``GS v 0``) centred by ``ESC a``; the size comes from ``printing.logo``.

        python-escpos prints a notice on stdout when the profile does not know its paper width (the
        "default" profile): it is swallowed, because stdout belongs to the command's own output.
        """
        from jerez_pos.printing.logo import logo_ticket

        self._aplicar(_Estilo(Alineacion.CENTRO))
        with contextlib.redirect_stdout(io.StringIO()):
            self.impresora.image(logo_ticket(self.ancho), impl="bitImageRaster")


def escribir_ticket(impresora: Any, ticket: Ticket) -> None:
    """Send a ticket to any python-escpos printer object (Dummy, Usb, Network, Serial, File, Win32Raw)."""
    escritor = _Escritor(impresora, ticket.ancho)
    escritor.iniciar()
    for linea in ticket.lineas:
        escritor.escribir(linea)


def ticket_a_bytes(
    ticket: Ticket, *, perfil: str = PERFIL_PREDETERMINADO, directorio_datos: Path | None = None
) -> bytes:
    """The exact ESC/POS bytes of a ticket, rendered on python-escpos's ``Dummy`` printer."""
    impresoras = modulo_impresoras(directorio_datos)
    impresora = impresoras.Dummy(profile=perfil)
    escribir_ticket(impresora, ticket)
    salida: bytes = impresora.output
    return salida
