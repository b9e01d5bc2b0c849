"""The thermal receipt ("RECIBO OFICIAL DE INGRESOS") as a device-neutral list of typed lines.

``componer_ticket`` lays a ``DatosTicket`` out for a paper width (32 columns on 58 mm paper, 48 on
80 mm): every text is already wrapped at word boundaries and fits the width, so a renderer only maps
line types to device commands. Double height never doubles the width, so it does not change wrapping.
"""

from __future__ import annotations

import enum
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass

from jerez_pos.core.dinero import CERO, pesos
from jerez_pos.core.texto import imprimible
from jerez_pos.printing.datos import DatosTicket
from jerez_pos.printing.letras import importe_con_letra

TITULO = "RECIBO OFICIAL DE INGRESOS"
DEPENDENCIA = "TESORERÍA MUNICIPAL"
LEYENDA_DEMO = "DEMOSTRACIÓN — SIN VALIDEZ OFICIAL"
LEYENDA_ANULADO = "*** RECIBO ANULADO ***"


class Ancho(enum.IntEnum):
    """Columns of Font A on each paper width."""

    MM58 = 32
    MM80 = 48


class Alineacion(enum.Enum):
    IZQUIERDA = "izquierda"
    CENTRO = "centro"
    DERECHA = "derecha"


@dataclass(frozen=True)
class Texto:
    texto: str
    alineacion: Alineacion = Alineacion.IZQUIERDA
    negrita: bool = False
    doble_alto: bool = False


@dataclass(frozen=True)
class Separador:
    caracter: str = "-"


@dataclass(frozen=True)
class EtiquetaImporte:
    """A label on the left and an amount on the right of the same line ("TOTAL ... $1,234.56")."""

    etiqueta: str
    importe: str
    negrita: bool = False
    doble_alto: bool = False


@dataclass(frozen=True)
class CodigoQR:
    contenido: str


@dataclass(frozen=True)
class Corte:
    pass


@dataclass(frozen=True)
class Logo:
    """The municipal logo (``resources/logo.png``), centred; the renderer picks its size by paper width."""


Linea = Texto | Separador | EtiquetaImporte | CodigoQR | Corte | Logo


@dataclass(frozen=True)
class Ticket:
    ancho: int
    lineas: tuple[Linea, ...]


def envolver(texto: str, ancho: int) -> list[str]:
    """Wrap at word boundaries; only a word longer than the whole line is cut."""
    # Stored text is sanitized again here: rows written before input checks existed must not carry ESC/GS.
    return textwrap.wrap(imprimible(texto), ancho, break_long_words=True, break_on_hyphens=False) or [""]


def _textos(
    texto: str,
    ancho: int,
    alineacion: Alineacion = Alineacion.IZQUIERDA,
    *,
    negrita: bool = False,
    doble_alto: bool = False,
) -> Iterator[Texto]:
    for renglon in envolver(texto, ancho):
        yield Texto(renglon, alineacion, negrita, doble_alto)


def _par(
    etiqueta: str, importe: str, ancho: int, *, negrita: bool = False, doble_alto: bool = False
) -> Iterator[Linea]:
    """The amount goes on the first line of the label; the rest of a long label wraps under it."""
    renglones = envolver(etiqueta, ancho - len(importe) - 1)
    yield EtiquetaImporte(renglones[0], importe, negrita=negrita, doble_alto=doble_alto)
    for renglon in renglones[1:]:
        yield Texto(renglon, negrita=negrita, doble_alto=doble_alto)


def _encabezado(datos: DatosTicket, ancho: int, logo: bool) -> Iterator[Linea]:
    if datos.demo:
        yield from _textos(LEYENDA_DEMO, ancho, Alineacion.CENTRO, negrita=True)
        yield Separador("=")
    if datos.cancelado:
        yield from _textos(LEYENDA_ANULADO, ancho, Alineacion.CENTRO, negrita=True, doble_alto=True)
    if logo:
        yield Logo()
    yield from _textos(datos.municipio, ancho, Alineacion.CENTRO, negrita=True)
    yield from _textos(DEPENDENCIA, ancho, Alineacion.CENTRO)
    yield from _textos(TITULO, ancho, Alineacion.CENTRO, negrita=True, doble_alto=True)
    yield from _textos(datos.leyenda_copia, ancho, Alineacion.CENTRO, negrita=True)
    yield Separador()
    yield from _textos(f"Folio: {datos.folio}", ancho, negrita=True)
    yield from _textos(f"Fecha: {datos.fecha_hora:%d/%m/%Y %H:%M}", ancho)
    yield from _textos(f"Delegación: {datos.delegacion}", ancho)
    yield from _textos(f"Terminal: {datos.terminal}", ancho)
    yield from _textos(f"Cajero: {datos.cajero}", ancho)
    yield Separador()
    yield from _textos(f"Contribuyente: {datos.contribuyente}", ancho)
    if datos.rfc:
        yield from _textos(f"RFC: {datos.rfc}", ancho)
    if datos.domicilio:
        yield from _textos(f"Domicilio: {datos.domicilio}", ancho)
    if datos.cuenta is not None:
        yield from _textos(f"{datos.cuenta.etiqueta}: {datos.cuenta.cuenta}", ancho, negrita=True)
        if datos.cuenta.ejercicios:
            yield from _textos(f"Ejercicios pagados: {datos.cuenta.anios}", ancho)
            yield from _textos(f"Periodo: {datos.cuenta.periodo}", ancho)
    yield Separador()


def _conceptos(datos: DatosTicket, ancho: int) -> Iterator[Linea]:
    for linea in datos.lineas:
        yield from _par(linea.clave, pesos(linea.importe), ancho, negrita=True)
        yield from _textos(linea.descripcion, ancho)
        if linea.ejercicio is not None:
            yield from _textos(f"Ejercicio: {linea.ejercicio}", ancho)
        yield from _textos(f"Fundamento: {linea.fundamento}", ancho)
        if linea.uma is not None:
            yield from _textos(f"UMA: {pesos(linea.uma)}", ancho)
    for modificador in datos.modificadores:
        yield from _par(modificador.descripcion, pesos(modificador.importe), ancho)
        yield from _textos(f"Fundamento: {modificador.fundamento}", ancho)
    yield Separador()


def _totales(datos: DatosTicket, ancho: int) -> Iterator[Linea]:
    if datos.redondeo_art20 != CERO:
        yield from _par("Redondeo (Art. 20)", pesos(datos.redondeo_art20), ancho)
    yield from _par("TOTAL", pesos(datos.total), ancho, negrita=True, doble_alto=True)
    yield from _textos(importe_con_letra(datos.total), ancho)
    yield Separador()
    for pago in datos.pagos:
        yield from _par(pago.forma, pesos(pago.importe), ancho)
        if pago.referencia:
            yield from _textos(f"Ref.: {pago.referencia}", ancho)
    if datos.cambio != CERO:
        yield from _par("Cambio", pesos(datos.cambio), ancho)
    yield Separador()


def _pie(datos: DatosTicket, ancho: int) -> Iterator[Linea]:
    yield CodigoQR(datos.qr_payload)
    yield from _textos("Código de verificación:", ancho, Alineacion.CENTRO)
    yield from _textos(datos.codigo_verificacion, ancho, Alineacion.CENTRO, negrita=True)
    yield from _textos(datos.leyenda_copia, ancho, Alineacion.CENTRO, negrita=True)
    if datos.cancelado:
        yield from _textos(LEYENDA_ANULADO, ancho, Alineacion.CENTRO, negrita=True, doble_alto=True)
    if datos.demo:
        yield from _textos(LEYENDA_DEMO, ancho, Alineacion.CENTRO, negrita=True)
    yield Corte()


def componer_ticket(datos: DatosTicket, ancho: int = Ancho.MM80, *, logo: bool = False) -> Ticket:
    """``logo``: put the municipal logo above the header (``logo = true`` in impresora.toml)."""
    if ancho not in tuple(Ancho):
        raise ValueError(f"ancho de papel no admitido: {ancho} columnas (se admiten 32 y 48)")
    lineas = (
        *_encabezado(datos, ancho, logo),
        *_conceptos(datos, ancho),
        *_totales(datos, ancho),
        *_pie(datos, ancho),
    )
    return Ticket(int(ancho), lineas)


def renglon_de_texto(linea: Linea, ancho: int) -> str:
    """One line as plain text of exactly the paper width (the QR and the cut become markers)."""
    if isinstance(linea, Texto):
        if linea.alineacion is Alineacion.CENTRO:
            return linea.texto.center(ancho).rstrip()
        if linea.alineacion is Alineacion.DERECHA:
            return linea.texto.rjust(ancho)
        return linea.texto
    if isinstance(linea, Separador):
        return linea.caracter * ancho
    if isinstance(linea, EtiquetaImporte):
        return linea.etiqueta + linea.importe.rjust(ancho - len(linea.etiqueta))
    if isinstance(linea, CodigoQR):
        return "[QR]".center(ancho).rstrip()
    if isinstance(linea, Logo):
        return "[LOGO]".center(ancho).rstrip()
    return "[CORTE]".center(ancho).rstrip()


def como_texto(ticket: Ticket) -> str:
    """A plain-text preview of the ticket: for tests, logs and the support desk."""
    return "\n".join(renglon_de_texto(linea, ticket.ancho) for linea in ticket.lineas)
