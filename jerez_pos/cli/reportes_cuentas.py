"""``reporte rezago predial|comercio`` and ``reporte eficiencia predial|comercio``: JSON, CSV and PDF."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any

from jerez_pos.cli.base import imprimir_json
from jerez_pos.cli.cotizar import fecha as leer_fecha
from jerez_pos.cli.imprimir import ruta_pdf
from jerez_pos.cli.sesion import agregar_usuario, iniciar
from jerez_pos.core import reportes_cuentas as rc
from jerez_pos.core.numeros import leer_entero
from jerez_pos.core.texto import corto
from jerez_pos.disco import escritura
from jerez_pos.ledger import identidad, reportes_cuentas
from jerez_pos.ledger.terminal import Terminal

PADRONES = ("predial", "comercio")
MUNICIPIO = "Jerez, Zacatecas"


def ruta_csv(texto: str) -> Path:
    """``--csv ARCHIVO`` checked while parsing, so a bad path fails before the roll is priced."""
    ruta = Path(texto).expanduser()
    if ruta.suffix.lower() != ".csv":
        raise argparse.ArgumentTypeError(f"«{corto(texto)}» debe terminar en .csv")
    if not ruta.parent.is_dir():
        raise argparse.ArgumentTypeError(f"no existe la carpeta {corto(str(ruta.parent), 120)}")
    return ruta


def escribir_csv(ruta: Path, contenido: str) -> Path:
    """Written beside the destination and renamed over it: a failed write never leaves half a report."""
    temporal = ruta.with_name(f".{ruta.name}.tmp")
    with escritura(ruta, temporal):
        temporal.write_text(contenido, encoding="utf-8")
        os.replace(temporal, ruta)
    return ruta


def salidas(args: argparse.Namespace, municipio: str, datos: dict[str, Any], csv: str, pdf: Any) -> None:
    """The files first (each announced on stderr under --json so stdout stays pure JSON), then the output."""
    aviso = sys.stderr if args.json else sys.stdout
    if args.csv:
        print(f"CSV en {escribir_csv(args.csv, csv)}", file=aviso)
    if args.pdf:
        print(f"PDF en {pdf(datos, municipio, args.pdf)}", file=aviso)
    if args.json:
        imprimir_json(datos)


def _municipio(terminal: Terminal) -> str:
    ident = identidad.leer_identidad(terminal.bd)
    return ident.municipio if ident else MUNICIPIO


def mostrar_rezago(args: argparse.Namespace, municipio: str, datos: dict[str, Any]) -> int:
    """CSV, PDF and JSON or the short summary: the same for the terminal's report and central's."""
    from jerez_pos.printing.pdf.reportes_cuentas import rezago_pdf

    salidas(args, municipio, datos, rc.rezago_csv(datos), rezago_pdf)
    if args.json:
        return 0
    print(
        f"Rezago de {datos['padron']} al {datos['fecha']}: {datos['cuentas_con_adeudo']} de "
        f"{datos['cuentas_padron']} cuentas deben {datos['total']}"
    )
    for g in datos["grupos"]:
        print(f"  {g['total']:>14}  {datos['por']} {g['grupo']} ({g['cuentas']} cuentas)")
    for e in datos["por_ejercicio"]:
        print(f"  {e['total']:>14}  ejercicio {e['ejercicio']} ({e['cuentas']} cuentas)")
    for aviso in datos["advertencias"]:
        print(f"  Aviso: {aviso}")
    return 0


def mostrar_eficiencia(args: argparse.Namespace, municipio: str, datos: dict[str, Any]) -> int:
    from jerez_pos.printing.pdf.reportes_cuentas import eficiencia_pdf

    salidas(args, municipio, datos, rc.eficiencia_csv(datos), eficiencia_pdf)
    if args.json:
        return 0
    print(
        f"Eficiencia de {datos['padron']} {datos['ejercicio']} al {datos['fecha']}: {datos['pagadas']} de "
        f"{datos['cuentas']} cuentas pagadas ({datos['porcentaje_cuentas']} %); {datos['importe_pagado']} de "
        f"{datos['importe_padron']} ({datos['porcentaje_importe']} %); cobrado {datos['cobrado']}"
    )
    for g in datos["grupos"]:
        print(
            f"  {datos['por']} {g['grupo']}: {g['pagadas']}/{g['cuentas']} ({g['porcentaje_cuentas']} %), "
            f"{g['importe_pagado']}/{g['importe_padron']} ({g['porcentaje_importe']} %)"
        )
    for aviso in datos["advertencias"]:
        print(f"  Aviso: {aviso}")
    return 0


def _rezago(args: argparse.Namespace) -> int:
    cuando = leer_fecha(args.fecha) or dt.date.today()
    terminal = Terminal()
    sesion = iniciar(terminal.bd, args.usuario)
    datos = reportes_cuentas.rezago(terminal, sesion, args.padron, cuando, args.por)
    return mostrar_rezago(args, _municipio(terminal), datos)


def _eficiencia(args: argparse.Namespace) -> int:
    hoy = dt.date.today()
    ejercicio = hoy.year if args.ejercicio is None else leer_entero(args.ejercicio, "--ejercicio", nombre="anio")
    terminal = Terminal()
    sesion = iniciar(terminal.bd, args.usuario)
    datos = reportes_cuentas.eficiencia(terminal, sesion, args.padron, ejercicio, hoy)
    return mostrar_eficiencia(args, _municipio(terminal), datos)


def archivos(c: argparse.ArgumentParser) -> None:
    """--csv, --pdf and --json, shared with ``central reporte``."""
    c.add_argument("--csv", type=ruta_csv, metavar="ARCHIVO", help="escribe además el reporte en CSV (UTF-8)")
    c.add_argument("--pdf", type=ruta_pdf, metavar="ARCHIVO", help="escribe además el reporte en PDF")
    c.add_argument("--json", action="store_true", help="salida JSON")


def _archivos(c: argparse.ArgumentParser) -> None:
    archivos(c)
    agregar_usuario(c)


def registrar(acciones: Any) -> None:
    """Subcommands of ``reporte`` (registered by ``cli.admin``)."""
    c = acciones.add_parser(
        "rezago",
        help="quién debe qué del padrón predial (por zona) o de comercio (por giro), a una fecha",
        description="Cada cuenta con los ejercicios que debe, calculados como «jerez-pos adeudo» (impuesto, "
        "descuentos, actualización y recargos), con totales por zona o giro y por ejercicio.",
    )
    c.add_argument("padron", choices=PADRONES, help="predial o comercio")
    c.add_argument("--fecha", metavar="AAAA-MM-DD", help="fecha del cálculo (por omisión, hoy)")
    c.add_argument("--por", choices=("zona", "giro"), help="agrupación: zona (predial) o giro (comercio)")
    _archivos(c)
    c.set_defaults(accion=_rezago)
    c = acciones.add_parser(
        "eficiencia",
        help="eficiencia de recaudación contra el padrón: cuentas e importe pagados del ejercicio",
        description="Parte del padrón que ya pagó el ejercicio, por número de cuentas y por importe del impuesto "
        "o derecho al vencimiento (Art. 58), en total y por zona (predial) o giro (comercio).",
    )
    c.add_argument("padron", choices=PADRONES, help="predial o comercio")
    c.add_argument("--ejercicio", metavar="AAAA", help="ejercicio fiscal (por omisión, el año en curso)")
    _archivos(c)
    c.set_defaults(accion=_eficiencia)
