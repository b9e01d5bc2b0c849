"""The taxpayer-account tables attacked the way issue 11 attacks the ledger, through real ``jerez-pos``
processes on a real data home: SQL behind the program's back, dropped triggers, a destroyed database, a
full disk. Paid years must stay paid, owed years owed, and no year can be charged twice."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from jerez_pos.core.texto import cantidad
from tests.cli.test_cuentas_cli import ADMIN, CAJERO, PREDIAL, SUPERVISOR, correr
from tests.cli.test_disco import contenido, desmontar, llenar, montar

TABLAS = ("recibo_cuenta", "cuenta_registro", "inpc")


def _una_linea(r: subprocess.CompletedProcess[str], texto: str) -> None:
    lineas = r.stderr.strip().splitlines()
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert len(lineas) == 1 and texto in lineas[0] and "Traceback" not in r.stderr, r.stderr


def _sql(home: Path, sql: str) -> None:
    """Behind the program's back; closed at once (an open handle would delete the WAL under a later copy)."""
    with closing(sqlite3.connect(home / "jerez_pos.sqlite3")) as c, c:
        c.execute(sql)


def _filas(home: Path) -> dict[str, list[tuple[object, ...]]]:
    with closing(sqlite3.connect(home / "jerez_pos.sqlite3")) as c:
        return {t: c.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in TABLAS}


def _debe(home: Path, cuenta: str) -> list[int]:
    r = correr(home, "adeudo", "predial", cuenta, "--json")
    assert r.returncode == 0, r.stderr
    return [a["ejercicio"] for a in json.loads(r.stdout)["anios"]]


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Roll and INPC imported, P-2 paid in full and voided, P-1's 2024 paid (the voided one owes again)."""
    home = tmp_path_factory.mktemp("ataques") / "home"
    assert correr(home, "demo", "--recibos", "1", "--semilla", "5").returncode == 0
    assert correr(home, "respaldar", **ADMIN).returncode == 0  # the backup knows nothing of accounts
    (home.parent / "predial.csv").write_text(PREDIAL, encoding="utf-8")
    assert correr(home, "padron", "predial", "importar", str(home.parent / "predial.csv"), **ADMIN).returncode == 0
    (home.parent / "inpc.csv").write_text("anio,mes,indice\n2024,1,100\n2025,1,105\n", encoding="utf-8")
    assert correr(home, "inpc", "importar", str(home.parent / "inpc.csv"), **ADMIN).returncode == 0
    anulado = correr(home, "cobrar-adeudo", "predial", "P-2", "--pago", "efectivo=99999", "--json", **CAJERO)
    assert anulado.returncode == 0, anulado.stderr
    folio = json.loads(anulado.stdout)["folio"]
    assert correr(home, "anular", folio, "--motivo", "cobro equivocado", **SUPERVISOR).returncode == 0
    pagado = correr(home, "cobrar-adeudo", "predial", "P-1", "--pago", "efectivo=99999", "--anios", "2024", **CAJERO)
    assert pagado.returncode == 0, pagado.stderr
    return home


@pytest.fixture
def copia(home: Path, tmp_path: Path) -> Path:
    destino = tmp_path / "home"
    shutil.copytree(home, destino)
    return destino


def test_update_y_delete_rechazados_por_disparador(home: Path) -> None:
    for sql in (
        "UPDATE recibo_cuenta SET ejercicio = 1999",  # a paid year owed again
        "DELETE FROM recibo_cuenta",
        "UPDATE cuenta_registro SET datos = replace(datos, '200', '2')",  # fewer m² without history
        "DELETE FROM cuenta_registro",
        "UPDATE inpc SET indice = '1'",  # another actualización
        "DELETE FROM inpc",
    ):
        with pytest.raises(sqlite3.IntegrityError, match="solo anexar"):
            _sql(home, sql)


def test_disparadores_borrados_se_reportan_y_no_se_cobra(copia: Path) -> None:
    for tabla in TABLAS:
        _sql(copia, f"DROP TRIGGER {tabla}_sin_delete")
    verificado = correr(copia, "verificar", "--json")
    faltan = json.loads(verificado.stdout)["disparadores"]["faltantes"]
    assert verificado.returncode != 0 and {f"{t}_sin_delete" for t in TABLAS} <= set(faltan)
    r = correr(copia, "cobrar-adeudo", "predial", "P-2", "--pago", "efectivo=99999", **CAJERO)
    _una_linea(r, "disparadores")


def test_vinculo_insertado_a_mano_no_paga_un_año(copia: Path) -> None:
    """The triggers let an INSERT through: P-2's 2023 "paid" by P-1's receipt."""
    assert _debe(copia, "P-2")[0] == 2023
    _sql(
        copia,
        (
            "INSERT INTO recibo_cuenta (recibo_id, linea, padron, cuenta, ejercicio) "
            "SELECT recibo_id, linea, padron, 'P-2', 2023 FROM recibo_cuenta WHERE cuenta = 'P-1'"
        ),
    )
    _una_linea(correr(copia, "adeudo", "predial", "P-2"), "alterado")
    _una_linea(correr(copia, "cobrar-adeudo", "predial", "P-2", "--pago", "efectivo=99999", **CAJERO), "alterado")
    verificado = correr(copia, "verificar", "--json")
    datos = json.loads(verificado.stdout)
    assert verificado.returncode != 0 and datos["cuentas"]["estado"] == "alterado"
    assert "cuenta P-2" in datos["cuentas"]["detalle"] and "cuenta P-2" in datos["detalle"]
    assert _debe(copia, "P-1")[0] == 2025  # the honest account is still priced


def test_verificar_cuenta_los_vinculos_honestos(home: Path) -> None:
    datos = json.loads(correr(home, "verificar", "--json").stdout)
    filas = _filas(home)
    vinculos, registros = len(filas["recibo_cuenta"]), len(filas["cuenta_registro"]) + len(filas["inpc"])
    assert datos["cuentas"] == {
        "estado": "ok",
        "vinculos": vinculos,
        "registros": registros,
        "detalle": f"{cantidad(vinculos, 'vínculo')} recibo ↔ ejercicio y "
        f"{cantidad(registros, 'renglón', 'renglones')} de padrón e INPC verificados",
    }


@pytest.mark.parametrize(
    ("sql", "cuenta", "nombre"),
    [
        (  # a newer version of P-1 with 2 m² instead of 200: no UPDATE needed, the newest row wins
            "INSERT INTO cuenta_registro (padron, cuenta, titular, titular_clave, domicilio, datos, pagado_hasta, "
            "registrado_en, usuario, archivo) SELECT padron, cuenta, titular, titular_clave, domicilio, "
            "replace(datos, '\"200\"', '\"2\"'), pagado_hasta, registrado_en, usuario, archivo "
            "FROM cuenta_registro WHERE cuenta = 'P-1'",
            "P-1",
            "cuenta P-1 de predial",
        ),
        (  # a newer INPC for a month: another actualización for every account
            "INSERT INTO inpc (anio, mes, indice, fuente, registrado_en) VALUES (2025, 1, '1', 'x', '2025-02-01')",
            "P-2",
            "INPC 2025-01",
        ),
    ],
)
def test_renglon_insertado_a_mano_en_padron_o_inpc(copia: Path, sql: str, cuenta: str, nombre: str) -> None:
    _sql(copia, sql)
    _una_linea(correr(copia, "adeudo", "predial", cuenta), "alterado")
    r = correr(copia, "cobrar-adeudo", "predial", cuenta, "--pago", "efectivo=99999", **CAJERO)
    _una_linea(r, nombre)
    verificado = correr(copia, "verificar", "--json")
    datos = json.loads(verificado.stdout)
    assert verificado.returncode != 0 and datos["cuentas"]["estado"] == "alterado"
    assert nombre in datos["cuentas"]["detalle"] and "no está en el diario firmado" in datos["detalle"]


def test_restaurar_ultimo_recupera_vinculos_padron_e_inpc(copia: Path) -> None:
    antes, debe_p1, debe_p2 = _filas(copia), _debe(copia, "P-1"), _debe(copia, "P-2")
    assert debe_p2[0] == 2023 and debe_p1[0] == 2025  # voided: owed again; paid: gone from the list
    for sufijo in ("", "-wal", "-shm"):
        Path(f"{copia / 'jerez_pos.sqlite3'}{sufijo}").unlink(missing_ok=True)
    r = correr(copia, "restaurar", "--ultimo", **ADMIN)
    assert r.returncode == 0, r.stderr
    assert _filas(copia) == antes
    assert _debe(copia, "P-1") == debe_p1 and _debe(copia, "P-2") == debe_p2
    otra = correr(copia, "cobrar-adeudo", "predial", "P-1", "--pago", "efectivo=99999", "--anios", "2024", **CAJERO)
    _una_linea(otra, "nada que cobrar")
    assert json.loads(correr(copia, "verificar", "--json").stdout)["cuentas"]["estado"] == "ok"


@pytest.fixture
def lleno(tmp_path: Path) -> Iterator[Path]:
    punto = tmp_path / "usb"
    montar(punto, "256k")
    try:
        llenar(punto)
        yield punto
    finally:
        desmontar(punto)


def test_exportar_en_disco_lleno_no_deja_medio_padron(home: Path, lleno: Path) -> None:
    r = correr(home, "padron", "predial", "exportar", str(lleno / "predial.csv"), **ADMIN)
    _una_linea(r, "disco lleno en")
    assert contenido(lleno) == {"relleno"}
