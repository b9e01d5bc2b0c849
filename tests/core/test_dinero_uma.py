import datetime as dt
from decimal import Decimal

import pytest

from jerez_pos.core.dinero import D, a_centavos, ajuste_efectivo, de_centavos, pesos, redondear
from jerez_pos.core.errores import SinUma
from jerez_pos.core.uma import TablaUma, ValorUma


@pytest.mark.parametrize(
    ("entrada", "esperado"),
    [("115.124", "115.12"), ("115.125", "115.13"), ("0.005", "0.01"), ("0.004999", "0.00"), ("2.675", "2.68")],
)
def test_redondeo_una_vez_mitad_hacia_arriba(entrada, esperado):
    assert redondear(D(entrada)) == D(esperado)


@pytest.mark.parametrize(
    ("total", "efectivo"),
    [
        ("115.50", "115"),
        ("115.51", "116"),
        ("115.49", "115"),
        ("115.00", "115"),
        ("0.50", "0"),
        ("0.51", "1"),
        ("99.99", "100"),
        ("1234.01", "1234"),
    ],
)
def test_articulo_20_efectivo_al_peso(total, efectivo):
    assert ajuste_efectivo(D(total)) == D(efectivo)


def test_centavos_ida_y_vuelta():
    assert a_centavos(D("115.12")) == 11512
    assert de_centavos(11512) == D("115.12")
    assert pesos(D("-74.91")) == "-$74.91"
    assert pesos(D("1234.5")) == "$1,234.50"


def test_nunca_desde_float():
    with pytest.raises(TypeError):
        D(1.1)  # type: ignore[arg-type]


def _tabla():
    return TablaUma(
        [
            ValorUma(2023, Decimal("103.74"), dt.date(2023, 2, 1)),
            ValorUma(2024, Decimal("108.57"), dt.date(2024, 2, 1)),
        ]
    )


def test_enero_usa_la_uma_del_anio_anterior():
    tabla = _tabla()
    assert tabla.vigente(dt.date(2024, 1, 31)).diaria == Decimal("103.74")
    assert tabla.vigente(dt.date(2024, 2, 1)).diaria == Decimal("108.57")
    assert tabla.vigente(dt.date(2024, 12, 31)).diaria == Decimal("108.57")


def test_uma_mensual_y_anual():
    valor = _tabla().vigente(dt.date(2024, 6, 1))
    assert valor.mensual == Decimal("108.57") * Decimal("30.4")
    assert valor.anual == valor.mensual * 12
    assert redondear(valor.anual) == Decimal("39606.34")


def test_sin_uma_para_fechas_anteriores():
    with pytest.raises(SinUma):
        _tabla().vigente(dt.date(2022, 12, 31))
