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
SUFIJO_LOGO = "-logo"  # "acentos-logo": the same sample with the municipal logo (``logo = true``)
CON_LOGO = ("acentos", "reimpresion")


def casos() -> list[tuple[str, int]]:
    nombres = [*sorted(muestras()), *(f"{nombre}{SUFIJO_LOGO}" for nombre in CON_LOGO)]
    return [(nombre, ancho) for nombre in nombres for ancho in ANCHOS]


def ruta_golden(nombre: str, ancho: int) -> Path:
    return DIR_GOLDEN / f"{nombre}_{ancho}.bin"


def renderizar(nombre: str, ancho: int, directorio_datos: Path) -> bytes:
    muestra = nombre.removesuffix(SUFIJO_LOGO)
    ticket = componer_ticket(muestras()[muestra], ancho, logo=muestra != nombre)
    return ticket_a_bytes(ticket, directorio_datos=directorio_datos)


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
