"""The income estimate of Art. 2 per CRI rubro (``estimaciones.csv`` in the catalog folder)."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from jerez_pos.core.errores import ErrorEntrada

ARCHIVO = "estimaciones.csv"


def leer(directorio: Path) -> dict[str, Decimal | None]:
    """Rubro path (any level) → estimated pesos; ``-`` is zero, ``N/A`` (the law says "no aplica") is None."""
    ruta = directorio / ARCHIVO
    if not ruta.exists():
        return {}
    resultado: dict[str, Decimal | None] = {}
    with ruta.open(encoding="utf-8", newline="") as archivo:
        for numero, fila in enumerate(csv.DictReader(archivo), start=2):
            texto = (fila.get("estimacion") or "").strip()
            if texto == "N/A":
                resultado[fila["rubro"]] = None
            elif texto == "-":
                resultado[fila["rubro"]] = Decimal("0.00")
            else:
                try:
                    resultado[fila["rubro"]] = Decimal(texto.replace(",", ""))
                except ArithmeticError:
                    raise ErrorEntrada(f"{ARCHIVO} renglón {numero}", f"«{texto[:20]}» no es una cifra") from None
    return resultado
