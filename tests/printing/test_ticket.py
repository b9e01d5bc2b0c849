"""The device-neutral receipt layout: widths, wrapping, amounts, legends and the arithmetic checks."""

import dataclasses
from decimal import Decimal

import pytest

from jerez_pos.printing.ticket import (
    Alineacion,
    CodigoQR,
    Corte,
    EtiquetaImporte,
    Texto,
    como_texto,
    componer_ticket,
    envolver,
    renglon_de_texto,
)
from tests.printing.muestras import DESCRIPCION_LARGA, muestras

MUESTRAS = muestras()
ANCHOS = (32, 48)


@pytest.mark.parametrize("ancho", ANCHOS)
@pytest.mark.parametrize("nombre", sorted(MUESTRAS))
def test_ningun_renglon_excede_el_ancho(nombre, ancho):
    ticket = componer_ticket(MUESTRAS[nombre], ancho)
    assert ticket.ancho == ancho
    for linea in ticket.lineas:
        assert len(renglon_de_texto(linea, ancho)) <= ancho, linea
    assert isinstance(ticket.lineas[-1], Corte)
    assert sum(isinstance(linea, CodigoQR) for linea in ticket.lineas) == 1


@pytest.mark.parametrize("ancho", ANCHOS)
def test_descripcion_larga_se_envuelve_en_palabras_completas(ancho):
    ticket = componer_ticket(MUESTRAS["larga"], ancho)
    renglones = [linea.texto for linea in ticket.lineas if isinstance(linea, Texto)]
    inicio = next(i for i, r in enumerate(renglones) if r.startswith("Licencia de funcionamiento"))
    fin = next(i for i, r in enumerate(renglones) if r.endswith("comercio"))
    assert " ".join(renglones[inicio : fin + 1]) == DESCRIPCION_LARGA
    assert fin > inicio  # it really wrapped


def test_solo_una_palabra_mas_larga_que_el_renglon_se_corta():
    assert envolver("Ref.: SPEI 0123456789ABCDEF", 10) == ["Ref.: SPEI", "0123456789", "ABCDEF"]
    assert envolver("", 32) == [""]


@pytest.mark.parametrize("ancho", ANCHOS)
def test_importes_alineados_a_la_derecha_con_formato_de_pesos(ancho):
    texto = como_texto(componer_ticket(MUESTRAS["larga"], ancho))
    total = next(r for r in texto.splitlines() if r.startswith("TOTAL"))
    assert total.endswith("$1,234.56") and len(total) == ancho


@pytest.mark.parametrize("ancho", ANCHOS)
def test_importe_con_letra_debajo_del_total(ancho):
    lineas = componer_ticket(MUESTRAS["descuento"], ancho).lineas
    posicion = next(i for i, x in enumerate(lineas) if isinstance(x, EtiquetaImporte) and x.etiqueta == "TOTAL")
    assert lineas[posicion].negrita and lineas[posicion].doble_alto
    siguiente = lineas[posicion + 1]
    assert isinstance(siguiente, Texto) and siguiente.texto.startswith("SETECIENTOS CINCUENTA PESOS")


def test_descuentos_redondeo_pagos_y_cambio():
    texto = como_texto(componer_ticket(MUESTRAS["descuento"], 48))
    assert "Pago anticipado en enero (15 %)" in texto and "-$150.00" in texto and "Fundamento: Art. 61" in texto
    texto = como_texto(componer_ticket(MUESTRAS["redondeo"], 48))
    assert "Redondeo (Art. 20)" in texto and "$0.38" in texto and "CINCUENTA Y OCHO PESOS 00/100 M.N." in texto
    texto = como_texto(componer_ticket(MUESTRAS["varios_pagos"], 48))
    for esperado in ("Tarjeta", "Transferencia", "Efectivo", "Ref.: SPEI 77881", "Cambio", "$80.00"):
        assert esperado in texto
    assert "Redondeo" not in texto  # no adjustment, no line


def test_original_copia_anulado_y_demo():
    original = como_texto(componer_ticket(MUESTRAS["acentos"], 48))
    assert original.count("ORIGINAL") == 2 and "COPIA" not in original
    copia = como_texto(componer_ticket(MUESTRAS["reimpresion"], 48))
    assert copia.count("COPIA — REIMPRESIÓN 2") == 2 and "ORIGINAL" not in copia
    assert copia.count("*** RECIBO ANULADO ***") == 2
    demo = componer_ticket(MUESTRAS["demo"], 32)
    primero = demo.lineas[0]
    assert isinstance(primero, Texto) and primero.alineacion is Alineacion.CENTRO
    assert como_texto(demo).count("DEMOSTRACIÓN — SIN VALIDEZ\n") == 2  # 34 letters wrap on 32 columns
    assert como_texto(componer_ticket(MUESTRAS["demo"], 48)).count("DEMOSTRACIÓN — SIN VALIDEZ OFICIAL") == 2


def test_ancho_no_admitido():
    with pytest.raises(ValueError, match="ancho de papel no admitido"):
        componer_ticket(MUESTRAS["acentos"], 40)


@pytest.mark.parametrize(
    ("cambios", "fragmento"),
    [
        ({"total": Decimal("115.13")}, "los conceptos suman"),
        ({"cambio": Decimal("1.00")}, "los pagos menos el cambio"),
        ({"copia": -1}, "copia debe ser"),
        ({"lineas": ()}, "no tiene conceptos"),
        ({"qr_payload": "folio ñ"}, "ASCII"),
    ],
)
def test_datos_incongruentes_se_rechazan(cambios, fragmento):
    with pytest.raises(ValueError, match=fragmento):
        dataclasses.replace(MUESTRAS["reimpresion"], **cambios)
