"""The journal against the attacks that found the gap, with real processes: a truncated database, a WAL
deleted under a charging loop and then SIGKILL, and ``restaurar --ultimo`` through the command line."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from choques import entorno

ADMIN = {"JEREZ_POS_USUARIO": "demo-admin", "JEREZ_POS_CONTRASENA": "demo"}


def correr(home: Path, *argumentos: str, **variables: str) -> subprocess.CompletedProcess[str]:
    heredado = {k: v for k, v in entorno(home).items() if not k.startswith("JEREZ_POS_") or k == "JEREZ_POS_HOME"}
    return subprocess.run(
        [sys.executable, "-m", "jerez_pos", *argumentos],
        env={**heredado, **variables},
        capture_output=True,
        text=True,
        timeout=180,
        stdin=subprocess.DEVNULL,
    )


def _folios(salida: str) -> list[str]:
    return [linea.split()[1] for linea in salida.splitlines() if linea.startswith("RECIBO ")]


def _guardados(home: Path) -> dict[str, int]:
    with sqlite3.connect(home / "jerez_pos.sqlite3") as conexion:
        return {f"{s}-{n}": t for s, n, t in conexion.execute("SELECT serie, numero, total_centavos FROM recibo")}


def _rechazo(resultado: subprocess.CompletedProcess[str]) -> None:
    assert resultado.returncode == 2, resultado.stderr
    lineas = resultado.stderr.strip().splitlines()
    assert len(lineas) == 1 and "restaurar --ultimo" in lineas[0] and "Traceback" not in resultado.stderr


def test_base_truncada_a_cero_se_rechaza_y_restaurar_ultimo_recupera_todo(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert correr(home, "demo", "--recibos", "3", "--semilla", "1").returncode == 0
    assert correr(home, "respaldar", **ADMIN).returncode == 0  # a backup holding receipts 1-3
    demo = correr(home, "demo", "--recibos", "4", "--semilla", "2", "--anulaciones")
    emitidos = _folios(demo.stdout)
    assert emitidos == ["DEMO-4", "DEMO-5", "DEMO-6", "DEMO-7"]
    totales = _guardados(home)
    (home / "jerez_pos.sqlite3").write_bytes(b"")
    for sufijo in ("-wal", "-shm"):
        Path(f"{home / 'jerez_pos.sqlite3'}{sufijo}").unlink(missing_ok=True)
    _rechazo(correr(home, "demo", "--recibos", "1"))
    assert (home / "jerez_pos.sqlite3").stat().st_size == 0  # no fresh empty ledger was created
    sin_permiso = correr(home, "restaurar", "--ultimo", JEREZ_POS_USUARIO="demo-cajero", JEREZ_POS_CONTRASENA="demo")
    assert sin_permiso.returncode == 2 and len(sin_permiso.stderr.strip().splitlines()) == 1
    assert (home / "jerez_pos.sqlite3").stat().st_size == 0
    restaurado = correr(home, "restaurar", "--ultimo", "--json", **ADMIN)
    assert restaurado.returncode == 0, restaurado.stderr
    datos = json.loads(restaurado.stdout)
    assert datos["respaldo"] and Path(datos["respaldo"]).name.startswith("jerez_pos-")
    assert datos["recibos"] == 4 and datos["ultimo_folio"] == "DEMO-7"
    assert _guardados(home) == totales
    verificado = json.loads(correr(home, "verificar", "--json").stdout)
    assert verificado["marca"]["estado"] == "ok" and verificado["cadena"] == "ok"
    assert _folios(correr(home, "demo", "--recibos", "1").stdout) == ["DEMO-8"]


def test_wal_borrado_durante_el_cobro_y_sigkill_nada_confirmado_se_pierde(tmp_path: Path) -> None:
    home = tmp_path / "home"
    orden = [sys.executable, "-m", "jerez_pos", "demo", "--recibos", "1000000", "--semilla", "7"]
    hijo = subprocess.Popen(orden, env=entorno(home), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert hijo.stdout is not None
    reportados: list[str] = []
    while len(reportados) < 20:
        reportados.append(hijo.stdout.readline().decode())
    Path(f"{home / 'jerez_pos.sqlite3'}-wal").unlink()  # behind the program's back, mid-loop
    inicio = time.monotonic()
    while time.monotonic() - inicio < 1.5:
        reportados.append(hijo.stdout.readline().decode())
    hijo.send_signal(signal.SIGKILL)
    salida, _ = hijo.communicate()
    texto = "".join(reportados) + salida.decode()
    confirmados = {
        linea.split()[1]: int(linea.split()[2].replace(".", ""))
        for linea in texto.splitlines(keepends=True)
        if linea.startswith("RECIBO ") and linea.endswith("\n")
    }
    assert len(confirmados) > 40
    perdidos = [f for f in confirmados if f not in _guardados(home)]
    assert perdidos, "the WAL deletion lost nothing: the attack did not reproduce"
    _rechazo(correr(home, "demo", "--recibos", "1"))  # behind its mark: no folio is reissued
    restaurado = correr(home, "restaurar", "--ultimo", "--json", **ADMIN)
    assert restaurado.returncode == 0, restaurado.stderr
    assert json.loads(restaurado.stdout)["respaldo"] is None  # the only backup predates the terminal: journal alone
    guardados = _guardados(home)
    assert {f: guardados.get(f) for f in confirmados} == confirmados
    ultimo = max(int(f.split("-")[1]) for f in guardados)
    assert ultimo >= max(int(f.split("-")[1]) for f in confirmados)
    assert _folios(correr(home, "demo", "--recibos", "1").stdout) == [f"DEMO-{ultimo + 1}"]
    verificado = correr(home, "verificar", "--json")
    assert verificado.returncode == 0, verificado.stdout


def test_base_ilegible_se_rechaza_y_se_recupera_del_diario(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert _folios(correr(home, "demo", "--recibos", "2").stdout) == ["DEMO-1", "DEMO-2"]
    (home / "jerez_pos.sqlite3").write_bytes(os.urandom(8192))
    _rechazo(correr(home, "demo", "--recibos", "1"))
    restaurado = correr(home, "restaurar", "--ultimo", **ADMIN)
    assert restaurado.returncode == 0 and "DEMO-2" in restaurado.stdout, restaurado.stderr
    assert _folios(correr(home, "demo", "--recibos", "1").stdout) == ["DEMO-3"]


def test_restaurar_sin_argumentos_o_sin_diario_es_un_error_claro(tmp_path: Path) -> None:
    home = tmp_path / "home"
    ambos = correr(home, "restaurar", "x.sqlite3", "--ultimo", **ADMIN)
    ninguno = correr(home, "restaurar", **ADMIN)
    sin_diario = correr(home, "restaurar", "--ultimo", **ADMIN)
    for resultado in (ambos, ninguno, sin_diario):
        assert resultado.returncode == 2 and len(resultado.stderr.strip().splitlines()) == 1, resultado.stderr
        assert "error interno" not in resultado.stderr
    assert "diario" in sin_diario.stderr
    assert not (home / "jerez_pos.sqlite3").exists()


def test_verificar_falla_si_el_libro_esta_atras_de_su_marca(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert correr(home, "demo", "--recibos", "3").returncode == 0
    with sqlite3.connect(home / "jerez_pos.sqlite3") as conexion:
        for (nombre,) in conexion.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
            conexion.execute(f"DROP TRIGGER {nombre}")
        ultimos = "(SELECT id FROM recibo WHERE numero >= 2)"
        for tabla, columna in (("recibo_linea", "recibo_id"), ("recibo_pago", "recibo_id"), ("outbox", "ref_id")):
            conexion.execute(f"DELETE FROM {tabla} WHERE {columna} IN {ultimos}")
        conexion.execute("DELETE FROM recibo WHERE numero >= 2")
    resultado = correr(home, "verificar", "--json")
    datos = json.loads(resultado.stdout)
    assert resultado.returncode == 1 and datos["cadena"] == "ok"
    assert datos["marca"]["estado"] == "atrasado" and datos["marca"]["folio"] == 3
    assert os.path.getsize(home / "jerez_pos.sqlite3") > 0
