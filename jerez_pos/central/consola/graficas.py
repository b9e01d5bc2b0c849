"""Charts as inline SVG rendered on the server: no script, no build step, readable without colour."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from markupsafe import Markup, escape

ANCHO = 640
ETIQUETA = 220  # room for the label on the left
CIFRA = 110  # room for the amount on the right
ALTO_FILA = 22
MAX_ETIQUETA = 34  # characters; the full text stays in the row's <title>


def _corta(texto: str) -> str:
    return texto if len(texto) <= MAX_ETIQUETA else texto[: MAX_ETIQUETA - 1].rstrip() + "…"


def barras(filas: Sequence[tuple[str, Decimal]], titulo: str, formato: str = "${:,.2f}") -> Markup:
    """Horizontal bars, longest first as given; negative amounts (more voided than charged) draw as zero."""
    if not filas:
        return Markup("")
    maximo = max((max(v, Decimal(0)) for _, v in filas), default=Decimal(0)) or Decimal(1)
    alto = ALTO_FILA * len(filas) + 6
    util = ANCHO - ETIQUETA - CIFRA
    partes = [
        f'<svg class="barras" viewBox="0 0 {ANCHO} {alto}" role="img" aria-label="{escape(titulo)}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(titulo)}</title>'
    ]
    for i, (etiqueta, valor) in enumerate(filas):
        y = 3 + i * ALTO_FILA
        largo = int(util * max(valor, Decimal(0)) / maximo)
        cifra = formato.format(valor)
        partes.append(
            f"<g><title>{escape(etiqueta)}: {escape(cifra)}</title>"
            f'<text x="0" y="{y + 15}">{escape(_corta(etiqueta))}</text>'
            f'<rect x="{ETIQUETA}" y="{y + 3}" width="{max(largo, 1)}" height="{ALTO_FILA - 6}"></rect>'
            f'<text x="{ANCHO}" y="{y + 15}" text-anchor="end">{escape(cifra)}</text></g>'
        )
    partes.append("</svg>")
    return Markup("".join(partes))
