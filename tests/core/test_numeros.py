"""The one reader of numbers, dates and folios: what a cashier writes passes, nothing absurd does."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.core.numeros import (
    FECHA_MAXIMA,
    FECHA_MINIMA,
    LIMITES,
    es_digitos,
    leer_entero,
    leer_fecha,
    leer_importe,
    leer_numero,
)


@pytest.mark.parametrize(
    ("crudo", "esperado"),
    [
        ("500", "500"),
        ("1,000.50", "1000.50"),
        ("$1,000.50", "1000.50"),
        ("$ 1,234,567.89", "1234567.89"),
        (" 0.5 ", "0.5"),
        ("999999999.99", "999999999.99"),
    ],
)
def test_importes_como_los_escribe_un_cajero(crudo: str, esperado: str) -> None:
    valor = leer_importe(crudo, "--pago efectivo")
    assert valor == Decimal(esperado) and str(valor) == esperado


@pytest.mark.parametrize(
    ("crudo", "fragmento"),
    [
        ("NaN", "no es un número"),
        ("Infinity", "no es un número"),
        ("-Infinity", "no es un número"),
        ("1e30", "no es un número"),
        ("1E3", "no es un número"),
        ("١٠٠", "no es un número"),
        ("𝟙𝟚", "no es un número"),
        ("1_000", "no es un número"),
        ("0x10", "no es un número"),
        ("1.000,50", "use punto para decimales"),
        ("1.000.000", "use punto para decimales"),
        ("12,5", "use punto para decimales"),
        ("1,00", "use punto para decimales"),
        ("1,0000", "no es un número"),
        ("10,00,000", "no es un número"),
        ("-5", "no puede ser negativo"),
        ("1.001", "a lo más 2 decimales"),
        ("1000000000", "excede el máximo"),
        ("", "falta el valor"),
        ("9" * 5000, "demasiado largo"),
    ],
)
def test_rechazos_con_mensaje_claro(crudo: str, fragmento: str) -> None:
    with pytest.raises(ErrorEntrada) as error:
        leer_importe(crudo, "--pago efectivo", nombre="pago")
    mensaje = str(error.value)
    assert mensaje.startswith("--pago efectivo: ") and fragmento in mensaje
    assert len(mensaje) < 200  # never the whole input echoed back


def test_enteros_y_limites_por_campo() -> None:
    assert leer_entero("3660", "dias", nombre="dias") == 3660
    with pytest.raises(ErrorEntrada, match="excede el máximo permitido de 3660 días"):
        leer_entero("3661", "dias", nombre="dias")
    with pytest.raises(ErrorEntrada, match="número entero"):
        leer_entero("2.5", "--copias", nombre="copias")
    with pytest.raises(ErrorEntrada, match="mínimo permitido de 1 copias"):
        leer_entero("0", "--copias", nombre="copias")
    assert leer_entero("2.0", "dias") == 2
    assert leer_numero("-3.5", "ajuste", negativo=True) == Decimal("-3.5")
    # every field has a finite bound and a number of decimals
    assert all(lim.maximo.is_finite() and lim.decimales >= 0 for lim in LIMITES.values())


@given(st.decimals(min_value=0, max_value=Decimal("999999999.99"), places=2))
def test_todo_importe_valido_se_lee_igual_en_sus_tres_formas(valor: Decimal) -> None:
    simple = f"{valor:.2f}"
    con_miles = f"{valor:,.2f}"
    for texto in (simple, con_miles, "$" + con_miles):
        assert leer_importe(texto, "importe") == valor


@given(st.text(max_size=40))
@example("NaN")
@example("sNaN")
@example("1e30")
@example("١٠٠")
@example("1_000")
@example("+Infinity")
def test_cualquier_texto_da_decimal_acotado_o_error_de_entrada(texto: str) -> None:
    try:
        valor = leer_importe(texto, "importe")
    except ErrorEntrada as exc:
        assert str(exc).startswith("importe: ") and len(str(exc)) < 220
        return
    assert valor.is_finite() and Decimal(0) <= valor <= LIMITES["importe"].maximo
    assert valor == valor.quantize(Decimal("0.01"))
    assert all(c in "0123456789$,. +-" for c in texto.strip())


@given(st.dates())
def test_fechas_en_rango_o_rechazo(fecha: dt.date) -> None:
    texto = fecha.isoformat()
    if FECHA_MINIMA <= fecha <= FECHA_MAXIMA:
        assert leer_fecha(texto, "--fecha") == fecha
    else:
        with pytest.raises(ErrorEntrada, match="fuera del rango permitido"):
            leer_fecha(texto, "--fecha")


@pytest.mark.parametrize("texto", ["0001-01-01", "9999-12-31", "2024-02-30", "20240615", "２０２４-06-15", "", "hoy"])
def test_fechas_rechazadas(texto: str) -> None:
    with pytest.raises(ErrorEntrada) as error:
        leer_fecha(texto, "--desde")
    assert str(error.value).startswith("--desde: ")


def test_folios() -> None:
    """One folio reader for the whole program: the chain document's owner (core/documento.py)."""
    from jerez_pos.core.documento import separar_folio

    assert separar_folio(" jrz1-15 ") == ("JRZ1", 15)
    assert separar_folio("15", serie_opcional=True) == ("", 15)
    for malo in ("15", "JRZ1-²", "JRZ1-١", "JRZ1-" + "9" * 30, "J\x1bZ-1", "-"):
        with pytest.raises(ErrorEntrada, match="no es un folio"):
            separar_folio(malo)
    assert es_digitos("470") and not es_digitos("²") and not es_digitos("١٠") and not es_digitos("9" * 10)


def test_verificacion_publica_rechaza_digitos_que_no_son_ascii() -> None:
    from jerez_pos.central import reportes

    for folio in ("JRZ1-²", "JRZ1-١٥", "JRZ1-" + "9" * 12):
        with pytest.raises(ErrorEntrada, match="no es un folio"):
            reportes.verificar(None, folio, "0123456789abcdef")  # type: ignore[arg-type]
