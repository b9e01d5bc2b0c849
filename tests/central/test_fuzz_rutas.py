"""Every route of the central fuzzed in-process (SQLite, and a smaller run on PostgreSQL): no 5xx, no
traceback, Spanish JSON ``error`` on every refusal, nothing written by a refused request."""

from __future__ import annotations

import pytest

from tests.central.fuzz_rutas import Objetivo, fuzz


def test_fuzz_de_todas_las_rutas_en_sqlite(tmp_path):
    fuzz(Objetivo.crear(f"sqlite:///{tmp_path / 'central.sqlite3'}"), 100)


def test_fuzz_de_todas_las_rutas_en_postgresql(url_pg):
    objetivo = Objetivo.crear(url_pg)
    try:
        fuzz(objetivo, 15)
    finally:
        objetivo.motor.dispose()


@pytest.mark.parametrize(("profundidad", "estado"), [(17, 422), (1_000, 422), (100_000, 413)])
def test_json_profundo_en_inscripcion_es_4xx(tmp_path, profundidad, estado):
    objetivo = Objetivo.crear(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    for ruta in ("/v1/inscripcion", "/v1/inscripcion/consulta"):
        cuerpo = b'{"codigo":' + b"[" * profundidad + b"]" * profundidad + b"}"
        respuesta = objetivo.cliente.post(ruta, content=cuerpo, headers={"Content-Type": "application/json"})
        assert respuesta.status_code == estado, respuesta.text[:200]
        if estado == 422:
            assert "anida más de 16 niveles" in respuesta.json()["error"]
