"""Ledger test helpers: a real SQLite home with a registered terminal and one user per role."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from jerez_pos.ledger import caja, corte, identidad, usuarios
from jerez_pos.ledger.comun import Sesion
from jerez_pos.ledger.corte import Corte
from jerez_pos.ledger.lectura import leer
from jerez_pos.ledger.terminal import Terminal

CLAVE = "1234"


@dataclass
class Libro:
    terminal: Terminal
    admin: Sesion
    cajero: Sesion
    cajera2: Sesion
    supervisor: Sesion
    inspector: Sesion


class Reloj:
    """A controllable clock: tests move it instead of sleeping."""

    def __init__(self, inicio: dt.datetime) -> None:
        self.ahora = inicio

    def __call__(self) -> dt.datetime:
        return self.ahora


def nuevo_libro(directorio: Path, fondo: str = "500") -> Libro:
    terminal = Terminal(directorio)
    identidad.registrar_terminal(terminal.bd, directorio, "Jerez", "Cabecera", "Caja 1", "JRZ1")
    usuarios.crear(terminal.bd, "admin", "administrador", CLAVE)
    admin = usuarios.autenticar(terminal.bd, "admin", CLAVE)
    sesiones = {}
    for nombre, rol in (("ana", "cajero"), ("beto", "cajero"), ("sara", "supervisor"), ("ivan", "inspector")):
        usuarios.crear(terminal.bd, nombre, rol, CLAVE, por=admin)
        sesiones[nombre] = usuarios.autenticar(terminal.bd, nombre, CLAVE)
    for nombre in ("ana", "beto", "ivan"):
        caja.abrir(terminal.bd, sesiones[nombre], Decimal(fondo))
    return Libro(terminal, admin, sesiones["ana"], sesiones["beto"], sesiones["sara"], sesiones["ivan"])


def cifras(terminal: Terminal, usuario: str) -> Corte:
    """The open shift's figures without recording a count: what the ledger withholds from a blind
    preliminary corte, read here so tests can check the arithmetic."""
    with leer(terminal.bd) as conexion:

        def consulta(sql: str, p: dict[str, Any]) -> list[Any]:
            return conexion.execute(sql, p).fetchall()

        turno = consulta(
            "SELECT t.id FROM turno t JOIN usuario u ON u.id = t.cajero_id WHERE u.usuario = :u "
            "AND NOT EXISTS (SELECT 1 FROM corte k WHERE k.turno_id = t.id) ORDER BY t.id DESC LIMIT 1",
            {"u": usuario},
        )[0][0]
        return corte.calcular(consulta, int(turno))


def sql_crudo(directorio: Path, *sentencias: str) -> None:
    """Raw SQL on the home's file, as someone holding the file (not the program) would run it."""
    import sqlite3

    conexion = sqlite3.connect(directorio / "jerez_pos.sqlite3")
    try:
        for sentencia in sentencias:
            conexion.execute(sentencia)
        conexion.commit()
    finally:
        conexion.close()
