"""Amount in words: a table of the traps of Mexican receipts (apocope, CIEN/CIENTO, accents, DE PESOS)."""

from decimal import Decimal

import pytest

from jerez_pos.printing.letras import importe_con_letra

TABLA = [
    # zero, one and the peso singular
    ("0", "CERO PESOS 00/100 M.N."),
    ("0.05", "CERO PESOS 05/100 M.N."),
    ("0.99", "CERO PESOS 99/100 M.N."),
    ("1", "UN PESO 00/100 M.N."),
    ("1.50", "UN PESO 50/100 M.N."),
    ("2", "DOS PESOS 00/100 M.N."),
    # units, teens and their accents
    ("9", "NUEVE PESOS 00/100 M.N."),
    ("10", "DIEZ PESOS 00/100 M.N."),
    ("11", "ONCE PESOS 00/100 M.N."),
    ("15", "QUINCE PESOS 00/100 M.N."),
    ("16", "DIECISÉIS PESOS 00/100 M.N."),
    ("17", "DIECISIETE PESOS 00/100 M.N."),
    ("19", "DIECINUEVE PESOS 00/100 M.N."),
    ("20", "VEINTE PESOS 00/100 M.N."),
    ("21", "VEINTIÚN PESOS 00/100 M.N."),
    ("22", "VEINTIDÓS PESOS 00/100 M.N."),
    ("23", "VEINTITRÉS PESOS 00/100 M.N."),
    ("26", "VEINTISÉIS PESOS 00/100 M.N."),
    ("29", "VEINTINUEVE PESOS 00/100 M.N."),
    # tens with Y and the apocope of UNO
    ("30", "TREINTA PESOS 00/100 M.N."),
    ("31", "TREINTA Y UN PESOS 00/100 M.N."),
    ("45", "CUARENTA Y CINCO PESOS 00/100 M.N."),
    ("56", "CINCUENTA Y SEIS PESOS 00/100 M.N."),
    ("61", "SESENTA Y UN PESOS 00/100 M.N."),
    ("77", "SETENTA Y SIETE PESOS 00/100 M.N."),
    ("88", "OCHENTA Y OCHO PESOS 00/100 M.N."),
    ("99.99", "NOVENTA Y NUEVE PESOS 99/100 M.N."),
    # CIEN against CIENTO, irregular hundreds
    ("100", "CIEN PESOS 00/100 M.N."),
    ("100.01", "CIEN PESOS 01/100 M.N."),
    ("101", "CIENTO UN PESOS 00/100 M.N."),
    ("115.12", "CIENTO QUINCE PESOS 12/100 M.N."),
    ("121", "CIENTO VEINTIÚN PESOS 00/100 M.N."),
    ("200", "DOSCIENTOS PESOS 00/100 M.N."),
    ("500", "QUINIENTOS PESOS 00/100 M.N."),
    ("555.55", "QUINIENTOS CINCUENTA Y CINCO PESOS 55/100 M.N."),
    ("700", "SETECIENTOS PESOS 00/100 M.N."),
    ("900", "NOVECIENTOS PESOS 00/100 M.N."),
    ("970", "NOVECIENTOS SETENTA PESOS 00/100 M.N."),
    ("999", "NOVECIENTOS NOVENTA Y NUEVE PESOS 00/100 M.N."),
    # thousands: MIL (never UN MIL), VEINTIÚN MIL, CIEN MIL, CIENTO UN MIL
    ("1000", "MIL PESOS 00/100 M.N."),
    ("1001", "MIL UN PESOS 00/100 M.N."),
    ("1100", "MIL CIEN PESOS 00/100 M.N."),
    ("1234.56", "MIL DOSCIENTOS TREINTA Y CUATRO PESOS 56/100 M.N."),
    ("2000", "DOS MIL PESOS 00/100 M.N."),
    ("16000", "DIECISÉIS MIL PESOS 00/100 M.N."),
    ("21000", "VEINTIÚN MIL PESOS 00/100 M.N."),
    ("21021", "VEINTIÚN MIL VEINTIÚN PESOS 00/100 M.N."),
    ("31000", "TREINTA Y UN MIL PESOS 00/100 M.N."),
    ("100000", "CIEN MIL PESOS 00/100 M.N."),
    ("101000", "CIENTO UN MIL PESOS 00/100 M.N."),
    ("500500", "QUINIENTOS MIL QUINIENTOS PESOS 00/100 M.N."),
    ("999999", "NOVECIENTOS NOVENTA Y NUEVE MIL NOVECIENTOS NOVENTA Y NUEVE PESOS 00/100 M.N."),
    # millions: UN MILLÓN, MILLONES, DE PESOS only when round
    ("1000000", "UN MILLÓN DE PESOS 00/100 M.N."),
    ("1000000.75", "UN MILLÓN DE PESOS 75/100 M.N."),
    ("1000001", "UN MILLÓN UN PESOS 00/100 M.N."),
    ("1001000", "UN MILLÓN MIL PESOS 00/100 M.N."),
    ("1100000", "UN MILLÓN CIEN MIL PESOS 00/100 M.N."),
    ("2000000", "DOS MILLONES DE PESOS 00/100 M.N."),
    ("2300000.50", "DOS MILLONES TRESCIENTOS MIL PESOS 50/100 M.N."),
    ("21000000", "VEINTIÚN MILLONES DE PESOS 00/100 M.N."),
    ("21021021", "VEINTIÚN MILLONES VEINTIÚN MIL VEINTIÚN PESOS 00/100 M.N."),
    ("100000000", "CIEN MILLONES DE PESOS 00/100 M.N."),
    ("101101101", "CIENTO UN MILLONES CIENTO UN MIL CIENTO UN PESOS 00/100 M.N."),
    ("222222222", "DOSCIENTOS VEINTIDÓS MILLONES DOSCIENTOS VEINTIDÓS MIL DOSCIENTOS VEINTIDÓS PESOS 00/100 M.N."),
    (
        "999999999.99",
        "NOVECIENTOS NOVENTA Y NUEVE MILLONES NOVECIENTOS NOVENTA Y NUEVE MIL NOVECIENTOS NOVENTA Y NUEVE PESOS"
        " 99/100 M.N.",
    ),
    # rounding to centavos, half-up, before writing
    ("0.005", "CERO PESOS 01/100 M.N."),
    ("0.004", "CERO PESOS 00/100 M.N."),
    ("0.995", "UN PESO 00/100 M.N."),
    ("20.999", "VEINTIÚN PESOS 00/100 M.N."),
    ("115.125", "CIENTO QUINCE PESOS 13/100 M.N."),
    ("999999.995", "UN MILLÓN DE PESOS 00/100 M.N."),
    ("1.2", "UN PESO 20/100 M.N."),
    ("1E+3", "MIL PESOS 00/100 M.N."),
]


def test_la_tabla_cubre_al_menos_sesenta_importes():
    assert len(TABLA) >= 60
    assert len({importe for importe, _ in TABLA}) == len(TABLA)


@pytest.mark.parametrize(("importe", "esperado"), TABLA)
def test_importe_con_letra(importe, esperado):
    assert importe_con_letra(Decimal(importe)) == esperado


@pytest.mark.parametrize(
    ("importe", "fragmento"),
    [
        ("-0.01", "negativos"),
        ("-100", "negativos"),
        ("1000000000", "999,999,999.99"),
        ("999999999.995", "999,999,999.99"),
        ("NaN", "no es un número"),
        ("Infinity", "no es un número"),
    ],
)
def test_rechaza_fuera_de_rango_con_mensaje_en_espanol(importe, fragmento):
    with pytest.raises(ValueError, match=fragmento):
        importe_con_letra(Decimal(importe))


def test_rechaza_float():
    with pytest.raises(ValueError, match="Decimal"):
        importe_con_letra(1.5)  # type: ignore[arg-type]
