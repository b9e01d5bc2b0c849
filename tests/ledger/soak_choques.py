"""Soak (not run in CI): 1,000 SIGKILLs of ``demo`` on one home, then the same checks as the test.

``python tests/ledger/soak_choques.py [--vidas 1000] [--home DIR]``
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from choques import chocar, entorno, faltantes


def main() -> int:
    parser = argparse.ArgumentParser(description="Prueba larga de choques (SIGKILL) del libro de recibos")
    parser.add_argument("--vidas", type=int, default=1000, help="procesos que se matan")
    parser.add_argument("--home", help="carpeta de datos (por omisión, una temporal)")
    args = parser.parse_args()
    home = Path(args.home or tempfile.mkdtemp(prefix="jerez-soak-"))
    reportados = chocar(home, args.vidas, semilla=7)
    perdidos = faltantes(home, reportados)
    verificado = subprocess.run(
        [sys.executable, "-m", "jerez_pos", "verificar", "--json"], env=entorno(home), capture_output=True, text=True
    )
    print(f"{args.vidas} choques, {len(reportados)} recibos reportados, {len(perdidos)} perdidos")
    print(json.dumps(json.loads(verificado.stdout), ensure_ascii=False))
    return 0 if not perdidos and verificado.returncode == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
