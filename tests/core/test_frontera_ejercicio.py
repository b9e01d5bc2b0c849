"""The year boundary: from 1 January the new year's catalog applies (with the previous UMA until 31 January,
Transitorio segundo), and a charge made in 2025 for a 2024 obligation is priced with the 2024 catalog and
its UMA (Art. 15, ``causado=``), while discounts and recargos follow the payment date.

Hand-computed with A85-II: 2024 factor 1.0603, the 2025 test catalog's 1.1100.
1.0603 × 108.57 = 115.116771 → $115.12; 1.1100 × 108.57 = 120.5127 → $120.51; 1.1100 × 113.14 = 125.5854 → $125.59.
"""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from jerez_pos.catalogo.cargar import cargar
from jerez_pos.catalogo.uma import leer_uma
from jerez_pos.config import catalogo_incluido, dir_tarifas
from jerez_pos.core.motor import Motor

ART_15 = "Obligación del ejercicio 2024: se cobra con la ley de ese año (Art. 15)"


def catalogo_2025(destino: Path) -> Path:
    shutil.copytree(catalogo_incluido(), destino)
    cabecera = destino / "catalogo.toml"
    cabecera.write_text(cabecera.read_text(encoding="utf-8").replace("ejercicio = 2024", "ejercicio = 2025"))
    conceptos = destino / "conceptos" / "a084-a100.toml"
    texto = conceptos.read_text(encoding="utf-8")
    conceptos.write_text(texto.replace('monto = "1.0603"', 'monto = "1.1100"', 1), encoding="utf-8")
    return destino


@pytest.fixture(scope="module")
def motor(catalogo, tmp_path_factory):
    nuevo = cargar(catalogo_2025(tmp_path_factory.mktemp("frontera") / "jerez-2025"))
    return Motor([catalogo, nuevo], leer_uma(dir_tarifas() / "uma.csv"))


@pytest.mark.parametrize(
    ("fecha", "catalogo_id", "uma", "importe"),
    [
        (dt.date(2024, 12, 31), "jerez-2024 v2", "108.57", "115.12"),
        (dt.date(2025, 1, 1), "jerez-2025 v2", "108.57", "120.51"),  # new law, January keeps the 2024 UMA
        (dt.date(2025, 1, 31), "jerez-2025 v2", "108.57", "120.51"),
        (dt.date(2025, 2, 1), "jerez-2025 v2", "113.14", "125.59"),
    ],
)
def test_desde_el_1_de_enero_aplica_el_catalogo_nuevo(motor, fecha, catalogo_id, uma, importe):
    cot = motor.cotizar("A85-II", {}, fecha)
    assert (cot.catalogo, cot.uma, cot.importe) == (catalogo_id, Decimal(uma), Decimal(importe))
    assert not any("No existe catálogo" in a for a in cot.advertencias)


@pytest.mark.parametrize("pago", [dt.date(2025, 1, 1), dt.date(2025, 1, 2), dt.date(2025, 6, 16)])
def test_obligacion_2024_cobrada_en_2025_usa_la_ley_2024(motor, pago):
    cot = motor.cotizar("A85-II", {}, pago, causado=dt.date(2024, 12, 31))
    assert (cot.catalogo, cot.uma, cot.importe) == ("jerez-2024 v2", Decimal("108.57"), Decimal("115.12"))
    assert cot.fecha == pago and cot.advertencias[0] == ART_15
    assert "Ley de Ingresos 2024" in cot.fundamento


def test_causado_del_mismo_ejercicio_o_posterior_no_cambia_nada(motor):
    pago = dt.date(2025, 6, 16)
    mismo = motor.cotizar("A85-II", {}, pago, causado=dt.date(2025, 1, 10))
    posterior = motor.cotizar("A85-II", {}, pago, causado=dt.date(2025, 12, 1))
    assert mismo.catalogo == posterior.catalogo == "jerez-2025 v2"
    # causado in January 2025 picks the UMA of that day (2024's): the obligation's own year and date.
    assert mismo.importe == Decimal("120.51") and posterior.importe == Decimal("125.59")
    assert ART_15 not in mismo.advertencias + posterior.advertencias


def test_un_concepto_nuevo_de_2025_no_existe_para_una_obligacion_2024(catalogo, tmp_path):
    """A key only the 2025 law has cannot be charged for a 2024 obligation: no law then, no charge."""
    from jerez_pos.core.errores import ConceptoDesconocido

    destino = catalogo_2025(tmp_path / "jerez-2025")
    conceptos = destino / "conceptos" / "a084-a100.toml"
    texto = conceptos.read_text(encoding="utf-8")
    conceptos.write_text(texto.replace('clave = "A85-II"', 'clave = "A85-II-bis"', 1), encoding="utf-8")
    motor = Motor([catalogo, cargar(destino)], leer_uma(dir_tarifas() / "uma.csv"))
    assert motor.cotizar("A85-II-bis", {}, dt.date(2025, 3, 1)).catalogo == "jerez-2025 v2"
    with pytest.raises(ConceptoDesconocido):
        motor.cotizar("A85-II-bis", {}, dt.date(2025, 3, 1), causado=dt.date(2024, 11, 1))
