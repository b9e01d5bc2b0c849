"""Rezago and collection efficiency over a small roll, every figure computed by hand from the law (Arts. 14,
57-61, 114; UMA 2024 $108.57) as in test_cuentas.py, against a real SQLite ledger. Report date 10 July 2024:
four months of recargos since the 31 March due date (Art. 58), no INPC (factor 1), no discounts but the
vulnerable 10 % of the year itself (Art. 61)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from apoyo import Libro, Reloj

from jerez_pos.core.errores import ErrorEntrada, TarifaPorVerificar
from jerez_pos.ledger import cuentas, cuentas_padron, recibos, reportes_cuentas
from jerez_pos.ledger.pagos import Pago

ENCABEZADO = ",".join(cuentas_padron.COLUMNAS["predial"]) + ",adeudo_2023"
ROLL = (
    "P-1,Juana Pérez,Calle 1,III,200,120,B,habitacional,no,,,,si,2023,",  # vulnerable: 522.66 − 10 %
    "P-2,Luis Gómez,,,,,,,,,,,no,2022,600.00",  # historic 2023 debt + 2024 minimum (Art. 59)
    "P-3,Pedro Ruiz,Calle 3,III,300,,,,no,,,,no,2024,",  # paid in the previous system
    "P-5,Lote,,III,300,,,,si,,,,no,2023,",  # vacant lot
    "P-6,Rosa,,,,,,,,,,,no,2023,",  # minimum; paid by receipt on 2 May 2024
    "P-7,Rancho,,,,,,,,10,,25,no,2023,",  # rustic land
)
JULIO = dt.date(2024, 7, 10)


@pytest.fixture
def padron(libro: Libro, tmp_path: Path) -> Libro:
    ruta = tmp_path / "predial.csv"
    ruta.write_text("\n".join([ENCABEZADO, *ROLL]) + "\n", encoding="utf-8")
    t = libro.terminal
    cuentas_padron.importar(t.bd, libro.admin, "predial", ruta, t.motor.catalogos[0])
    return libro


def _cobrar_p6(libro: Libro) -> recibos.Emitido:
    reloj = Reloj(dt.datetime(2024, 5, 2, 9, 0))
    emitido, _, anios = cuentas.cobrar(
        libro.terminal, libro.cajero, "predial", "P-6", [Pago("efectivo", Decimal("300"))], None, reloj
    )
    assert anios == [2024] and emitido.total == Decimal("251.35")  # 241.68 + 2 months × 2 % = 9.67
    return emitido


def _partes(fila: dict) -> tuple[str, ...]:
    return tuple(fila[k] for k in ("impuesto", "descuentos", "actualizacion", "recargos", "total"))


def test_rezago_por_zona_a_una_fecha(padron: Libro) -> None:
    _cobrar_p6(padron)
    datos = reportes_cuentas.rezago(padron.terminal, padron.supervisor, "predial", JULIO)
    assert (datos["por"], datos["cuentas_padron"], datos["cuentas_con_adeudo"]) == ("zona", 6, 4)
    por_cuenta = {c["cuenta"]: c for c in datos["cuentas"]}
    # P-1: 522.66, vulnerable 10 % −52.27, recargos 8 % of 470.39 = 37.63.
    assert _partes(por_cuenta["P-1"]) == ("522.66", "-52.27", "0.00", "37.63", "508.02")
    # P-5: (2.2260 + 300 × 0.0046 × 2) × 108.57 = 541.33; 8 % = 43.31.
    assert _partes(por_cuenta["P-5"]) == ("541.33", "0.00", "0.00", "43.31", "584.64")
    # P-2: 2023 from the roll 600.00 + 16 months × 2 % = 192.00; 2024 minimum 241.68 + 19.33.
    assert por_cuenta["P-2"]["ejercicios"] == [2023, 2024]
    assert _partes(por_cuenta["P-2"]) == ("841.68", "0.00", "0.00", "211.33", "1053.01")
    # P-7: (2.2260 + 10 × 0.9967) × 108.57 + 25 × 3.30 = 1406.29; 8 % = 112.50.
    assert _partes(por_cuenta["P-7"]) == ("1406.29", "0.00", "0.00", "112.50", "1518.79")
    assert "P-3" not in por_cuenta and "P-6" not in por_cuenta  # paid: roll and receipt
    # Zones in order, the largest debt first within each; rustic land and no zone apart.
    assert [c["cuenta"] for c in datos["cuentas"]] == ["P-5", "P-1", "P-7", "P-2"]
    grupos = {g["grupo"]: (g["cuentas"], *_partes(g)) for g in datos["grupos"]}
    assert list(grupos) == ["III", "Rústico", "Sin zona"]
    assert grupos["III"] == (2, "1063.99", "-52.27", "0.00", "80.94", "1092.66")
    assert grupos["Sin zona"] == (1, "841.68", "0.00", "0.00", "211.33", "1053.01")
    assert _partes(datos) == ("3311.96", "-52.27", "0.00", "404.77", "3664.46")
    assert [(e["ejercicio"], e["cuentas"], e["total"]) for e in datos["por_ejercicio"]] == [
        (2023, 1, "792.00"),
        (2024, 4, "2872.46"),
    ]
    # The same figures as ``adeudo`` for every account (one pricing code).
    for cuenta, fila in por_cuenta.items():
        assert fila["total"] == cuentas.adeudo(padron.terminal, "predial", cuenta, JULIO).a_dict()["total"]
    # No per-account note (the vulnerable document) among the report's warnings.
    assert not any("Art. 61" in a for a in datos["advertencias"])


def test_rezago_mira_recibos_y_anulaciones_a_su_fecha(padron: Libro) -> None:
    emitido = _cobrar_p6(padron)
    abril = reportes_cuentas.rezago(padron.terminal, padron.supervisor, "predial", dt.date(2024, 4, 15))
    # Before the 2 May receipt, P-6 still owed 2024: 241.68 + 1 month × 2 % = 4.83.
    assert {c["cuenta"]: c["total"] for c in abril["cuentas"]}["P-6"] == "246.51"
    recibos.anular(
        padron.terminal, padron.supervisor, emitido.folio, "cobro equivocado", reloj=Reloj(dt.datetime(2024, 6, 1))
    )
    mayo = reportes_cuentas.rezago(padron.terminal, padron.supervisor, "predial", dt.date(2024, 5, 20))
    assert "P-6" not in {c["cuenta"] for c in mayo["cuentas"]}  # paid then; voided only in June
    julio = reportes_cuentas.rezago(padron.terminal, padron.supervisor, "predial", JULIO)
    # The void makes 2024 owed again: 241.68 + 8 % = 19.33.
    assert {c["cuenta"]: c["total"] for c in julio["cuentas"]}["P-6"] == "261.01"


def test_eficiencia_contra_el_padron(padron: Libro) -> None:
    emitido = _cobrar_p6(padron)
    datos = reportes_cuentas.eficiencia(padron.terminal, padron.supervisor, "predial", 2024, JULIO)
    # Paid 2024: P-3 (roll) and P-6 (receipt). The roll's 2024 tax at the due date: 522.66 + 241.68 + 391.50
    # (P-3: 3.6060 UMA) + 541.33 + 241.68 + 1406.29 = 3345.14; paid 391.50 + 241.68 = 633.18 (18.93 %).
    assert (datos["cuentas"], datos["pagadas"], datos["pendientes"], datos["porcentaje_cuentas"]) == (6, 2, 4, "33.33")
    assert (datos["importe_padron"], datos["importe_pagado"], datos["porcentaje_importe"]) == (
        "3345.14",
        "633.18",
        "18.93",
    )
    assert (datos["importe_pendiente"], datos["cobrado"]) == ("2711.96", "251.35")
    grupos = {g["grupo"]: g for g in datos["grupos"]}
    assert list(grupos) == ["III", "Rústico", "Sin zona"]
    assert (grupos["III"]["pagadas"], grupos["III"]["importe_padron"], grupos["III"]["porcentaje_importe"]) == (
        1,
        "1455.49",
        "26.90",
    )
    assert (grupos["Rústico"]["porcentaje_cuentas"], grupos["Rústico"]["porcentaje_importe"]) == ("0.00", "0.00")
    assert (grupos["Sin zona"]["porcentaje_cuentas"], grupos["Sin zona"]["cobrado"]) == ("50.00", "251.35")
    recibos.anular(
        padron.terminal, padron.supervisor, emitido.folio, "cobro equivocado", reloj=Reloj(dt.datetime(2024, 6, 1))
    )
    despues = reportes_cuentas.eficiencia(padron.terminal, padron.supervisor, "predial", 2024, JULIO)
    assert (despues["pagadas"], despues["importe_pagado"], despues["cobrado"]) == (1, "391.50", "0.00")


def test_comercio_por_giro(libro: Libro, tmp_path: Path) -> None:
    ruta = tmp_path / "comercio.csv"
    ruta.write_text(
        "licencia,titular,domicilio,giro,pagado_hasta\nL-1,Tienda,,1,2023\nL-3,Abarrotes,,1,2024\n", encoding="utf-8"
    )
    t = libro.terminal
    cuentas_padron.importar(t.bd, libro.admin, "comercio", ruta, t.motor.catalogos[0])
    datos = reportes_cuentas.rezago(t, libro.supervisor, "comercio", JULIO, "giro")
    nombre = t.motor.catalogos[0].giro(1).nombre
    # Refrendo 3.5805 × 108.57 = 388.73; the Art. 114 subsidy ended on 31 March; 8 % = 31.10.
    assert [(c["grupo"], c["cuenta"], *_partes(c)) for c in datos["cuentas"]] == [
        (f"1 {nombre}", "L-1", "388.73", "0.00", "0.00", "31.10", "419.83")
    ]
    eficiencia = reportes_cuentas.eficiencia(t, libro.supervisor, "comercio", 2024, JULIO)
    assert (eficiencia["por"], eficiencia["porcentaje_cuentas"], eficiencia["importe_padron"]) == (
        "giro",
        "50.00",
        "777.46",
    )


def test_entradas_invalidas_y_permisos(padron: Libro) -> None:
    t = padron.terminal
    with pytest.raises(ErrorEntrada, match="--por"):
        reportes_cuentas.rezago(t, padron.supervisor, "predial", JULIO, "giro")
    with pytest.raises(ErrorEntrada, match="--ejercicio"):
        reportes_cuentas.eficiencia(t, padron.supervisor, "predial", 2019, JULIO)
    with pytest.raises(ErrorEntrada, match="--ejercicio"):
        reportes_cuentas.eficiencia(t, padron.supervisor, "predial", 2025, JULIO)
    assert reportes_cuentas.rezago(t, padron.cajero, "predial", JULIO)["cuentas_con_adeudo"] == 5


def test_una_cuenta_que_no_se_puede_cotizar_se_nombra(padron: Libro, monkeypatch: pytest.MonkeyPatch) -> None:
    original = cuentas.cotizar_anio

    def cotizar(motor, cuenta, ejercicio, fecha, tabla):  # type: ignore[no-untyped-def]
        if cuenta.cuenta == "P-7":
            raise TarifaPorVerificar("A57", "3.3O por hectárea")
        return original(motor, cuenta, ejercicio, fecha, tabla)

    monkeypatch.setattr(cuentas, "cotizar_anio", cotizar)
    with pytest.raises(ErrorEntrada) as error:
        reportes_cuentas.rezago(padron.terminal, padron.supervisor, "predial", JULIO)
    assert error.value.campo == "CUENTA" and error.value.mensaje.startswith("P-7, ejercicio 2024: A57: la tarifa")
