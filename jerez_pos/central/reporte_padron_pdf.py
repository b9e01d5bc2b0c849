"""The central arrears and efficiency reports as PDF (the figures are ``reporte_padron.calcular``'s)."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from jerez_pos.central.reporte_padron import Reporte
from jerez_pos.core.dinero import D, pesos
from jerez_pos.printing.pdf.comun import ANCHO_UTIL, corto, escribir, p, pares, pn, tabla

MAX_DEUDORES = 2000  # the PDF is for reading; the CSV carries every account


def _encabezado(reporte: Reporte, titulo: str) -> list[Flowable]:
    total = reporte.total()
    return [
        p("TESORERÍA MUNICIPAL DE JEREZ, ZACATECAS", "titulo"),
        pn(f"{titulo} — PADRÓN DE {reporte.padron.upper()}", "subtitulo"),
        Spacer(1, 3 * mm),
        pares(
            [
                ("Fecha de corte", f"{reporte.fecha:%d/%m/%Y}"),
                ("Cuentas en el padrón publicado", str(total.cuentas)),
                ("Cuentas con adeudo", str(total.con_adeudo)),
                ("Adeudo total", pesos(total.adeudo)),
            ],
            (65 * mm, 50 * mm),
        ),
    ]


def _avisos(reporte: Reporte) -> list[Flowable]:
    return [p(f"Aviso: {a}", "chico") for a in reporte.advertencias]


def rezago_pdf(reporte: Reporte, ruta: Path) -> Path:
    datos = reporte.a_dict()
    historia = _encabezado(reporte, "REZAGO")
    historia.append(p("Por " + ("zona" if reporte.padron == "predial" else "giro"), "seccion"))
    filas = [[g["grupo"], str(g["cuentas"]), str(g["con_adeudo"]), pesos(D(g["adeudo"]))] for g in datos["grupos"]]
    t = datos["total"]
    historia.append(
        tabla(
            ("Grupo", "Cuentas", "Con adeudo", "Adeudo"),
            filas,
            (60 * mm, 30 * mm, 30 * mm, 40 * mm),
            numericas=(1, 2, 3),
            total=["Total", str(t["cuentas"]), str(t["con_adeudo"]), pesos(D(t["adeudo"]))],
        )
    )
    historia.append(p("Cuentas con adeudo", "seccion"))
    deudores = sorted(reporte.deudores, key=lambda d: (-D(d["total"]), d["cuenta"]))
    filas = [
        [d["cuenta"], corto(d["titular"], 60), d["grupo"], ", ".join(map(str, d["anios"])), pesos(D(d["total"]))]
        for d in deudores[:MAX_DEUDORES]
    ]
    anchos = (28 * mm, ANCHO_UTIL - 28 * mm - 24 * mm - 38 * mm - 30 * mm, 24 * mm, 38 * mm, 30 * mm)
    historia.append(tabla(("Cuenta", "Titular", "Grupo", "Ejercicios", "Adeudo"), filas, anchos, numericas=(4,)))
    if len(deudores) > MAX_DEUDORES:
        historia.append(p(f"… y {len(deudores) - MAX_DEUDORES} cuentas más (todas en el CSV).", "chico"))
    historia += _avisos(reporte)
    return escribir(ruta, historia, f"Rezago {reporte.padron} {reporte.fecha.isoformat()}")


def eficiencia_pdf(reporte: Reporte, ruta: Path) -> Path:
    datos = reporte.a_dict()
    historia = _encabezado(reporte, f"EFICIENCIA DE RECAUDACIÓN {reporte.fecha.year}")
    historia.append(p("Cuentas con el ejercicio pagado e importe cobrado de ese ejercicio", "seccion"))
    filas = [
        [g["grupo"], str(g["cuentas"]), str(g["pagadas"]), f"{g['porcentaje_pagadas']} %", pesos(D(g["cobrado"]))]
        for g in datos["grupos"]
    ]
    t = datos["total"]
    historia.append(
        tabla(
            ("Grupo", "Cuentas", "Pagadas", "% pagadas", "Cobrado"),
            filas,
            (50 * mm, 25 * mm, 25 * mm, 25 * mm, 40 * mm),
            numericas=(1, 2, 3, 4),
            total=[
                "Total",
                str(t["cuentas"]),
                str(t["pagadas"]),
                f"{t['porcentaje_pagadas']} %",
                pesos(D(t["cobrado"])),
            ],
        )
    )
    historia += _avisos(reporte)
    return escribir(ruta, historia, f"Eficiencia {reporte.padron} {reporte.fecha.year}")
