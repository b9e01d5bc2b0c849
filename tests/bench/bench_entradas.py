"""E1: what the input checks of one charge cost (an amount read the strict way, name, RFC and reference
sanitized) as a fraction of pricing that charge's concept, both measured side by side in the same run.
The absolute microseconds are in the detail."""

from __future__ import annotations

import tempfile
import timeit
from pathlib import Path

from jerez_pos.core.numeros import leer_importe
from jerez_pos.core.texto import limpiar
from jerez_pos.ledger.terminal import Terminal

METAS = ("E1",)
VECES = 2_000


def _entradas() -> None:
    leer_importe("$1,000.50", "--pago efectivo", nombre="pago")
    limpiar("  María Guadalupe Ibáñez de la Torre  ", "--contribuyente", nombre="nombre")
    limpiar("IATM800101AB1", "--rfc", nombre="rfc")
    limpiar("SPEI 0042 7781", "--pago transferencia", nombre="referencia")


def _por_llamada(funcion: object) -> float:
    return min(timeit.repeat(funcion, number=VECES, repeat=5)) / VECES  # type: ignore[arg-type]


def medir() -> dict:
    with tempfile.TemporaryDirectory() as carpeta:
        terminal = Terminal(Path(carpeta) / "home")
        cotizar = _por_llamada(lambda: terminal.cotizar("A85-II", {}))
        entradas = _por_llamada(_entradas)
        terminal.bd.dispose()
    return {
        "E1": {
            "valor": entradas / cotizar,
            "meta": 0.05,
            "unidad": "fracción de cotizar un concepto",
            "detalle": f"entradas de un cobro {entradas * 1e6:.1f} µs, cotizar A85-II {cotizar * 1e6:.1f} µs",
        },
    }
