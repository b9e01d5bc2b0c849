"""Crash harness shared by the test and the soak script: ``demo`` killed with SIGKILL at random moments.

Every ``RECIBO <folio> <total>`` line a child printed was printed after its commit returned, so it must
be in the ledger afterwards with that total, whatever happened next.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path


def entorno(home: Path) -> dict[str, str]:
    return {**os.environ, "JEREZ_POS_HOME": str(home), "PYTHONUNBUFFERED": "1"}


def una_vida(home: Path, rng: random.Random, semilla: int, anulaciones: bool) -> dict[str, str]:
    """Starts a demo and SIGKILLs it: one life in five at a blind moment (start-up, migration, set-up
    included), the others at a random moment after the first receipt (start-up time varies by machine)."""
    orden = [sys.executable, "-m", "jerez_pos", "demo", "--recibos", "1000000", "--semilla", str(semilla)]
    if anulaciones:
        orden.append("--anulaciones")
    hijo = subprocess.Popen(orden, env=entorno(home), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert hijo.stdout is not None
    primera = b""
    if rng.random() < 0.2:
        time.sleep(rng.uniform(0.02, 1.5))
    else:
        primera = hijo.stdout.readline()  # blocks until the first receipt is durable (or the child dies)
        time.sleep(rng.uniform(0.0, 0.4))
    hijo.send_signal(signal.SIGKILL)
    salida, errores = hijo.communicate()
    reportados = {}
    for linea in (primera + salida).decode().splitlines(keepends=True):
        if linea.endswith("\n") and linea.startswith("RECIBO "):
            _, folio, total = linea.split()
            reportados[folio] = total
    if hijo.returncode not in (-signal.SIGKILL, 0):
        raise AssertionError(f"demo falló antes del choque: {errores.decode()[-500:]}")
    return reportados


def faltantes(home: Path, reportados: dict[str, str]) -> list[str]:
    """Reported folios that are missing from the ledger or stored with another total."""
    conexion = sqlite3.connect(home / "jerez_pos.sqlite3")
    try:
        guardados = {f"{s}-{n}": t for s, n, t in conexion.execute("SELECT serie, numero, total_centavos FROM recibo")}
    finally:
        conexion.close()
    return [f for f, total in reportados.items() if f not in guardados or guardados[f] != int(total.replace(".", ""))]


def chocar(home: Path, vidas: int, semilla: int = 0) -> dict[str, str]:
    rng = random.Random(semilla)
    reportados: dict[str, str] = {}
    for vida in range(vidas):
        reportados.update(una_vida(home, rng, semilla * 100000 + vida, anulaciones=vida % 3 == 0))
    return reportados
