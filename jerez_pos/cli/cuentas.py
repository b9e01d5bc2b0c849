"""``padron predial|comercio importar|exportar``, ``inpc importar|listar``, ``adeudo`` and ``cobrar-adeudo``."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from jerez_pos.cli import cuentas_refrendo
from jerez_pos.cli.base import archivo_existente, imprimir_json
from jerez_pos.cli.cotizar import fecha as leer_fecha
from jerez_pos.cli.imprimir import ruta_pdf
from jerez_pos.cli.sesion import agregar_usuario, iniciar
from jerez_pos.core.dinero import pesos
from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.core.numeros import es_digitos
from jerez_pos.core.texto import corto
from jerez_pos.ledger import cuentas, cuentas_padron, inpc, padron
from jerez_pos.ledger.pagos import leer_pago
from jerez_pos.ledger.terminal import Terminal

PADRONES = (cuentas_padron.PREDIAL, cuentas_padron.COMERCIO)
QUIEN_EXPORTA = ("administrador", "supervisor")


def _importar(args: argparse.Namespace) -> int:
    ruta = archivo_existente(args.archivo)
    terminal = Terminal()
    sesion = iniciar(terminal.bd, args.usuario)
    catalogo = terminal.motor.catalogos[0]
    r = cuentas_padron.importar(terminal.bd, sesion, args.padron, ruta, catalogo)
    print(
        f"Padrón de {args.padron}: {r.nuevas} cuentas nuevas, {r.actualizadas} actualizadas, "
        f"{r.sin_cambios} sin cambios"
    )
    for diferencia in r.diferencias[:50]:
        print(f"  {diferencia}")
    if len(r.diferencias) > 50:
        print(f"  … y {len(r.diferencias) - 50} diferencias más (en la bitácora de auditoría)")
    return 0


def _puestos_importar(args: argparse.Namespace) -> int:
    ruta = archivo_existente(args.archivo)
    terminal = Terminal()
    r = padron.importar(terminal, iniciar(terminal.bd, args.usuario), ruta)
    print(f"Padrón de puestos: {r.nuevos} nuevos, {r.actualizados} actualizados")
    return 0


def _puestos_ruta(args: argparse.Namespace) -> int:
    terminal = Terminal()
    cuando = leer_fecha(args.fecha) or dt.date.today()
    ruta = padron.ruta_del_dia(terminal.bd, cuando, args.tianguis)
    datos = [
        {"clave": x.puesto.clave, "titular": x.puesto.titular, "tianguis": x.puesto.tianguis, "folio": x.folio}
        for x in ruta
    ]
    if args.json:
        imprimir_json(datos)
        return 0
    for d in datos:
        print(f"{d['clave']:<12} {d['tianguis']:<20} {d['titular']:<30} {d['folio'] or 'pendiente'}")
    return 0


def _exportar(args: argparse.Namespace) -> int:
    destino = Path(args.archivo)
    if not destino.parent.is_dir():
        raise ErrorEntrada("ARCHIVO", f"la carpeta de «{corto(args.archivo, 120)}» no existe")
    if destino.is_dir():
        raise ErrorEntrada("ARCHIVO", f"«{corto(args.archivo, 120)}» es una carpeta; indique el nombre del archivo CSV")
    terminal = Terminal()
    iniciar(terminal.bd, args.usuario).exigir(f"exportar el padrón de {args.padron}", *QUIEN_EXPORTA)
    n = cuentas_padron.exportar(terminal.bd, args.padron, destino)
    print(f"{n} cuentas del padrón de {args.padron} escritas en {destino}")
    return 0


def _inpc_importar(args: argparse.Namespace) -> int:
    ruta = archivo_existente(args.archivo)
    terminal = Terminal()
    # The INPC decides the actualización charged on every overdue year: an administrator's act, audited.
    print(f"{inpc.importar(terminal.bd, ruta, iniciar(terminal.bd, args.usuario))} valores del INPC importados")
    return 0


def _inpc_listar(args: argparse.Namespace) -> int:
    tabla = inpc.tabla(Terminal().bd)
    datos = [{"anio": a, "mes": m, "indice": str(v)} for (a, m), v in sorted(tabla.items())]
    if args.json:
        imprimir_json(datos)
    elif not datos:
        print("La tabla del INPC está vacía; impórtela con «jerez-pos inpc importar ARCHIVO»")
    else:
        for d in datos:
            print(f"{d['anio']}-{d['mes']:02d}: {d['indice']}")
    return 0


def _adeudo(args: argparse.Namespace) -> int:
    terminal = Terminal()
    cuando = leer_fecha(args.fecha) or dt.date.today()
    resultado = cuentas.adeudo(terminal, args.padron, args.cuenta, cuando)
    if args.pdf:
        from jerez_pos.printing.pdf.estado_cuenta import estado_cuenta_pdf

        ruta = estado_cuenta_pdf(terminal, resultado, args.pdf)
        print(f"Estado de cuenta en {ruta}", file=sys.stderr if args.json else sys.stdout)
    if args.json:
        imprimir_json(resultado.a_dict())
        return 0
    print(f"Cuenta {resultado.cuenta.cuenta} ({args.padron})  {resultado.cuenta.titular}")
    print(f"  Pagado hasta {resultado.pagado_hasta}; adeudo al {cuando.isoformat()}")
    for anio in resultado.anios:
        partes = anio.partes()
        print(
            f"  {anio.ejercicio}: impuesto {pesos(partes['impuesto'])}  descuentos {pesos(partes['descuentos'])}  "
            f"actualización {pesos(partes['actualizacion'])}  recargos {pesos(partes['recargos'])}  "
            f"total {pesos(anio.total)}"
        )
    print(f"  TOTAL {pesos(resultado.total)}")
    for aviso in resultado.advertencias:
        print(f"  Aviso: {aviso}")
    return 0


def _anios(texto: str | None) -> list[int] | None:
    if not texto:
        return None
    partes = [p.strip() for p in texto.split(",") if p.strip()]
    if not partes or not all(es_digitos(p, 4) and 1900 <= int(p) <= 2100 for p in partes):
        raise ErrorEntrada(
            "--anios", f"«{corto(texto)}» debe ser una lista de años separados por comas (p. ej. 2024,2025)"
        )
    return [int(p) for p in partes]


def _cobrar(args: argparse.Namespace) -> int:
    pagos = [leer_pago(p) for p in args.pago]
    anios = _anios(args.anios)
    terminal = Terminal()
    sesion = iniciar(terminal.bd, args.usuario)
    emitido, registro, pagados = cuentas.cobrar(terminal, sesion, args.padron, args.cuenta, pagos, anios)
    if args.json:
        imprimir_json({**emitido.a_dict(), "padron": args.padron, "cuenta": registro.cuenta, "anios": pagados})
        return 0
    print(f"Recibo {emitido.folio}  cuenta {registro.cuenta}  ejercicios {', '.join(map(str, pagados))}")
    print(f"  Total {pesos(emitido.total)}  cambio {pesos(emitido.cambio)}")
    return 0


def registrar(sub: Any) -> None:
    p = sub.add_parser("padron", help="padrones: predial y comercio (importar, exportar) y puestos (importar, ruta)")
    padrones = p.add_subparsers(dest="padron", title="padrones", metavar="PADRÓN", parser_class=type(p), required=True)
    for nombre in PADRONES:
        q = padrones.add_parser(nombre, help=f"padrón de {nombre}")
        acciones = q.add_subparsers(
            dest=f"accion_{nombre}", title="acciones", metavar="ACCIÓN", parser_class=type(p), required=True
        )
        encabezado = ",".join(cuentas_padron.COLUMNAS[nombre])
        a = acciones.add_parser(
            "importar",
            help="importa el padrón (administrador); todo o nada",
            description=f"CSV UTF-8 con encabezado {encabezado} (más adeudo_<año> opcionales). "
            "Reimportar actualiza por clave y registra las diferencias.",
        )
        a.add_argument("archivo", metavar="ARCHIVO")
        agregar_usuario(a)
        a.set_defaults(accion=_importar)
        a = acciones.add_parser("exportar", help="escribe el padrón vigente en CSV con el mismo encabezado")
        a.add_argument("archivo", metavar="ARCHIVO")
        agregar_usuario(a)
        a.set_defaults(accion=_exportar)
        if nombre == cuentas_padron.COMERCIO:
            cuentas_refrendo.registrar(acciones)

    q = padrones.add_parser("puestos", help="padrón de puestos de tianguis y mercados (inspector)")
    acciones = q.add_subparsers(
        dest="accion_puestos", title="acciones", metavar="ACCIÓN", parser_class=type(p), required=True
    )
    a = acciones.add_parser(
        "importar",
        help="importa el padrón de puestos (administrador o supervisor)",
        description="CSV UTF-8 con encabezado " + ",".join(padron.COLUMNAS) + "[,concepto]",
    )
    a.add_argument("archivo", metavar="ARCHIVO")
    agregar_usuario(a)
    a.set_defaults(accion=_puestos_importar)
    a = acciones.add_parser("ruta", help="puestos del día: pagados (con su folio) y pendientes")
    a.add_argument("--tianguis", help="sólo este tianguis o mercado")
    a.add_argument("--fecha", metavar="AAAA-MM-DD", help="día de la ruta (por omisión, hoy)")
    a.add_argument("--json", action="store_true", help="salida JSON")
    a.set_defaults(accion=_puestos_ruta)

    p = sub.add_parser("inpc", help="tabla del INPC para la actualización (Art. 14): importar, listar")
    acciones = p.add_subparsers(
        dest="accion_inpc", title="acciones", metavar="ACCIÓN", parser_class=type(p), required=True
    )
    a = acciones.add_parser(
        "importar", help="importa un CSV anio,mes,indice[,fuente] (INEGI, base 2Q jul 2018 = 100; administrador)"
    )
    a.add_argument("archivo", metavar="ARCHIVO")
    agregar_usuario(a)
    a.set_defaults(accion=_inpc_importar)
    a = acciones.add_parser("listar", help="valores del INPC registrados")
    a.add_argument("--json", action="store_true", help="salida JSON")
    a.set_defaults(accion=_inpc_listar)

    p = sub.add_parser("adeudo", help="lo que debe una cuenta de predial o de comercio, por ejercicio")
    p.add_argument("padron", choices=PADRONES, help="predial o comercio")
    p.add_argument("cuenta", metavar="CUENTA", help="cuenta predial o número de licencia")
    p.add_argument("--fecha", metavar="AAAA-MM-DD", help="fecha del pago (por omisión, hoy)")
    p.add_argument("--json", action="store_true", help="salida JSON")
    p.add_argument("--pdf", type=ruta_pdf, metavar="RUTA", help="escribe además el estado de cuenta en PDF")
    p.set_defaults(accion=_adeudo)

    p = sub.add_parser("cobrar-adeudo", help="cobra en un recibo los ejercicios que debe una cuenta")
    p.add_argument("padron", choices=PADRONES, help="predial o comercio")
    p.add_argument("cuenta", metavar="CUENTA", help="cuenta predial o número de licencia")
    p.add_argument(
        "--pago",
        action="append",
        required=True,
        metavar="FORMA=PESOS[:DATOS]",
        help="efectivo=200, tarjeta=150:ÚLTIMOS4:AUTORIZACIÓN, transferencia=150:REFERENCIA, "
        "cheque=150:BANCO:NÚMERO; se repite",
    )
    p.add_argument("--anios", metavar="AAAA,AAAA", help="ejercicios a pagar (los más antiguos que se deban)")
    p.add_argument("--json", action="store_true", help="salida JSON")
    agregar_usuario(p)
    p.set_defaults(accion=_cobrar)
