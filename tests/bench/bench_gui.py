"""P5: time to the first shown main window, the app vs a bare PySide6 QMainWindow, whole processes, offscreen.
P6: resident memory of the app once the catalog is loaded.

Both programs run alternately in the same run (so machine load hits both alike); each figure is the median
of several runs. Time is measured from the parent: spawn → the child's "mostrada" line (printed from the
first event-loop turn after ``show()``), so interpreter start-up and imports count for both.
The app is started the way the installer starts it (``python -m jerez_pos.gui``) over a data home that
already exists (a normal morning, not the first run).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

METAS = ("P5", "P6")
RONDAS = 7
RAIZ = Path(__file__).resolve().parents[2]

VENTANA_SOLA = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
ventana = QMainWindow()
ventana.resize(1366, 768)
ventana.show()
QTimer.singleShot(0, lambda: (print("mostrada", flush=True), app.quit()))
app.exec()
"""


def _entorno(home: Path, modo: str) -> dict[str, str]:
    return dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        JEREZ_POS_HOME=str(home),
        JEREZ_POS_DIAGNOSTICO=modo,
        PYTHONPATH=str(RAIZ) + os.pathsep + os.environ.get("PYTHONPATH", ""),
    )


def _hasta(orden: list[str], entorno: dict[str, str], marca: str) -> tuple[float, str]:
    """Seconds from spawn until a stdout line starting with ``marca``; that line."""
    inicio = time.perf_counter()
    proceso = subprocess.Popen(orden, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=entorno)
    assert proceso.stdout is not None
    try:
        for linea in proceso.stdout:
            if linea.startswith(marca):
                return time.perf_counter() - inicio, linea.strip()
        raise RuntimeError(f"el proceso terminó sin imprimir «{marca}»")
    finally:
        proceso.wait(timeout=120)


def medir() -> dict[str, dict[str, object]]:
    with tempfile.TemporaryDirectory() as directorio:
        home = Path(directorio)
        subprocess.run(  # first run (migrate, seed the catalog) happens once, outside the measure
            [sys.executable, "-c", "from jerez_pos.ledger.terminal import Terminal; import sys; "
             "Terminal(__import__('pathlib').Path(sys.argv[1])).motor", str(home)],
            check=True, env=_entorno(home, ""), cwd=RAIZ,
        )  # fmt: skip
        app = [sys.executable, "-m", "jerez_pos.gui"]
        sola = [sys.executable, "-c", VENTANA_SOLA]
        tiempos_app: list[float] = []
        tiempos_sola: list[float] = []
        memoria: list[float] = []
        for _ in range(RONDAS):
            tiempos_sola.append(_hasta(sola, _entorno(home, "mostrar"), "mostrada")[0])
            tiempos_app.append(_hasta(app, _entorno(home, "mostrar"), "mostrada")[0])
            memoria.append(float(_hasta(app, _entorno(home, "catalogo"), "catalogo")[1].split()[1]))
    mediana_app, mediana_sola = statistics.median(tiempos_app), statistics.median(tiempos_sola)
    return {
        "P5": {
            "valor": mediana_app / mediana_sola,
            "meta": 2,
            "unidad": "x",
            "detalle": (
                f"mediana de {RONDAS}: app {mediana_app * 1000:.0f} ms (python -m jerez_pos.gui) vs QMainWindow sola "
                f"{mediana_sola * 1000:.0f} ms, offscreen, proceso completo"
            ),
        },
        "P6": {
            "valor": statistics.median(memoria),
            "meta": 250,
            "unidad": "MB",
            "detalle": f"RSS con el catálogo cargado, mediana de {RONDAS} (máx {max(memoria):.1f} MB)",
        },
    }


if __name__ == "__main__":
    for clave, r in medir().items():
        print(clave, f"{r['valor']:.3f}", r["unidad"], r["detalle"])
