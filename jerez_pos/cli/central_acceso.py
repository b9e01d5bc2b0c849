"""``central token crear|listar|revocar`` (who reads the treasurer's reports) and ``central codigo-nuevo``
(a fresh enrollment code for a terminal still pending)."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from jerez_pos.cli.base import imprimir_json


def _motor(url: str) -> Any:
    from jerez_pos.central import bd

    motor = bd.abrir(url)
    bd.migrar(motor)
    return motor


def _token_crear(args: argparse.Namespace) -> int:
    from jerez_pos.central import credenciales

    nuevo = credenciales.crear(_motor(args.db), args.nombre, dt.datetime.now(dt.UTC))
    if args.json:
        imprimir_json(nuevo.a_dict())
    else:
        print(f"Token {nuevo.id} «{nuevo.nombre}» creado. Cópielo ahora; no se vuelve a mostrar:")
        print(nuevo.token)
    return 0


def _token_listar(args: argparse.Namespace) -> int:
    from jerez_pos.central import credenciales

    tokens = credenciales.listar(_motor(args.db))
    if args.json:
        imprimir_json(tokens)
        return 0
    if not tokens:
        print("No hay tokens; cree uno con «jerez-pos central token crear --db URL --nombre NOMBRE»")
    for t in tokens:
        estado = "activo" if t["activo"] else f"revocado {t['revocado_en']}"
        print(f"{t['id']:>4}  {t['prefijo']}…  {t['nombre']}  creado {t['creado_en']}  {estado}")
    return 0


def _token_revocar(args: argparse.Namespace) -> int:
    from jerez_pos.central import credenciales

    credenciales.revocar(_motor(args.db), args.id, dt.datetime.now(dt.UTC))
    print(f"Token {args.id} revocado: la central lo rechaza desde ahora")
    return 0


def _codigo_nuevo(args: argparse.Namespace) -> int:
    from jerez_pos.central import terminales

    vigencia = terminales.vigencia_horas(args.vigencia_horas)
    alta = terminales.codigo_nuevo(_motor(args.db), args.serie.strip().upper(), dt.datetime.now(dt.UTC), vigencia)
    mostrar_alta(
        alta, args.json, f"Código de inscripción nuevo para {alta.serie} ({alta.delegacion}); el anterior ya no sirve"
    )
    return 0


def mostrar_alta(alta: Any, como_json: bool, titulo: str) -> None:
    """A terminal's series and enrollment code, the one time the code is shown."""
    if como_json:
        imprimir_json(alta.a_dict())
    else:
        print(titulo)
        print(f"Código de inscripción (sirve una sola vez, hasta {alta.vence} UTC): {alta.codigo}")


def agregar_vigencia(parser: Any) -> None:
    from jerez_pos.sync.protocolo import VIGENCIA_CODIGO_HORAS  # not central: the cashier build parses this too

    horas = VIGENCIA_CODIGO_HORAS
    parser.add_argument(
        "--vigencia-horas",
        type=int,
        default=horas,
        metavar="HORAS",
        help=f"horas que sirve el código de inscripción (por omisión {horas}, máximo 720)",
    )


def registrar(ordenes: Any) -> None:
    c = ordenes.add_parser("codigo-nuevo", help="código de inscripción nuevo para una terminal aún pendiente")
    c.add_argument("--db", required=True, metavar="URL", help="base central")
    c.add_argument("--serie", required=True, metavar="SERIE", help="serie de la terminal pendiente")
    agregar_vigencia(c)
    c.add_argument("--json", action="store_true", help="salida JSON")
    c.set_defaults(accion=_codigo_nuevo)

    token = ordenes.add_parser("token", help="tokens de la tesorería para consultar resumen y faltantes")
    acciones = token.add_subparsers(dest="orden_token", title="órdenes", metavar="ORDEN", required=True)
    c = acciones.add_parser("crear", help="crea un token y lo muestra una sola vez")
    c.add_argument("--db", required=True, metavar="URL", help="base central")
    c.add_argument("--nombre", required=True, metavar="NOMBRE", help="quién lo usará (p. ej. tesorero)")
    c.add_argument("--json", action="store_true", help="salida JSON")
    c.set_defaults(accion=_token_crear)
    c = acciones.add_parser("listar", help="tokens creados (sin el token, que no se guarda)")
    c.add_argument("--db", required=True, metavar="URL", help="base central")
    c.add_argument("--json", action="store_true", help="salida JSON")
    c.set_defaults(accion=_token_listar)
    c = acciones.add_parser("revocar", help="revoca un token: la central deja de aceptarlo")
    c.add_argument("--db", required=True, metavar="URL", help="base central")
    c.add_argument("--id", required=True, type=int, metavar="ID", help="número del token (vea «token listar»)")
    c.set_defaults(accion=_token_revocar)
