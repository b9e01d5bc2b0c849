"""Central's rezago and efficiency reports, hand-computed (Ley de Ingresos 2024; UMA 2024 $108.57; cut on
10 June 2024: due 31 March (Art. 58), three months or fractions of recargos at 2 % = 6 % (Art. 14)):

- P-1 house, zone III: 4.8140 UMA × 108.57 = 522.66 + 31.36 = $554.02 — paid at central by a receipt;
- P-7 rustic: (2.2260 + 10 ha × 0.9967) × 108.57 + 25 ha × $3.30 = 1406.29 + 84.38 = $1,490.67;
- P-9 vacant without zone, Art. 59 minimum: 2.2260 × 108.57 = 241.68 + 14.50 = $256.18.

Efficiency of 2024 by amount, each tax at its Art. 58 due date: 522.66 paid of 522.66 + 1406.29 + 241.68 =
2170.63, 24.08 %. With a published INPC of 100 for February and 102 for May 2024 (Art. 14 fr. II: the month
before payment over the month before the due date), P-9 is updated by 241.68 × 0.02 = 4.83 and its recargos
are 6 % of the updated 246.51 = 14.79: $261.30.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fabrica import Fabrica
from pypdf import PdfReader

from jerez_pos.central import bd, paquetes, reporte_padron, terminales
from jerez_pos.central.servicio import Servicio
from jerez_pos.core import reportes_cuentas as rc
from jerez_pos.ledger import cuentas
from jerez_pos.printing.pdf.reportes_cuentas import eficiencia_pdf, rezago_pdf
from jerez_pos.sync import protocolo as p
from tests.central.test_pago_doble_concurrente import _recibo

AHORA = dt.datetime(2024, 6, 10, 12, 0, tzinfo=dt.UTC)
ROLL = (
    "cuenta,propietario,domicilio,zona,m2_terreno,m2_construccion,tipo_construccion,uso,baldio,"
    "hectareas_riego_gravedad,hectareas_riego_bombeo,hectareas_temporal,vulnerable,pagado_hasta\n"
    "P-1,Juana Pérez,Calle 1,III,200,120,B,habitacional,no,,,,no,2023\n"
    "P-7,Rancho,,,,,,,,10,,25,no,2023\n"
    "P-9,Solar,,,,,,,,,,,no,2023\n"
)


def _central(tmp_path):
    motor = bd.abrir(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    bd.migrar(motor)
    paquetes.publicar(motor, Ed25519PrivateKey.generate(), *paquetes.armar_padron("predial", ROLL), AHORA)
    alta = terminales.crear(motor, "Ermita", AHORA)
    fabrica = Fabrica(alta.serie)
    terminales.inscribir(motor, alta.codigo, fabrica.publica, AHORA)
    registros = [_recibo(fabrica, "P-1", 2024, 55402)]
    cuerpo = p.cuerpo_lote(registros, registros[-1].secuencia)
    firmados = p.encabezados_firmados(fabrica.llave, alta.serie, "POST", "/v1/lotes", cuerpo, int(AHORA.timestamp()))
    servicio = Servicio(motor, reloj=lambda: AHORA)
    assert servicio.atender("POST", "/v1/lotes", {}, {k.lower(): v for k, v in firmados.items()}, cuerpo).estado == 200
    return motor


def test_rezago_y_eficiencia_de_la_central(tmp_path):
    motor = _central(tmp_path)
    datos = reporte_padron.rezago(motor, "predial", AHORA.date())
    assert (datos["cuentas_padron"], datos["cuentas_con_adeudo"], datos["total"]) == (3, 2, "1746.85")
    assert [(c["cuenta"], c["grupo"], c["ejercicios"], c["total"]) for c in datos["cuentas"]] == [
        ("P-7", "Rústico", [2024], "1490.67"),
        ("P-9", "Sin zona", [2024], "256.18"),
    ]
    assert [(g["grupo"], g["cuentas"], g["total"]) for g in datos["grupos"]] == [
        ("Rústico", 1, "1490.67"),
        ("Sin zona", 1, "256.18"),
    ]
    # No INPC published: factor 1 with the very warning a terminal without the table gives.
    assert any("Sin INPC publicado" in a for a in datos["advertencias"])
    assert rc.rezago_csv(datos).splitlines()[2] == "Sin zona,P-9,Solar,,2024,241.68,0.00,0.00,14.50,256.18"
    texto = "".join(
        x.extract_text() for x in PdfReader(rezago_pdf(datos, "Jerez, Zacatecas", tmp_path / "r.pdf")).pages
    )
    assert "REZAGO" in texto and "1,746.85" in texto and "Rancho" in texto

    datos = reporte_padron.eficiencia(motor, "predial", AHORA.date())
    assert (datos["ejercicio"], datos["cuentas"], datos["pagadas"], datos["porcentaje_cuentas"]) == (
        2024,
        3,
        1,
        "33.33",
    )
    assert (datos["importe_padron"], datos["importe_pagado"], datos["porcentaje_importe"]) == (
        "2170.63",
        "522.66",
        "24.08",
    )
    assert datos["cobrado"] == "554.02"
    assert rc.eficiencia_csv(datos).splitlines()[-1] == "TOTAL,3,1,2,33.33,2170.63,522.66,1647.97,24.08,554.02"
    texto = "".join(
        x.extract_text() for x in PdfReader(eficiencia_pdf(datos, "Jerez, Zacatecas", tmp_path / "e.pdf")).pages
    )
    assert "33.33" in texto and "554.02" in texto

    # A report cut before the receipt's day does not count it (receipts as of the end of the day).
    antes = reporte_padron.eficiencia(motor, "predial", dt.date(2024, 1, 14))
    assert (antes["pagadas"], antes["cobrado"]) == (0, "0.00")
    motor.dispose()


def test_la_central_actualiza_con_el_inpc_publicado(tmp_path):
    motor = _central(tmp_path)
    inpc = tmp_path / "inpc.csv"
    inpc.write_text("anio,mes,indice,fuente\n2024,2,100.0000,INEGI\n2024,5,102.0000,INEGI\n", encoding="utf-8")
    paquetes.publicar(motor, Ed25519PrivateKey.generate(), *paquetes.armar_inpc(inpc), AHORA)
    tabla = reporte_padron.inpc_central(motor)
    assert tabla == {(2024, 2): Decimal("100.0000"), (2024, 5): Decimal("102.0000")}

    datos = reporte_padron.rezago(motor, "predial", AHORA.date())
    p9 = next(c for c in datos["cuentas"] if c["cuenta"] == "P-9")
    assert (p9["impuesto"], p9["actualizacion"], p9["recargos"], p9["total"]) == ("241.68", "4.83", "14.79", "261.30")
    assert not any("Sin INPC" in a for a in datos["advertencias"])
    # The same amount a terminal holding that table charges (``adeudo``'s code).
    cuenta = next(c for c in reporte_padron.padron_central(motor, "predial") if c.cuenta == "P-9")
    anio = cuentas.cotizar_anio(reporte_padron.motor_tarifas(motor), cuenta, 2024, AHORA.date(), tabla)
    assert str(anio.total) == p9["total"]
    motor.dispose()
