"""The optional municipal logo (``resources/logo.png``) as a 1-bit image sized for each paper width.

On a thermal ticket the logo is half the printable width (192 dots of 384 on 58 mm, 288 of 576 on
80 mm): wide enough to read, narrow enough to fit every printer profile (some 80 mm heads have 512
dots) and cheap to send over a slow serial line. The conversion is fixed (Lanczos, then a plain
threshold without dithering) so the same file always gives the same ESC/POS bytes.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PIL import Image

from jerez_pos import config
from jerez_pos.core.errores import ErrorJerez

ARCHIVO = Path("resources") / "logo.png"
PUNTOS_POR_COLUMNAS = {32: 192, 48: 288}  # dots wide on 58 mm (32 columns) and 80 mm (48 columns)
UMBRAL = 128


def ruta_logo() -> Path:
    return config.raiz_programa() / ARCHIVO


def puntos(columnas: int) -> int:
    return PUNTOS_POR_COLUMNAS.get(columnas, PUNTOS_POR_COLUMNAS[32])


@lru_cache(maxsize=8)
def _cargar(ruta: Path, ancho: int) -> Image.Image:
    try:
        with Image.open(ruta) as original:
            gris = original.convert("L")
    except (OSError, ValueError) as exc:
        mensaje = f"impresora: no se puede leer el logotipo {ruta} ({exc}); desactive «logo» o repóngalo"
        raise ErrorJerez(mensaje) from None
    alto = max(8, round(gris.height * ancho / gris.width))
    escalada = gris.resize((ancho, alto), Image.Resampling.LANCZOS)
    return escalada.point(lambda v: 255 if v >= UMBRAL else 0).convert("1", dither=Image.Dither.NONE)


def logo_ticket(columnas: int, ruta: Path | None = None) -> Image.Image:
    """The logo for a ticket of ``columnas`` (a copy: callers may not alter the cached image)."""
    return _cargar(ruta or ruta_logo(), puntos(columnas)).copy()
