"""``padron comercio sin-refrendo``: the inspector's route of licences not renewed this year."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from jerez_pos.cli.base import imprimir_json
from jerez_pos.core.dinero import CERO, pesos
from jerez_pos.ledger.cuentas_refrendo import sin_refrendo
from jerez_pos.ledger.terminal import Terminal


def _sin_refrendo(args: argparse.Namespace) -> int:
    lista = sin_refrendo(Terminal(), dt.date.today())
    if args.json:
        imprimir_json([x.a_dict() for x in lista])
        return 0
    if not lista:
        print("Todas las licencias del padrón de comercio tienen su refrendo del año pagado")
        return 0
    for x in lista:
        print(
            f"{x.domicilio:<34} {x.licencia:<12} {x.titular:<30} giro {x.giro} {x.giro_nombre[:30]:<30} "
            f"pagado hasta {x.pagado_hasta}  debe {pesos(x.adeudo)}"
        )
    print(f"{len(lista)} licencias sin refrendo; adeudo total {pesos(sum((x.adeudo for x in lista), CERO))}")
    return 0


def registrar(acciones: Any) -> None:
    a = acciones.add_parser(
        "sin-refrendo",
        help="ruta del inspector: licencias sin el refrendo del año, por domicilio, con su adeudo",
        description="Licencias cuyo último año pagado es anterior al año en curso, ordenadas por domicilio, "
        "con titular, giro y lo que deben hoy (el mismo cálculo que «jerez-pos adeudo comercio»).",
    )
    a.add_argument("--json", action="store_true", help="salida JSON")
    a.set_defaults(accion=_sin_refrendo)
