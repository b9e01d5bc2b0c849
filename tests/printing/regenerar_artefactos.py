"""Rewrite the review PNGs of the PDF documents in tests/printing/artefactos. Run on purpose:

    .venv/bin/python -m tests.printing.regenerar_artefactos

The tests render the same documents to a temporary folder and never touch these files.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from tests.printing.conftest import construir
from tests.printing.documentos import a_png, generar

DIR_ARTEFACTOS = Path(__file__).resolve().parent / "artefactos"


def main() -> int:
    DIR_ARTEFACTOS.mkdir(exist_ok=True)
    for viejo in DIR_ARTEFACTOS.glob("*.png"):
        viejo.unlink()
    with tempfile.TemporaryDirectory() as directorio:
        carpeta = Path(directorio)
        for nombre, pdf in generar(construir(carpeta / "home"), carpeta).items():
            for png in a_png(pdf, DIR_ARTEFACTOS / f"{nombre}.png"):
                print(png.relative_to(DIR_ARTEFACTOS.parent.parent.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main())
