"""Headless authentication: ``--usuario`` (or JEREZ_POS_USUARIO) and the password from the environment or
a prompt; a supervisor's co-signature the same way with ``--supervisor`` and JEREZ_POS_CONTRASENA_SUPERVISOR."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from sqlalchemy import Engine

from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.ledger import usuarios
from jerez_pos.ledger.comun import Sesion


def contrasena(variable: str, pregunta: str) -> str:
    valor = os.environ.get(variable)
    if valor is not None:
        return valor
    if not sys.stdin.isatty():
        raise ErrorEntrada("contraseña", f"defina {variable} o ejecute en una terminal para escribirla")
    return getpass.getpass(pregunta)


def usuario_de(valor: str | None, campo: str = "--usuario") -> str:
    nombre = valor or os.environ.get("JEREZ_POS_USUARIO")
    if not nombre:
        raise ErrorEntrada(campo, "indique el usuario (o defina JEREZ_POS_USUARIO)")
    return nombre


def iniciar(bd: Engine, usuario: str | None) -> Sesion:
    nombre = usuario_de(usuario)
    return usuarios.autenticar(bd, nombre, contrasena("JEREZ_POS_CONTRASENA", f"Contraseña de {nombre}: "))


def supervisor(bd: Engine, usuario: str | None) -> Sesion | None:
    if not usuario:
        return None
    return usuarios.autenticar(
        bd, usuario, contrasena("JEREZ_POS_CONTRASENA_SUPERVISOR", f"Contraseña del supervisor {usuario}: ")
    )


def agregar_usuario(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--usuario",
        metavar="U",
        help="usuario que opera (o JEREZ_POS_USUARIO); la contraseña se toma de JEREZ_POS_CONTRASENA o se pregunta",
    )
