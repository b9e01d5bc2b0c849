"""Rewrite the golden ESC/POS files. Run on purpose, read the diff, then commit:

    .venv/bin/python -m tests.printing.regenerar

The tests never write goldens: a changed byte must be a decision someone made, not a side effect.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from jerez_pos.printing.escpos import ticket_a_bytes
from jerez_pos.printing.ticket import componer_ticket
from tests.printing.muestras import muestras

DIR_GOLDEN = Path(__file__).resolve().parent / "golden"
ANCHOS = (32, 48)
COMANDO = ".venv/bin/python -m tests.printing.regenerar"


def casos() -> list[tuple[str, int]]:
    return [(nombre, ancho) for nombre in sorted(muestras()) for ancho in ANCHOS]


def ruta_golden(nombre: str, ancho: int) -> Path:
    return DIR_GOLDEN / f"{nombre}_{ancho}.bin"


def renderizar(nombre: str, ancho: int, directorio_datos: Path) -> bytes:
    return ticket_a_bytes(componer_ticket(muestras()[nombre], ancho), directorio_datos=directorio_datos)


def main() -> int:
    DIR_GOLDEN.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as directorio:
        for nombre, ancho in casos():
            ruta = ruta_golden(nombre, ancho)
            nuevo = renderizar(nombre, ancho, Path(directorio))
            anterior = ruta.read_bytes() if ruta.exists() else None
            estado = "igual" if anterior == nuevo else ("nuevo" if anterior is None else "CAMBIÓ")
            ruta.write_bytes(nuevo)
            print(f"{estado:7} {ruta.relative_to(DIR_GOLDEN.parent.parent.parent)} ({len(nuevo)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
