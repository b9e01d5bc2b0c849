"""``central usuarios``: users of the treasury's web console (create, list, block, reset)."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys
from typing import Any

from jerez_pos.cli.base import imprimir_json
from jerez_pos.core.errores import ErrorEntrada

VARIABLE = "JEREZ_POS_CONTRASENA"


def _motor(url: str) -> Any:
    from jerez_pos.central import bd

    motor = bd.abrir(url)
    bd.migrar(motor)
    return motor


def _contrasena() -> str:
    """From ``JEREZ_POS_CONTRASENA`` (scripts) or typed twice at a terminal; never from the command line,
    where other users of the server could read it in the process list."""
    from jerez_pos.central.consola.usuarios import contrasena_valida

    del_entorno = os.environ.get(VARIABLE)
    if del_entorno is not None:
        return contrasena_valida(del_entorno)
    if not sys.stdin.isatty():
        raise ErrorEntrada("contraseña", f"defina {VARIABLE} o ejecute la orden en una terminal para escribirla")
    primera = contrasena_valida(getpass.getpass("Contraseña: "))
    if getpass.getpass("Repita la contraseña: ") != primera:
        raise ErrorEntrada("contraseña", "las dos contraseñas escritas no coinciden")
    return primera


def _crear(args: argparse.Namespace) -> int:
    from jerez_pos.central.consola import sesiones, usuarios

    nombre, rol = usuarios.nombre_valido(args.usuario), usuarios.rol_valido(args.rol)
    contrasena = _contrasena()
    motor = _motor(args.db)
    creado = usuarios.crear(motor, nombre, rol, contrasena, dt.datetime.now(dt.UTC))
    sesiones.auditar(motor, "(servidor)", "crear_usuario", f"{creado.usuario} ({creado.rol})")
    print(f"Usuario «{creado.usuario}» creado con el rol {creado.rol}")
    return 0


def _listar(args: argparse.Namespace) -> int:
    from jerez_pos.central.consola import usuarios

    filas = usuarios.listar(_motor(args.db), dt.datetime.now(dt.UTC))
    if args.json:
        imprimir_json(filas)
        return 0
    if not filas:
        print("No hay usuarios de la consola; cree uno con «jerez-pos central usuarios crear»")
    for f in filas:
        estado = (
            "bloqueado"
            if f["bloqueado"]
            else f"bloqueado hasta {f['bloqueado_hasta']}"
            if f["bloqueado_hasta"]
            else "activo"
        )
        print(f"{f['usuario']:<20} {f['rol']:<14} {estado}")
    return 0


def _bloquear(args: argparse.Namespace) -> int:
    from jerez_pos.central.consola import sesiones, usuarios

    motor = _motor(args.db)
    nombre = usuarios.nombre_valido(args.usuario)
    usuarios.bloquear(motor, nombre)
    sesiones.auditar(motor, "(servidor)", "bloquear_usuario", nombre)
    print(f"Usuario «{nombre}» bloqueado; sus sesiones abiertas terminaron")
    return 0


def _restablecer(args: argparse.Namespace) -> int:
    from jerez_pos.central.consola import sesiones, usuarios

    nombre = usuarios.nombre_valido(args.usuario)
    contrasena = _contrasena()
    motor = _motor(args.db)
    usuarios.restablecer(motor, nombre, contrasena)
    sesiones.auditar(motor, "(servidor)", "restablecer_usuario", nombre)
    print(f"Usuario «{nombre}»: contraseña nueva y cuenta desbloqueada")
    return 0


def registrar(ordenes: Any) -> None:
    p = ordenes.add_parser("usuarios", help="usuarios de la consola web de la tesorería")
    sub = p.add_subparsers(dest="orden_usuarios", title="órdenes", metavar="ORDEN", required=True)

    c = sub.add_parser("crear", help=f"crea un usuario (contraseña de {VARIABLE} o escrita)")
    c.add_argument("--db", required=True, metavar="URL", help="base central")
    c.add_argument("--usuario", required=True, metavar="NOMBRE", help="nombre de usuario (minúsculas)")
    c.add_argument("--rol", required=True, metavar="ROL", help="tesorero | auditor | administrador")
    c.set_defaults(accion=_crear)

    c = sub.add_parser("listar", help="usuarios, roles y bloqueos")
    c.add_argument("--db", required=True, metavar="URL", help="base central")
    c.add_argument("--json", action="store_true", help="salida JSON")
    c.set_defaults(accion=_listar)

    c = sub.add_parser("bloquear", help="bloquea un usuario y cierra sus sesiones")
    c.add_argument("--db", required=True, metavar="URL", help="base central")
    c.add_argument("--usuario", required=True, metavar="NOMBRE", help="nombre de usuario")
    c.set_defaults(accion=_bloquear)

    c = sub.add_parser("restablecer", help=f"contraseña nueva ({VARIABLE} o escrita) y desbloqueo")
    c.add_argument("--db", required=True, metavar="URL", help="base central")
    c.add_argument("--usuario", required=True, metavar="NOMBRE", help="nombre de usuario")
    c.set_defaults(accion=_restablecer)
