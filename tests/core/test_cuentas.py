"""Arrears arithmetic of Art. 14 and 58, pure: months "o fracción", the INPC factor and the owner's key."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from jerez_pos.core.cuentas import clave_titular, factor_actualizacion, meses_de_atraso, vencimiento
from jerez_pos.ledger.inpc import leer_csv


@pytest.mark.parametrize(
    ("pago", "meses"),
    [
        ("2024-03-31", 0),  # on the due date: on time
        ("2024-04-01", 1),  # one day late: a started month counts
        ("2024-04-30", 1),
        ("2024-05-01", 2),
        ("2025-03-31", 12),
        ("2025-04-01", 13),
        ("2024-02-10", 0),
    ],
)
def test_meses_o_fraccion(pago, meses):
    assert meses_de_atraso(vencimiento(2024), dt.date.fromisoformat(pago)) == meses


def test_factor_corta_al_diezmilesimo_y_nunca_menor_que_uno():
    tabla = {(2024, 2): Decimal("100"), (2024, 5): Decimal("102.34567")}
    factor, avisos = factor_actualizacion(tabla, vencimiento(2024), dt.date(2024, 6, 3))
    assert factor == Decimal("1.0234") and avisos == []  # 1.0234567 cut, not rounded
    factor, avisos = factor_actualizacion(tabla, vencimiento(2024), dt.date(2024, 8, 3))  # July missing: May used
    assert factor == Decimal("1.0234") and "05/2024" in avisos[0]
    factor, _ = factor_actualizacion(
        {(2024, 2): Decimal("100"), (2024, 5): Decimal("99")}, vencimiento(2024), dt.date(2024, 6, 1)
    )
    assert factor == 1
    factor, avisos = factor_actualizacion({}, vencimiento(2024), dt.date(2024, 6, 1))
    assert factor == 1 and "factor 1" in avisos[0]
    assert factor_actualizacion(tabla, vencimiento(2024), dt.date(2024, 3, 31)) == (1, [])


def test_clave_del_propietario():
    assert clave_titular("  José   Pérez ") == clave_titular("JOSE PEREZ") == "JOSE PEREZ"


def test_inpc_csv_sinonimos_notas_y_lineas():
    assert leer_csv("# nota\nPeriodo,INPC\n2024/02,100.5\n2024-03,101\n") == [
        (2024, 2, Decimal("100.5"), ""),
        (2024, 3, Decimal("101"), ""),
    ]
    with pytest.raises(Exception, match="línea 5: «13»"):
        leer_csv("# nota\nanio,mes,indice\n2024,2,1\n# otra\n2024,13,1\n")
    with pytest.raises(Exception, match="encabezado"):
        leer_csv("anio,indice\n2024,1\n")
