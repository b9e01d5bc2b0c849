"""Amount in words for Mexican peso receipts ("CIENTO QUINCE PESOS 12/100 M.N.").

Written by hand instead of on top of num2words: the receipt rules (apocope before PESOS/MIL/MILLÓN,
"DE PESOS" after round millions, accents) are the whole difficulty, and a dependency would still need them.
Every group of three digits is always followed by a masculine noun (PESOS, MIL, MILLÓN/MILLONES), so
the apocopated forms (UN, VEINTIÚN, CIENTO UN) are the only ones a receipt ever prints.
"""

from __future__ import annotations

from decimal import Decimal

from jerez_pos.core.dinero import CERO, redondear

MAXIMO = Decimal("999999999.99")

_UNIDADES = (
    "",
    "UN",
    "DOS",
    "TRES",
    "CUATRO",
    "CINCO",
    "SEIS",
    "SIETE",
    "OCHO",
    "NUEVE",
    "DIEZ",
    "ONCE",
    "DOCE",
    "TRECE",
    "CATORCE",
    "QUINCE",
    "DIECISÉIS",
    "DIECISIETE",
    "DIECIOCHO",
    "DIECINUEVE",
    "VEINTE",
    "VEINTIÚN",
    "VEINTIDÓS",
    "VEINTITRÉS",
    "VEINTICUATRO",
    "VEINTICINCO",
    "VEINTISÉIS",
    "VEINTISIETE",
    "VEINTIOCHO",
    "VEINTINUEVE",
)
_DECENAS = ("", "", "", "TREINTA", "CUARENTA", "CINCUENTA", "SESENTA", "SETENTA", "OCHENTA", "NOVENTA")
_CENTENAS = (
    "",
    "CIENTO",
    "DOSCIENTOS",
    "TRESCIENTOS",
    "CUATROCIENTOS",
    "QUINIENTOS",
    "SEISCIENTOS",
    "SETECIENTOS",
    "OCHOCIENTOS",
    "NOVECIENTOS",
)


def _menor_que_cien(numero: int) -> str:
    if numero < 30:
        return _UNIDADES[numero]
    decena, unidad = divmod(numero, 10)
    if unidad == 0:
        return _DECENAS[decena]
    return f"{_DECENAS[decena]} Y {_UNIDADES[unidad]}"


def _grupo(numero: int) -> str:
    """1…999 in words, apocopated ("CIENTO UN", "VEINTIÚN"): it always precedes a masculine noun."""
    if numero == 100:
        return "CIEN"  # exactly one hundred; 101…199 take CIENTO
    centena, resto = divmod(numero, 100)
    partes = [_CENTENAS[centena], _menor_que_cien(resto)]
    return " ".join(parte for parte in partes if parte)


def _pesos_en_letra(entero: int) -> str:
    if entero == 0:
        return "CERO PESOS"
    millones, resto = divmod(entero, 1_000_000)
    miles, unidades = divmod(resto, 1_000)
    partes: list[str] = []
    if millones:
        partes.append("UN MILLÓN" if millones == 1 else f"{_grupo(millones)} MILLONES")
    if miles:
        # "MIL", never "UN MIL"; but "VEINTIÚN MIL" and "CIENTO UN MIL" keep their UN.
        partes.append("MIL" if miles == 1 else f"{_grupo(miles)} MIL")
    if unidades:
        partes.append(_grupo(unidades))
    if millones and not resto:
        partes.append("DE")  # "UN MILLÓN DE PESOS", but "UN MILLÓN CIEN MIL PESOS"
    partes.append("PESO" if entero == 1 else "PESOS")
    return " ".join(partes)


def importe_con_letra(importe: Decimal) -> str:
    """The amount in words as the receipt prints it, after rounding half-up to centavos.

    Raises ``ValueError`` (message in Spanish) for negative amounts, amounts over $999,999,999.99 and
    values that are not numbers.
    """
    if not isinstance(importe, Decimal):
        raise ValueError(f"el importe debe ser Decimal, no {type(importe).__name__}")
    if not importe.is_finite():
        raise ValueError(f"el importe no es un número: {importe}")
    if importe < CERO:
        raise ValueError(f"el importe con letra no admite negativos: {importe}")
    redondeado = redondear(importe)
    if redondeado > MAXIMO:
        raise ValueError(f"el importe con letra admite hasta $999,999,999.99; se recibió {redondeado}")
    centavos_totales = int(redondeado * 100)
    entero, centavos = divmod(centavos_totales, 100)
    return f"{_pesos_en_letra(entero)} {centavos:02d}/100 M.N."
