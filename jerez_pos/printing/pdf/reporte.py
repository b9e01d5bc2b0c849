"""The treasurer's day report: receipts, voids, totals by concept, CRI rubro, cashier and terminal.

The figures are ``ledger.reportes.dia`` as computed (valid receipts only; voids listed apart). Amounts
are the receipts' totals before the Art. 20 cash adjustment, as the ledger and central keep them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from jerez_pos.core.dinero import D, a_centavos, pesos
from jerez_pos.core.errores import ErrorJerez
from jerez_pos.ledger import identidad
from jerez_pos.ledger.terminal import Terminal
from jerez_pos.printing.libro import municipio_encabezado
from jerez_pos.printing.pdf.comun import ANCHO_UTIL, corto, escribir, firmas, p, pares, pn, tabla
from jerez_pos.printing.pdf.rubros import barras_por_rubro, filas_rubro


def _descripcion(terminal: Terminal, clave: str, fecha: dt.date) -> str:
    try:
        return terminal.motor.concepto(clave, fecha).descripcion
    except ErrorJerez:
        return ""


def historia_reporte(terminal: Terminal, datos: dict[str, Any]) -> list[Flowable]:
    ident = identidad.exigir_identidad(terminal.bd)
    fecha = dt.date.fromisoformat(datos["desde"])
    anulados = datos["anulados"]
    historia: list[Flowable] = [
        p(municipio_encabezado(ident.municipio), "titulo"),
        p("TESORERÍA MUNICIPAL", "subtitulo"),
        pn(f"REPORTE DIARIO DE INGRESOS — {fecha:%d/%m/%Y}", "subtitulo"),
        Spacer(1, 4 * mm),
        pares(
            [
                ("Delegación", ident.delegacion),
                ("Recibos válidos", str(datos["recibos"])),
                ("Recibos anulados", str(len(anulados))),
                ("Total cobrado", pesos(D(datos["total"]))),
            ],
            (55 * mm, 60 * mm),
        ),
        p("Por concepto", "seccion"),
    ]
    conceptos = [
        [f["clave"], corto(_descripcion(terminal, f["clave"], fecha), 80), str(f["lineas"]), pesos(D(f["total"]))]
        for f in datos["por_concepto"]
    ]
    anchos = (28 * mm, ANCHO_UTIL - 28 * mm - 18 * mm - 30 * mm, 18 * mm, 30 * mm)
    total = ["", "Total", str(sum(f["lineas"] for f in datos["por_concepto"])), pesos(D(datos["total"]))]
    historia.append(tabla(("Clave", "Concepto", "Líneas", "Importe"), conceptos, anchos, numericas=(2, 3), total=total))
    por_rubro = {f["rubro"]: a_centavos(D(f["total"])) for f in datos["por_rubro"]}
    historia += [p("Por rubro (CRI, Art. 2)", "seccion"), *filas_rubro(por_rubro)]
    historia += [Spacer(1, 3 * mm), barras_por_rubro(por_rubro)]
    cajeros = [[f["cajero"], str(f["recibos"]), pesos(D(f["total"]))] for f in datos["por_cajero"]]
    historia += [p("Por cajero", "seccion")]
    historia.append(tabla(("Cajero", "Recibos", "Importe"), cajeros, (60 * mm, 25 * mm, 35 * mm), numericas=(1, 2)))
    terminal_fila = [
        [
            ident.serie,
            f"{ident.nombre}, {ident.delegacion}",
            str(datos["recibos"]),
            str(len(anulados)),
            pesos(D(datos["total"])),
        ]
    ]
    historia += [p("Por terminal", "seccion")]
    historia.append(
        tabla(
            ("Serie", "Terminal", "Recibos", "Anulados", "Importe"),
            terminal_fila,
            (22 * mm, ANCHO_UTIL - 22 * mm - 20 * mm - 24 * mm - 32 * mm, 20 * mm, 24 * mm, 32 * mm),
            numericas=(2, 3, 4),
        )
    )
    historia.append(
        p("Este reporte cubre sólo esta terminal; la consolidación de delegaciones se hace en la central.", "chico")
    )
    historia += [p("Recibos anulados", "seccion")]
    if anulados:
        filas = [[f["folio"], pesos(D(f["total"])), f["motivo"]] for f in anulados]
        historia.append(
            tabla(("Folio", "Importe", "Motivo"), filas, (30 * mm, 30 * mm, ANCHO_UTIL - 60 * mm), numericas=(1,))
        )
    else:
        historia.append(p("Ninguno."))
    historia += [Spacer(1, 8 * mm), firmas([("Elaboró", ""), ("Tesorero(a) municipal", "")])]
    return historia


def reporte_pdf(terminal: Terminal, datos: dict[str, Any], ruta: Path) -> Path:
    return escribir(ruta, historia_reporte(terminal, datos), f"Reporte diario {datos['desde']}")
