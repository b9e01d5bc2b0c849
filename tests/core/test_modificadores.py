"""Modifiers with the article's own numbers."""

import datetime as dt
from decimal import Decimal

import pytest

from jerez_pos.core.errores import ErrorEntrada

PREDIAL = {"zona": "IV", "m2_terreno": "250", "m2_construccion": "100", "tipo_construccion": "C", "uso": "habitacional"}


def _linea(cot, id_):
    return [m for m in cot.modificadores if m.id == id_]


@pytest.mark.parametrize(
    ("fecha", "porcentaje"),
    [(dt.date(2024, 1, 10), 15), (dt.date(2024, 2, 29), 10), (dt.date(2024, 3, 31), 5), (dt.date(2024, 4, 1), 0)],
)
def test_art_61_pronto_pago_predial(motor, fecha, porcentaje):
    cot = motor.cotizar("A57", PREDIAL, fecha)
    esperado = -(cot.importe * porcentaje / 100).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
    assert sum(m.importe for m in cot.modificadores) == esperado
    assert cot.total == cot.importe + esperado


@pytest.mark.parametrize(
    ("fecha", "porcentaje"),
    [(dt.date(2024, 1, 10), 25), (dt.date(2024, 2, 5), 20), (dt.date(2024, 3, 5), 15), (dt.date(2024, 8, 5), 10)],
)
def test_art_61_vulnerables_acumulable_con_tope_25(motor, fecha, porcentaje):
    cot = motor.cotizar("A57", PREDIAL | {"vulnerable": "si"}, fecha)
    (linea,) = _linea(cot, "predial_pronto_pago")
    assert linea.importe == -(cot.importe * porcentaje / 100).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
    assert linea.requiere_autorizacion and cot.requiere_autorizacion


def test_art_74_mercado(motor):
    base = {"importe": "1000", "referencia": "Contrato 7"}
    assert motor.cotizar("A74", base, dt.date(2024, 5, 10)).total == Decimal("850.00")
    assert motor.cotizar("A74", base, dt.date(2024, 5, 11)).total == Decimal("1000.00")
    anual = base | {"pago_anual": "si"}
    assert motor.cotizar("A74", anual, dt.date(2024, 1, 25)).total == Decimal("800.00")
    assert motor.cotizar("A74", anual, dt.date(2024, 2, 5)).total == Decimal("1000.00")


def test_art_114_padron_antes_del_31_de_marzo(motor):
    marzo = motor.cotizar("A114-III-1", {}, dt.date(2024, 3, 30))
    abril = motor.cotizar("A114-III-1", {}, dt.date(2024, 4, 1))
    assert abril.importe == (Decimal("3.5805") * Decimal("108.57")).quantize(Decimal("0.01"))
    assert marzo.total == marzo.importe - (marzo.importe / 2).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
    assert abril.total == abril.importe


def test_art_141_descuento_dentro_de_cinco_dias(motor):
    cot = motor.cotizar("A141-II", {"descuento_pronto_pago": "40", "dias_notificacion": "5"}, dt.date(2024, 6, 3))
    assert cot.total == cot.importe - (cot.importe * Decimal("0.4")).quantize(Decimal("0.01"))
    assert cot.requiere_autorizacion
    with pytest.raises(ErrorEntrada) as exc:
        motor.cotizar("A141-II", {"descuento_pronto_pago": "40", "dias_notificacion": "6"}, dt.date(2024, 6, 3))
    assert exc.value.campo == "descuento_pronto_pago"
    with pytest.raises(ErrorEntrada):
        motor.cotizar("A141-II", {"descuento_pronto_pago": "41", "dias_notificacion": "1"}, dt.date(2024, 6, 3))


def test_art_141_reincidente_paga_el_doble(motor):
    cot = motor.cotizar("A141-II", {"reincidente": "si"}, dt.date(2024, 6, 3))
    assert cot.total == cot.importe * 2


def test_art_141_fr_xxxiii_tiene_su_propia_reincidencia(motor):
    """Fr. XXXIII d) fixes the reincidence fine of civil protection (105 UMA): the general double of fr. XXXI
    ñ) must not apply to it (that would charge 210 UMA, an amount the law never states)."""
    fecha = dt.date(2024, 6, 3)
    assert "reincidente" not in {p.nombre for p in motor.parametros("A141-XXXIII-d", fecha)}
    assert "reincidente" not in {p.nombre for p in motor.parametros("A141-XXXIII-b", fecha)}
    with pytest.raises(ErrorEntrada) as exc:
        motor.cotizar("A141-XXXIII-d", {"reincidente": "si"}, fecha)
    assert exc.value.campo == "reincidente"
    assert motor.cotizar("A141-XXXIII-d", {}, fecha).total == Decimal("11399.85")  # 105.0000 × $108.57
    assert "reincidente" in {p.nombre for p in motor.parametros("A141-XXXI-b", fecha)}


def test_alcohol_consumo_local_y_uaz(motor):
    cot = motor.cotizar("A106-IV-b", {"consumo_local": "si"}, dt.date(2024, 6, 3))
    derecho = cot.importe
    local = (derecho * Decimal("0.10")).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
    uaz = ((derecho + local) * Decimal("0.10")).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
    assert [m.id for m in cot.modificadores] == ["alcohol_consumo_local", "uaz"]
    assert cot.total == derecho + local + uaz
    sin_local = motor.cotizar("A106-IV-b", {}, dt.date(2024, 6, 3))
    assert [m.id for m in sin_local.modificadores] == ["uaz"]


def test_art_14_actualizacion_y_recargos(motor):
    cot = motor.cotizar("A85-II", {"meses_atraso": "3", "factor_actualizacion": "1.0250"}, dt.date(2024, 6, 3))
    actualizado = Decimal("115.12") * Decimal("1.0250")
    lineas = {m.concepto: m.importe for m in cot.modificadores}
    assert lineas["Actualización"] == (actualizado - Decimal("115.12")).quantize(Decimal("0.01"))
    assert lineas["Recargos"] == (actualizado * Decimal("0.06")).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
    plazos = motor.cotizar("A85-II", {"meses_atraso": "2", "parcialidades": "si"}, dt.date(2024, 6, 3))
    assert {m.concepto: m.importe for m in plazos.modificadores}["Recargos"] == Decimal("3.45")


def test_art_14_factor_menor_a_uno_se_aplica_como_uno(motor):
    cot = motor.cotizar("A85-II", {"meses_atraso": "1", "factor_actualizacion": "0.9900"}, dt.date(2024, 6, 3))
    assert "Actualización" not in {m.concepto for m in cot.modificadores}


@pytest.mark.parametrize("clave", ["A141-I", "A141-II", "A141-V", "A141-XXXI-f", "A141-XXXI-g", "A141-XXXI-h"])
def test_art_14_multas_fiscales_causan_recargos(motor, clave):
    """Only "multas no fiscales" are exempt: fines for breaking this law's own obligations are fiscal."""
    assert "meses_atraso" in {p.nombre for p in motor.parametros(clave, dt.date(2024, 6, 3))}


@pytest.mark.parametrize("clave", ["A141-III", "A141-VII", "A141-XIV", "A141-XXXI-b", "A141-XXXIII-a", "A141-IV"])
def test_art_14_multas_no_fiscales_no_causan_recargos(motor, clave):
    assert "meses_atraso" not in {p.nombre for p in motor.parametros(clave, dt.date(2024, 6, 3))}


def test_art_14_productos_no_causan_recargos(motor):
    """Art. 14 speaks of contribuciones and aprovechamientos; productos (rent of municipal property) are neither."""
    fecha = dt.date(2024, 6, 3)
    productos = [c for c in motor.catalogo_para(fecha)[0].conceptos.values() if c.rubro.startswith("Productos")]
    assert productos
    for concepto in productos:
        assert "meses_atraso" not in {p.nombre for p in motor.parametros(concepto.clave, fecha)}, concepto.clave
    assert "meses_atraso" in {p.nombre for p in motor.parametros("A85-II", fecha)}


def test_art_16_gastos_de_ejecucion_minimo_y_maximo(motor):
    chico = motor.cotizar("A85-II", {"diligencias": "1"}, dt.date(2024, 6, 3))
    assert {m.id: m.importe for m in chico.modificadores}["gastos_ejecucion"] == Decimal("651.42")  # 6 UMA
    grande = motor.cotizar("A74", {"importe": "2000000", "referencia": "C-1", "diligencias": "1"}, dt.date(2024, 6, 20))
    assert {m.id: m.importe for m in grande.modificadores}["gastos_ejecucion"] == Decimal("21714.00")  # 200 UMA
    medio = motor.cotizar("A74", {"importe": "50000", "referencia": "C-1", "diligencias": "2"}, dt.date(2024, 6, 20))
    assert {m.id: m.importe for m in medio.modificadores}["gastos_ejecucion"] == Decimal("2000.00")


def test_art_27_bonificacion_hasta_70_por_ciento_de_derechos(motor):
    cot = motor.cotizar("A85-II", {"bonificacion": "70"}, dt.date(2024, 6, 3))
    assert cot.total == Decimal("115.12") - Decimal("80.58")
    assert cot.requiere_autorizacion
    with pytest.raises(ErrorEntrada):
        motor.cotizar("A85-II", {"bonificacion": "71"}, dt.date(2024, 6, 3))
    impuesto = {p.nombre for p in motor.parametros("A96", dt.date(2024, 6, 3))}
    assert "bonificacion" in impuesto  # A96 is a derecho (limpia)
    assert "bonificacion" not in {p.nombre for p in motor.parametros("A57", dt.date(2024, 6, 3))}


def test_exencion_por_escasos_recursos(motor):
    cot = motor.cotizar("A85-II", {"exento": "si"}, dt.date(2024, 6, 3))
    assert cot.total == 0 and cot.total_efectivo == 0 and cot.requiere_autorizacion


def test_arts_62_63_bonificacion_de_recargos_del_predial(motor):
    """Up to 100 % of recargos and gastos de cobranza, by agreement: the supervisor authorizes it."""
    fecha = dt.date(2024, 6, 3)
    base = {**PREDIAL, "meses_atraso": "5", "factor_actualizacion": "1.0300", "diligencias": "1"}
    sin = motor.cotizar("A57", base, fecha)
    lineas = {m.concepto: m.importe for m in sin.modificadores}
    accesorios = lineas["Recargos"] + lineas["Gastos de ejecución por diligencia"]
    con = motor.cotizar("A57", {**base, "bonificacion_recargos": "100"}, fecha)
    bonificacion = [m.importe for m in con.modificadores if m.id == "bonificacion_recargos_predial"]
    assert bonificacion == [-accesorios]
    assert con.total == sin.total - accesorios
    assert con.requiere_autorizacion and not sin.requiere_autorizacion
    mitad = motor.cotizar("A57", {**base, "bonificacion_recargos": "50"}, fecha)
    assert [m.importe for m in mitad.modificadores if m.id == "bonificacion_recargos_predial"] == [
        -(accesorios / 2).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
    ]
    with pytest.raises(ErrorEntrada) as exc:
        motor.cotizar("A57", {**base, "bonificacion_recargos": "101"}, fecha)
    assert exc.value.campo == "bonificacion_recargos"
    assert "bonificacion_recargos" not in {p.nombre for p in motor.parametros("A85-II", fecha)}


def test_art_135_fr_iv_descuento_hasta_50(motor):
    fecha = dt.date(2024, 6, 3)
    lleno = motor.cotizar("A135-IV-a", {}, fecha)
    mitad = motor.cotizar("A135-IV-a", {"bonificacion": "50"}, fecha)
    assert mitad.total == lleno.total - (lleno.importe / 2).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
    assert mitad.requiere_autorizacion
    with pytest.raises(ErrorEntrada):
        motor.cotizar("A135-IV-a", {"bonificacion": "51"}, fecha)
    assert "bonificacion" not in {p.nombre for p in motor.parametros("A135-III-a", fecha)}
