"""Estado de cuenta: what one predial or comercio account owes on a date, year by year, as a letter PDF.

It prints ``ledger.cuentas.Adeudo`` as computed (the same figures as ``adeudo --json``); it is not a receipt
and says so: the amounts hold for the date printed, since recargos and actualización grow with time.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from jerez_pos.core.dinero import pesos
from jerez_pos.ledger import identidad
from jerez_pos.ledger.cuentas import Adeudo
from jerez_pos.ledger.terminal import Terminal
from jerez_pos.printing.libro import municipio_encabezado
from jerez_pos.printing.pdf.comun import ANCHO_UTIL, corto, escribir, p, pares, pn, tabla

TITULOS = {"predial": "IMPUESTO PREDIAL", "comercio": "PADRÓN MUNICIPAL DE COMERCIO"}
ETIQUETA_CUENTA = {"predial": "Cuenta predial", "comercio": "Licencia"}


def historia_estado(terminal: Terminal, adeudo: Adeudo) -> list[Flowable]:
    ident = identidad.leer_identidad(terminal.bd)
    cuenta = adeudo.cuenta
    historia: list[Flowable] = [
        p(municipio_encabezado(ident.municipio if ident else "Jerez, Zacatecas"), "titulo"),
        p("TESORERÍA MUNICIPAL", "subtitulo"),
        pn(f"ESTADO DE CUENTA — {TITULOS[cuenta.padron]}", "subtitulo"),
        Spacer(1, 4 * mm),
        pares(
            [
                (ETIQUETA_CUENTA[cuenta.padron], cuenta.cuenta),
                ("Titular", cuenta.titular),
                ("Domicilio", cuenta.domicilio or "—"),
                ("Pagado hasta el ejercicio", str(adeudo.pagado_hasta)),
                ("Importes calculados al", f"{adeudo.fecha:%d/%m/%Y}"),
                ("Total a pagar", pesos(adeudo.total)),
            ],
            (55 * mm, ANCHO_UTIL - 55 * mm),
        ),
        p("Por ejercicio", "seccion"),
    ]
    if not adeudo.anios:
        historia.append(p("La cuenta no tiene adeudos a esta fecha."))
    else:
        filas = []
        for anio in adeudo.anios:
            partes = anio.partes()
            filas.append(
                [
                    str(anio.ejercicio),
                    pesos(partes["impuesto"]),
                    pesos(partes["descuentos"]),
                    pesos(partes["actualizacion"]),
                    pesos(partes["recargos"]),
                    pesos(anio.total),
                ]
            )
        ancho = (ANCHO_UTIL - 22 * mm) / 5
        historia.append(
            tabla(
                ("Ejercicio", "Impuesto", "Descuentos", "Actualización", "Recargos", "Total"),
                filas,
                (22 * mm, ancho, ancho, ancho, ancho, ancho),
                numericas=(1, 2, 3, 4, 5),
                total=["Total", "", "", "", "", pesos(adeudo.total)],
            )
        )
        detalle = [
            [str(anio.ejercicio), c.clave, corto(c.descripcion, 90), pesos(c.total)]
            for anio in adeudo.anios
            for c in anio.cotizaciones
        ]
        historia += [p("Conceptos", "seccion")]
        historia.append(
            tabla(
                ("Ejercicio", "Clave", "Concepto", "Importe"),
                detalle,
                (22 * mm, 26 * mm, ANCHO_UTIL - 22 * mm - 26 * mm - 30 * mm, 30 * mm),
                numericas=(3,),
            )
        )
    if adeudo.advertencias:
        historia += [p("Avisos", "seccion"), *(p(f"• {a}", "chico") for a in adeudo.advertencias)]
    historia += [
        Spacer(1, 4 * mm),
        p(
            "Este documento no es un recibo. Los importes valen para la fecha indicada: la actualización y los "
            "recargos (Art. 14) crecen cada mes a partir del vencimiento (31 de marzo, Art. 58). Cada ejercicio "
            "se calcula con la ley de su año (Art. 15).",
            "chico",
        ),
    ]
    return historia


def estado_cuenta_pdf(terminal: Terminal, adeudo: Adeudo, ruta: Path) -> Path:
    titulo = f"Estado de cuenta {adeudo.cuenta.cuenta} al {adeudo.fecha.isoformat()}"
    return escribir(ruta, historia_estado(terminal, adeudo), titulo)
