"""``verificar``, ``respaldar``, ``restaurar`` and ``reporte dia``."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from jerez_pos import config
from jerez_pos.cli.base import entero, imprimir_json
from jerez_pos.cli.cotizar import fecha
from jerez_pos.cli.imprimir import ruta_pdf
from jerez_pos.cli.sesion import agregar_usuario, iniciar
from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.ledger import reportes, respaldo
from jerez_pos.ledger.terminal import Terminal
from jerez_pos.ledger.verificacion import todo_bien, verificar


def _verificar(args: argparse.Namespace) -> int:
    terminal = Terminal()
    resultado = verificar(terminal.bd)
    if args.json:
        imprimir_json(resultado)
    else:
        print(
            f"Integridad: {resultado['integridad']}   Cadena: {resultado['cadena']}   "
            f"Recibos: {resultado['recibos']}   Anulaciones: {resultado['anulaciones']}"
        )
        for serie, datos in resultado["series"].items():
            huecos = ", ".join(map(str, datos["huecos"])) or "ninguno"
            print(f"  Serie {serie}: {datos['primero']}–{datos['ultimo']}, huecos: {huecos}")
        print(resultado["detalle"])
    return 0 if todo_bien(resultado) else 1


def _respaldar(args: argparse.Namespace) -> int:
    terminal = Terminal()
    sesion = iniciar(terminal.bd, args.usuario)
    destino = Path(args.destino) if args.destino else terminal.directorio / "respaldos"
    ruta = respaldo.respaldar(terminal.bd, sesion, destino, args.conservar)
    print(f"Respaldo verificado: {ruta}")
    return 0


def _restaurar(args: argparse.Namespace) -> int:
    terminal = Terminal()
    sesion = iniciar(terminal.bd, args.usuario)
    anterior = respaldo.restaurar(terminal.bd, sesion, Path(args.archivo), config.home() / "respaldos")
    print(f"Respaldo restaurado; la base anterior quedó en {anterior}")
    return 0


def _reporte_periodo(args: argparse.Namespace) -> int:
    desde, hasta = fecha(args.desde, "--desde"), fecha(args.hasta, "--hasta")
    assert desde is not None and hasta is not None  # both are required by the parser
    if hasta < desde:
        raise ErrorEntrada("--hasta", f"{hasta.isoformat()} es anterior a --desde {desde.isoformat()}")
    terminal = Terminal()
    sesion = iniciar(terminal.bd, args.usuario)
    datos = reportes.periodo(terminal.bd, sesion, desde, hasta)
    if args.json:
        imprimir_json(datos)
        return 0
    titulo = f"Reporte del {datos['desde']} al {datos['hasta']}"
    rubros = [(f["total"], "  " * (f["nivel"] - 1) + f["rubro"].split(" › ")[-1]) for f in datos["por_rubro_niveles"]]
    _imprimir_reporte(titulo, datos, rubros)
    return 0


def _imprimir_reporte(titulo: str, datos: dict[str, Any], rubros: list[tuple[str, str]]) -> None:
    """The human form shared by ``reporte dia`` and ``reporte periodo``: totals, rubros, cashiers, voids."""
    print(f"{titulo}: {datos['recibos']} recibo(s), total {datos['total']}")
    for total, rubro in rubros:
        print(f"  {total:>12}  {rubro}")
    for fila in datos["por_cajero"]:
        print(f"  {fila['total']:>12}  cajero {fila['cajero']} ({fila['recibos']} recibos)")
    for fila in datos["anulados"]:
        print(f"  anulado {fila['folio']} {fila['total']}: {fila['motivo']}")


def _reporte_dia(args: argparse.Namespace) -> int:
    dia = fecha(args.fecha) or dt.date.today()
    terminal = Terminal()
    sesion = iniciar(terminal.bd, args.usuario)
    datos = reportes.dia(terminal.bd, sesion, dia)
    if args.pdf:
        from jerez_pos.cli.imprimir import pdf_reporte_dia

        print(f"Reporte en {pdf_reporte_dia(terminal, datos, args.pdf)}", file=sys.stderr if args.json else sys.stdout)
    if args.json:
        imprimir_json(datos)
        return 0
    _imprimir_reporte(
        f"Reporte del día {datos['desde']}", datos, [(f["total"], f["rubro"]) for f in datos["por_rubro"]]
    )
    return 0


def registrar(sub: Any) -> None:
    p = sub.add_parser("verificar", help="integridad del archivo, cadena de hashes y folios sin huecos")
    p.add_argument("--json", action="store_true", help="salida JSON")
    p.set_defaults(accion=_verificar)

    p = sub.add_parser("respaldar", help="respaldo verificado con la API de respaldo de SQLite")
    p.add_argument("--destino", metavar="DIR", help="carpeta destino (p. ej. una memoria USB)")
    p.add_argument(
        "--conservar", type=entero("conservar"), default=respaldo.CONSERVAR, help="respaldos que se conservan"
    )
    agregar_usuario(p)
    p.set_defaults(accion=_respaldar)

    p = sub.add_parser("restaurar", help="restaura un respaldo después de verificarlo (administrador)")
    p.add_argument("archivo", help="archivo de respaldo")
    agregar_usuario(p)
    p.set_defaults(accion=_restaurar)

    p = sub.add_parser("reporte", help="reportes por concepto, rubro y cajero")
    acciones = p.add_subparsers(dest="accion_reporte", title="reportes", metavar="REPORTE", required=True)
    c = acciones.add_parser("dia", help="reporte de un día")
    c.add_argument("--fecha", metavar="AAAA-MM-DD", help="día (por omisión, hoy)")
    c.add_argument("--json", action="store_true", help="salida JSON")
    c.add_argument("--pdf", type=ruta_pdf, metavar="RUTA", help="escribe además el reporte para el tesorero en PDF")
    agregar_usuario(c)
    c.set_defaults(accion=_reporte_dia)
    c = acciones.add_parser("periodo", help="reporte de un periodo, con totales por cada nivel del rubro CRI")
    c.add_argument("--desde", required=True, metavar="AAAA-MM-DD", help="primer día")
    c.add_argument("--hasta", required=True, metavar="AAAA-MM-DD", help="último día (inclusive)")
    c.add_argument("--json", action="store_true", help="salida JSON")
    agregar_usuario(c)
    c.set_defaults(accion=_reporte_periodo)
