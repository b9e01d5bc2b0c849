"""The UMA table file (``db/tarifas/uma.csv``): anio,diaria,mensual,anual,vigente_desde,fuente.

``mensual`` and ``anual`` are INEGI's published figures, copied as published (see ``core.uma``). A file in
the old format (no such columns) or a row with them empty is still read: the daily value is what almost
every tariff uses, and refusing the whole file would leave a terminal without the year's UMA. The missing
figures are recorded as missing, each import says so (``TablaUma.avisos``) and any charge that needs one is
refused until it is imported. A published figure that is far from what the daily one implies is refused
as a typing error (a swapped column, a digit too many); the check never replaces the published value.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from jerez_pos.core.errores import CatalogoInvalido, ErrorEntrada
from jerez_pos.core.numeros import leer_entero, leer_fecha, leer_numero
from jerez_pos.core.uma import TablaUma, ValorUma

# Only to catch typing errors: INEGI's monthly value is the daily × 30.4 rounded, the annual the monthly × 12.
_DIAS_POR_MES = Decimal("30.4")
_TOLERANCIA_MENSUAL = Decimal("1")
_TOLERANCIA_ANUAL = Decimal("12")
FORMATO = (
    "se espera anio,diaria (> 0),mensual,anual (publicadas por el INEGI; vacías si no se tienen),"
    "vigente_desde (AAAA-MM-DD)"
)


def _publicada(fila: dict[str, str | None], campo: str) -> Decimal | None:
    crudo = (fila.get(campo) or "").strip()
    if not crudo:
        return None
    valor = leer_numero(crudo, campo, nombre="importe")
    if valor <= 0:
        raise ErrorEntrada(campo, "debe ser mayor que cero")
    return valor


def _fila(fila: dict[str, str | None]) -> ValorUma:
    diaria = leer_numero(fila["diaria"], "diaria")
    if diaria <= 0:
        raise ErrorEntrada("diaria", "debe ser mayor que cero")
    mensual, anual = _publicada(fila, "mensual"), _publicada(fila, "anual")
    if mensual is not None and abs(mensual - diaria * _DIAS_POR_MES) > _TOLERANCIA_MENSUAL:
        raise ErrorEntrada("mensual", f"{mensual} no corresponde a la diaria {diaria} (revise la columna)")
    if anual is not None and mensual is not None and abs(anual - mensual * 12) > _TOLERANCIA_ANUAL:
        raise ErrorEntrada("anual", f"{anual} no corresponde a la mensual {mensual} (revise la columna)")
    if anual is not None and abs(anual - diaria * _DIAS_POR_MES * 12) > _TOLERANCIA_ANUAL:
        raise ErrorEntrada("anual", f"{anual} no corresponde a la diaria {diaria} (revise la columna)")
    anio = leer_entero(fila["anio"], "anio")
    return ValorUma(anio, diaria, leer_fecha(fila["vigente_desde"], "vigente_desde"), mensual, anual)


def leer_uma(ruta: Path | str) -> TablaUma:
    ruta = Path(ruta)
    valores, problemas = [], []
    with ruta.open(encoding="utf-8", newline="") as f:
        for linea, fila in enumerate(csv.DictReader(f), start=2):
            try:
                valores.append(_fila(fila))
            except ErrorEntrada as e:
                problemas.append(f"{ruta.name}, línea {linea}: {e}; {FORMATO}")
            except (KeyError, ValueError, TypeError):
                problemas.append(f"{ruta.name}, línea {linea}: {FORMATO}")
    if problemas or not valores:
        raise CatalogoInvalido(problemas or [f"{ruta.name}: la tabla de UMA está vacía"])
    return TablaUma(valores)
