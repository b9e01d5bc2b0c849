"""How the journal's fsync meets the commit: chosen by what each mode measured, the other one tried again now
and then; and the charge's driver-level statements run inside the caller's write transaction."""

from __future__ import annotations

from pathlib import Path

import pytest

from jerez_pos.ledger import diario
from jerez_pos.ledger.base import abrir, crudo


@pytest.fixture
def medias(monkeypatch: pytest.MonkeyPatch) -> dict[str, float | None]:
    propias: dict[str, float | None] = {diario.HILO: None, diario.EN_LINEA: None}
    monkeypatch.setattr(diario, "_media_modo", propias)
    monkeypatch.setattr(diario, "_transacciones", [0])
    return propias


def test_mide_los_dos_modos_antes_de_elegir(medias: dict[str, float | None]) -> None:
    assert diario._elegir_modo() == diario.EN_LINEA
    diario._medir_modo(diario.EN_LINEA, 0.004)
    assert diario._elegir_modo() == diario.HILO
    diario._medir_modo(diario.HILO, 0.002)
    assert medias == {diario.HILO: 0.002, diario.EN_LINEA: 0.004}


def test_usa_el_mas_barato_y_sondea_el_otro(medias: dict[str, float | None]) -> None:
    medias.update({diario.HILO: 0.0030, diario.EN_LINEA: 0.0005})
    elegidos = [diario._elegir_modo() for _ in range(diario.SONDEO * 2)]
    assert elegidos.count(diario.HILO) == 2 and elegidos.count(diario.EN_LINEA) == diario.SONDEO * 2 - 2
    for _ in range(10):  # the thread became cheaper (an idle CPU, a slow disk): the average follows
        diario._medir_modo(diario.HILO, 0.0001)
    diario._transacciones[0] = 0  # the next one is not a probe
    assert diario._elegir_modo() == diario.HILO


def test_cada_transaccion_mide_su_modo_y_espera_el_fsync(tmp_path: Path, medias: dict[str, float | None]) -> None:
    pendiente = diario.Pendiente(tmp_path)
    pendiente.anotar(diario.Linea("x", 1, None, None, "00", "00", "{}"))
    pendiente.lanzar()
    pendiente.esperar()
    assert medias[diario.EN_LINEA] is not None and medias[diario.HILO] is None
    assert (tmp_path / "respaldos" / diario.ARCHIVO).read_bytes().endswith(b"\n")


def test_crudo_corre_en_la_transaccion_del_llamador(tmp_path: Path) -> None:
    bd = abrir(tmp_path / "libro.sqlite3")
    with bd.begin() as conexion:
        crudo(conexion).execute("CREATE TABLE t (x INTEGER)")
    try:
        with bd.begin() as conexion:
            crudo(conexion).execute("INSERT INTO t VALUES (1)")
            raise RuntimeError("falla después de escribir")
    except RuntimeError:
        pass
    with bd.connect() as conexion:
        assert crudo(conexion).execute("SELECT count(*) FROM t").fetchone() == (0,)  # rolled back with it
        assert conexion.in_transaction()  # begun as SQLAlchemy's own execute would
    bd.dispose()
