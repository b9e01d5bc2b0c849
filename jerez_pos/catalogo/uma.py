"""The UMA table file (``db/tarifas/uma.csv``): anio,diaria,vigente_desde,fuente."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal, InvalidOperation
from pathlib import Path

from jerez_pos.core.errores import CatalogoInvalido
from jerez_pos.core.uma import TablaUma, ValorUma


def leer_uma(ruta: Path | str) -> TablaUma:
    ruta = Path(ruta)
    valores, problemas = [], []
    with ruta.open(encoding="utf-8", newline="") as f:
        for linea, fila in enumerate(csv.DictReader(f), start=2):
            try:
                diaria = Decimal(fila["diaria"])
                if diaria <= 0:
                    raise InvalidOperation
                valores.append(ValorUma(int(fila["anio"]), diaria, dt.date.fromisoformat(fila["vigente_desde"])))
            except (KeyError, ValueError, InvalidOperation, TypeError):
                problemas.append(f"{ruta.name}, línea {linea}: se espera anio,diaria (> 0),vigente_desde (AAAA-MM-DD)")
    if problemas or not valores:
        raise CatalogoInvalido(problemas or [f"{ruta.name}: la tabla de UMA está vacía"])
    return TablaUma(valores)
