"""P8: start of the frozen program to "selftest done" vs the unfrozen ``python -m jerez_pos --selftest``.

Both run alternately in the same run over the same data home, created once beforehand (the measure is a
normal start, not the first one); each figure is the median of several whole processes, timed from the
parent (spawn → exit), so interpreter start-up, imports and the bundle's unpacking all count. The frozen
build is made with installer/build.sh into a temporary folder, or taken from $JEREZ_POS_CONGELADO (a
dist/jerez-pos folder) when set, to skip the build.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

METAS = ("P8",)
RONDAS = 5
RAIZ = Path(__file__).resolve().parents[2]


def _construir(destino: Path) -> Path:
    subprocess.run(
        ["bash", str(RAIZ / "installer" / "build.sh"), "--dist", str(destino / "dist"), "--work", str(destino / "w")],
        check=True,
        capture_output=True,
        env={**os.environ, "PYTHON": sys.executable},
    )
    return destino / "dist" / "jerez-pos"


def _tiempo(orden: list[str], entorno: dict[str, str]) -> float:
    inicio = time.perf_counter()
    r = subprocess.run(orden, capture_output=True, text=True, env=entorno, cwd=RAIZ, timeout=300)
    duracion = time.perf_counter() - inicio
    if r.returncode != 0:
        raise RuntimeError(f"{orden[0]} --selftest falló:\n{r.stdout}{r.stderr}")
    return duracion


def medir() -> dict[str, dict[str, object]]:
    with tempfile.TemporaryDirectory() as directorio:
        base = Path(directorio)
        elegida = os.environ.get("JEREZ_POS_CONGELADO")
        carpeta = Path(elegida) if elegida else _construir(base)
        entorno = {**os.environ, "JEREZ_POS_HOME": str(base / "casa"), "QT_QPA_PLATFORM": "offscreen"}
        congelado = [str(carpeta / "jerez-pos"), "--selftest"]
        normal = [sys.executable, "-m", "jerez_pos", "--selftest"]
        _tiempo(normal, entorno)  # first run: create, migrate and seed the home outside the measure
        tiempos_congelado: list[float] = []
        tiempos_normal: list[float] = []
        for _ in range(RONDAS):
            tiempos_normal.append(_tiempo(normal, entorno))
            tiempos_congelado.append(_tiempo(congelado, entorno))
    mediana_congelado, mediana_normal = statistics.median(tiempos_congelado), statistics.median(tiempos_normal)
    return {
        "P8": {
            "valor": mediana_congelado / mediana_normal,
            "meta": 1.5,
            "unidad": "x",
            "detalle": (
                f"mediana de {RONDAS}: congelado {mediana_congelado * 1000:.0f} ms (dist/jerez-pos/jerez-pos "
                f"--selftest) vs python -m jerez_pos --selftest {mediana_normal * 1000:.0f} ms, proceso completo"
            ),
        },
    }


if __name__ == "__main__":
    for clave, r in medir().items():
        print(clave, f"{r['valor']:.3f}", r["unidad"], r["detalle"])
