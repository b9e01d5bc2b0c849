"""End to end with real processes: uvicorn central on PostgreSQL (loopback), two terminal homes driven by the
``jerez-pos`` command, a hostile TCP relay, and the server killed (SIGKILL) and restarted in mid-sync.

Each terminal: ``registrar`` against the live central, ``demo`` receipts (with voids), then ``sincronizar``
through the relay until nothing is pending, more receipts half-way. At the end central holds every record
exactly once and ``central resumen --json`` equals each terminal's own ledger to the centavo.
Bounded: every loop has a round cap and a deadline; the whole test takes about half a minute.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import psycopg
import pytest
from proxy import Proxy

from tests.red import puerto_libre as _puerto_libre

RAIZ = Path(__file__).resolve().parents[2]
JEREZ = [sys.executable, "-m", "jerez_pos"]
LIMITE = 75.0
ANULADOS = "(SELECT recibo_id FROM anulacion)"  # seconds for the whole scenario


def _correr(home: Path, *args: str, espera: float = 60) -> subprocess.CompletedProcess[str]:
    entorno = {**os.environ, "JEREZ_POS_HOME": str(home)}
    return subprocess.run([*JEREZ, *args], cwd=RAIZ, env=entorno, capture_output=True, text=True, timeout=espera)


class Central:
    """The uvicorn process; ``matar`` is SIGKILL (no graceful shutdown), a watcher restarts it."""

    def __init__(self, url: str, home: Path, puerto: int, max_muertes: int) -> None:
        self.url, self.home, self.puerto = url, home, puerto
        self.max_muertes = max_muertes
        self.muertes = 0
        self.arranques = 0
        self.proceso: subprocess.Popen[bytes] | None = None
        self._candado = threading.Lock()
        self._fin = threading.Event()
        self._vigia = threading.Thread(target=self._vigilar, daemon=True)

    def arrancar(self) -> None:
        entorno = {**os.environ, "JEREZ_POS_HOME": str(self.home)}
        orden = [*JEREZ, "central", "--db", self.url, "--puerto", str(self.puerto)]
        self.proceso = subprocess.Popen(orden, cwd=RAIZ, env=entorno, stderr=subprocess.DEVNULL)
        self.arranques += 1
        limite = time.monotonic() + 20
        while time.monotonic() < limite:
            try:
                socket.create_connection(("127.0.0.1", self.puerto), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise AssertionError("la central no arrancó en 20 s")

    def iniciar(self) -> None:
        self.arrancar()
        self._vigia.start()

    def matar(self) -> bool:
        with self._candado:
            if self.muertes >= self.max_muertes or self.proceso is None or self.proceso.poll() is not None:
                return False
            self.muertes += 1
            self.proceso.send_signal(signal.SIGKILL)
            self.proceso.wait(10)
            return True

    def _vigilar(self) -> None:
        while not self._fin.wait(0.1):
            with self._candado:
                if self.proceso is not None and self.proceso.poll() is not None:
                    time.sleep(0.3)  # the terminals meet a dead server for a moment
                    self.arrancar()

    def detener(self) -> None:
        self._fin.set()
        if self._vigia.is_alive():
            self._vigia.join(25)
        if self.proceso is not None and self.proceso.poll() is None:
            self.proceso.terminate()
            self.proceso.wait(10)


def _libro(home: Path) -> dict:
    """Totals straight from the terminal's SQLite ledger: the truth central must match."""
    with sqlite3.connect(home / "jerez_pos.sqlite3") as c:
        serie = c.execute("SELECT serie FROM terminal WHERE id = 1").fetchone()[0]
        recibos = c.execute("SELECT count(*) FROM recibo").fetchone()[0]
        anulados = c.execute("SELECT count(*) FROM anulacion").fetchone()[0]
        total = c.execute(f"SELECT coalesce(sum(total_centavos), 0) FROM recibo WHERE id NOT IN {ANULADOS}")
        total = total.fetchone()[0]
        por_concepto = dict(
            c.execute(
                f"SELECT clave, sum(total_centavos) FROM recibo_linea WHERE recibo_id NOT IN {ANULADOS} GROUP BY clave"
            )
        )
    return {"serie": serie, "recibos": recibos, "anulados": anulados, "total": total, "por_concepto": por_concepto}


def _centavos(texto: str) -> int:
    pesos, _, centavos = texto.partition(".")
    signo = -1 if pesos.startswith("-") else 1
    return signo * (abs(int(pesos)) * 100 + int(centavos or 0))


def _terminal(home: Path, servidor: str, semilla: int, fin: float, bitacora: list) -> None:
    """One delegación's day: receipts, sync through the relay, more receipts, sync until nothing is pending."""
    hecho = _correr(home, "demo", "--recibos", "35", "--anulaciones", "--semilla", str(semilla))
    assert hecho.returncode == 0, hecho.stderr
    otra_tanda = True
    for ronda in range(40):
        if time.monotonic() > fin:
            break
        r = _correr(
            home, "sincronizar", "--servidor", servidor, "--json", "--lote", "6", "--intentos", "2", "--espera", "5"
        )
        assert "Traceback" not in r.stderr, r.stderr
        datos = json.loads(r.stdout)  # the counts are printed even when central can't be reached
        bitacora.append((home.name, ronda, r.returncode, datos, r.stderr.strip()))
        if r.returncode != 0:
            assert r.stderr.count("\n") == 1 and r.stderr.startswith("jerez-pos: "), r.stderr
        if ronda >= 1 and otra_tanda:
            otra_tanda = False
            hecho = _correr(home, "demo", "--recibos", "15", "--anulaciones", "--semilla", str(semilla + 100))
            assert hecho.returncode == 0, hecho.stderr
            continue
        if r.returncode == 0 and datos["pendientes"] == 0 and not otra_tanda:
            return


@pytest.mark.lento
def test_dos_terminales_red_hostil_y_central_reiniciada(url_pg, tmp_path):
    inicio = time.monotonic()
    srv, homes = tmp_path / "central", [tmp_path / "terminal1", tmp_path / "terminal2"]
    central = Central(url_pg, srv, _puerto_libre(), max_muertes=3)
    altas = []
    for n, delegacion in enumerate(("Ermita de Guadalupe", "Los Haro")):
        r = _correr(srv, "central", "terminal-nueva", "--db", url_pg, "--delegacion", delegacion, "--json")
        assert r.returncode == 0, r.stderr
        altas.append(json.loads(r.stdout))
        assert altas[-1]["serie"]
        del n
    central.iniciar()
    # Connections 2 and 30 are kills (after commit / in flight); the rest is the seeded dice.
    proxy = Proxy(central.puerto, 20240601, central.matar, forzados={2: "matar_despues", 30: "matar_antes"})
    try:
        directo = f"http://127.0.0.1:{central.puerto}"
        for home, alta in zip(homes, altas, strict=True):
            r = _correr(home, "registrar", "--servidor", directo, "--codigo", alta["codigo"])
            assert r.returncode == 0, r.stderr
        segundo = _correr(homes[0], "registrar", "--servidor", directo, "--codigo", altas[1]["codigo"])
        assert segundo.returncode != 0 and "Traceback" not in segundo.stderr  # a code works once

        bitacora: list = []
        fin_hostil = inicio + LIMITE - 25
        hilos = [
            threading.Thread(target=_terminal, args=(home, f"http://127.0.0.1:{proxy.puerto}", s, fin_hostil, bitacora))
            for s, home in enumerate(homes, start=1)
        ]
        for hilo in hilos:
            hilo.start()
        for hilo in hilos:
            hilo.join(LIMITE)
        # Calm network for whatever is still pending (bounded), then the verdict.
        proxy.hostil = False
        central.max_muertes = central.muertes
        for home in homes:
            for _ in range(10):
                r = _correr(home, "sincronizar", "--servidor", f"http://127.0.0.1:{proxy.puerto}", "--json")
                if r.returncode == 0 and json.loads(r.stdout)["pendientes"] == 0:
                    break
            else:
                pytest.fail(f"{home.name} no terminó de sincronizar: {bitacora[-5:]}")
        assert central.muertes >= 1 and central.arranques == central.muertes + 1, (central.muertes, proxy.cuenta)
        assert proxy.cuenta["cortar"] + proxy.cuenta["soltar"] >= 2, proxy.cuenta

        r = _correr(srv, "central", "resumen", "--db", url_pg, "--json")
        assert r.returncode == 0, r.stderr
        resumen = json.loads(r.stdout)
        libros = [_libro(home) for home in homes]
        assert resumen["recibos"] == sum(x["recibos"] for x in libros)
        assert resumen["anulados"] == sum(x["anulados"] for x in libros)
        assert _centavos(resumen["total"]) == sum(x["total"] for x in libros)
        for libro in libros:
            propio = resumen["por_terminal"][libro["serie"]]
            assert propio["recibos"] == libro["recibos"]
            assert _centavos(propio["total"]) == libro["total"]
        conceptos: Counter[str] = Counter()
        for libro in libros:
            conceptos.update(libro["por_concepto"])
        assert {k: _centavos(v) for k, v in resumen["por_concepto"].items()} == {
            k: v for k, v in conceptos.items() if v
        } | {k: 0 for k, v in conceptos.items() if not v and k in resumen["por_concepto"]}

        with psycopg.connect(url_pg) as c:
            duplicados = c.execute(
                "SELECT count(*) FROM (SELECT terminal_id, secuencia FROM registro GROUP BY 1, 2 HAVING count(*) > 1) d"
            ).fetchone()[0]
            guardados = c.execute("SELECT count(*) FROM registro").fetchone()[0]
        assert duplicados == 0
        assert guardados == sum(x["recibos"] + x["anulados"] for x in libros)
        fallidas = sum(1 for x in bitacora if x[2] != 0)
        print(
            f"\nconexiones {dict(proxy.cuenta)}; central muerta {central.muertes} vez/veces; "
            f"{len(bitacora)} sincronizaciones, {fallidas} sin conexión; {guardados} registros"
        )
    finally:
        proxy.cerrar()
        central.detener()
    assert time.monotonic() - inicio < 90
