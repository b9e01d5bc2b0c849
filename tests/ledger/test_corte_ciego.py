"""Blind, locked corte: every count is recorded and immutable, the expected cash stays hidden until a count
exists, and a variance on any count of the shift needs a supervisor to close."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from decimal import Decimal

import pytest
from apoyo import Libro, Reloj, cifras

from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.ledger import corte, recibos
from jerez_pos.ledger.comun import EstadoInvalido
from jerez_pos.ledger.lectura import ruta_de
from jerez_pos.ledger.pagos import Pago

ACTA = ("A85-II", {})  # 124.38, cash pays 124.00
CUADRA = {Decimal("500"): 1, Decimal("100"): 1, Decimal("20"): 1, Decimal("2"): 2}  # 624.00
FALTA_4 = {Decimal("500"): 1, Decimal("100"): 1, Decimal("20"): 1}  # 620.00


def _cobrar(libro: Libro) -> None:
    recibos.cobrar(libro.terminal, libro.cajero, [ACTA], [Pago("efectivo", Decimal("124"))])


def _arqueos(libro: Libro) -> list[tuple[int, int, int, str]]:
    with sqlite3.connect(ruta_de(libro.terminal.bd)) as c:
        filas = c.execute("SELECT n, contado_centavos, diferencia_centavos, registrado_en FROM arqueo ORDER BY n")
        return [tuple(f) for f in filas]


def test_esperado_oculto_antes_de_contar(libro: Libro) -> None:
    _cobrar(libro)
    esperado = cifras(libro.terminal, "ana").esperado
    assert esperado == 62400
    ciego = corte.preliminar(libro.terminal.bd, libro.cajero)
    datos = ciego.a_dict()
    assert ciego.ciego and datos["ciego"] is True
    assert datos["esperado"] is None and datos["diferencia"] is None and datos["efectivo_recibido"] is None
    assert datos["por_forma"] == {} and datos["por_rubro"] == {} and datos["conteos"] == []
    assert datos["fondo"] == "500.00" and datos["recibos"] == 1
    # nothing in the blind form tells the expected cash, in any spelling
    texto = json.dumps(datos)
    assert "624" not in texto and "124" not in texto
    contado = corte.contar(libro.terminal.bd, libro.cajero, FALTA_4)
    assert contado.esperado == 62400 and contado.diferencia == -400
    revelado = corte.preliminar(libro.terminal.bd, libro.cajero).a_dict()
    assert revelado["esperado"] == "624.00" and revelado["ciego"] is False
    assert set(revelado) == set(datos)  # same keys either way: callers of --json read one shape
    assert [c["diferencia"] for c in revelado["conteos"]] == ["-4.00"]


def test_faltante_y_reconteo_que_cuadra_sigue_requiriendo_supervisor(libro: Libro) -> None:
    _cobrar(libro)
    reloj = Reloj(dt.datetime(2026, 5, 1, 18, 0))
    primero = corte.contar(libro.terminal.bd, libro.cajero, FALTA_4, reloj=reloj)
    assert primero.conteos[-1].descripcion() == "faltante de $4.00"
    reloj.ahora += dt.timedelta(minutes=3)
    # the recount, with the cashier's own close: refused, and the recount itself stays recorded
    with pytest.raises(EstadoInvalido, match=r"conteo 1 tuvo un faltante de \$4\.00.*aunque un conteo posterior"):
        corte.cerrar(libro.terminal.bd, libro.cajero, CUADRA, reloj=reloj)
    assert _arqueos(libro) == [(1, 62000, -400, "2026-05-01T18:00:00"), (2, 62400, 0, "2026-05-01T18:03:00")]
    # closing again without a new count uses the last one and is still refused
    with pytest.raises(EstadoInvalido, match="supervisor"):
        corte.cerrar(libro.terminal.bd, libro.cajero)
    cerrado = corte.cerrar(libro.terminal.bd, libro.cajero, supervisor=libro.supervisor, reloj=reloj)
    assert cerrado.cerrado and cerrado.diferencia == 0 and cerrado.requiere_supervisor
    assert [c.n for c in cerrado.conteos] == [1, 2]
    with sqlite3.connect(ruta_de(libro.terminal.bd)) as c:
        supervisor_id, totales = c.execute("SELECT supervisor_id, totales FROM corte").fetchone()
        auditados = c.execute("SELECT count(*) FROM auditoria WHERE accion = 'arqueo'").fetchone()[0]
    assert supervisor_id == libro.supervisor.usuario_id and auditados == 2
    assert [x["diferencia"] for x in json.loads(totales)["conteos"]] == ["-4.00", "0.00"]
    with pytest.raises(EstadoInvalido, match="no tiene turno abierto"):
        corte.contar(libro.terminal.bd, libro.cajero, CUADRA)


def test_conteos_inmutables_aun_con_sql_directo(libro: Libro) -> None:
    _cobrar(libro)
    corte.contar(libro.terminal.bd, libro.cajero, FALTA_4)
    with sqlite3.connect(ruta_de(libro.terminal.bd)) as c:
        for sql in (
            "UPDATE arqueo SET contado_centavos = 62400, diferencia_centavos = 0",
            "DELETE FROM arqueo",
        ):
            with pytest.raises(sqlite3.IntegrityError, match="solo anexar"):
                c.execute(sql)
        # even a corte inserted by hand cannot skip the supervisor once a count had a variance
        with pytest.raises(sqlite3.IntegrityError, match="necesita supervisor"):
            c.execute(
                "INSERT INTO corte (turno_id, cerrado_por_id, conteo, esperado_centavos, contado_centavos, "
                "diferencia_centavos, totales, cerrado_en) VALUES (1, ?, '{}', 62400, 62400, 0, '{}', '2026')",
                (libro.cajero.usuario_id,),
            )
    assert _arqueos(libro)[0][:3] == (1, 62000, -400)


def test_sin_conteo_no_se_cierra_y_turno_cerrado_no_admite_conteos(libro: Libro) -> None:
    with pytest.raises(EstadoInvalido, match="ningún conteo registrado"):
        corte.cerrar(libro.terminal.bd, libro.cajero)
    cerrado = corte.cerrar(libro.terminal.bd, libro.cajero, {Decimal("500"): 1})
    assert cerrado.cerrado and not cerrado.requiere_supervisor
    with sqlite3.connect(ruta_de(libro.terminal.bd)) as c, pytest.raises(sqlite3.IntegrityError, match="ya tiene"):
        c.execute(
            "INSERT INTO arqueo (turno_id, n, usuario_id, conteo, contado_centavos, esperado_centavos, "
            "diferencia_centavos, registrado_en) VALUES (?, 2, ?, '{}', 0, 0, 0, '2026')",
            (cerrado.turno_id, libro.cajero.usuario_id),
        )


def test_conteo_fuera_de_regla_no_se_registra(libro: Libro) -> None:
    for malo in ({Decimal("300"): 1}, {Decimal("500"): -1}, {Decimal("500"): 100_000}):
        with pytest.raises(ErrorEntrada, match=r"^conteo: .*piezas de 0 a 99999"):
            corte.contar(libro.terminal.bd, libro.cajero, malo)
    assert _arqueos(libro) == []
