"""The nesting bound: the level-by-level walk agrees with a plain recursive depth on any JSON value, deep
bodies and deep records are refused with 422 naming the field, and migration c0003 gives codes already
pending the default 72-hour term."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import orjson
import pytest
import sqlalchemy as sa
from alembic import command
from hypothesis import given
from hypothesis import strategies as st

from jerez_pos.central import bd, validacion
from jerez_pos.central import modelos as m
from jerez_pos.central.validacion import ErrorHttp
from tests.sync.fabrica import Fabrica

VALOR = st.recursive(
    st.none() | st.integers() | st.text(max_size=3),
    lambda hijos: st.lists(hijos, max_size=3) | st.dictionaries(st.text(max_size=3), hijos, max_size=3),
    max_leaves=40,
)


def _profundidad(valor: Any) -> int:
    if isinstance(valor, dict):
        return 1 + max((_profundidad(v) for v in valor.values()), default=0)
    if isinstance(valor, list):
        return 1 + max((_profundidad(v) for v in valor), default=0)
    return 0


@given(VALOR, st.integers(1, 8))
def test_recorrido_por_niveles_igual_a_la_profundidad_recursiva(valor, maximo):
    assert validacion.profundidad_excedida(valor, maximo) == (_profundidad(valor) > maximo)


def _anidado(n: int) -> Any:
    valor: Any = "x"
    for i in range(n):
        valor = [valor] if i % 2 else {"a": valor}
    return valor


@pytest.mark.parametrize(("niveles", "rechazado"), [(16, False), (17, True), (1023, True), (5000, True)])
def test_leer_json_acota_la_profundidad(niveles, rechazado):
    texto = json.dumps(_anidado(niveles)) if niveles < 900 else "[" * niveles + "]" * niveles
    if not rechazado:
        assert validacion.leer_json(texto.encode()) is not None
        return
    with pytest.raises(ErrorHttp) as error:
        validacion.leer_json(texto.encode())
    assert error.value.estado == 422 and "anida más de 16" in error.value.mensaje


def test_lote_con_registro_o_documento_profundo_es_422_con_su_campo():
    fabrica = Fabrica("JRZ1")
    registro = fabrica.recibo(dt.datetime(2024, 6, 1, 10, 0)).a_json()
    extra = {**registro, "extra": _anidado(20)}
    with pytest.raises(ErrorHttp, match="anida más de 16"):
        validacion.lote(orjson.dumps({"punta": 1, "registros": [extra]}), "JRZ1")
    documento = json.loads(registro["documento"])
    documento["contribuyente"] = _anidado(70)
    profundo = {**registro, "documento": json.dumps(documento)}
    with pytest.raises(ErrorHttp) as error:
        validacion.lote(orjson.dumps({"punta": 1, "registros": [profundo]}), "JRZ1")
    assert error.value.campo == "registros[0].documento"
    assert validacion.lote(orjson.dumps({"punta": 1, "registros": [registro]}), "JRZ1")[0] == 1


def test_sobre_con_llave_de_mas_profunda_o_cuerpo_que_no_es_objeto_es_422():
    """The walk is skipped only for an envelope of exactly its two keys whose records all pass the fast
    check; a third key that nests, or a body that is not an object at all, still gets its 422."""
    registro = Fabrica("JRZ1").recibo(dt.datetime(2024, 6, 1, 10, 0)).a_json()
    profundo = {"punta": 1, "registros": [registro], "otro": _anidado(20)}
    with pytest.raises(ErrorHttp, match="anida más de 16"):
        validacion.lote(orjson.dumps(profundo), "JRZ1")
    plano = {"punta": 1, "registros": [registro], "otro": 1}
    assert validacion.lote(orjson.dumps(plano), "JRZ1")[1][0].secuencia == 1
    for cuerpo in (b"7", b"[]", b'"x"', b"null", b'{"registros": 5}', b'{"registros": [], "punta": 0}'):
        with pytest.raises(ErrorHttp) as error:
            validacion.lote(cuerpo, "JRZ1")
        assert error.value.estado == 422, cuerpo


def test_migracion_c0003_da_vigencia_a_los_codigos_pendientes(tmp_path):
    motor = bd.abrir(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    config = bd._config()
    with motor.begin() as conexion:
        config.attributes["conexion"] = conexion
        command.upgrade(config, "c0002")
    with motor.begin() as conexion:
        for serie, estado in (("ERMI1", "pendiente"), ("HARO2", "activa")):
            conexion.execute(
                sa.text(
                    "INSERT INTO terminal (serie, delegacion, codigo_hash, estado, creada_en) "
                    "VALUES (:s, 'D', :h, :e, '2024-06-01T12:00:00Z')"
                ),
                {"s": serie, "h": serie * 8, "e": estado},
            )
    bd.migrar(motor)
    with motor.connect() as conexion:
        filas = dict(conexion.execute(sa.select(m.terminal.c.serie, m.terminal.c.codigo_vence)).all())
        assert conexion.execute(sa.select(sa.func.count()).select_from(m.token_central)).scalar_one() == 0
    assert filas == {"ERMI1": "2024-06-04T12:00:00Z", "HARO2": None}
