"""Letter-size copy of a receipt: the same ``DatosTicket`` as the thermal ticket, laid out for a page.

With ``logo`` (the path of ``resources/logo.png``, when ``logo = true`` in impresora.toml) the municipal
logo heads the page, 50 mm wide, as on the ticket.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, Spacer, Table, TableStyle

from jerez_pos.core.dinero import CERO, pesos
from jerez_pos.printing.datos import DatosTicket
from jerez_pos.printing.letras import importe_con_letra
from jerez_pos.printing.pdf.comun import ANCHO_UTIL, FUENTE, escribir, p, pares, pn, qr, tabla
from jerez_pos.printing.ticket import DEPENDENCIA, LEYENDA_ANULADO, LEYENDA_DEMO, TITULO


def _conceptos(datos: DatosTicket) -> Table:
    filas: list[list[object]] = []
    for linea in datos.lineas:
        uma = pesos(linea.uma) if linea.uma is not None else "—"
        descripcion = (
            linea.descripcion if linea.ejercicio is None else f"{linea.descripcion}. Ejercicio: {linea.ejercicio}"
        )
        filas.append([linea.clave, p(descripcion), p(linea.fundamento), uma, pesos(linea.importe)])
    for modificador in datos.modificadores:
        filas.append(["", p(modificador.descripcion), p(modificador.fundamento), "", pesos(modificador.importe)])
    if datos.redondeo_art20 != CERO:
        filas.append(["", p("Redondeo del pago en efectivo"), p("Art. 20"), "", pesos(datos.redondeo_art20)])
    anchos = (24 * mm, ANCHO_UTIL - 24 * mm - 44 * mm - 20 * mm - 26 * mm, 44 * mm, 20 * mm, 26 * mm)
    total = ["", pn("TOTAL"), "", "", pesos(datos.total)]
    return tabla(("Clave", "Concepto", "Fundamento", "UMA", "Importe"), filas, anchos, numericas=(3, 4), total=total)


def _pie(datos: DatosTicket) -> Table:
    pagos = [
        (f"{pago.forma}{f' ({pago.referencia})' if pago.referencia else ''}", pesos(pago.importe))
        for pago in datos.pagos
    ]
    if datos.cambio != CERO:
        pagos.append(("Cambio", pesos(datos.cambio)))
    izquierda: list[Flowable] = [
        pn("Formas de pago"),
        pares(pagos or [("Sin pago (exento)", pesos(CERO))], (70 * mm, 30 * mm)),
    ]
    derecha: list[Flowable] = [
        qr(datos.qr_payload),
        p("Código de verificación:", "centro"),
        pn(datos.codigo_verificacion, "centro"),
    ]
    t = Table([[izquierda, derecha]], colWidths=[ANCHO_UTIL - 60 * mm, 60 * mm])
    t.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FUENTE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (1, 0), (1, 0), "CENTER"),
            ]
        )
    )
    return t


ANCHO_LOGO = 50 * mm


def _logo(ruta: Path) -> Image:
    from PIL import Image as Pil

    with Pil.open(ruta) as imagen:
        ancho, alto = imagen.size
    figura = Image(str(ruta), width=ANCHO_LOGO, height=ANCHO_LOGO * alto / ancho)
    figura.hAlign = "CENTER"
    return figura


def historia_recibo(datos: DatosTicket, logo: Path | None = None) -> list[Flowable]:
    historia: list[Flowable] = []
    if logo is not None:
        historia += [_logo(logo), Spacer(1, 2 * mm)]
    if datos.demo:
        historia.append(p(LEYENDA_DEMO, "aviso"))
    if datos.cancelado:
        historia.append(p(LEYENDA_ANULADO, "aviso"))
    historia += [
        p(datos.municipio, "titulo"),
        p(DEPENDENCIA, "subtitulo"),
        pn(TITULO, "subtitulo"),
        pn(datos.leyenda_copia, "centro"),
        Spacer(1, 4 * mm),
    ]
    generales = [
        [pn("Folio"), p(datos.folio), pn("Fecha"), p(f"{datos.fecha_hora:%d/%m/%Y %H:%M}")],
        [pn("Delegación"), p(datos.delegacion), pn("Terminal"), p(datos.terminal)],
        [pn("Cajero"), p(datos.cajero), pn("RFC"), p(datos.rfc or "—")],
        [pn("Contribuyente"), p(datos.contribuyente), pn("Domicilio"), p(datos.domicilio or "—")],
    ]
    if datos.cuenta is not None:
        generales.append(
            [
                pn(datos.cuenta.etiqueta),
                p(datos.cuenta.cuenta),
                pn("Ejercicios" if datos.cuenta.ejercicios else ""),
                p(f"{datos.cuenta.anios} (periodo {datos.cuenta.periodo})" if datos.cuenta.ejercicios else ""),
            ]
        )
    cuadro = Table(generales, colWidths=[31 * mm, ANCHO_UTIL / 2 - 31 * mm, 24 * mm, ANCHO_UTIL / 2 - 24 * mm])
    cuadro.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FUENTE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    historia += [cuadro, Spacer(1, 4 * mm), _conceptos(datos), Spacer(1, 2 * mm)]
    historia += [p(f"Importe con letra: {importe_con_letra(datos.total)}"), Spacer(1, 5 * mm), _pie(datos)]
    historia += [Spacer(1, 6 * mm), pn(datos.leyenda_copia, "centro")]
    if datos.cancelado:
        historia.append(p(LEYENDA_ANULADO, "aviso"))
    if datos.demo:
        historia.append(p(LEYENDA_DEMO, "aviso"))
    return historia


def recibo_pdf(datos: DatosTicket, ruta: Path, logo: Path | None = None) -> Path:
    marca = "ANULADO" if datos.cancelado else ("DEMOSTRACIÓN" if datos.demo else None)
    return escribir(ruta, historia_recibo(datos, logo), f"Recibo {datos.folio}", marca_agua=marca)
