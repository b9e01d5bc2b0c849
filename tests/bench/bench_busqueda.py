"""P2: search latency per keystroke over the full catalog (p99), typing real queries one letter at a time.

Side by side in the same run: a bare FTS5 MATCH on the same index, to show what the ranking layer costs.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import text

from jerez_pos.ledger.base import lector
from jerez_pos.ledger.terminal import Terminal

METAS = ("P2",)
CONSULTAS = [
    "cafeteria con venta de cerveza",
    "acta de nacimiento",
    "art 141",
    "licencia de construccion",
    "señal de sangre",
    "A114-III-61",
    "protección civil",
    "abarrotes",
    "anuncio",
    "copia certificada",
    "predial",
    "panteon perpetuidad",
    "61",
    "tianguis",
    "zapateria",
    "A85-II",
    "matrimonio",
    "vulcanizadora",
]
RONDAS = 5


def _teclas() -> list[str]:
    return [consulta[:i] for consulta in CONSULTAS for i in range(1, len(consulta) + 1)]


def _percentil(valores: list[float], p: float) -> float:
    ordenados = sorted(valores)
    return ordenados[min(len(ordenados) - 1, round(p * (len(ordenados) - 1)))]


def medir() -> dict[str, dict[str, object]]:
    with tempfile.TemporaryDirectory() as directorio:
        terminal = Terminal(Path(directorio))
        teclas = _teclas()
        completo: list[float] = []
        crudo: list[float] = []
        with lector(terminal.bd).connect() as conexion:
            for _ in range(RONDAS):
                for tecla in teclas:
                    inicio = time.perf_counter()
                    terminal.buscar(tecla, 30)
                    completo.append(time.perf_counter() - inicio)
                    palabra = "".join(c for c in tecla.lower() if c.isalnum()) or "a"
                    inicio = time.perf_counter()
                    conexion.execute(
                        text("SELECT clave FROM busqueda WHERE busqueda MATCH :q LIMIT 30"), {"q": f'"{palabra}"*'}
                    ).all()
                    crudo.append(time.perf_counter() - inicio)
        terminal.bd.dispose()
    p99 = _percentil(completo, 0.99) * 1000
    return {
        "P2": {
            "valor": p99,
            "meta": 16,
            "unidad": "ms (p99 por tecla)",
            "detalle": (
                f"{len(completo)} teclas; mediana {statistics.median(completo) * 1000:.2f} ms; "
                f"FTS5 sin ranking p99 {_percentil(crudo, 0.99) * 1000:.2f} ms en la misma corrida"
            ),
        }
    }
