"""Each of the eleven shapes, priced with the law's own numbers (UMA 2024 = $108.57 from February)."""

import datetime as dt
from decimal import Decimal

import pytest

from jerez_pos.core.errores import ErrorEntrada, TarifaPorVerificar

from ..conftest import JUNIO_2024

UMA = Decimal("108.57")


def _importe(unidades: str) -> Decimal:
    return (Decimal(unidades) * UMA).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")


def test_uma_fija_y_explicacion(motor):
    cot = motor.cotizar("A85-II", {}, JUNIO_2024)
    assert cot.importe == Decimal("115.12")
    assert cot.unidades_uma == Decimal("1.0603") and cot.uma == UMA
    assert cot.explicacion == "1.0603 UMA × $108.57 = $115.12, Art. 85 fr. II"
    assert cot.total_efectivo == Decimal("115")


def test_uma_enero_usa_valor_2023(motor):
    cot = motor.cotizar("A85-II", {}, dt.date(2024, 1, 31))
    assert cot.uma == Decimal("103.74")
    assert cot.importe == Decimal("110.00")  # 1.0603 × 103.74 = 109.995… → 110.00


def test_por_unidad_multiplica_cada_parametro(motor):
    cot = motor.cotizar("A72-IV", {"cantidad": "2", "dias": "3"}, JUNIO_2024)
    assert cot.unidades_uma == Decimal("0.3236") * 6
    assert cot.importe == _importe("1.9416")


@pytest.mark.parametrize(
    ("aparatos", "hoja", "unidades"),
    [
        ("1", "A31-II-a", "1.0500"),
        ("5", "A31-II-a", "1.0500"),
        ("6", "A31-II-b", "3.6750"),
        ("15", "A31-II-b", "3.6750"),
        ("16", "A31-II-c", "5.2500"),
        ("300", "A31-II-d", "7.3500"),
    ],
)
def test_tramos_elige_por_parametro_y_acepta_la_hoja(motor, aparatos, hoja, unidades):
    padre = motor.cotizar("A31-II", {"aparatos": aparatos}, JUNIO_2024)
    directa = motor.cotizar(hoja, {}, JUNIO_2024)
    assert padre.importe == directa.importe == _importe(unidades)


def test_hoja_rechaza_cantidad_de_otro_tramo(motor):
    with pytest.raises(ErrorEntrada) as exc:
        motor.cotizar("A31-II-a", {"aparatos": "9"}, JUNIO_2024)
    assert exc.value.campo == "aparatos"


def test_tramo_con_excedente(motor):
    # Art. 101 fr. I inc. e): more than 1,000 m² pays inc. d) 6.7283 plus 0.0625 per excess m².
    cot = motor.cotizar("A101-I", {"m2": "1500"}, JUNIO_2024)
    assert cot.unidades_uma == Decimal("6.7283") + 500 * Decimal("0.0625")


def test_adicional_opcional_por_kilometro(motor):
    sin = motor.cotizar("A101-I", {"m2": "350"}, JUNIO_2024)
    con = motor.cotizar("A101-I", {"m2": "350", "km_adicionales": "4"}, JUNIO_2024)
    assert con.unidades_uma - sin.unidades_uma == 4 * Decimal("0.2100")


def test_base_mas_excedente(motor):
    cot = motor.cotizar("A127-I-a", {"m2": "3"}, JUNIO_2024)
    assert cot.unidades_uma == Decimal("17.4879") + 3 * Decimal("1.8737")


def test_porcentaje_de_una_base(motor):
    cot = motor.cotizar("A96", {"base": "1500"}, JUNIO_2024)
    assert cot.importe == Decimal("157.50") and cot.uma is None


def test_rango_dentro_y_fuera(motor):
    cot = motor.cotizar("A141-I", {"unidades": "10"}, JUNIO_2024)
    assert cot.importe == _importe("10")
    assert any("Art. 19" in m for m in cot.requiere_autorizacion)
    for fuera in ("7.3499", "11.5501"):
        with pytest.raises(ErrorEntrada) as exc:
            motor.cotizar("A141-I", {"unidades": fuera}, JUNIO_2024)
        assert exc.value.campo == "unidades"


def test_pesos_primer_dia_mas_adicionales(motor):
    # Art. 108 fr. I: $970.00 per day plus $75.00 per additional continuous day.
    assert motor.cotizar("A108-I", {"dias": "1"}, JUNIO_2024).importe == Decimal("970.00")
    assert motor.cotizar("A108-I", {"dias": "3"}, JUNIO_2024).importe == Decimal("1120.00")


def test_dia_adicional_por_aparato_con_cinco_dias_incluidos(motor):
    # Art. 31 fr. III: 2.1000 UMA per apparatus up to five days; beyond, 1.0500 per apparatus per day.
    cot = motor.cotizar("A31-III", {"dias": "7", "aparatos": "3"}, JUNIO_2024)
    assert cot.unidades_uma == (Decimal("2.1000") + 2 * Decimal("1.0500")) * 3


def test_tabla_progresiva_exige_confirmacion(motor):
    with pytest.raises(TarifaPorVerificar) as exc:
        motor.cotizar("A65-II", {"base": "800000"}, JUNIO_2024)
    assert "verificar" in str(exc.value)
    confirmado = motor.con_confirmacion("A65-II").cotizar("A65-II", {"base": "800000"}, JUNIO_2024)
    concepto = motor.concepto("A65-II", JUNIO_2024)
    fila = [f for f in concepto.filas if Decimal("800000") >= f.limite_inferior][-1]
    esperado = fila.cuota_fija + (Decimal("800000") - fila.limite_inferior) * fila.tasa_marginal / 100
    assert confirmado.importe == esperado.quantize(Decimal("0.01"))
    assert any("confirmado" in a for a in confirmado.advertencias)


def test_convenio_exige_referencia(motor):
    with pytest.raises(ErrorEntrada) as exc:
        motor.cotizar("A74", {"importe": "850"}, JUNIO_2024)
    assert exc.value.campo == "referencia"
    cot = motor.cotizar("A74", {"importe": "850", "referencia": "Contrato 12"}, dt.date(2024, 6, 20))
    assert cot.importe == Decimal("850.00")


class TestPredial:
    def test_compuesto_urbano(self, motor):
        params = {
            "zona": "III",
            "m2_terreno": "200",
            "m2_construccion": "120",
            "tipo_construccion": "B",
            "uso": "habitacional",
        }
        cot = motor.cotizar("A57", params, dt.date(2024, 4, 10))
        assert cot.unidades_uma == Decimal("2.2260") + 200 * Decimal("0.0046") + 120 * Decimal("0.0139")
        assert not cot.modificadores  # April: no early-payment subsidy

    @pytest.mark.parametrize(("zona", "tantos"), [("I", 0), ("II", 1), ("V", Decimal("1.5")), ("VIII", 2)])
    def test_baldio_paga_mas_segun_zona(self, motor, zona, tantos):
        base = motor.cotizar("A57", {"zona": zona, "m2_terreno": "300"}, dt.date(2024, 5, 1))
        baldio = motor.cotizar("A57", {"zona": zona, "m2_terreno": "300", "baldio": "si"}, dt.date(2024, 5, 1))
        terreno = base.unidades_uma - Decimal("2.2260")
        assert baldio.unidades_uma - base.unidades_uma == terreno * tantos

    def test_rustico_temporal_por_hectarea_en_pesos(self, motor):
        hasta = motor.cotizar("A57", {"hectareas_temporal": "20"}, dt.date(2024, 5, 1))
        mas = motor.cotizar("A57", {"hectareas_temporal": "21"}, dt.date(2024, 5, 1))
        base = (Decimal("2.2260") * UMA).quantize(Decimal("0.01"))
        assert hasta.importe == (Decimal("2.2260") * UMA + 20 * Decimal("1.65")).quantize(Decimal("0.01"))
        assert mas.importe == (Decimal("2.2260") * UMA + 21 * Decimal("3.30")).quantize(Decimal("0.01"))
        assert hasta.importe > base

    def test_minimo_art_59(self, motor):
        cot = motor.cotizar("A57", {}, dt.date(2024, 5, 1))
        assert cot.unidades_uma == Decimal("2.2260")

    def test_zona_desconocida(self, motor):
        with pytest.raises(ErrorEntrada) as exc:
            motor.cotizar("A57", {"zona": "IX", "m2_terreno": "10"}, dt.date(2024, 5, 1))
        assert exc.value.campo == "zona"

    def test_terreno_sin_zona(self, motor):
        with pytest.raises(ErrorEntrada) as exc:
            motor.cotizar("A57", {"m2_terreno": "10"}, dt.date(2024, 5, 1))
        assert exc.value.campo == "zona"


def test_rango_por_hora_y_tramo_por_punto(motor):
    por_hora = motor.cotizar("A72-VII", {"unidades": "3", "horas": "4"}, JUNIO_2024)
    assert por_hora.unidades_uma == Decimal("12")
    uno = motor.cotizar("A127-IX-a", {"dias": "3", "cantidad": "1"}, JUNIO_2024)
    tres = motor.cotizar("A127-IX-a", {"dias": "3", "cantidad": "3"}, JUNIO_2024)
    assert tres.unidades_uma == uno.unidades_uma * 3
    with pytest.raises(ErrorEntrada) as exc:
        motor.cotizar("A127-IX-a", {"dias": "3", "cantidad": "4"}, JUNIO_2024)
    assert exc.value.campo == "cantidad"
