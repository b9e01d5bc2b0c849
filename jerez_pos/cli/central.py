"""``central``: run the treasury server, create terminals, consolidated summary, signature review."""

from __future__ import annotations

import argparse
import datetime as dt
import os
from typing import Any

from jerez_pos.cli import central_acceso, central_cuentas, central_usuarios
from jerez_pos.cli.base import entero, imprimir_json
from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.core.texto import cantidad


def _motor(url: str) -> Any:
    from jerez_pos.central import bd

    motor = bd.abrir(url)
    bd.migrar(motor)
    return motor


def _servir(args: argparse.Namespace) -> int:
    import uvicorn

    from jerez_pos.central.app import crear_app
    from jerez_pos.central.llave import cargar_o_crear

    if not args.db_servidor:
        raise ErrorEntrada("--db", "indique la base de datos central (sqlite:///archivo o postgresql://…)")
    if bool(args.tls_cert) != bool(args.tls_key):
        raise ErrorEntrada("--tls-cert", "use --tls-cert y --tls-key juntos")
    app = crear_app(
        args.db_servidor,
        cargar_o_crear(),
        proxies=os.environ.get("JEREZ_CENTRAL_PROXIES", "").split(","),
    )
    uvicorn.run(
        app,
        host=args.host,
        port=args.puerto,
        ssl_certfile=args.tls_cert,
        ssl_keyfile=args.tls_key,
        log_level="warning",
    )
    return 0


def _terminal_nueva(args: argparse.Namespace) -> int:
    from jerez_pos.central import terminales

    vigencia = terminales.vigencia_horas(args.vigencia_horas)
    alta = terminales.crear(_motor(args.db), args.delegacion, dt.datetime.now(dt.UTC), vigencia)
    central_acceso.mostrar_alta(alta, args.json, f"Terminal creada para {alta.delegacion}: serie {alta.serie}")
    return 0


def _fecha(valor: str | None, campo: str) -> dt.date | None:
    from jerez_pos.central.reportes import fecha_filtro

    return fecha_filtro(valor, campo)


def _resumen(args: argparse.Namespace) -> int:
    from jerez_pos.central import reportes

    datos = reportes.resumen(_motor(args.db), _fecha(args.desde, "--desde"), _fecha(args.hasta, "--hasta"))
    if args.json:
        imprimir_json({k: v for k, v in datos.items() if k not in ("desde", "hasta")})
        return 0
    print(f"Recibos: {datos['recibos']}   Anulados: {datos['anulados']}   Total: {datos['total']}")
    for serie, fila in datos["por_terminal"].items():
        print(f"  terminal {serie}: {cantidad(int(fila['recibos']), 'recibo')}, {fila['total']}")
    for rubro, total in datos["por_rubro"].items():
        print(f"  {total:>14}  {rubro}")
    return 0


def _publicar(args: argparse.Namespace) -> int:
    from pathlib import Path

    from jerez_pos.central import paquetes
    from jerez_pos.central.llave import cargar_o_crear

    catalogo = Path(args.catalogo) if args.catalogo else None
    uma = Path(args.uma) if args.uma else None
    if args.inpc and (catalogo or uma):
        raise ErrorEntrada("--inpc", "el INPC se publica en un paquete propio, sin --catalogo ni --uma")
    tipo, contenido = paquetes.armar_inpc(Path(args.inpc)) if args.inpc else paquetes.armar(catalogo, uma)
    sobre = paquetes.publicar(_motor(args.db), cargar_o_crear(), tipo, contenido, dt.datetime.now(dt.UTC))
    paquete = sobre["paquete"]
    datos = {"version": paquete["version"], "tipo": tipo, "publicado_en": paquete["publicado_en"]}
    if "catalogo" in contenido:
        datos["catalogo"] = contenido["catalogo"]["id"]
    if args.json:
        imprimir_json(datos)
    else:
        print(f"Paquete {datos['version']} ({tipo}) firmado y publicado; las terminales lo traen al sincronizar")
    return 0


def _revocar(args: argparse.Namespace) -> int:
    from jerez_pos.central import terminales

    serie = args.serie.strip().upper()
    terminales.revocar(_motor(args.db), serie)
    print(f"Terminal {serie} revocada: la central rechaza sus solicitudes desde ahora")
    return 0


def _revisar_firmas(args: argparse.Namespace) -> int:
    from jerez_pos.central import firmas

    motor = _motor(args.db)
    revision = firmas.revisar(motor)
    datos = {**revision.a_dict(), "pendientes": firmas.pendientes(motor)}
    if args.json:
        imprimir_json(datos)
    else:
        print(f"Firmas revisadas: {datos['revisadas']}   inválidas: {datos['invalidas']}")
        if datos["invalidas"]:
            print("Las firmas inválidas quedaron en la bitácora de conflictos de la tesorería (campo «firma»).")
    return 0


def registrar(sub: Any) -> None:
    p = sub.add_parser("central", help="servidor central de la tesorería (consolidación de delegaciones)")
    p.add_argument("--db", dest="db_servidor", metavar="URL", help="base central (postgresql://… o sqlite:///…)")
    p.add_argument("--host", default="127.0.0.1", help="dirección de escucha (por omisión 127.0.0.1)")
    p.add_argument("--puerto", type=entero("puerto"), default=8780, help="puerto (por omisión 8780)")
    p.add_argument("--tls-cert", metavar="ARCHIVO", help="certificado TLS (PEM)")
    p.add_argument("--tls-key", metavar="ARCHIVO", help="llave privada TLS (PEM)")
    p.set_defaults(accion=_servir)
    ordenes = p.add_subparsers(dest="orden_central", title="órdenes", metavar="ORDEN")

    c = ordenes.add_parser("terminal-nueva", help="da de alta una terminal: serie y código de inscripción")
    c.add_argument("--db", required=True, metavar="URL", help="base central")
    c.add_argument("--delegacion", required=True, metavar="NOMBRE", help="delegación donde opera la terminal")
    central_acceso.agregar_vigencia(c)
    c.add_argument("--json", action="store_true", help="salida JSON")
    c.set_defaults(accion=_terminal_nueva)
    central_acceso.registrar(ordenes)

    c = ordenes.add_parser("resumen", help="recibos, anulados y totales consolidados")
    c.add_argument("--db", required=True, metavar="URL", help="base central")
    c.add_argument("--desde", metavar="AAAA-MM-DD", help="primer día (fecha del recibo en la terminal)")
    c.add_argument("--hasta", metavar="AAAA-MM-DD", help="último día")
    c.add_argument("--json", action="store_true", help="salida JSON")
    c.set_defaults(accion=_resumen)

    c = ordenes.add_parser(
        "publicar", help="firma y publica un paquete de catálogo y/o UMA, o del INPC, para las terminales"
    )
    c.add_argument("--db", required=True, metavar="URL", help="base central")
    c.add_argument("--catalogo", metavar="DIRECTORIO", help="directorio del catálogo (catalogo.toml, conceptos/…)")
    c.add_argument("--uma", metavar="ARCHIVO", help="tabla de UMA (anio,diaria,vigente_desde,fuente)")
    c.add_argument("--inpc", metavar="ARCHIVO", help="tabla del INPC (anio,mes,indice[,fuente]), en paquete propio")
    c.add_argument("--json", action="store_true", help="salida JSON")
    c.set_defaults(accion=_publicar)

    c = ordenes.add_parser(
        "revisar-firmas",
        help="comprueba ya la firma propia de cada registro recibido (el servidor lo hace solo cuando está libre)",
    )
    c.add_argument("--db", required=True, metavar="URL", help="base central")
    c.add_argument("--json", action="store_true", help="salida JSON")
    c.set_defaults(accion=_revisar_firmas)

    central_usuarios.registrar(ordenes)
    central_cuentas.registrar(ordenes)

    c = ordenes.add_parser("revocar", help="revoca una terminal: la central deja de aceptar sus envíos")
    c.add_argument("--db", required=True, metavar="URL", help="base central")
    c.add_argument("--serie", required=True, metavar="SERIE", help="serie de la terminal")
    c.set_defaults(accion=_revocar)
