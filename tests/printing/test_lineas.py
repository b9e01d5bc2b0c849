"""The receipt's concept lines from quote snapshots: the one code behind the ticket, its PDF and the preview."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from jerez_pos.printing.datos import LineaConceptoTicket
from jerez_pos.printing.lineas import ejercicio, lineas_impresas
from jerez_pos.printing.ticket import como_texto, componer_ticket
from tests.printing.muestras import muestras

FICHAS = {"A114-III-91": ("Art. 114 fr. III", "anual"), "A85-II": ("Art. 85 fr. II", "evento")}


def _cot(clave: str, importe: str, modificadores=(), **extra):
    return {
        "clave": clave,
        "descripcion": f"Concepto {clave}",
        "fecha": "2024-06-15",
        "uma": "108.57",
        "importe": importe,
        "modificadores": [{"concepto": c, "fundamento": f, "importe": i} for c, f, i in modificadores],
        **extra,
    }


def test_cargo_anual_con_su_ejercicio_y_modificador_en_su_renglon():
    uaz = ("Impuesto UAZ 10 %", "Art. 111", "248.48")
    lineas = lineas_impresas(
        [_cot("A114-III-91", "2484.75", [uaz]), _cot("A85-II", "115.12")], lambda c, _f: FICHAS.get(c)
    )
    anual, evento = lineas
    assert anual.concepto.ejercicio == 2024 and evento.concepto.ejercicio is None
    assert anual.concepto.fundamento == "Art. 114 fr. III" and anual.concepto.importe == Decimal("2484.75")
    assert [m.descripcion for m in anual.modificadores] == ["Impuesto UAZ 10 % (A114-III-91)"]
    assert anual.total == Decimal("2733.23")
    solo = lineas_impresas([_cot("A114-III-91", "2484.75", [uaz])], lambda c, _f: FICHAS.get(c))[0]
    assert solo.modificadores[0].descripcion == "Impuesto UAZ 10 %"  # one concept: no key needed


def test_adeudo_de_otro_anio_y_clave_que_ya_no_existe():
    assert ejercicio(_cot("A57", "1", parametros={"ejercicio": "2022"}), "anual") == 2022
    assert ejercicio(_cot("A57", "1"), "mensual") is None
    conocidos = lineas_impresas([_cot("A85-II", "1")], lambda c, _f: FICHAS.get(c), ejercicios=[2021])
    assert conocidos[0].concepto.ejercicio == 2021  # the caller's account link wins
    linea = lineas_impresas([_cot("A84-I-a-2", "10")], lambda _c, _f: None)[0]
    assert linea.concepto.fundamento == "Art. 84 fr. I inciso a) numeral 2" and linea.concepto.ejercicio is None


def test_el_ticket_imprime_el_ejercicio():
    base = muestras()["acentos"]
    linea = LineaConceptoTicket("A114-III-91", "Refrendo", "Art. 114", None, base.lineas[0].importe, 2024)
    texto = como_texto(componer_ticket(replace(base, lineas=(linea, *base.lineas[1:])), 48))
    assert "Ejercicio: 2024" in texto
