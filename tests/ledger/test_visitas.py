"""Marks on the route (0016): absent / closed per stall and day, append-only, audited, undone by a new row."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from apoyo import Libro
from test_padron import CSV, _archivo

from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.ledger import disparadores, padron, visitas
from jerez_pos.ledger.comun import EstadoInvalido, SinPermiso


@pytest.fixture
def con_padron(libro: Libro, tmp_path: Path) -> Libro:
    padron.importar(libro.terminal, libro.admin, _archivo(tmp_path, CSV))
    return libro


def test_marcar_deshacer_y_auditar(con_padron: Libro) -> None:
    libro = con_padron
    bd = libro.terminal.bd
    hoy = dt.date.today()
    assert visitas.marcar(bd, libro.inspector, "t1-001", "ausente") == "T1-001"
    visitas.marcar(bd, libro.inspector, "T1-002", "cerrado")
    assert visitas.del_dia(bd, hoy) == {"T1-001": "ausente", "T1-002": "cerrado"}
    visitas.marcar(bd, libro.supervisor, "T1-001", "pendiente")  # a mistake undone: a new row, nothing edited
    assert visitas.del_dia(bd, hoy) == {"T1-002": "cerrado"}
    assert visitas.del_dia(bd, hoy - dt.timedelta(days=1)) == {}
    with bd.connect() as c:
        filas = c.exec_driver_sql("SELECT puesto, estado FROM visita_puesto ORDER BY id").fetchall()
        auditados = c.exec_driver_sql("SELECT count(*) FROM auditoria WHERE accion = 'marca de puesto'").scalar()
    assert [tuple(f) for f in filas] == [("T1-001", "ausente"), ("T1-002", "cerrado"), ("T1-001", "pendiente")]
    assert auditados == 3


def test_rechazos(con_padron: Libro) -> None:
    libro = con_padron
    bd = libro.terminal.bd
    with pytest.raises(SinPermiso):
        visitas.marcar(bd, libro.cajero, "T1-001", "ausente")
    with pytest.raises(ErrorEntrada, match="ausente, cerrado o pendiente"):
        visitas.marcar(bd, libro.inspector, "T1-001", "vacío")
    with pytest.raises(ErrorEntrada, match="no existe el puesto"):
        visitas.marcar(bd, libro.inspector, "X-999", "ausente")
    emitido = padron.cobrar_puesto(libro.terminal, libro.inspector, "T1-003")
    with pytest.raises(EstadoInvalido, match=emitido.folio):
        visitas.marcar(bd, libro.inspector, "T1-003", "cerrado")


def test_solo_anexar(con_padron: Libro) -> None:
    libro = con_padron
    visitas.marcar(libro.terminal.bd, libro.inspector, "T1-001", "ausente")
    assert "visita_puesto_sin_update" in disparadores.requeridos()
    conexion = sqlite3.connect(libro.terminal.directorio / "jerez_pos.sqlite3")
    try:
        for sentencia in ("UPDATE visita_puesto SET estado = 'pendiente'", "DELETE FROM visita_puesto"):
            with pytest.raises(sqlite3.IntegrityError, match="solo anexar"):
                conexion.execute(sentencia)
        assert disparadores.faltantes(conexion) == []
    finally:
        conexion.close()
