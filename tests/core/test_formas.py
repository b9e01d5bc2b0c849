"""Each of the eleven shapes, priced with the law's own numbers (UMA 2024 = $108.57 from February)."""

import datetime as dt
import shutil
from decimal import Decimal

import pytest

from jerez_pos.catalogo.cargar import cargar
from jerez_pos.config import catalogo_incluido
from jerez_pos.core.errores import CatalogoInvalido, ErrorEntrada, TarifaPorVerificar

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


def test_art_106_eventual_fr_i_cada_dia_continuo_y_fr_iv_cada_dia_adicional(motor):
    """Fr. I: 14.7578 "más 5.1616 … por cada día continuo" (every day, the first included); fr. IV: 10.5851 "más
    0.8184 … por cada día adicional" (the first day is in the base). The law words them differently on purpose."""

    fecha = dt.date(2024, 6, 3)
    uma = Decimal("108.57")
    fr_i = motor.cotizar("A106-I-eventual", {"dias": "3"}, fecha)
    assert fr_i.importe == ((Decimal("14.7578") + 3 * Decimal("5.1616")) * uma).quantize(Decimal("0.01"))
    un_dia = motor.cotizar("A106-I-eventual", {"dias": "1"}, fecha)
    assert un_dia.importe == ((Decimal("14.7578") + Decimal("5.1616")) * uma).quantize(Decimal("0.01"))
    fr_iv = motor.cotizar("A106-IV-eventual", {"dias": "3"}, fecha)
    assert fr_iv.importe == ((Decimal("10.5851") + 2 * Decimal("0.8184")) * uma).quantize(Decimal("0.01"))


def test_art_102_fr_i_b_marginal_nunca_baja_al_crecer_la_superficie(motor):
    """Each additional metre pays the rate of the range it lies in: 10,001 m² never costs less than 10,000 m²."""

    fecha = dt.date(2024, 6, 3)

    def unidades(m2: int) -> Decimal:
        return motor.cotizar("A102-I-b", {"m2": str(m2)}, fecha).unidades_uma

    assert unidades(400) == Decimal("4.0000")
    assert unidades(10000) == Decimal("4.0000") + 9600 * Decimal("0.0037")
    assert unidades(10001) == unidades(10000) + Decimal("0.0034")
    assert unidades(50001) == unidades(50000) + Decimal("0.0029")
    assert unidades(100001) == unidades(100000) + Decimal("0.0026")
    superficies = [1, 400, 401, 9999, 10000, 10001, 49999, 50000, 50001, 99999, 100000, 100001, 250000]
    precios = [unidades(m) for m in superficies]
    assert precios == sorted(precios)
    hoja = motor.cotizar("A102-I-b-3", {"m2": "20000"}, fecha)
    assert hoja.unidades_uma == unidades(20000)


def test_tabla_marginal_exige_tramos_contiguos(tmp_path):

    copia = tmp_path / "cat"
    shutil.copytree(catalogo_incluido(), copia)
    ruta = copia / "conceptos" / "a101-a111.toml"
    texto = ruta.read_text(encoding="utf-8")
    ruta.write_text(texto.replace('excedente_sobre = "10000"', 'excedente_sobre = "400"', 1), encoding="utf-8")
    with pytest.raises(CatalogoInvalido) as exc:
        cargar(copia)
    assert any("marginal" in p and "a101-a111.toml" in p for p in exc.value.problemas)


def test_art_88_fr_i_cada_metro_de_profundidad_suma_su_cuota(motor):
    """ "por metro de profundidad": a 2-metre grave pays the first metre (with its concrete slab) plus the second."""

    fecha = dt.date(2024, 6, 3)
    primero, segundo, tercero = Decimal("17.1907"), Decimal("4.8510"), Decimal("6.0638")
    assert motor.cotizar("A88-I-a", {"metros": "1"}, fecha).unidades_uma == primero
    assert motor.cotizar("A88-I-a", {"metros": "2"}, fecha).unidades_uma == primero + segundo
    assert motor.cotizar("A88-I-a", {"metros": "3"}, fecha).unidades_uma == primero + segundo + tercero
    assert motor.cotizar("A88-I-a-2", {}, fecha).unidades_uma == primero + segundo
    with pytest.raises(ErrorEntrada) as exc:
        motor.cotizar("A88-I-a", {"metros": "4"}, fecha)
    assert exc.value.campo == "metros"
    for inciso in "abcd":
        precios = [motor.cotizar(f"A88-I-{inciso}", {"metros": str(m)}, fecha).total for m in (1, 2, 3)]
        assert precios == sorted(precios), inciso


def test_art_104_fr_ii_hasta_dos_veces_es_un_rango_con_autorizacion(motor):

    fecha = dt.date(2024, 6, 3)
    cot = motor.cotizar("A104-II", {"base": "3500", "tasa": "150"}, fecha)
    assert cot.total == Decimal("5250.00")
    assert cot.requiere_autorizacion
    assert motor.cotizar("A104-II", {"base": "3500", "tasa": "200"}, fecha).total == Decimal("7000.00")
    for fuera in ("99", "201"):
        with pytest.raises(ErrorEntrada) as exc:
            motor.cotizar("A104-II", {"base": "3500", "tasa": fuera}, fecha)
        assert exc.value.campo == "tasa"
    with pytest.raises(ErrorEntrada):
        motor.cotizar("A104-II", {"base": "3500"}, fecha)  # the authority must choose; no silent maximum
    assert not motor.cotizar("A104-III", {"base": "3500"}, fecha).requiere_autorizacion


def test_art_99_cuota_por_deposito_sin_multiplicar_por_metro_cubico(motor):

    cot = motor.cotizar("A99", {}, dt.date(2024, 6, 3))
    assert cot.unidades_uma == Decimal("1.0025")
    assert motor.parametros("A99", dt.date(2024, 6, 3)) == [] or all(
        p.nombre != "m3" for p in motor.parametros("A99", dt.date(2024, 6, 3))
    )


def test_pregunta_repetida_misma_respuesta_y_rechazo_siempre(motor):
    # The engine remembers answers, never refusals; each caller gets its own copy of the parameters.
    primera = motor.cotizar("A31-III", {"dias": "7", "aparatos": "3"}, JUNIO_2024)
    primera.parametros["dias"] = "99"
    segunda = motor.cotizar("A31-III", {"aparatos": "3", "dias": "7"}, JUNIO_2024)
    assert segunda.parametros["dias"] == "7" and segunda.total == primera.total
    assert motor.cotizar("A31-III", {"dias": "8", "aparatos": "3"}, JUNIO_2024).total > segunda.total
    assert motor.cotizar("A31-III", {"dias": "7", "aparatos": "3"}, dt.date(2024, 6, 16)).fecha != segunda.fecha
    for _ in range(2):
        with pytest.raises(TarifaPorVerificar):
            motor.cotizar("A65-II", {"base": "800000"}, JUNIO_2024)
