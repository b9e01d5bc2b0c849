"""Rezago and collection efficiency of the predial and comercio rolls as letter PDFs.

They print the dicts of ``core.reportes_cuentas`` as computed (the same figures as ``--json`` and ``--csv``)
and take the municipality's name as a value, so central can print its own consolidated figures with them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from jerez_pos.core.reportes_cuentas import PARTES, ejercicios_texto
from jerez_pos.core.texto import imprimible
from jerez_pos.printing.libro import municipio_encabezado
from jerez_pos.printing.pdf.comun import (
    ANCHO_UTIL,
    FUENTE,
    FUENTE_NEGRITA,
    GRIS,
    barras,
    corto,
    dinero,
    escribir,
    firmas,
    p,
    pares,
    pn,
    registrar_fuentes,
    tabla,
)

TITULOS = {"predial": "IMPUESTO PREDIAL", "comercio": "PADRÓN MUNICIPAL DE COMERCIO"}
AGRUPACION = {"zona": "Zona", "giro": "Giro"}
ENCABEZADO_PARTES = ("Impuesto", "Descuentos", "Actualiz.", "Recargos", "Total")


def _encabezado(municipio: str, titulo: str) -> list[Flowable]:
    return [
        p(municipio_encabezado(municipio), "titulo"),
        p("TESORERÍA MUNICIPAL", "subtitulo"),
        pn(titulo, "subtitulo"),
        Spacer(1, 4 * mm),
    ]


def _fecha(texto: str) -> str:
    return f"{dt.date.fromisoformat(texto):%d/%m/%Y}"


RENGLONES_POR_TABLA = 100


def lista(
    encabezado: Sequence[str], filas: Sequence[Sequence[str]], anchos: Sequence[float], numericas: Sequence[int]
) -> list[Flowable]:
    """A long list (a whole roll's debtors) in the ruled look of ``comun.tabla``, but with plain text cells
    cut to their column and split into tables of ``RENGLONES_POR_TABLA`` rows: paragraphs in every cell and one
    table of 50,000 rows made the layout time grow with the square of the rows."""
    registrar_fuentes()
    estilo = TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), FUENTE),
            ("FONTNAME", (0, 0), (-1, 0), FUENTE_NEGRITA),
            ("FONTSIZE", (0, 0), (-1, -1), 7.5),
            ("BACKGROUND", (0, 0), (-1, 0), GRIS),
            ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            *(("ALIGN", (n, 0), (n, -1), "RIGHT") for n in numericas),
        ]
    )
    tablas: list[Flowable] = []
    for inicio in range(0, len(filas), RENGLONES_POR_TABLA):
        datos = [list(encabezado), *([imprimible(c) for c in f] for f in filas[inicio : inicio + RENGLONES_POR_TABLA])]
        t = Table(datos, colWidths=list(anchos), repeatRows=1, hAlign="LEFT")
        t.setStyle(estilo)
        tablas.append(t)
    return tablas


def historia_rezago(datos: dict[str, Any], municipio: str) -> list[Flowable]:
    agrupacion = AGRUPACION[datos["por"]]
    historia = _encabezado(municipio, f"REZAGO — {TITULOS[datos['padron']]} — AL {_fecha(datos['fecha'])}")
    historia.append(
        pares(
            [
                ("Cuentas en el padrón", str(datos["cuentas_padron"])),
                ("Cuentas con adeudo", str(datos["cuentas_con_adeudo"])),
                ("Impuesto o derecho", dinero(datos["impuesto"])),
                ("Descuentos", dinero(datos["descuentos"])),
                ("Actualización (Art. 14)", dinero(datos["actualizacion"])),
                ("Recargos (Art. 14)", dinero(datos["recargos"])),
                ("Total adeudado", dinero(datos["total"])),
            ],
            (60 * mm, 45 * mm),
        )
    )
    # Money columns wide enough for a whole roll's millions in one line; the group's name wraps instead.
    ancho = (ANCHO_UTIL - 24 * mm - 14 * mm) / 5
    historia += [p(f"Por {agrupacion.lower()}", "seccion")]
    historia.append(
        tabla(
            (agrupacion, "Ctas.", *ENCABEZADO_PARTES),
            [[corto(g["grupo"], 40), str(g["cuentas"]), *(dinero(g[k]) for k in PARTES)] for g in datos["grupos"]],
            (24 * mm, 14 * mm, *(ancho,) * 5),
            numericas=(1, 2, 3, 4, 5, 6),
            total=["Total", str(datos["cuentas_con_adeudo"]), *(dinero(datos[k]) for k in PARTES)],
        )
    )
    if datos["grupos"]:
        historia += [
            Spacer(1, 3 * mm),
            barras(
                [corto(g["grupo"], 28) for g in datos["grupos"]],
                [Decimal(g["total"]) for g in datos["grupos"]],
                f"Adeudo total por {agrupacion.lower()}",
            ),
        ]
    historia += [p("Por ejercicio", "seccion")]
    historia.append(
        tabla(
            ("Ejercicio", "Ctas.", *ENCABEZADO_PARTES),
            [[str(e["ejercicio"]), str(e["cuentas"]), *(dinero(e[k]) for k in PARTES)] for e in datos["por_ejercicio"]],
            (24 * mm, 14 * mm, *(ancho,) * 5),
            numericas=(1, 2, 3, 4, 5, 6),
        )
    )
    historia += [p("Cuentas con adeudo", "seccion")]
    if not datos["cuentas"]:
        historia.append(p("Ninguna cuenta del padrón tiene adeudo a esta fecha."))
    anchos = (30 * mm, 24 * mm, ANCHO_UTIL - 30 * mm - 24 * mm - 26 * mm - 26 * mm, 26 * mm, 26 * mm)
    cuentas_por_grupo: dict[str, list[dict[str, Any]]] = {}
    for c in datos["cuentas"]:
        cuentas_por_grupo.setdefault(c["grupo"], []).append(c)
    for nombre, cuentas in cuentas_por_grupo.items():
        historia.append(pn(f"{agrupacion} {nombre}"))
        filas = [
            (
                c["cuenta"],
                corto(ejercicios_texto(c["ejercicios"]), 22),
                corto(f"{c['titular']} — {c['domicilio']}" if c["domicilio"] else c["titular"], 48),
                dinero(c["recargos"]),
                dinero(c["total"]),
            )
            for c in cuentas
        ]
        historia += lista(("Cuenta", "Ejercicios", "Titular y domicilio", "Recargos", "Total"), filas, anchos, (3, 4))
    historia += _avisos(datos)
    historia += [
        Spacer(1, 4 * mm),
        p(
            "Importes calculados a la fecha del reporte con la ley de cada ejercicio (Art. 15): la actualización "
            "y los recargos (Art. 14) crecen cada mes desde el vencimiento (31 de marzo, Art. 58).",
            "chico",
        ),
        Spacer(1, 8 * mm),
        firmas([("Elaboró", ""), ("Tesorero(a) municipal", "")]),
    ]
    return historia


def _avisos(datos: dict[str, Any]) -> list[Flowable]:
    if not datos["advertencias"]:
        return []
    return [p("Avisos", "seccion"), *(p(f"• {a}", "chico") for a in datos["advertencias"])]


def historia_eficiencia(datos: dict[str, Any], municipio: str) -> list[Flowable]:
    agrupacion = AGRUPACION[datos["por"]]
    historia = _encabezado(municipio, f"EFICIENCIA DE RECAUDACIÓN {datos['ejercicio']} — {TITULOS[datos['padron']]}")
    historia.append(
        pares(
            [
                ("Situación al", _fecha(datos["fecha"])),
                ("Cuentas en el padrón", str(datos["cuentas"])),
                ("Cuentas pagadas", f"{datos['pagadas']} ({datos['porcentaje_cuentas']} %)"),
                ("Importe del padrón", dinero(datos["importe_padron"])),
                (
                    "Importe de las cuentas pagadas",
                    f"{dinero(datos['importe_pagado'])} ({datos['porcentaje_importe']} %)",
                ),
                ("Importe pendiente", dinero(datos["importe_pendiente"])),
                ("Cobrado en recibos", dinero(datos["cobrado"])),
            ],
            (65 * mm, 55 * mm),
        )
    )
    ancho = (ANCHO_UTIL - 23 * mm - 14 * mm - 13 * mm - 2 * 15 * mm) / 4
    historia += [p(f"Por {agrupacion.lower()}", "seccion")]
    historia.append(
        tabla(
            (agrupacion, "Ctas.", "Pag.", "% ctas.", "Importe padrón", "Importe pagado", "% imp.", "Cobrado"),
            [
                [
                    corto(g["grupo"], 40),
                    str(g["cuentas"]),
                    str(g["pagadas"]),
                    g["porcentaje_cuentas"],
                    dinero(g["importe_padron"]),
                    dinero(g["importe_pagado"]),
                    g["porcentaje_importe"],
                    dinero(g["cobrado"]),
                ]
                for g in datos["grupos"]
            ],
            (23 * mm, 14 * mm, 13 * mm, 15 * mm, ancho, ancho, 15 * mm, ancho),
            numericas=(1, 2, 3, 4, 5, 6, 7),
            total=[
                "Total",
                str(datos["cuentas"]),
                str(datos["pagadas"]),
                datos["porcentaje_cuentas"],
                dinero(datos["importe_padron"]),
                dinero(datos["importe_pagado"]),
                datos["porcentaje_importe"],
                dinero(datos["cobrado"]),
            ],
        )
    )
    historia += _avisos(datos)
    historia += [
        Spacer(1, 4 * mm),
        p(
            f"Una cuenta está pagada cuando el ejercicio {datos['ejercicio']} está cubierto por un recibo vigente o "
            "por el «pagado hasta» del padrón anterior. El importe del padrón es el impuesto o derecho del ejercicio "
            "al vencimiento (Art. 58), sin descuentos ni accesorios; lo cobrado es lo que dicen los recibos.",
            "chico",
        ),
        Spacer(1, 8 * mm),
        firmas([("Elaboró", ""), ("Tesorero(a) municipal", "")]),
    ]
    return historia


def rezago_pdf(datos: dict[str, Any], municipio: str, ruta: Path) -> Path:
    return escribir(ruta, historia_rezago(datos, municipio), f"Rezago {datos['padron']} al {datos['fecha']}")


def eficiencia_pdf(datos: dict[str, Any], municipio: str, ruta: Path) -> Path:
    titulo = f"Eficiencia {datos['padron']} {datos['ejercicio']}"
    return escribir(ruta, historia_eficiencia(datos, municipio), titulo)
