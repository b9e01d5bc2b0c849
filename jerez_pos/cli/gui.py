"""``gui``: the desktop app; ``gui --captura DIR`` renders each main screen of a demo home to PNG and exits.

PySide6 is imported only inside the actions, so this module stays importable without Qt (a test checks
that no module outside jerez_pos.gui pulls PySide6 in).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from jerez_pos.core.errores import ErrorJerez


def _gui(args: argparse.Namespace) -> int:
    if args.captura:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from jerez_pos.gui.captura import capturar

        rutas = capturar(Path(args.captura), avance=print, tamano=args.tamano)
        print(f"{len(rutas)} pantallas guardadas en {args.captura}")
        return 0
    from jerez_pos.config import hay_pantalla

    if not hay_pantalla():
        raise ErrorJerez(
            "gui: no hay pantalla gráfica en esta sesión (DISPLAY); abra la caja en el escritorio "
            "o use las órdenes de la línea de comandos (jerez-pos --help)"
        )
    from jerez_pos.gui.app import ejecutar

    return ejecutar()


def _tamano(texto: str) -> tuple[int, int]:
    ancho, signo, alto = texto.strip().lower().partition("x")
    if (
        not signo
        or not ancho.isdigit()
        or not alto.isdigit()
        or not (640 <= int(ancho) <= 4000 and 400 <= int(alto) <= 3000)
    ):
        raise argparse.ArgumentTypeError(
            f"«{texto[:30]}» no es un tamaño: escriba ANCHOxALTO en puntos, p. ej. 1366x705 "
            "(ancho 640 a 4000, alto 400 a 3000)"
        )
    return int(ancho), int(alto)


def registrar(sub: Any) -> None:
    p = sub.add_parser(
        "gui",
        help="abre la aplicación de escritorio del cajero",
        description="Abre la aplicación de escritorio. Con --captura guarda cada pantalla principal "
        "(con datos de demostración) como PNG en la carpeta indicada y termina.",
    )
    p.add_argument("--captura", metavar="DIR", help="carpeta donde guardar las capturas PNG (sin ventana)")
    p.add_argument(
        "--tamano",
        type=_tamano,
        metavar="ANCHOxALTO",
        help="con --captura: tamaño de la ventana en puntos (1366x768 si no se indica; 1366x705 es la ventana "
        "maximizada en una pantalla de 1366×768; con QT_SCALE_FACTOR=1.25, 1093x564 es esa pantalla al 125 %%)",
    )
    p.set_defaults(accion=_gui)
