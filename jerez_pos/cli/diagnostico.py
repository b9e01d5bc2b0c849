"""``diagnostico`` (is this PC fit to charge?) and the top-level ``--selftest`` (can this build run here?)."""

from __future__ import annotations

import argparse
from typing import Any

from jerez_pos.cli.base import imprimir_json

AYUDA_AUTOPRUEBA = (
    "autoprueba de la instalación: abre (o crea) la base, migra, revisa, carga catálogo, UMA y perfiles de "
    "impresora, genera un recibo ESC/POS y PDF y muestra una ventana; una línea por revisión"
)


def autoprueba(_args: argparse.Namespace) -> int:
    from jerez_pos.diagnostico.autoprueba import principal

    return principal()


def _diagnostico(args: argparse.Namespace) -> int:
    from jerez_pos.diagnostico.diagnostico import Veredicto, diagnosticar, veredicto_general

    revisiones = diagnosticar()
    general = veredicto_general(revisiones)
    if args.json:
        imprimir_json({"veredicto": general.texto, "revisiones": [r.a_dict() for r in revisiones]})
    else:
        for revision in revisiones:
            print(revision.linea())
        conclusion = {
            Veredicto.BIEN: "todo en orden",
            Veredicto.ATENCION: "funciona, pero revise lo marcado ATENCIÓN",
            Veredicto.MAL: "corrija lo marcado MAL antes de cobrar",
        }[general]
        print(f"diagnóstico: {general.texto}: {conclusion}")
    return 1 if general is Veredicto.MAL else 0


def registrar(sub: Any) -> None:
    p = sub.add_parser(
        "diagnostico",
        help="revisa esta computadora para soporte (disco, reloj, impresora, central, respaldos)",
        description="Revisa la carpeta de datos y su espacio libre, la latencia del disco (fsync), el reloj "
        "contra el último recibo, la impresora, la central y lo pendiente de sincronizar, y la edad del último "
        "respaldo. Cada línea dice BIEN, ATENCIÓN o MAL; termina con código 1 si algo está MAL. No modifica "
        "nada.",
    )
    p.add_argument("--json", action="store_true", help="imprime el resultado como JSON")
    p.set_defaults(accion=_diagnostico)
