import datetime as dt
from decimal import Decimal

import pytest

from jerez_pos.core.dinero import D, a_centavos, ajuste_efectivo, de_centavos, pesos, redondear
from jerez_pos.core.errores import SinUma, UmaNoPublicada
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


def test_uma_mensual_y_anual_son_las_publicadas_no_derivadas():
    valor = _tabla().vigente(dt.date(2024, 6, 1))
    assert valor.mensual is None and valor.anual is None  # nothing recorded: nothing computed
    with pytest.raises(UmaNoPublicada, match="UMA 2024: no está registrada la UMA anual"):
        valor.anual_publicada()
    publicada = ValorUma(2024, Decimal("108.57"), dt.date(2024, 2, 1), Decimal("3300.53"), Decimal("39606.36"))
    assert publicada.anual_publicada() == Decimal("39606.36")
    assert redondear(publicada.diaria * Decimal("30.4") * 12) == Decimal("39606.34")  # what INEGI does not publish


def test_sin_uma_para_fechas_anteriores():
    with pytest.raises(SinUma):
        _tabla().vigente(dt.date(2022, 12, 31))


def test_obligacion_de_un_ejercicio_anterior_usa_su_ley_y_su_uma(catalogo, tmp_path):
    """A 2024 obligation paid in 2025 is priced with the 2024 catalog and the UMA of when it arose (Art. 15),
    while a 2025 obligation uses the 2025 catalog; the payment date still drives date rules."""
    import datetime as dt
    import shutil
    from decimal import Decimal

    from jerez_pos.catalogo.cargar import cargar
    from jerez_pos.catalogo.uma import leer_uma
    from jerez_pos.config import catalogo_incluido, dir_tarifas
    from jerez_pos.core.motor import Motor

    copia = tmp_path / "jerez-2025"
    shutil.copytree(catalogo_incluido(), copia)
    cabecera = copia / "catalogo.toml"
    cabecera.write_text(cabecera.read_text(encoding="utf-8").replace("ejercicio = 2024", "ejercicio = 2025"))
    conceptos = copia / "conceptos" / "a084-a100.toml"
    texto = conceptos.read_text(encoding="utf-8")
    conceptos.write_text(texto.replace('monto = "1.0603"', 'monto = "1.1100"', 1), encoding="utf-8")
    motor = Motor([catalogo, cargar(copia)], leer_uma(dir_tarifas() / "uma.csv"))
    pago = dt.date(2025, 6, 16)
    actual = motor.cotizar("A85-II", {}, pago)
    assert actual.catalogo == "jerez-2025 v2" and actual.importe == (Decimal("1.1100") * Decimal("113.14")).quantize(
        Decimal("0.01")
    )
    rezago = motor.cotizar("A85-II", {}, pago, causado=dt.date(2024, 6, 1))
    assert rezago.catalogo == "jerez-2024 v2"
    assert rezago.importe == (Decimal("1.0603") * Decimal("108.57")).quantize(Decimal("0.01"))
    assert rezago.fecha == pago and "Art. 15" in rezago.advertencias[0]
    predial = {
        "zona": "IV",
        "m2_terreno": "250",
        "m2_construccion": "100",
        "tipo_construccion": "C",
        "uso": "habitacional",
    }
    enero = motor.cotizar("A57", predial, dt.date(2025, 1, 10), causado=dt.date(2024, 3, 31))
    assert not [m for m in enero.modificadores if m.id == "predial_pronto_pago"]  # no early-payment discount
