"""``verificar``, ``respaldar``, ``restaurar`` and ``reporte dia|periodo`` (``rezago`` and ``eficiencia`` live in
``cli.reportes_cuentas``)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from jerez_pos import config
from jerez_pos.cli import reportes_cuentas
from jerez_pos.cli.base import entero, imprimir_json
from jerez_pos.cli.cotizar import fecha
from jerez_pos.cli.imprimir import ruta_pdf
from jerez_pos.cli.recuperar import restaurar_desde_diario
from jerez_pos.cli.sesion import agregar_usuario, contrasena, iniciar, usuario_de
from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.core.texto import cantidad
from jerez_pos.ledger import reportes, respaldo, verificacion_tarifas
from jerez_pos.ledger.terminal import Terminal
from jerez_pos.ledger.verificacion import todo_bien, verificar


def _verificar(args: argparse.Namespace) -> int:
    terminal = Terminal(revisar_marca=False)  # a ledger behind its mark is reported here, not refused
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
        print("\n".join(verificacion_tarifas.lineas(resultado)))
        print(f"Marca del diario: {resultado['marca']['estado']} ({resultado['marca']['detalle']})")
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
    if args.ultimo == bool(args.archivo):
        raise ErrorEntrada("ARCHIVO", "indique un archivo de respaldo o --ultimo (uno de los dos)")
    if args.ultimo:
        if args.migrar_terminal or args.motivo or args.llave:
            raise ErrorEntrada("--ultimo", "--ultimo restaura esta misma terminal; no se combina con --migrar-terminal")
        return restaurar_desde_diario(args)
    from jerez_pos.ledger import acceso, restauracion

    # No Terminal() before the copy: the live file may be missing, empty or damaged (that is why one restores).
    directorio, archivo = config.home(), Path(args.archivo)
    if not args.migrar_terminal and (args.motivo or args.llave):
        raise ErrorEntrada("--motivo", "--motivo y --llave sólo se usan junto con --migrar-terminal")
    if args.migrar_terminal and not (args.motivo or "").strip():
        raise ErrorEntrada("--motivo", "--migrar-terminal requiere --motivo con la razón de la mudanza")
    migracion = restauracion.Migracion(args.motivo, Path(args.llave) if args.llave else None)
    nombre = usuario_de(args.usuario)
    clave = contrasena("JEREZ_POS_CONTRASENA", f"Contraseña de {nombre}: ")
    ingreso = acceso.autenticar_restauracion(config.ruta_bd(directorio), archivo, nombre, clave)
    hecho = restauracion.restaurar(
        directorio, archivo, ingreso.sesion, ingreso.origen, migracion if args.migrar_terminal else None
    )
    if ingreso.falla_libro:
        print(f"La base anterior no se podía usar ({ingreso.falla_libro}); se autenticó con el respaldo")
    if hecho.migrada:
        print(f"Terminal mudada: ahora es la {hecho.serie} (queda en la auditoría)")
    print(f"Respaldo restaurado; la base anterior quedó en {hecho.resguardo or '(no había base que guardar)'}")
    if hecho.diario_pendiente:
        print(
            "El diario de recibos tiene movimientos confirmados después de este respaldo; no se cobra hasta "
            "reponerlos con «jerez-pos restaurar --ultimo»"
        )
    print("Sincronice con la central: los recibos posteriores al respaldo que la central tenga se informarán")
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
    print(f"{titulo}: {cantidad(int(datos['recibos']), 'recibo')}, total {datos['total']}")
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

    p = sub.add_parser("restaurar", help="restaura un respaldo de esta terminal después de verificarlo (administrador)")
    p.add_argument("archivo", nargs="?", help="archivo de respaldo")
    p.add_argument("--ultimo", action="store_true", help="último respaldo verificado más el diario de recibos")
    p.add_argument("--json", action="store_true", help="salida JSON (con --ultimo)")
    p.add_argument(
        "--migrar-terminal",
        action="store_true",
        help="restaura a propósito el respaldo de otra terminal en esta computadora (se audita)",
    )
    p.add_argument("--motivo", help="razón de la mudanza de terminal (obligatoria con --migrar-terminal)")
    p.add_argument("--llave", metavar="ARCHIVO", help="llave_terminal.pem de la terminal del respaldo")
    agregar_usuario(p)
    p.set_defaults(accion=_restaurar)

    p = sub.add_parser("reporte", help="reportes por concepto, rubro y cajero; rezago y eficiencia de los padrones")
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
    reportes_cuentas.registrar(acciones)
