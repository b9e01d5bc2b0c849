"""Draw the municipal logo used on tickets and PDF receipts (``resources/logo.png``). Run on purpose:

    .venv/bin/python -m tests.printing.dibujar_logo

A plain monochrome mark made here, not a copy of any coat of arms: a round seal with a simple arcade
(three arches under a cornice, a nod to a town of portals and plazas), "JEREZ" in bold and "ZACATECAS"
under it. Drawn large (1-bit, 600 × 300) so the printers and the PDF scale it down cleanly.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

RAIZ = Path(__file__).resolve().parents[2]
DESTINO = RAIZ / "resources" / "logo.png"
FUENTE = RAIZ / "resources" / "fuentes" / "DejaVuSans-Bold.ttf"
ANCHO, ALTO = 600, 300
NEGRO, BLANCO = 0, 255


def _emblema(dibujo: ImageDraw.ImageDraw, cx: int, cy: int, r: int) -> None:
    """A ring with an arcade of three arches under a cornice and a small star on top."""
    dibujo.ellipse((cx - r, cy - r, cx + r, cy + r), fill=NEGRO)
    dibujo.ellipse((cx - r + 14, cy - r + 14, cx + r - 14, cy + r - 14), fill=BLANCO)
    ancho, base, techo = 150, cy + 62, cy - 30
    izquierda = cx - ancho // 2
    dibujo.rectangle((izquierda - 10, techo - 22, izquierda + ancho + 10, techo - 8), fill=NEGRO)  # cornice
    dibujo.rectangle((izquierda, techo, izquierda + ancho, base), fill=NEGRO)  # the wall
    claro = ancho // 3
    for n in range(3):  # three arches cut into the wall
        x0 = izquierda + n * claro + 9
        x1 = izquierda + (n + 1) * claro - 9
        dibujo.rectangle((x0, techo + 32, x1, base), fill=BLANCO)
        dibujo.ellipse((x0, techo + 12, x1, techo + 12 + (x1 - x0)), fill=BLANCO)
    dibujo.rectangle((izquierda - 18, base, izquierda + ancho + 18, base + 12), fill=NEGRO)  # step
    estrella = [(cx, techo - 70), (cx + 12, techo - 44), (cx - 12, techo - 44)]
    dibujo.polygon(estrella, fill=NEGRO)
    dibujo.polygon([(cx - 14, techo - 54), (cx + 14, techo - 54), (cx, techo - 32)], fill=NEGRO)


def dibujar() -> Image.Image:
    imagen = Image.new("L", (ANCHO, ALTO), BLANCO)
    dibujo = ImageDraw.Draw(imagen)
    _emblema(dibujo, 150, 150, 130)
    grande = ImageFont.truetype(str(FUENTE), 84)
    chica = ImageFont.truetype(str(FUENTE), 34)
    dibujo.text((445, 125), "JEREZ", font=grande, fill=NEGRO, anchor="ms")
    dibujo.rectangle((310, 148, 580, 156), fill=NEGRO)
    dibujo.text((445, 205), "ZACATECAS", font=chica, fill=NEGRO, anchor="ms")
    dibujo.text((445, 250), "TESORERÍA", font=chica, fill=NEGRO, anchor="ms")
    return imagen.convert("1", dither=Image.Dither.NONE)


def main() -> int:
    dibujar().save(DESTINO, optimize=True)
    print(DESTINO.relative_to(RAIZ))
    return 0


if __name__ == "__main__":
    sys.exit(main())
