"""``jerez-pos diagnostico``: each revision's verdict from a prepared situation, and the command's contract."""

from __future__ import annotations

import datetime as dt
import http.server
import json
import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from jerez_pos.diagnostico import diagnostico as d
from jerez_pos.diagnostico.diagnostico import Veredicto
from tests.red import puerto_libre as _puerto_libre

RAIZ = Path(__file__).resolve().parents[2]
AHORA = dt.datetime(2026, 6, 15, 12, 0)


def _libro(ruta: Path, fechas: list[str], outbox: list[tuple[int, str]] = ()) -> Path:
    """Just the tables the revisions read (receipt dates and the outbox)."""
    with sqlite3.connect(ruta) as conexion:
        conexion.execute("CREATE TABLE recibo (id INTEGER PRIMARY KEY, fecha TEXT NOT NULL)")
        conexion.execute("CREATE TABLE anulacion (id INTEGER PRIMARY KEY, fecha TEXT NOT NULL)")
        conexion.execute("CREATE TABLE outbox (id INTEGER PRIMARY KEY, tipo TEXT, ref_id INTEGER, creado_en TEXT)")
        conexion.executemany("INSERT INTO recibo (fecha) VALUES (?)", [(f,) for f in fechas])
        conexion.executemany(
            "INSERT INTO outbox (id, tipo, ref_id, creado_en) VALUES (?, 'recibo', 1, ?)", list(outbox)
        )
    conexion.close()
    return ruta


def _sincronizacion(directorio: Path, servidor: str, confirmados: list[int] = ()) -> None:
    with sqlite3.connect(directorio / "sincronizacion.sqlite3") as conexion:
        conexion.execute("CREATE TABLE ajuste (clave TEXT PRIMARY KEY, valor TEXT NOT NULL)")
        conexion.execute("CREATE TABLE confirmado (outbox_id INTEGER PRIMARY KEY, secuencia INTEGER, confirmado_en)")
        conexion.execute("INSERT INTO ajuste VALUES ('servidor', ?)", (servidor,))
        conexion.executemany("INSERT INTO confirmado VALUES (?, 0, '')", [(c,) for c in confirmados])
    conexion.close()


def test_carpeta_y_disco(tmp_path):
    assert d.carpeta(tmp_path).veredicto is Veredicto.BIEN
    assert d.carpeta(tmp_path / "nueva").veredicto is Veredicto.ATENCION
    tiempos = d.latencia_fsync(tmp_path, muestras=3)
    assert len(tiempos) == 3 and all(t > 0 for t in tiempos)
    assert list(tmp_path.iterdir()) == []  # the samples are removed
    disco = d.disco(tmp_path)
    assert disco.nombre == "disco (fsync)" and "mediana" in disco.detalle


def test_reloj_contra_el_ultimo_recibo(tmp_path):
    ruta = _libro(tmp_path / "libro.sqlite3", ["2026-06-14T09:00:00", "2026-06-15T11:00:00"])
    assert d.reloj(ruta, AHORA).veredicto is Veredicto.BIEN
    atrasado = d.reloj(ruta, dt.datetime(2026, 6, 15, 10, 0))
    assert atrasado.veredicto is Veredicto.MAL and "anterior al último recibo" in atrasado.detalle
    assert d.reloj(ruta, dt.datetime(2028, 1, 1)).veredicto is Veredicto.ATENCION
    assert d.reloj(ruta, dt.datetime(2019, 1, 1)).veredicto is Veredicto.MAL
    assert d.reloj(tmp_path / "no-existe.sqlite3", AHORA).veredicto is Veredicto.BIEN


def test_respaldos_por_edad(tmp_path):
    assert d.respaldos(tmp_path, AHORA)[0].veredicto is Veredicto.MAL  # none at all
    copias = tmp_path / "respaldos"
    copias.mkdir()
    copia = copias / "jerez_pos-20260615-080000-000000.sqlite3"
    copia.write_bytes(b"")
    for horas, esperado in ((4, Veredicto.BIEN), (50, Veredicto.ATENCION), (24 * 10, Veredicto.MAL)):
        marca = (AHORA - dt.timedelta(hours=horas)).timestamp()
        os.utime(copia, (marca, marca))
        assert d.respaldos(tmp_path, AHORA)[0].veredicto is esperado, horas


def test_impresora(tmp_path):
    assert d.impresora(tmp_path).veredicto is Veredicto.ATENCION  # none configured
    (tmp_path / "impresora.toml").write_text('impresora = "dummy"\n', encoding="utf-8")
    assert d.impresora(tmp_path).veredicto is Veredicto.BIEN
    (tmp_path / "impresora.toml").write_text(f'impresora = "archivo:{tmp_path}/no/hay/lp0"\n', encoding="utf-8")
    assert d.impresora(tmp_path).veredicto is Veredicto.MAL


@pytest.fixture
def servidor_local():
    class Manejador(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(404)
            self.end_headers()

        def log_message(self, *_args):
            pass

    servidor = http.server.HTTPServer(("127.0.0.1", 0), Manejador)
    hilo = threading.Thread(target=servidor.serve_forever, daemon=True)
    hilo.start()
    yield f"http://127.0.0.1:{servidor.server_address[1]}"
    servidor.shutdown()
    servidor.server_close()


def test_central_y_pendientes(tmp_path, servidor_local):
    assert d.central(tmp_path, AHORA).veredicto is Veredicto.ATENCION  # not enrolled
    _libro(tmp_path / "jerez_pos.sqlite3", [], [(1, "2026-06-15T10:00:00"), (2, "2026-06-15T11:00:00")])
    _sincronizacion(tmp_path, servidor_local, confirmados=[1])
    alcanzada = d.central(tmp_path, AHORA)
    assert alcanzada.veredicto is Veredicto.BIEN and "1 registros por enviar" in alcanzada.detalle
    assert d.central(tmp_path, AHORA + dt.timedelta(days=2)).veredicto is Veredicto.ATENCION
    assert d.central(tmp_path, AHORA + dt.timedelta(days=5)).veredicto is Veredicto.MAL
    (tmp_path / "sincronizacion.sqlite3").unlink()
    _sincronizacion(tmp_path, f"http://127.0.0.1:{_puerto_libre()}")
    caida = d.central(tmp_path, AHORA)
    assert caida.veredicto is Veredicto.MAL and "no responde" in caida.detalle


def test_una_revision_que_se_rompe_es_un_hallazgo(tmp_path):
    (tmp_path / "impresora.toml").write_text("impresora = [", encoding="utf-8")
    revisiones = d.diagnosticar(tmp_path)
    impresora = next(r for r in revisiones if r.nombre == "impresora")
    assert impresora.veredicto is Veredicto.MAL and "impresora.toml" in impresora.detalle


def _diagnostico(home: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "jerez_pos", "diagnostico", *extra],
        cwd=RAIZ,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "JEREZ_POS_HOME": str(home)},
    )


def test_orden_diagnostico_sobre_una_casa_recien_abierta(home_sesion):
    r = _diagnostico(home_sesion, "--json")
    assert r.returncode == 0, r.stdout + r.stderr  # nothing MAL: the first start made today's backup
    datos = json.loads(r.stdout)
    nombres = [x["nombre"] for x in datos["revisiones"]]
    assert nombres == [
        "carpeta de datos",
        "disco (fsync)",
        "base de datos",
        "reloj",
        "impresora",
        "central",
        "respaldo",
    ]
    assert {x["veredicto"] for x in datos["revisiones"]} <= {"BIEN", "ATENCIÓN"}
    assert datos["veredicto"] == "ATENCIÓN"  # no printer configured, not enrolled


def test_orden_diagnostico_en_texto_sale_con_1_si_algo_esta_mal(tmp_path):
    r = _diagnostico(tmp_path / "casa")
    assert r.returncode == 1  # no data home yet: no backup at all
    lineas = r.stdout.splitlines()
    assert lineas[0].startswith("ATENCIÓN carpeta de datos:")
    assert any(linea.startswith("MAL      respaldo:") for linea in lineas)
    assert lineas[-1].startswith("diagnóstico: MAL")
    assert not (tmp_path / "casa" / "jerez_pos.sqlite3").exists()  # diagnosing creates nothing
    assert r.stderr == ""
