"""``favoritos agregar|quitar|listar``: the concepts this terminal's search list shows before anything is typed."""

from __future__ import annotations

import argparse
from typing import Any

from jerez_pos.cli.base import imprimir_json


def _terminal() -> Any:
    from jerez_pos.ledger.terminal import Terminal

    return Terminal()


def _agregar(args: argparse.Namespace) -> int:
    from jerez_pos.ledger import favoritos

    terminal = _terminal()
    clave, nuevo = favoritos.agregar(terminal.directorio, terminal.catalogo(), args.clave)
    print(f"{clave}: agregado a favoritos" if nuevo else f"{clave}: ya estaba en favoritos")
    return 0


def _quitar(args: argparse.Namespace) -> int:
    from jerez_pos.ledger import favoritos

    clave = favoritos.quitar(_terminal().directorio, args.clave)
    print(f"{clave}: quitado de favoritos")
    return 0


def _listar(args: argparse.Namespace) -> int:
    from jerez_pos.ledger import favoritos

    terminal = _terminal()
    dias = args.dias if args.mas_cobrados else None
    lista = favoritos.sugeridos(terminal.bd, terminal.directorio, terminal.catalogo(), args.limite, dias)
    if args.json:
        imprimir_json(
            [
                {"clave": s.clave, "tipo": s.tipo, "descripcion": s.descripcion, "motivo": s.motivo, "veces": s.veces}
                for s in lista
            ]
        )
        return 0
    for s in lista:
        marca = "★" if s.motivo == "favorito" else f"{s.veces:>3}×"
        print(f"{marca:>4}  {s.clave:<18} {s.descripcion[:90]}")
    if not lista:
        print("Sin favoritos" + (" ni cobros recientes" if args.mas_cobrados else "") + " en esta terminal")
    return 0


def _entero(texto: str) -> int:
    if not texto.strip().isdigit():
        raise argparse.ArgumentTypeError(f"«{texto}» no es un número entero positivo")
    return int(texto)


def registrar(sub: Any) -> None:
    p = sub.add_parser("favoritos", help="conceptos favoritos de esta terminal (la lista de Cobro antes de escribir)")
    acciones = p.add_subparsers(dest="accion_favoritos", title="acciones", metavar="ACCIÓN", required=True)
    c = acciones.add_parser("agregar", help="marca un concepto como favorito")
    c.add_argument("clave", help="clave del concepto (p. ej. A85-II, A114-III-61)")
    c.set_defaults(accion=_agregar)
    c = acciones.add_parser("quitar", help="quita un concepto de los favoritos")
    c.add_argument("clave", help="clave del concepto")
    c.set_defaults(accion=_quitar)
    c = acciones.add_parser("listar", help="muestra los favoritos (con --mas-cobrados, también lo más cobrado)")
    c.add_argument(
        "--mas-cobrados",
        action="store_true",
        help="agrega los conceptos más cobrados de los últimos días (sin anulados)",
    )
    c.add_argument("--dias", type=_entero, default=30, help="días hacia atrás para --mas-cobrados (1 a 3660; 30)")
    c.add_argument("--limite", type=_entero, default=20, help="cuántos renglones como máximo (20)")
    c.add_argument("--json", action="store_true", help="salida JSON")
    c.set_defaults(accion=_listar)
