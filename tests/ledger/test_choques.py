"""Crash safety: 2 homes × 100 SIGKILLs of a receipt-issuing child (200 kills), then every reported
receipt is present, folios are gap-free, integrity and the chain verify, and issuing continues."""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from choques import chocar, entorno, faltantes

from jerez_pos.ledger.terminal import Terminal

VIDAS_POR_HOME = 100


@pytest.mark.lento
def test_sigkill_no_pierde_recibos(tmp_path: Path) -> None:
    homes = [tmp_path / f"home{i}" for i in range(2)]
    with ThreadPoolExecutor(max_workers=2) as hilos:  # two children at a time: one per core
        resultados = list(hilos.map(lambda par: chocar(par[1], VIDAS_POR_HOME, par[0]), enumerate(homes)))
    for home, reportados in zip(homes, resultados, strict=True):
        assert len(reportados) > 50, "the kills landed too early to test anything"
        assert faltantes(home, reportados) == []
        # The first start after the last kill: a movement journaled but cut off before its commit (it was
        # never reported) is put back from the journal, as every start does, before the ledger is verified.
        Terminal(home, respaldo_diario=False).bd.dispose()
        verificado = subprocess.run(
            [sys.executable, "-m", "jerez_pos", "verificar", "--json"],
            env=entorno(home),
            capture_output=True,
            text=True,
            timeout=120,
        )
        datos = json.loads(verificado.stdout)
        assert verificado.returncode == 0, datos
        assert datos["integridad"] == "ok" and datos["cadena"] == "ok"
        assert datos["series"]["DEMO"]["huecos"] == [] and datos["series"]["DEMO"]["primero"] == 1
        ultimo = datos["series"]["DEMO"]["ultimo"]
        siguiente = subprocess.run(
            [sys.executable, "-m", "jerez_pos", "demo", "--recibos", "2"],
            env=entorno(home),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert siguiente.returncode == 0, siguiente.stderr
        assert [linea.split()[1] for linea in siguiente.stdout.splitlines()] == [
            f"DEMO-{ultimo + 1}",
            f"DEMO-{ultimo + 2}",
        ]
