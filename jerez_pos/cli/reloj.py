"""``reloj liberar``: a supervisor confirms the wall clock when the ledger refuses it (README, «Reloj»)."""

from __future__ import annotations

import argparse
from typing import Any

from jerez_pos.cli.sesion import agregar_usuario, iniciar


def _liberar(args: argparse.Namespace) -> int:
    from jerez_pos.ledger import identidad, reloj
    from jerez_pos.ledger.terminal import Terminal

    terminal = Terminal()
    sesion = iniciar(terminal.bd, args.usuario)
    llave = identidad.llave_privada(terminal.directorio, identidad.exigir_identidad(terminal.bd))
    hecho = reloj.liberar(terminal.bd, llave, sesion, args.motivo, reloj.dias_adelanto(terminal.directorio))
    punta = (hecho.fecha_punta or "").replace("T", " ")
    print(
        f"Reloj liberado por {sesion.usuario}: los movimientos siguientes se fechan desde "
        f"{hecho.fecha.replace('T', ' ')} (último movimiento: eslabón {hecho.eslabon}, {punta})"
    )
    return 0


def registrar(sub: Any) -> None:
    p = sub.add_parser("reloj", help="autoriza la hora del sistema cuando el libro la rechaza (supervisor)")
    acciones = p.add_subparsers(dest="accion_reloj", title="acciones", metavar="ACCIÓN", required=True)
    c = acciones.add_parser(
        "liberar",
        help="confirma que la hora del sistema es correcta aunque un movimiento quedó fechado a futuro "
        "o la hora está muy adelantada",
    )
    c.add_argument("--motivo", required=True, help="por qué la hora del sistema es la correcta (se audita)")
    agregar_usuario(c)
    c.set_defaults(accion=_liberar)
