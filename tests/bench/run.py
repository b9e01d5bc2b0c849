"""Benchmark suite: each figure is a ratio (or a size) measured side by side in the same run, never a
timed assertion. ``python tests/bench/run.py [--json] [--solo P2,P1]``.

Each module listed in MODULOS exposes ``medir() -> dict[str, dict]`` returning entries
``{"P2": {"valor": x, "meta": y, "unidad": "...", "detalle": "..."}}``.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

MODULOS = [
    "bench_busqueda",
    "bench_ledger",
    "bench_sync",
    "bench_gui",
    "bench_arranque",
    "bench_borrador",
    "bench_central",
    "bench_consola",
    "bench_diario",
    "bench_entradas",
    "bench_cuentas",
]


def main() -> int:
    parser = argparse.ArgumentParser(description="Suite de desempeño de jerez_pos")
    parser.add_argument("--json", action="store_true", help="imprime el resultado como JSON")
    parser.add_argument("--solo", help="sólo estas metas, separadas por coma (p. ej. P1,P2)")
    args = parser.parse_args()
    solo = set(args.solo.split(",")) if args.solo else None
    resultados: dict[str, dict] = {}
    for nombre in MODULOS:
        modulo = importlib.import_module(nombre)
        metas = getattr(modulo, "METAS", ())
        if solo and not solo.intersection(metas):
            continue
        resultados.update(modulo.medir())
    if args.json:
        print(json.dumps(resultados, ensure_ascii=False, indent=2))
    else:
        print(f"{'meta':<5} {'valor':>12} {'objetivo':>10}  unidad / detalle")
        for clave, r in sorted(resultados.items()):
            ok = "ok" if r["valor"] <= r["meta"] else "FUERA"
            print(f"{clave:<5} {r['valor']:>12.3f} {r['meta']:>10}  {r['unidad']} [{ok}] {r['detalle']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
