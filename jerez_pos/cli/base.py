"""Argument parsing in Spanish, the error contract (one Spanish line on stderr, exit 2) and output helpers."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.core.numeros import leer_entero, leer_numero
from jerez_pos.core.texto import corto, imprimible_lineas

_TRADUCCIONES = (
    ("the following arguments are required:", "faltan argumentos obligatorios:"),
    ("unrecognized arguments:", "argumentos no reconocidos:"),
    ("invalid choice:", "opción no válida:"),
    ("choose from", "elija entre"),
    ("expected one argument", "falta el valor"),
    ("argument ", "argumento "),
    ("invalid int value:", "no es un número entero:"),
)


def traducir(mensaje: str) -> str:
    for ingles, espanol in _TRADUCCIONES:
        mensaje = mensaje.replace(ingles, espanol)
    return mensaje


class Formato(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        # argparse passes prefix="" when it builds a subcommand's prog name: keep that one untouched.
        super().add_usage(usage, actions, groups, prefix="uso: " if prefix is None else prefix)


class Analizador(argparse.ArgumentParser):
    """argparse with Spanish headings and a one-line Spanish error (exit 2)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", Formato)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumentos"
        self._optionals.title = "opciones"
        self.add_argument("-h", "--help", action="help", help="muestra esta ayuda y termina")

    def error(self, message: str) -> NoReturn:
        # argparse quotes the offending value whole: keep the line short and free of control characters.
        print(f"{self.prog}: {corto(traducir(message), 300)} (vea «{self.prog} --help»)", file=sys.stderr)
        raise SystemExit(2)


class FormatoSeguro(logging.Formatter):
    """Log lines carry user text (names, references): no control character reaches the terminal or file."""

    def format(self, record: logging.LogRecord) -> str:
        return imprimible_lineas(super().format(record))


def entero(nombre: str) -> Callable[[str], int]:
    """argparse ``type=`` for a bounded whole number (``core.numeros.LIMITES[nombre]``): ASCII digits only,
    so "١٠", "1_000" and "1e3" are refused by the parser itself (exit 2, one line)."""

    def convertir(crudo: str) -> int:
        try:
            return leer_entero(crudo, f"--{nombre}", nombre=nombre)
        except ErrorEntrada as exc:
            raise argparse.ArgumentTypeError(exc.mensaje) from None

    convertir.__name__ = nombre
    return convertir


def decimal(nombre: str) -> Callable[[str], float]:
    """argparse ``type=`` for a bounded decimal setting (seconds of wait...), finite by construction."""

    def convertir(crudo: str) -> float:
        try:
            return float(leer_numero(crudo, f"--{nombre}", nombre=nombre))
        except ErrorEntrada as exc:
            raise argparse.ArgumentTypeError(exc.mensaje) from None

    convertir.__name__ = nombre
    return convertir


def archivo_existente(texto: str, campo: str = "ARCHIVO", pista: str = "") -> Path:
    """A file named on the command line, or exit 2 naming the field (the name quoted short)."""
    ruta = Path(texto)
    if not ruta.is_file():
        raise ErrorEntrada(campo, f"«{corto(texto)}» no existe o no es un archivo{pista}")
    return ruta


def imprimir_json(datos: Any) -> None:
    json.dump(datos, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def pares(valores: list[str] | None, campo: str = "--param") -> dict[str, str]:
    """``nombre=valor`` pairs; a malformed one names itself."""
    resultado: dict[str, str] = {}
    for crudo in valores or []:
        nombre, signo, valor = crudo.partition("=")
        if not signo or not nombre.strip():
            raise ErrorEntrada(campo, f"«{corto(crudo)}» debe tener la forma nombre=valor")
        resultado[nombre.strip()] = valor.strip()
    return resultado
