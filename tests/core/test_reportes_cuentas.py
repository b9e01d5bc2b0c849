"""The pure aggregation behind the rezago and efficiency reports, over plain rows (no ledger)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal as D

from jerez_pos.core import reportes_cuentas as rc

FECHA = dt.date(2025, 1, 20)


def _anio(ejercicio: int, impuesto: str, recargos: str = "0") -> rc.AnioRezago:
    total = D(impuesto) + D(recargos)
    return rc.AnioRezago(ejercicio, D(impuesto), D("0"), D("0"), D(recargos), total)


def test_ejercicios_en_tramos() -> None:
    assert rc.ejercicios_texto([2025, 2022, 2023, 2019]) == "2019, 2022-2023, 2025"
    assert rc.ejercicios_texto([2024]) == "2024" and rc.ejercicios_texto([]) == ""


def test_orden_de_grupos_zonas_giros_y_demas() -> None:
    grupos = ["Sin zona", "VIII", "12 Abarrotes", "II", "Rústico", "3 Panadería"]
    assert sorted(grupos, key=rc.clave_grupo) == ["II", "VIII", "3 Panadería", "12 Abarrotes", "Rústico", "Sin zona"]


def test_rezago_agrupa_y_ordena() -> None:
    filas = [
        rc.FilaRezago("A", "Ana", "", "II", (_anio(2024, "100.00", "8.00"),)),
        rc.FilaRezago("B", "Beto", "", "II", (_anio(2023, "90.00", "30.00"), _anio(2024, "90.00", "7.20"))),
        rc.FilaRezago("C", "Ciro", "", "I", ()),
        rc.FilaRezago("D", "Dora", "", "I", (_anio(2024, "50.00"),), ("aviso", "aviso")),
    ]
    datos = rc.rezago(filas, "predial", FECHA, "zona")
    assert [c["cuenta"] for c in datos["cuentas"]] == ["D", "B", "A"]
    assert [(g["grupo"], g["cuentas"], g["total"]) for g in datos["grupos"]] == [("I", 1, "50.00"), ("II", 2, "325.20")]
    assert [(e["ejercicio"], e["cuentas"], e["recargos"]) for e in datos["por_ejercicio"]] == [
        (2023, 1, "30.00"),
        (2024, 3, "15.20"),
    ]
    assert (datos["cuentas_padron"], datos["cuentas_con_adeudo"], datos["total"]) == (4, 3, "375.20")
    assert datos["advertencias"] == ["aviso"]


def test_padron_vacio_no_divide_entre_cero() -> None:
    datos = rc.eficiencia([], "comercio", 2025, FECHA)
    assert (datos["cuentas"], datos["porcentaje_cuentas"], datos["porcentaje_importe"], datos["grupos"]) == (
        0,
        "0.00",
        "0.00",
        [],
    )
    assert rc.eficiencia_csv(datos).splitlines()[-1] == "TOTAL,0,0,0,0.00,0.00,0.00,0.00,0.00,0.00"


def test_eficiencia_por_numero_y_por_importe() -> None:
    filas = [
        rc.FilaEficiencia("A", "1 Tienda", True, D("300.00"), D("150.00")),
        rc.FilaEficiencia("B", "1 Tienda", False, D("100.00")),
        rc.FilaEficiencia("C", "1 Tienda", False, D("200.00")),
    ]
    datos = rc.eficiencia(filas, "comercio", 2025, FECHA)
    assert (datos["porcentaje_cuentas"], datos["porcentaje_importe"], datos["importe_pendiente"]) == (
        "33.33",
        "50.00",
        "300.00",
    )
    assert datos["cobrado"] == "150.00" and datos["por"] == "giro"


def test_csv_no_deja_formulas_del_padron() -> None:
    filas = [rc.FilaRezago("=1+1", '=HYPERLINK("x")', "@calle", "+3 Giro", (_anio(2024, "10.00"),))]
    texto = rc.rezago_csv(rc.rezago(filas, "comercio", FECHA, "giro"))
    fila = list(csv.reader(io.StringIO(texto)))[1]
    assert fila[:4] == ["'+3 Giro", "'=1+1", '\'=HYPERLINK("x")', "'@calle"]
    assert fila[5:] == ["10.00", "0.00", "0.00", "0.00", "10.00"]
