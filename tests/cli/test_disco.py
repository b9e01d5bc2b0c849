"""A full or read-only disk, for real: a tiny tmpfs mounted inside the test (the suite runs as root).

Every case answers exit 2 with one Spanish line naming the place, and leaves nothing half written behind.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.test_entradas import correr

CAJERO = {"JEREZ_POS_USUARIO": "demo-cajero", "JEREZ_POS_CONTRASENA": "demo"}
SUPERVISOR = {"JEREZ_POS_USUARIO": "demo-supervisor", "JEREZ_POS_CONTRASENA": "demo"}


def montar(punto: Path, tamano: str, *opciones: str) -> None:
    punto.mkdir(parents=True, exist_ok=True)
    r = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", ",".join((f"size={tamano}", *opciones)), "tmpfs", str(punto)],
        capture_output=True,
        text=True,
    )
    # No silent skip: these checks are the only proof that a full disk is handled.
    assert r.returncode == 0, f"no se pudo montar tmpfs (se necesita root): {r.stderr}"


def desmontar(punto: Path) -> None:
    subprocess.run(["umount", "-l", str(punto)], check=False)


def llenar(punto: Path) -> None:
    """Fill the filesystem to the last byte with one file (unbuffered writes, big then small)."""
    descriptor = os.open(punto / "relleno", os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        for bloque in (65536, 4096, 1):
            try:
                while True:
                    os.write(descriptor, b"\0" * bloque)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
    finally:
        os.close(descriptor)


def contenido(punto: Path) -> set[str]:
    return {str(r.relative_to(punto)) for r in punto.rglob("*")}


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("disco") / "home"
    r = correr(home, "demo", "--recibos", "2", "--semilla", "3")
    assert r.returncode == 0, r.stderr
    return home


@pytest.fixture
def lleno(tmp_path: Path) -> Iterator[Path]:
    punto = tmp_path / "usb"
    montar(punto, "256k")
    try:
        llenar(punto)
        yield punto
    finally:
        desmontar(punto)


@pytest.fixture
def solo_lectura(tmp_path: Path) -> Iterator[Path]:
    punto = tmp_path / "protegida"
    montar(punto, "64k", "ro")
    try:
        yield punto
    finally:
        desmontar(punto)


def rechazo(r: subprocess.CompletedProcess[str], texto: str) -> None:
    lineas = r.stderr.strip().splitlines()
    assert r.returncode == 2, r.stderr
    assert len(lineas) == 1 and texto in lineas[0] and "Traceback" not in r.stderr, r.stderr


def test_respaldo_en_disco_lleno(home: Path, lleno: Path) -> None:
    r = correr(home, "respaldar", "--destino", str(lleno / "respaldos" / "hoy"), **CAJERO)
    rechazo(r, "disco lleno en")
    assert contenido(lleno) == {"relleno"}  # neither the partial copy nor the folders it created


def test_respaldo_en_lugar_de_solo_lectura(home: Path, solo_lectura: Path) -> None:
    rechazo(correr(home, "respaldar", "--destino", str(solo_lectura / "x"), **CAJERO), "no se puede escribir en")
    rechazo(correr(home, "respaldar", "--destino", "/proc/1/no-se-puede", **CAJERO), "no se puede escribir en")


def test_pdf_en_disco_lleno_no_deja_medio_archivo(home: Path, lleno: Path) -> None:
    r = correr(home, "reporte", "dia", "--pdf", str(lleno / "reporte.pdf"), **SUPERVISOR)
    rechazo(r, "disco lleno en")
    assert contenido(lleno) == {"relleno"}


def test_base_en_disco_lleno_no_registra_el_cobro(home: Path, tmp_path: Path) -> None:
    punto = tmp_path / "datos"
    montar(punto, "32m")
    try:
        copia = punto / "home"
        shutil.copytree(home, copia)
        antes = json.loads(correr(copia, "verificar", "--json").stdout)["recibos"]
        llenar(punto)
        r = correr(copia, "cobrar", "A85-II", "--pago", "efectivo=200", **CAJERO)
        rechazo(r, "disco lleno")
        (punto / "relleno").unlink()
        despues = correr(copia, "verificar", "--json")
        assert despues.returncode == 0, despues.stderr
        assert json.loads(despues.stdout)["recibos"] == antes
    finally:
        desmontar(punto)


def test_carpeta_de_datos_imposible(tmp_path: Path, solo_lectura: Path) -> None:
    rechazo(correr(solo_lectura / "home", "cotizar", "A85-II"), "no se puede escribir en")


def test_ticket_a_archivo_en_disco_lleno(home: Path, lleno: Path) -> None:
    admin = {"JEREZ_POS_USUARIO": "demo-admin", "JEREZ_POS_CONTRASENA": "demo"}
    destino = f"archivo:{lleno / 'ticket.bin'}"
    assert correr(home, "impresora", "configurar", "--impresora", destino, **admin).returncode == 0
    r = correr(home, "imprimir", "DEMO-1", "--copia", **CAJERO)
    # the copy is recorded and its print stays pending (exit 3, the printing contract); nothing half written
    assert r.returncode == 3 and "disco lleno en" in r.stderr and "pendiente" in r.stderr, r.stderr
    assert contenido(lleno) == {"relleno"}


def test_primera_ejecucion_en_disco_lleno_y_despues_con_espacio(tmp_path: Path) -> None:
    punto = tmp_path / "nueva"
    montar(punto, "8m")
    try:
        with (punto / "relleno").open("wb") as f:  # leave ~600 KB: less than a home needs
            f.write(b"\0" * (8 * 1024 * 1024 - 600 * 1024))
        rechazo(correr(punto / "home", "cotizar", "A85-II", "--fecha", "2024-06-01"), "disco lleno en")
        assert contenido(punto) == {"relleno"}  # no half-made ledger (nor its folder) taken for one next time
        (punto / "relleno").unlink()
        r = correr(punto / "home", "cotizar", "A85-II", "--fecha", "2024-06-01")
        assert r.returncode == 0 and "Total: $115.12" in r.stdout, r.stderr  # the set-up finishes once there is room
    finally:
        desmontar(punto)


def test_respaldo_no_deja_archivos_acompanantes(home: Path, tmp_path: Path) -> None:
    r = correr(home, "respaldar", "--destino", str(tmp_path / "usb"), **CAJERO)
    assert r.returncode == 0, r.stderr
    nombres = [p.name for p in (tmp_path / "usb").iterdir()]
    assert len(nombres) == 1 and nombres[0].endswith(".sqlite3"), nombres  # no .parcial-wal / .parcial-shm


def test_borrador_de_catalogo_en_disco_lleno_no_deja_medio_catalogo(home: Path, lleno: Path) -> None:
    """It printed «no se pudo escribir en … (None)» and left a half-copied catalog folder behind."""
    ley = Path(__file__).parents[2] / "db" / "tarifas" / "jerez-2024" / "fuente" / "ley.txt"
    argv = ["catalogo", "borrador", "--ley", str(ley), "--base", "jerez-2024", "--ejercicio", "2025"]
    rechazo(correr(home, *argv, "--salida", str(lleno / "nueva" / "2025")), "disco lleno en")
    assert contenido(lleno) == {"relleno"}  # neither the draft nor the folder above it
    (lleno / "vacia").mkdir()
    rechazo(correr(home, *argv, "--salida", str(lleno / "vacia")), "disco lleno en")
    assert contenido(lleno) == {"relleno", "vacia"}  # the empty folder given stays, and stays empty
    rechazo(correr(home, *argv, "--salida", "/proc/no-se-puede/2025"), "no se puede escribir en")
