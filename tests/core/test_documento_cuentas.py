"""Which account years a chain document pays: read from the version 1 document alone."""

from __future__ import annotations

from jerez_pos.core.documento import PagoCuenta, cuentas_pagadas


def _linea(total: int, **parametros: str) -> dict:
    return {
        "n": 1,
        "clave": "A57",
        "rubro": "Predial",
        "total_centavos": total,
        "cotizacion": {"parametros": parametros},
    }


def test_recibo_de_cuenta_predial_por_ejercicio():
    doc = {
        "tipo": "recibo",
        "contribuyente": {"nombre": "Luis", "cuenta_catastral": "p-2"},
        "lineas": [_linea(77000, ejercicio="2022", adeudo="500"), _linea(60050, ejercicio="2023"), _linea(100)],
    }
    assert cuentas_pagadas(doc) == [
        PagoCuenta("predial", "P-2", 2022, 77000),
        PagoCuenta("predial", "P-2", 2023, 60050),
    ]


def test_comercio_suma_los_conceptos_del_mismo_anio():
    doc = {
        "tipo": "recibo",
        "contribuyente": {"nombre": "Tienda", "licencia": "L-1"},
        "lineas": [_linea(150000, ejercicio="2024"), _linea(25000, ejercicio="2024")],
    }
    assert cuentas_pagadas(doc) == [PagoCuenta("comercio", "L-1", 2024, 175000)]


def test_recibos_que_no_pagan_cuentas():
    # A cuenta catastral typed by hand on an ordinary receipt: no line names a year, nothing is linked.
    manual = {"tipo": "recibo", "contribuyente": {"cuenta_catastral": "X"}, "lineas": [_linea(5000, zona="III")]}
    assert cuentas_pagadas(manual) == []
    sin_cuenta = {"tipo": "recibo", "contribuyente": {"nombre": "Ana"}, "lineas": [_linea(5000, ejercicio="2024")]}
    assert cuentas_pagadas(sin_cuenta) == []
    raro = {"tipo": "recibo", "contribuyente": {"licencia": "L"}, "lineas": [_linea(1, ejercicio="20x4"), "x"]}
    assert cuentas_pagadas(raro) == []
    assert cuentas_pagadas({"tipo": "anulacion", "recibo_hash": "00"}) == []
