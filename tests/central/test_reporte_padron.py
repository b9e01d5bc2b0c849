"""Central's rezago and efficiency reports, hand-computed (Ley de Ingresos 2024; UMA 2024 $108.57; cut on
10 June 2024: due 31 March (Art. 58), three months or fractions of recargos at 2 % = 6 % (Art. 14)):

- P-1 house, zone III: 4.8140 UMA × 108.57 = 522.66 + 31.36 = $554.02 — paid at central by a receipt;
- P-7 rustic: (2.2260 + 10 ha × 0.9967) × 108.57 + 25 ha × $3.30 = 1406.29 + 84.38 = $1,490.67;
- P-9 vacant without zone, Art. 59 minimum: 2.2260 × 108.57 = 241.68 + 14.50 = $256.18.
"""

from __future__ import annotations

import datetime as dt

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fabrica import Fabrica
from pypdf import PdfReader

from jerez_pos.central import bd, paquetes, reporte_padron, terminales
from jerez_pos.central.reporte_padron_pdf import eficiencia_pdf, rezago_pdf
from jerez_pos.central.servicio import Servicio
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


def test_rezago_y_eficiencia_de_la_central(tmp_path):
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

    reporte = reporte_padron.calcular(motor, "predial", AHORA.date())
    datos = reporte.a_dict()
    assert [(d["cuenta"], d["grupo"], d["anios"], d["total"]) for d in datos["deudores"]] == [
        ("P-7", "rústico", [2024], "1490.67"),
        ("P-9", "sin zona", [2024], "256.18"),
    ]
    assert [
        (g["grupo"], g["cuentas"], g["con_adeudo"], g["adeudo"], g["pagadas"], g["cobrado"]) for g in datos["grupos"]
    ] == [
        ("zona III", 1, 0, "0.00", 1, "554.02"),
        ("rústico", 1, 1, "1490.67", 0, "0.00"),
        ("sin zona", 1, 1, "256.18", 0, "0.00"),
    ]
    t = datos["total"]
    assert (t["adeudo"], t["pagadas"], t["porcentaje_pagadas"], t["cobrado"]) == ("1746.85", 1, "33.33", "554.02")
    assert reporte_padron.SIN_INPC in datos["advertencias"]
    assert "Total,3,1,33.33,554.02,2,1746.85" in reporte_padron.csv_eficiencia(reporte)
    texto = "".join(x.extract_text() for x in PdfReader(rezago_pdf(reporte, tmp_path / "r.pdf")).pages)
    assert "REZAGO" in texto and "$1,746.85" in texto and "Rancho" in texto
    texto = "".join(x.extract_text() for x in PdfReader(eficiencia_pdf(reporte, tmp_path / "e.pdf")).pages)
    assert "33.33 %" in texto and "$554.02" in texto
    motor.dispose()
