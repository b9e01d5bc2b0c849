"""The UMA table file (``db/tarifas/uma.csv``): anio,diaria,vigente_desde,fuente."""

from __future__ import annotations

import csv
from pathlib import Path

from jerez_pos.core.errores import CatalogoInvalido, ErrorEntrada
from jerez_pos.core.numeros import leer_entero, leer_fecha, leer_numero
from jerez_pos.core.uma import TablaUma, ValorUma


def leer_uma(ruta: Path | str) -> TablaUma:
    ruta = Path(ruta)
    valores, problemas = [], []
    with ruta.open(encoding="utf-8", newline="") as f:
        for linea, fila in enumerate(csv.DictReader(f), start=2):
            try:
                diaria = leer_numero(fila["diaria"], "diaria")
                if diaria <= 0:
                    raise ValueError
                anio = leer_entero(fila["anio"], "anio")
                valores.append(ValorUma(anio, diaria, leer_fecha(fila["vigente_desde"], "vigente_desde")))
            except (KeyError, ValueError, TypeError, ErrorEntrada):
                problemas.append(f"{ruta.name}, línea {linea}: se espera anio,diaria (> 0),vigente_desde (AAAA-MM-DD)")
    if problemas or not valores:
        raise CatalogoInvalido(problemas or [f"{ruta.name}: la tabla de UMA está vacía"])
    return TablaUma(valores)
