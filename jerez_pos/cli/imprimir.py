"""``imprimir``, ``impresora probar|estado|pendientes|reintentar|descartar|configurar``, ``recibo --pdf``,
``reporte-ruta`` and the PDF writers behind ``corte --pdf`` and ``reporte dia --pdf``.

A print that could not go out is not an error of the receipt: it is committed and stays in the pending
queue. The command then says so on stderr and exits with 3, so a script can tell "pending" from "bad input".
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from jerez_pos.cli.base import entero, imprimir_json
from jerez_pos.cli.sesion import agregar_usuario, iniciar, supervisor
from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.core.texto import cantidad, corto
from jerez_pos.ledger import caja, recibos
from jerez_pos.ledger.comun import Sesion
from jerez_pos.ledger.terminal import Terminal

PENDIENTE = 3
AYUDA_IMPRESORA = "archivo:RUTA|dummy|red:HOST[:PUERTO]|usb:VID:PID|serial:DISPOSITIVO|windows:NOMBRE"


def _ajustes(terminal: Terminal, args: argparse.Namespace) -> Any:
    from jerez_pos.printing import ajustes

    return ajustes.leer(terminal.directorio).con(getattr(args, "impresora", None), getattr(args, "ancho", None))


def _sesion(terminal: Terminal, args: argparse.Namespace, accion: str) -> Sesion:
    sesion = iniciar(terminal.bd, args.usuario)
    sesion.exigir(accion, *caja.QUIEN_COBRA)
    return sesion


def _informar(resultado: Any) -> int:
    if resultado.impreso:
        print(resultado.mensaje())
        return 0
    print(f"jerez-pos: {resultado.mensaje()}; use «jerez-pos impresora reintentar»", file=sys.stderr)
    return PENDIENTE


def _imprimir(args: argparse.Namespace) -> int:
    from jerez_pos.printing import servicio

    terminal = Terminal()
    ajustes = _ajustes(terminal, args)  # bad --impresora/--ancho fail before anything is written
    sesion = _sesion(terminal, args, "imprimir recibos")
    if args.copia:
        return _informar(servicio.reimprimir(terminal, sesion, args.folio, ajustes=ajustes))
    return _informar(servicio.imprimir(terminal, args.folio, ajustes=ajustes))


def _probar(args: argparse.Namespace) -> int:
    from jerez_pos.printing import servicio

    terminal = Terminal()
    ajustes = _ajustes(terminal, args)
    estado = servicio.probar(terminal, ajustes=ajustes)
    print(f"Página de prueba enviada a {ajustes.impresora} (estado: {estado.value})")
    return 0


def _estado(args: argparse.Namespace) -> int:
    from jerez_pos.printing import servicio

    terminal = Terminal()
    ajustes = _ajustes(terminal, args)
    impresora = servicio.impresora_de(terminal, ajustes)
    if impresora is None:
        raise ErrorEntrada("--impresora", servicio.SIN_IMPRESORA)
    estado = impresora.estado()
    print(f"{impresora.destino}: {estado.value}")
    return 0 if estado.imprimible else PENDIENTE


def _pendientes(args: argparse.Namespace) -> int:
    from jerez_pos.printing.cola import Cola

    pendientes = Cola(Terminal().directorio).pendientes()
    if args.json:
        imprimir_json([p.a_dict() for p in pendientes])
        return 0
    if not pendientes:
        print("No hay impresiones pendientes")
    for p in pendientes:
        que = "original" if p.copia == 0 else f"copia {p.copia}"
        print(f"{p.folio:<14} {que:<9} {cantidad(p.intentos, 'intento')}  {p.fecha.replace('T', ' ')}  {p.motivo}")
    return 0


def _reintentar(args: argparse.Namespace) -> int:
    from jerez_pos.printing import servicio
    from jerez_pos.printing.cola import Cola

    terminal = Terminal()
    ajustes = _ajustes(terminal, args)
    _sesion(terminal, args, "reimprimir pendientes")
    resultados = servicio.reintentar(terminal, ajustes=ajustes)
    for resultado in resultados:
        if resultado.impreso:
            print(resultado.mensaje())
    restantes = len(Cola(terminal.directorio).pendientes())
    if restantes:
        motivo = resultados[-1].motivo if resultados else ""
        print(
            f"jerez-pos: quedan {cantidad(restantes, 'impresión pendiente', 'impresiones pendientes')}: {motivo}",
            file=sys.stderr,
        )
        return PENDIENTE
    print(
        f"{cantidad(len(resultados), 'impresión pendiente resuelta', 'impresiones pendientes resueltas')}"
        if resultados
        else "No había pendientes"
    )
    return 0


def _descartar(args: argparse.Namespace) -> int:
    from jerez_pos.printing import servicio

    terminal = Terminal()
    sesion = iniciar(terminal.bd, args.usuario)
    autoriza = supervisor(terminal.bd, args.supervisor)
    descartes = servicio.descartar(terminal, sesion, args.folio, args.motivo, autoriza=autoriza, copia=args.copia)
    if args.json:
        imprimir_json([d.a_dict() for d in descartes])
        return 0
    for d in descartes:
        que = "original" if d.copia == 0 else f"copia {d.copia}"
        print(f"Impresión pendiente del recibo {d.folio} ({que}) descartada por {d.supervisor}: {d.motivo}")
    print("El recibo no cambia; si se necesita en papel, imprima una copia (jerez-pos imprimir FOLIO --copia)")
    return 0


def _configurar(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from jerez_pos.printing import ajustes as modulo

    terminal = Terminal()
    actuales = _ajustes(terminal, args)
    if args.perfil:
        actuales = replace(actuales, perfil=args.perfil)
    if args.exigir_estado:
        actuales = replace(actuales, exigir_estado=args.exigir_estado == "si")
    if args.logo:
        actuales = replace(actuales, logo=args.logo == "si")
    if args.url_verificacion is not None:
        url = args.url_verificacion.strip()
        if url and not url.startswith(("https://", "http://")):
            raise ErrorEntrada("--url-verificacion", "debe empezar con https:// (o quedar vacía para quitarla)")
        actuales = replace(actuales, url_verificacion=url or None)
    iniciar(terminal.bd, args.usuario).exigir("configurar la impresora", "administrador", "supervisor")
    ruta = modulo.guardar(terminal.directorio, actuales)
    print(f"Impresora {actuales.impresora or 'sin configurar'}, {actuales.ancho} mm, perfil {actuales.perfil}: {ruta}")
    return 0


def ruta_pdf(texto: str) -> Path:
    """``--pdf RUTA`` checked while parsing, so a bad path fails before anything is closed or logged."""
    ruta = Path(texto).expanduser()
    if ruta.suffix.lower() != ".pdf":
        raise argparse.ArgumentTypeError(f"«{corto(texto)}» debe terminar en .pdf")
    if not ruta.parent.is_dir():
        raise argparse.ArgumentTypeError(f"no existe la carpeta {corto(str(ruta.parent), 120)}")
    return ruta


def _recibo_pdf(args: argparse.Namespace) -> int:
    from jerez_pos.printing import ajustes
    from jerez_pos.printing.libro import datos_ticket, leer_recibo
    from jerez_pos.printing.pdf.recibo import recibo_pdf

    ruta = args.pdf
    terminal = Terminal()
    sesion = _sesion(terminal, args, "reimprimir recibos")
    leer_recibo(terminal, args.folio)  # an unknown folio is reported before the reprint is logged
    recibos.reimprimir(terminal, sesion, args.folio)  # a PDF is one more copy of the receipt: logged
    copia = leer_recibo(terminal, args.folio).reimpresiones
    from jerez_pos.printing.logo import ruta_logo

    leidos = ajustes.leer(terminal.directorio)
    url = ajustes.url_central(terminal.directorio, leidos)
    logo = ruta_logo() if ajustes.con_logo(leidos) else None
    recibo_pdf(datos_ticket(terminal, args.folio, copia=copia, url_central=url), ruta, logo)
    print(f"Recibo {args.folio.strip().upper()} (copia {copia}) en {ruta}")
    return 0


def _reporte_ruta(args: argparse.Namespace) -> int:
    from jerez_pos.cli.cotizar import fecha
    from jerez_pos.printing.pdf.ruta import datos_ruta
    from jerez_pos.printing.pdf.ruta import ruta_pdf as escribir_ruta

    ruta = args.pdf
    dia = fecha(args.fecha) or dt.date.today()
    terminal = Terminal()
    sesion = iniciar(terminal.bd, args.usuario)
    datos = datos_ruta(terminal, sesion, args.inspector, dia, args.tianguis)
    escribir_ruta(datos, ruta)
    puestos = (
        f", {datos.pagados} de {cantidad(len(datos.puestos), 'puesto pagado', 'puestos pagados')}"
        if datos.puestos
        else ""
    )
    print(
        f"Ruta de {datos.inspector} del {datos.fecha:%d/%m/%Y}: "
        f"{cantidad(len(datos.visitas), 'cobro')}{puestos} en {ruta}"
    )
    return 0


def pdf_corte(terminal: Terminal, corte: Any, conteo: dict[Decimal, int] | None, ruta: Path) -> Path:
    """For ``corte --pdf``: the corte just computed (preliminary or closed) as a signed-off PDF."""
    from jerez_pos.printing.pdf.corte import corte_pdf, datos_corte

    return corte_pdf(datos_corte(terminal, corte, conteo), ruta)


def pdf_reporte_dia(terminal: Terminal, datos: dict[str, Any], ruta: Path) -> Path:
    """For ``reporte dia --pdf``: the day report (already computed by ``ledger.reportes``) as a PDF."""
    from jerez_pos.printing.pdf.reporte import reporte_pdf

    return reporte_pdf(terminal, datos, ruta)


def _opciones_impresora(p: argparse.ArgumentParser) -> None:
    p.add_argument("--impresora", metavar="DESTINO", help=f"impresora para esta vez: {AYUDA_IMPRESORA}")
    p.add_argument(
        "--ancho", type=entero("ancho"), choices=(58, 80), help="ancho del papel en mm (58: 32 columnas, 80: 48)"
    )


def registrar(sub: Any) -> None:
    p = sub.add_parser(
        "imprimir",
        help="imprime un recibo guardado (original, o copia registrada con --copia)",
        description="Imprime un recibo ya cobrado. Si la impresora no responde, el recibo sigue guardado y "
        "queda pendiente de impresión (sale con 3; vea «jerez-pos impresora pendientes»).",
    )
    p.add_argument("folio", metavar="FOLIO", help="folio SERIE-NÚMERO")
    p.add_argument("--copia", action="store_true", help="reimpresión: «COPIA — REIMPRESIÓN n», queda registrada")
    _opciones_impresora(p)
    agregar_usuario(p)
    p.set_defaults(accion=_imprimir)

    p = sub.add_parser("impresora", help="impresora de recibos: prueba, estado, pendientes, configuración")
    acciones = p.add_subparsers(dest="accion_impresora", title="acciones", metavar="ACCIÓN", required=True)
    c = acciones.add_parser("probar", help="página de prueba con acentos y QR")
    _opciones_impresora(c)
    c.set_defaults(accion=_probar)
    c = acciones.add_parser("estado", help="en línea, sin papel, fuera de línea o desconocido")
    _opciones_impresora(c)
    c.set_defaults(accion=_estado)
    c = acciones.add_parser("pendientes", help="recibos guardados cuya impresión quedó pendiente")
    c.add_argument("--json", action="store_true", help="salida JSON")
    c.set_defaults(accion=_pendientes)
    c = acciones.add_parser("reintentar", help="imprime los pendientes en orden; se detiene si vuelve a fallar")
    _opciones_impresora(c)
    agregar_usuario(c)
    c.set_defaults(accion=_reintentar)
    c = acciones.add_parser(
        "descartar",
        help="descarta una impresión pendiente (supervisor); el recibo no cambia y puede reimprimirse como copia",
    )
    c.add_argument("folio", metavar="FOLIO", help="folio SERIE-NÚMERO")
    c.add_argument("--motivo", required=True, metavar="TEXTO", help="por qué se descarta (queda registrado)")
    c.add_argument(
        "--copia", type=entero("copia"), metavar="N", help="sólo esa impresión (0 = original); por omisión, todas"
    )
    c.add_argument(
        "--supervisor",
        metavar="S",
        help="supervisor que autoriza si el usuario no lo es (contraseña en JEREZ_POS_CONTRASENA_SUPERVISOR)",
    )
    c.add_argument("--json", action="store_true", help="salida JSON")
    agregar_usuario(c)
    c.set_defaults(accion=_descartar)
    c = acciones.add_parser("configurar", help="guarda la impresora en impresora.toml (supervisor o administrador)")
    _opciones_impresora(c)
    c.add_argument("--perfil", help="perfil de python-escpos (p. ej. TM-T20II); decide la página de códigos")
    c.add_argument("--exigir-estado", choices=("si", "no"), help="retener la impresión si no se lee el estado")
    c.add_argument("--url-verificacion", metavar="URL", help="dirección de la central para el QR (vacía: quitar)")
    c.add_argument("--logo", choices=("si", "no"), help="logotipo municipal en el ticket y el recibo PDF")
    agregar_usuario(c)
    c.set_defaults(accion=_configurar)

    p = sub.add_parser("recibo", help="copia de un recibo en PDF tamaño carta (queda registrada)")
    p.add_argument("folio", metavar="FOLIO", help="folio SERIE-NÚMERO")
    p.add_argument("--pdf", required=True, type=ruta_pdf, metavar="RUTA", help="archivo PDF a escribir")
    agregar_usuario(p)
    p.set_defaults(accion=_recibo_pdf)

    p = sub.add_parser("reporte-ruta", help="reporte de ruta de un inspector en PDF (cobros y entregas)")
    p.add_argument("--inspector", required=True, metavar="U", help="usuario del inspector")
    p.add_argument("--fecha", metavar="AAAA-MM-DD", help="día (por omisión, hoy)")
    p.add_argument("--tianguis", metavar="NOMBRE", help="ruta del padrón de puestos (por omisión, todos)")
    p.add_argument("--pdf", required=True, type=ruta_pdf, metavar="RUTA", help="archivo PDF a escribir")
    agregar_usuario(p)
    p.set_defaults(accion=_reporte_ruta)
