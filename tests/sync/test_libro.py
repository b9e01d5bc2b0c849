"""The ledger as the sync client's store: batches read with set queries are the chain, link for link."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from jerez_pos import config
from jerez_pos.ledger import cadena, demo, identidad, usuarios
from jerez_pos.ledger.terminal import Terminal
from jerez_pos.sync import protocolo as p
from jerez_pos.sync.libro import AlmacenLibro, RegistroGuardado

MUESTRAS = Path(__file__).resolve().parents[1] / "ledger" / "muestras"


@pytest.fixture(scope="module")
def libro(tmp_path_factory):
    home = tmp_path_factory.mktemp("terminal")
    terminal = Terminal(home, respaldo_diario=False)
    cajero = demo.preparar(terminal)
    supervisor = usuarios.autenticar(terminal.bd, "demo-supervisor", demo.CONTRASENA)
    list(demo.emitir(terminal, cajero, 40, 11, supervisor))
    ident = identidad.exigir_identidad(terminal.bd)
    terminal.bd.dispose()
    almacen = AlmacenLibro(config.ruta_bd(home), ident, home)
    yield almacen, home, ident
    almacen.cerrar()


def _eslabones(home) -> dict[int, cadena.Eslabon]:
    conexion = sqlite3.connect(config.ruta_bd(home))
    conexion.row_factory = sqlite3.Row
    try:
        return {e.eslabon: e for e in [*cadena._recibos(conexion), *cadena._anulaciones(conexion)]}
    finally:
        conexion.close()


def test_todo_el_libro_en_un_lote_es_la_cadena(libro):
    almacen, home, ident = libro
    todos = almacen.pendientes(10_000)
    eslabones = _eslabones(home)
    assert [r.secuencia for r in todos] == sorted(eslabones) == list(range(1, len(eslabones) + 1))
    assert {r.tipo for r in todos} == {"recibo", "anulacion"}  # the demo voids some receipts
    previo = p.genesis(ident.serie, ident.llave_publica)
    for registro in todos:
        assert registro.hash_previo == previo
        assert hashlib.sha256(previo + registro.texto.encode()).digest() == registro.hash
        assert registro.documento == eslabones[registro.secuencia].documento
        assert registro.firma == eslabones[registro.secuencia].firma
        previo = registro.hash
    assert almacen.punta() == len(todos)


def test_el_registro_leido_envia_su_texto_y_lee_el_documento_solo_si_se_pide(libro):
    almacen, _, ident = libro
    registro = almacen.desde(3, 1)[0]
    assert isinstance(registro, RegistroGuardado) and "documento" not in registro.__dict__
    assert registro.a_json()["documento"] == registro.texto  # the upload never parses it
    assert "documento" not in registro.__dict__
    assert registro.documento == json.loads(registro.texto) and registro.documento["eslabon"] == 3
    assert registro.id == p.id_registro(ident.llave_publica, 3) and registro.ref > 0
    with pytest.raises(dataclasses.FrozenInstanceError):
        registro.hash = b"\x00" * 32  # type: ignore[misc]


@pytest.mark.parametrize(("desde", "cuantos"), [(1, 7), (5, 1), (13, 9), (40, 50)])
def test_desde_es_un_tramo_de_la_cadena(libro, desde, cuantos):
    almacen, _, _ = libro
    todos = almacen.pendientes(10_000)
    tramo = almacen.desde(desde, cuantos)
    esperado = todos[desde - 1 : desde - 1 + cuantos]
    assert [(r.id, r.secuencia, r.hash_previo, r.hash, r.ref, r.texto) for r in tramo] == [
        (r.id, r.secuencia, r.hash_previo, r.hash, r.ref, r.texto) for r in esperado
    ]


def test_lo_confirmado_deja_de_estar_pendiente(tmp_path):
    terminal = Terminal(tmp_path, respaldo_diario=False)
    list(demo.emitir(terminal, demo.preparar(terminal), 12, 3))
    ident = identidad.exigir_identidad(terminal.bd)
    terminal.bd.dispose()
    almacen = AlmacenLibro(config.ruta_bd(tmp_path), ident, tmp_path)
    try:
        primeros = almacen.pendientes(5)
        almacen.confirmar([r.ref for r in primeros])
        assert [r.secuencia for r in almacen.pendientes(100)] == list(range(6, 13))
        assert almacen.cuantos_pendientes() == 7
    finally:
        almacen.cerrar()


def test_id_registro_es_el_uuid5_de_llave_y_secuencia():
    import os
    import random
    import uuid

    azar = random.Random(5)
    for _ in range(2000):
        llave, secuencia = os.urandom(32), azar.randrange(1, 2**31)
        assert p.id_registro(llave, secuencia) == str(uuid.uuid5(p.ESPACIO_IDS, f"{llave.hex()}/{secuencia}"))


def test_el_cobro_guarda_el_texto_que_encadeno(libro):
    almacen, home, _ = libro
    eslabones = _eslabones(home)
    conexion = sqlite3.connect(config.ruta_bd(home))
    try:
        guardados = dict(conexion.execute("SELECT eslabon, documento FROM recibo").fetchall())
    finally:
        conexion.close()
    assert guardados and all(texto is not None for texto in guardados.values())
    for eslabon, texto in guardados.items():
        assert texto.encode() == p.canonico(eslabones[eslabon].documento)
    por_secuencia = {r.secuencia: r for r in almacen.pendientes(10_000)}
    assert all(por_secuencia[e].texto == texto for e, texto in guardados.items())


def _libro_de_muestra(tmp_path) -> tuple[AlmacenLibro, object]:
    home = tmp_path / "home"
    home.mkdir()
    shutil.copy(MUESTRAS / "esquema_0003.sqlite3", home / "jerez_pos.sqlite3")
    terminal = Terminal(home, respaldo_diario=False)  # migrates to head
    ident = identidad.exigir_identidad(terminal.bd)
    terminal.bd.dispose()
    return AlmacenLibro(config.ruta_bd(home), ident, home), home


def test_recibos_de_antes_del_texto_guardado_se_rehacen_de_sus_filas(tmp_path):
    almacen, home = _libro_de_muestra(tmp_path)
    try:
        conexion = sqlite3.connect(config.ruta_bd(home))
        assert conexion.execute("SELECT count(*) FROM recibo WHERE documento IS NULL").fetchone()[0] == 9
        conexion.close()
        eslabones = _eslabones(home)
        todos = almacen.pendientes(100)
        assert [r.secuencia for r in todos] == sorted(eslabones)
        for registro in todos:
            assert registro.documento == eslabones[registro.secuencia].documento
            assert hashlib.sha256(registro.hash_previo + registro.texto.encode()).digest() == registro.hash
    finally:
        almacen.cerrar()


def test_un_texto_guardado_que_no_es_el_encadenado_no_viaja(tmp_path):
    """The tables are append-only; a damaged file is simulated by lifting the trigger on a copy."""
    home = tmp_path / "home"
    home.mkdir()
    terminal = Terminal(home, respaldo_diario=False)
    list(demo.emitir(terminal, demo.preparar(terminal), 4, 9))
    ident = identidad.exigir_identidad(terminal.bd)
    terminal.bd.dispose()
    conexion = sqlite3.connect(config.ruta_bd(home))
    disparadores = [n for (n,) in conexion.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")]
    for nombre in disparadores:
        if nombre.startswith("recibo_sin_"):
            conexion.execute(f"DROP TRIGGER {nombre}")
    conexion.execute('UPDATE recibo SET documento = \'{"tipo":"recibo","total_centavos":1}\' WHERE eslabon = 2')
    conexion.commit()
    conexion.close()
    conexion = sqlite3.connect(config.ruta_bd(home))
    conexion.row_factory = sqlite3.Row
    fallas = cadena.revisar(conexion, ident).fallas
    conexion.close()
    assert len(fallas) == 1 and "texto guardado" in fallas[0] and "eslabón 2" in fallas[0]
    almacen = AlmacenLibro(config.ruta_bd(home), ident, home)
    try:
        eslabones = _eslabones(home)
        for registro in almacen.pendientes(10):
            assert registro.documento == eslabones[registro.secuencia].documento
            assert hashlib.sha256(registro.hash_previo + registro.texto.encode()).digest() == registro.hash
    finally:
        almacen.cerrar()
