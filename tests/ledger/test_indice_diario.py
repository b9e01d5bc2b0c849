"""The process's journal index gives the account checks exactly what a full read of the journal gives, after
appends, a cut file, a file put in its place and a file rewritten in place, and checks each line's
signature once."""

from __future__ import annotations

import os
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from jerez_pos.ledger import diario, indice_diario, verificacion_cuentas
from tests.cli.test_cuentas_cli import ADMIN, PREDIAL, correr

_DE_BYTES = diario.de_bytes  # the oracle's own reader: the tests count the calls of the patched one


def _leido_entero(ruta: Path, publica: Ed25519PublicKey) -> dict[tuple[str, int], dict[str, Any]]:
    """The rule written plainly, reading the whole file: the oracle the index must agree with."""
    fuera: set[str] = set()
    candidatas: list[diario.Linea] = []
    lineas = ruta.read_bytes().split(b"\n")[1:-1]  # identity line first; the last piece is b"" or a torn line
    for crudo in (x + b"\n" for x in lineas):
        linea = _DE_BYTES(crudo, publica)
        if linea is None:
            continue
        if linea.tipo == "descarte":
            fuera.add(linea.documento()["hash"])
        elif linea.tipo in verificacion_cuentas.TABLAS and linea.id is not None:
            candidatas.append(linea)
    return {(x.tipo, x.id): x.documento()["fila"] for x in candidatas if x.hash not in fuera and x.id is not None}


@pytest.fixture(scope="module")
def diario_con_cuentas(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Ed25519PublicKey]:
    home = tmp_path_factory.mktemp("indice") / "home"
    assert correr(home, "demo", "--recibos", "2", "--semilla", "3").returncode == 0
    (home.parent / "predial.csv").write_text(PREDIAL, encoding="utf-8")
    assert correr(home, "padron", "predial", "importar", str(home.parent / "predial.csv"), **ADMIN).returncode == 0
    (home.parent / "inpc.csv").write_text("anio,mes,indice\n2024,1,100\n2025,1,105\n", encoding="utf-8")
    assert correr(home, "inpc", "importar", str(home.parent / "inpc.csv"), **ADMIN).returncode == 0
    with closing(sqlite3.connect(home / "jerez_pos.sqlite3")) as conexion:
        (llave,) = conexion.execute("SELECT llave_publica FROM terminal").fetchone()
    return diario.primario(home), Ed25519PublicKey.from_public_bytes(bytes(llave))


def _lineas(ruta: Path) -> list[bytes]:
    return ruta.read_bytes().splitlines(keepends=True)


def test_el_indice_sigue_al_archivo_como_una_lectura_completa(diario_con_cuentas, tmp_path, monkeypatch):
    original, publica = diario_con_cuentas
    lineas = _lineas(original)
    de_cuentas = [
        i for i, x in enumerate(lineas) if any(m in x for m in (b'"tipo":"inpc"', b'"tipo":"cuenta_registro"'))
    ]
    assert len(de_cuentas) >= 4, "el diario de prueba debe traer padrón e INPC"
    ruta = tmp_path / "diario.jsonl"
    verificadas: list[bytes] = []
    real = diario.de_bytes
    monkeypatch.setattr(diario, "de_bytes", lambda crudo, llave: verificadas.append(crudo) or real(crudo, llave))

    def igual() -> dict[tuple[str, int], dict[str, Any]]:
        obtenido = verificacion_cuentas.del_diario(ruta, publica)
        assert obtenido == _leido_entero(ruta, publica)
        return obtenido

    # Grows a line at a time, with a torn last line on the way: each signature is checked once.
    corte = de_cuentas[1]
    ruta.write_bytes(b"".join(lineas[:corte]) + lineas[corte][:40])
    igual()
    with ruta.open("ab") as archivo:
        archivo.write(lineas[corte][40:] + b"".join(lineas[corte + 1 :]))
    verificadas.clear()
    antes = igual()
    assert len(antes) == len(de_cuentas)
    igual()
    assert sorted(verificadas) == sorted(lineas[i] for i in de_cuentas if i >= corte)

    # Rewritten in place, same size, last bytes unchanged: one line's signature changed. What that line
    # signed is already known and stays the reference (the row it vouched for is still compared with it);
    # a full read, as after a restart, finds the line broken and the row unvouched. Both refuse a changed row.
    dañada = de_cuentas[0]
    nueva = bytearray(lineas[dañada])
    posicion = nueva.index(b'"firma":"') + 9
    nueva[posicion] = ord("a") if nueva[posicion] != ord("a") else ord("b")
    contenido = b"".join([*lineas[:dañada], bytes(nueva), *lineas[dañada + 1 :]])
    assert len(contenido) == ruta.stat().st_size
    with ruta.open("r+b") as archivo:
        archivo.write(contenido)
    assert verificacion_cuentas.del_diario(ruta, publica) == antes
    assert len(_leido_entero(ruta, publica)) == len(antes) - 1
    # The last bytes changed too: noticed, read again from the start.
    with ruta.open("r+b") as archivo:
        archivo.seek(-3, os.SEEK_END)
        archivo.write(b"zz\n")
    assert len(igual()) < len(de_cuentas)

    # Cut short, then a different file put in its place.
    ruta.write_bytes(b"".join(lineas[: de_cuentas[0]]))
    assert igual() == {}
    otra = tmp_path / "otra.jsonl"
    shutil.copyfile(original, otra)
    os.replace(otra, ruta)
    assert len(igual()) == len(de_cuentas)


def test_un_filtro_verifica_solo_las_lineas_que_pasan(diario_con_cuentas, monkeypatch):
    ruta, publica = diario_con_cuentas
    indice_diario.olvidar()
    verificadas: list[bytes] = []
    real = diario.de_bytes
    monkeypatch.setattr(diario, "de_bytes", lambda crudo, llave: verificadas.append(crudo) or real(crudo, llave))
    filas = verificacion_cuentas.del_diario(ruta, publica, lambda crudo: b'"tipo":"inpc"' in crudo)
    assert {t for t, _ in filas} == {"inpc"} and len(filas) == 2
    assert all(b'"tipo":"inpc"' in x or b'"tipo":"descarte"' in x for x in verificadas)
    todas = verificacion_cuentas.del_diario(ruta, publica)
    assert todas == _leido_entero(ruta, publica) and len(todas) > len(filas)
