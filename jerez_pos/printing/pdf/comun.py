"""What every PDF shares: the embedded font, styles, the page frame, tables, signature lines, QR and bars.

The font is DejaVu Sans shipped in ``resources/fuentes`` (license beside it) and embedded in every file,
so accents and ñ render the same on the treasurer's PC, a phone, or a print shop; the standard PDF fonts
would depend on the reader's substitutions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from jerez_pos import config
from jerez_pos.core.dinero import pesos
from jerez_pos.core.texto import imprimible
from jerez_pos.disco import escritura

FUENTE = "DejaVuSans"
FUENTE_NEGRITA = "DejaVuSans-Bold"
MARGEN = 18 * mm
ANCHO_UTIL = letter[0] - 2 * MARGEN
GRIS = colors.HexColor("#E8E8E8")
GRIS_OSCURO = colors.HexColor("#555555")


def dir_fuentes() -> Path:
    return config.raiz_programa() / "resources" / "fuentes"


@cache
def registrar_fuentes() -> None:
    for nombre, archivo in ((FUENTE, "DejaVuSans.ttf"), (FUENTE_NEGRITA, "DejaVuSans-Bold.ttf")):
        pdfmetrics.registerFont(TTFont(nombre, str(dir_fuentes() / archivo)))
    pdfmetrics.registerFontFamily(FUENTE, normal=FUENTE, bold=FUENTE_NEGRITA, italic=FUENTE, boldItalic=FUENTE_NEGRITA)
    # Graphics (QR, charts) start from reportlab's base font; make it ours so no page names Helvetica,
    # a font the file would not carry. Process-wide, and jerez-pos is reportlab's only user here.
    rl_config.canvas_basefontname = FUENTE
    rl_config.defaultGraphicsFontName = FUENTE


@cache
def estilos() -> dict[str, ParagraphStyle]:
    registrar_fuentes()
    base = ParagraphStyle("base", fontName=FUENTE, fontSize=9, leading=11.5)
    return {
        "base": base,
        "chico": ParagraphStyle("chico", base, fontSize=7.5, leading=9.5, textColor=GRIS_OSCURO),
        "titulo": ParagraphStyle("titulo", base, fontName=FUENTE_NEGRITA, fontSize=15, leading=19, alignment=TA_CENTER),
        "subtitulo": ParagraphStyle("subtitulo", base, fontSize=10.5, leading=13, alignment=TA_CENTER),
        "seccion": ParagraphStyle("seccion", base, fontName=FUENTE_NEGRITA, fontSize=10.5, leading=14, spaceBefore=8),
        "centro": ParagraphStyle("centro", base, alignment=TA_CENTER),
        "derecha": ParagraphStyle("derecha", base, alignment=TA_RIGHT),
        "aviso": ParagraphStyle(
            "aviso", base, fontName=FUENTE_NEGRITA, textColor=colors.HexColor("#B00020"), alignment=TA_CENTER
        ),
    }


def p(texto: str, estilo: str = "base") -> Paragraph:
    """A paragraph from plain text (escaped: contributor names may contain & or <)."""
    return Paragraph(escape(imprimible(texto)), estilos()[estilo])


def pn(texto: str, estilo: str = "base") -> Paragraph:
    return Paragraph(f"<b>{escape(imprimible(texto))}</b>", estilos()[estilo])


def dinero(valor: Decimal | str) -> str:
    return pesos(Decimal(valor))


def tabla(
    encabezado: Sequence[str],
    filas: Sequence[Sequence[Any]],
    anchos: Sequence[float],
    *,
    numericas: Sequence[int] = (),
    total: Sequence[Any] | None = None,
) -> Table:
    """A ruled table: header shaded, numeric columns right-aligned, an optional bold total row."""
    registrar_fuentes()
    datos: list[list[Any]] = [[pn(h) for h in encabezado]]
    datos += [[c if isinstance(c, Flowable) else p(str(c)) for c in fila] for fila in filas]
    if total is not None:
        datos.append([c if isinstance(c, Flowable) else pn(str(c)) for c in total])
    for fila in datos:
        for col in numericas:
            if isinstance(fila[col], Paragraph):
                fila[col] = Paragraph(fila[col].text, ParagraphStyle("n", fila[col].style, alignment=TA_RIGHT))
    t = Table(datos, colWidths=list(anchos), repeatRows=1, hAlign="LEFT")
    estilo: list[Any] = [
        ("FONTNAME", (0, 0), (-1, -1), FUENTE),
        ("BACKGROUND", (0, 0), (-1, 0), GRIS),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    if total is not None:
        estilo.append(("BACKGROUND", (0, -1), (-1, -1), GRIS))
    t.setStyle(TableStyle(estilo))
    return t


def pares(filas: Sequence[tuple[str, str]], anchos: tuple[float, float] = (55 * mm, 45 * mm)) -> Table:
    """Label / amount pairs without rules (the corte's cash summary)."""
    datos = [[p(etiqueta), p(valor, "derecha")] for etiqueta, valor in filas]
    t = Table(datos, colWidths=list(anchos), hAlign="LEFT")
    t.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FUENTE),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, GRIS),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return t


def firmas(nombres: Sequence[tuple[str, str]]) -> Flowable:
    """Signature lines side by side, each with its role and name under it (gaps keep the lines apart)."""
    hueco = 14 * mm
    ancho = (ANCHO_UTIL - hueco * (len(nombres) - 1)) / len(nombres)
    columnas: list[float] = []
    filas: list[list[Any]] = [[], [], []]
    for n, (rol, nombre) in enumerate(nombres):
        if n:
            columnas.append(hueco)
            for fila in filas:
                fila.append("")
        columnas.append(ancho)
        filas[0].append(Spacer(1, 18 * mm))
        filas[1].append(pn(rol, "centro"))
        filas[2].append(p(nombre, "centro"))
    t = Table(filas, colWidths=columnas)
    lineas = [("LINEABOVE", (c, 1), (c, 1), 0.8, colors.black) for c in range(0, len(columnas), 2)]
    t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FUENTE), *lineas]))
    return KeepTogether([t])  # a signature line never parted from its name


def qr(contenido: str, lado: float = 38 * mm) -> Drawing:
    widget = QrCodeWidget(contenido, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    dibujo = Drawing(lado, lado, transform=[lado / (x1 - x0), 0, 0, lado / (y1 - y0), 0, 0])
    dibujo.add(widget)
    return dibujo


def barras(etiquetas: Sequence[str], valores: Sequence[Decimal], titulo: str) -> Drawing:
    """Horizontal bars (one per label) with the amount at the end of each bar."""
    registrar_fuentes()
    alto_barra = 7 * mm
    alto = max(len(valores), 1) * alto_barra + 16 * mm
    dibujo = Drawing(ANCHO_UTIL, alto)
    grafica = HorizontalBarChart()
    grafica.x, grafica.y = int(62 * mm), int(8 * mm)
    grafica.width, grafica.height = int(ANCHO_UTIL - 62 * mm - 28 * mm), int(alto - 16 * mm)
    grafica.data = [[float(v) for v in reversed(valores)] or [0.0]]
    grafica.categoryAxis.categoryNames = list(reversed(etiquetas)) or [""]
    grafica.categoryAxis.labels.fontName = FUENTE
    grafica.categoryAxis.labels.fontSize = 7.5
    grafica.categoryAxis.labels.boxAnchor = "e"
    grafica.valueAxis.valueMin = 0
    grafica.valueAxis.labels.fontName = FUENTE
    grafica.valueAxis.labels.fontSize = 7
    grafica.valueAxis.labelTextFormat = lambda v: f"${v:,.0f}"
    grafica.bars[0].fillColor = colors.HexColor("#2E6DA4")
    grafica.barLabels.fontName = FUENTE
    grafica.barLabels.fontSize = 7
    grafica.barLabelFormat = lambda v: f"${v:,.2f}"
    grafica.barLabels.boxAnchor = "w"
    grafica.barLabels.dx = 3
    dibujo.add(grafica)
    dibujo.add(String(0, alto - 5 * mm, titulo, fontName=FUENTE_NEGRITA, fontSize=9))
    return dibujo


def corto(texto: str, largo: int) -> str:
    return texto if len(texto) <= largo else texto[: largo - 1].rstrip() + "…"


Decorado = Callable[[Canvas, Any], None]


def escribir(
    ruta: Path,
    historia: list[Flowable],
    titulo: str,
    *,
    marca_agua: str | None = None,
    generado: dt.datetime | None = None,
) -> Path:
    """Lay out ``historia`` on letter pages with a footer (and a diagonal watermark when given)."""
    registrar_fuentes()
    momento = generado or dt.datetime.now()

    def pagina(lienzo: Canvas, documento: Any) -> None:
        lienzo.saveState()
        if marca_agua:
            lienzo.setFillColor(colors.Color(0.75, 0, 0, alpha=0.18))
            lienzo.setFont(FUENTE_NEGRITA, 64)
            lienzo.translate(letter[0] / 2, letter[1] / 2)
            lienzo.rotate(35)
            lienzo.drawCentredString(0, 0, marca_agua)
            lienzo.rotate(-35)
            lienzo.translate(-letter[0] / 2, -letter[1] / 2)
        lienzo.setFont(FUENTE, 7)
        lienzo.setFillColor(GRIS_OSCURO)
        pie = f"{titulo} · jerez-pos · generado el {momento:%d/%m/%Y %H:%M} · página {documento.page}"
        lienzo.drawCentredString(letter[0] / 2, 10 * mm, pie)
        lienzo.restoreState()

    documento = SimpleDocTemplate(
        str(ruta),
        pagesize=letter,
        leftMargin=MARGEN,
        rightMargin=MARGEN,
        topMargin=MARGEN,
        bottomMargin=MARGEN,
        title=titulo,
        author="Tesorería Municipal de Jerez, Zacatecas",
        creator="jerez-pos",
        initialFontName=FUENTE,  # otherwise every page references Helvetica, a font the PDF does not carry
        initialFontSize=9,
    )
    with escritura(ruta, ruta):  # a half-written PDF must not be left looking like a document
        documento.build(historia, onFirstPage=pagina, onLaterPages=pagina)
    return ruta
