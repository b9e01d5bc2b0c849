"""The rezago and efficiency reports price a whole roll with a memo shared by accounts with the same data;
whatever they print must be exactly what ``adeudo`` (the single source of amounts) says for each account.
A random roll (the benchmark's: urban, vacant and rustic lots, vulnerable owners, historic debts, years
paid) with an INPC table, compared account by account on a few hundred random accounts."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from apoyo import Libro

from jerez_pos.core.cuentas import vencimiento
from jerez_pos.core.dinero import CERO, texto
from jerez_pos.ledger import cuentas, cuentas_padron, inpc, reportes_cuentas
from tests.bench.bench_cuentas import ENCABEZADO, _fila

CUENTAS = 600
MUESTRA = 300
FECHA = dt.date(2025, 6, 15)
PARTES = ("impuesto", "descuentos", "actualizacion", "recargos", "total")


def _padron(libro: Libro, tmp_path: Path) -> random.Random:
    azar = random.Random(13)
    ruta = tmp_path / "predial.csv"
    ruta.write_text("\n".join([ENCABEZADO, *(_fila(n, azar) for n in range(CUENTAS))]) + "\n", encoding="utf-8")
    t = libro.terminal
    cuentas_padron.importar(t.bd, libro.admin, "predial", ruta, t.motor.catalogos[0])
    indices = tmp_path / "inpc.csv"
    # The index rises 0.37 a month from 130 (January 2021), so every late year has a factor above 1.
    meses = [f"{a},{m},{130 + ((a - 2021) * 12 + m - 1) * 0.37:.4f}" for a in range(2021, 2026) for m in range(1, 13)]
    indices.write_text("anio,mes,indice\n" + "\n".join(meses) + "\n", encoding="utf-8")
    inpc.importar(t.bd, indices, libro.admin)
    return azar


def test_el_rezago_es_el_adeudo_de_cada_cuenta(libro: Libro, tmp_path: Path) -> None:
    azar = _padron(libro, tmp_path)
    t = libro.terminal
    datos = reportes_cuentas.rezago(t, libro.supervisor, "predial", FECHA)
    por_cuenta = {c["cuenta"]: c for c in datos["cuentas"]}
    actualizadas = 0
    for n in azar.sample(range(CUENTAS), MUESTRA):
        cuenta = f"C-{n:06d}"
        debe = cuentas.adeudo(t, "predial", cuenta, FECHA)
        if not debe.anios:
            assert cuenta not in por_cuenta
            continue
        fila = por_cuenta[cuenta]
        assert fila["ejercicios"] == [a.ejercicio for a in debe.anios]
        sumas = [texto(sum((a.partes()[k] for a in debe.anios), start=CERO)) for k in PARTES[:-1]]
        assert [fila[k] for k in PARTES] == [*sumas, texto(debe.total)], cuenta
        actualizadas += fila["actualizacion"] != "0.00"
    assert actualizadas > 0  # the INPC really took part


def test_la_eficiencia_es_el_impuesto_de_cada_cuenta(libro: Libro, tmp_path: Path) -> None:
    azar = _padron(libro, tmp_path)
    t = libro.terminal
    filas = {f.cuenta: f for f in reportes_cuentas.filas_eficiencia(t, "predial", 2024, FECHA)}
    for n in azar.sample(range(CUENTAS), MUESTRA):
        cuenta = cuentas_padron.buscar(t.bd, "predial", f"C-{n:06d}")
        anio = cuentas.cotizar_anio(t.motor, cuenta, 2024, vencimiento(2024), inpc.tabla(t.bd))
        assert filas[cuenta.cuenta].importe == anio.partes()["impuesto"], cuenta.cuenta
