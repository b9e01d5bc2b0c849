"""Properties over the whole catalog: prices are never negative and never fall when quantity grows."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from jerez_pos.core.errores import ErrorEntrada

from ..conftest import JUNIO_2024


def _crecientes(catalogo):
    for c in catalogo.conceptos.values():
        if c.forma == "por_unidad" and c.por and c.parametro_por_nombre(c.por[0]) is None:
            yield c.clave, c.por[0]
        elif c.forma in ("tramos", "base_mas_excedente") and c.padre is None and not c.por:
            yield c.clave, c.parametro or "cantidad"


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_precio_nunca_negativo_y_crece_con_la_cantidad(motor, catalogo, data):
    candidatos = sorted(_crecientes(catalogo))
    clave, parametro = data.draw(st.sampled_from(candidatos))
    concepto = catalogo.conceptos[clave]
    base = dict(concepto.ejemplo)
    a = data.draw(st.integers(min_value=1, max_value=5000))
    b = data.draw(st.integers(min_value=a, max_value=a + 5000))
    try:
        menor = motor.cotizar(clave, base | {parametro: str(a)}, JUNIO_2024)
        mayor = motor.cotizar(clave, base | {parametro: str(b)}, JUNIO_2024)
    except ErrorEntrada:  # outside the legal bounds of that tariff: refused, which is also correct
        return
    assert Decimal(0) <= menor.total <= mayor.total
