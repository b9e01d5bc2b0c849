"""Sync after a restore, against a real central (uvicorn on 127.0.0.1, SQLite file) and the real command.

- An older backup restored after a sync: the ledger is behind central. ``sincronizar`` says so (exit 2, one
  line naming ``restaurar --ultimo``), sends nothing, central keeps what it had, and the receipt charged
  after the restore stays pending (before, its reused outbox id was taken as acknowledged: never sent).
- The lost links recovered with the same content (what a journal replay does) but another outbox layout,
  then a new charge whose outbox id was acknowledged for another link: it reaches central.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import sys
from decimal import Decimal
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ledger"))

from apoyo import CLAVE, Libro, Reloj, nuevo_libro
from test_cli_libro import correr

from jerez_pos.ledger import entregas, recibos, respaldo
from jerez_pos.ledger.pagos import Pago
from jerez_pos.sync import contraste
from tests.sync.servidor import CODIGO, central_local

INICIO = dt.datetime.now().replace(microsecond=0) - dt.timedelta(hours=2)


@pytest.fixture
def central(tmp_path: Path):  # type: ignore[no-untyped-def]
    with central_local(tmp_path / "central.sqlite3", "JRZ1") as (url, motor):
        yield url, motor


def _cobrar(libro: Libro, minuto: int) -> str:
    reloj = Reloj(INICIO + dt.timedelta(minutes=minuto))
    pago = [Pago("efectivo", Decimal("200"))]
    return recibos.cobrar(libro.terminal, libro.cajero, [("A85-II", {})], pago, reloj=reloj).folio


def _en_central(motor) -> dict[int, bytes]:  # type: ignore[no-untyped-def]
    with motor.connect() as conexion:
        return {int(s): bytes(h) for s, h in conexion.exec_driver_sql("SELECT secuencia, hash FROM registro")}


def _en_libro(home: Path) -> dict[int, bytes]:
    conexion = sqlite3.connect(home / "jerez_pos.sqlite3")
    try:
        return {int(e): bytes(h) for e, h in conexion.execute("SELECT eslabon, hash FROM recibo")}
    finally:
        conexion.close()


def _sincronizar(home: Path):  # type: ignore[no-untyped-def]
    resultado = correr(home, "sincronizar", "--json", "--intentos", "2")
    return resultado, json.loads(resultado.stdout) if resultado.stdout.strip() else {}


def test_respaldo_anterior_despues_de_sincronizar(tmp_path: Path, central) -> None:  # type: ignore[no-untyped-def]
    url, motor = central
    home = tmp_path / "home"
    libro = nuevo_libro(home)
    for minuto in (1, 2, 3):
        _cobrar(libro, minuto)
    copia = respaldo.respaldar(libro.terminal.bd, libro.admin, tmp_path / "usb")
    # After the backup: a cash handover (an outbox row that does not travel), then two receipts.
    entregas.entregar(libro.terminal.bd, libro.cajero, libro.cajera2, {"efectivo": Decimal("10")},
                      reloj=Reloj(INICIO + dt.timedelta(minutes=4)))  # fmt: skip
    perdidos = [_cobrar(libro, 5), _cobrar(libro, 6)]  # charged after the backup
    libro.terminal.bd.dispose()
    assert correr(home, "registrar", "--servidor", url, "--codigo", CODIGO).returncode == 0
    resultado, datos = _sincronizar(home)
    assert resultado.returncode == 0, resultado.stderr
    assert datos["confirmados"] == 5 and datos["pendientes"] == 0
    central_antes = _en_central(motor)
    assert central_antes == _en_libro(home)

    # An older backup is restored. The receipt journal still holds the two receipts charged after it: the
    # restore says so, nothing is charged (no folio is reissued) until «restaurar --ultimo» puts them back.
    admin = {"JEREZ_POS_USUARIO": "admin", "JEREZ_POS_CONTRASENA": CLAVE}
    restaurado = correr(home, "restaurar", str(copia), **admin)
    assert restaurado.returncode == 0 and "restaurar --ultimo" in restaurado.stdout, restaurado.stderr
    cajera = {"JEREZ_POS_USUARIO": "ana", "JEREZ_POS_CONTRASENA": CLAVE}
    cobro = correr(home, "cobrar", "A85-II", "--pago", "efectivo=200", "--json", **cajera)
    assert cobro.returncode == 2 and "restaurar --ultimo" in cobro.stderr
    assert correr(home, "restaurar", "--ultimo", **admin).returncode == 0
    assert _en_libro(home) == central_antes  # the very links central holds, content for content
    assert [f"JRZ1-{n}" for n in (4, 5)] == perdidos
    cobro = correr(home, "cobrar", "A85-II", "--pago", "efectivo=200", "--json", **cajera)
    assert cobro.returncode == 0 and json.loads(cobro.stdout)["folio"] == "JRZ1-6"
    resultado, datos = _sincronizar(home)
    assert resultado.returncode == 0, resultado.stderr
    assert datos["pendientes"] == 0 and _en_central(motor) == _en_libro(home) and len(_en_central(motor)) == 6
    central_antes = _en_central(motor)

    # The journal lost as well (the backup taken to another machine without it): only central still knows.
    # The older backup charges a folio central already holds for another receipt; sync refuses to send it.
    assert correr(home, "restaurar", str(copia), **admin).returncode == 0
    for diario in home.rglob("diario*.jsonl"):
        diario.unlink()
    cobro = correr(home, "cobrar", "A85-II", "--pago", "efectivo=200", "--json", **cajera)
    assert cobro.returncode == 0, cobro.stderr
    assert json.loads(cobro.stdout)["folio"] == "JRZ1-4"
    resultado, datos = _sincronizar(home)
    assert resultado.returncode == 2, resultado.stderr
    linea = resultado.stderr.strip().splitlines()
    assert len(linea) == 1 and "restaurar --ultimo" in linea[0] and "no se envió nada" in linea[0]
    assert datos["pendientes"] == 1 and datos["desacuerdo"]
    assert _en_central(motor) == central_antes  # no other content under the same sequences


def test_comparar_con_la_marca_de_la_central() -> None:
    hashes = {1: b"a" * 32, 2: b"b" * 32}
    assert contraste.comparar(2, hashes.get, {"ultima_secuencia": 2, "ultimo_hash": (b"b" * 32).hex()}) is None
    assert contraste.comparar(2, hashes.get, {"ultima_secuencia": 1, "ultimo_hash": (b"a" * 32).hex()}) is None
    assert contraste.comparar(2, hashes.get, {"ultima_secuencia": 0, "ultimo_hash": None}) is None
    assert contraste.comparar(2, hashes.get, {}) is None  # an older central: nothing to compare
    atras = contraste.comparar(2, hashes.get, {"ultima_secuencia": 5, "ultimo_hash": (b"e" * 32).hex()})
    assert atras is not None and "3 registros" in atras and "restaurar --ultimo" in atras
    bifurcado = contraste.comparar(2, hashes.get, {"ultima_secuencia": 2, "ultimo_hash": (b"x" * 32).hex()})
    assert bifurcado is not None and "eslabón 2" in bifurcado


def test_acuses_de_un_archivo_anterior_toman_el_hash_del_libro(tmp_path: Path) -> None:
    from jerez_pos import config
    from jerez_pos.ledger import identidad
    from jerez_pos.sync.libro import ARCHIVO, AlmacenLibro

    libro = nuevo_libro(tmp_path / "home")
    for minuto in (1, 2, 3):
        _cobrar(libro, minuto)
    ident = identidad.exigir_identidad(libro.terminal.bd)
    libro.terminal.bd.dispose()
    viejo = sqlite3.connect(tmp_path / "home" / ARCHIVO)  # the sync file as earlier versions wrote it
    viejo.execute("CREATE TABLE confirmado (outbox_id INTEGER PRIMARY KEY, secuencia INTEGER NOT NULL, "
                  "confirmado_en TEXT NOT NULL)")  # fmt: skip
    viejo.executemany("INSERT INTO confirmado VALUES (?, 0, '2026-01-01T00:00:00')", [(1,), (2,), (9,)])
    viejo.commit()
    viejo.close()
    almacen = AlmacenLibro(config.ruta_bd(tmp_path / "home"), ident, tmp_path / "home")
    try:
        assert almacen.reconciliar() == 1  # outbox 9 does not exist in this ledger
        assert [r.secuencia for r in almacen.pendientes(10)] == [3]
        assert almacen.reconciliar() == 0  # hashes filled in: nothing left to do
    finally:
        almacen.cerrar()
