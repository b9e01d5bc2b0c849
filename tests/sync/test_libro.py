"""The ledger as the sync client's store: batches read with set queries are the chain, link for link."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from jerez_pos import config
from jerez_pos.ledger import cadena, demo, identidad, usuarios
from jerez_pos.ledger.terminal import Terminal
from jerez_pos.sync import protocolo as p
from jerez_pos.sync.libro import AlmacenLibro


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
