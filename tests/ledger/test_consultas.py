"""Read-only receipt queries: a shift's list, search by folio, name (accents ignored), concept and dates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from apoyo import Libro

from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.ledger import caja, consultas, recibos
from jerez_pos.ledger.comun import SinPermiso
from jerez_pos.ledger.consultas import Busqueda
from jerez_pos.ledger.pagos import Pago


def _cobrar(libro: Libro, clave: str, nombre: str, params: dict[str, str] | None = None) -> str:
    emitido = recibos.cobrar(
        libro.terminal, libro.cajero, [(clave, params or {})], [Pago("efectivo", Decimal("5000"))], {"nombre": nombre}
    )
    return emitido.folio


@pytest.fixture
def con_recibos(libro: Libro) -> Libro:
    _cobrar(libro, "A85-II", "María López Ávila")
    _cobrar(libro, "A31-II", "Juan Pérez", {"aparatos": "3"})
    _cobrar(libro, "A85-II", "José Núñez")
    recibos.anular(libro.terminal, libro.supervisor, "JRZ1-3", "cobro duplicado", solicitante=libro.cajero)
    recibos.reimprimir(libro.terminal, libro.cajero, "JRZ1-1")
    return libro


def test_recibos_del_turno_mas_nuevo_primero(con_recibos: Libro) -> None:
    libro = con_recibos
    turno = caja.turno_de(libro.terminal.bd, libro.cajero)
    assert turno is not None
    lista = consultas.del_turno(libro.terminal.bd, libro.cajero, turno.id)
    assert [r.folio for r in lista] == ["JRZ1-3", "JRZ1-2", "JRZ1-1"]
    assert [r.anulado for r in lista] == [True, False, False]
    assert lista[1].claves[0].startswith("A31-II")
    assert lista[2].contribuyente == "María López Ávila" and lista[2].cajero == "ana"
    otro = caja.turno_de(libro.terminal.bd, libro.cajera2)
    assert otro is not None and consultas.del_turno(libro.terminal.bd, libro.cajero, otro.id) == []


def test_busqueda_por_folio_nombre_concepto_y_fechas(con_recibos: Libro) -> None:
    bd, s = con_recibos.terminal.bd, con_recibos.cajero
    assert [r.folio for r in consultas.buscar(bd, s, Busqueda(folio="jrz1-2"))] == ["JRZ1-2"]
    assert [r.folio for r in consultas.buscar(bd, s, Busqueda(folio="2"))] == ["JRZ1-2"]
    assert [r.folio for r in consultas.buscar(bd, s, Busqueda(nombre="lopez avila"))] == ["JRZ1-1"]
    assert [r.folio for r in consultas.buscar(bd, s, Busqueda(nombre="NUÑEZ"))] == ["JRZ1-3"]
    assert [r.folio for r in consultas.buscar(bd, s, Busqueda(clave="a85-ii"))] == ["JRZ1-3", "JRZ1-1"]
    assert [r.folio for r in consultas.buscar(bd, s, Busqueda(clave="A31-II"))] == ["JRZ1-2"]
    hoy = dt.date.today()
    assert len(consultas.buscar(bd, s, Busqueda(desde=hoy, hasta=hoy))) == 3
    assert consultas.buscar(bd, s, Busqueda(desde=hoy + dt.timedelta(days=1))) == []
    assert consultas.buscar(bd, s, Busqueda(hasta=hoy - dt.timedelta(days=1))) == []
    combinada = consultas.buscar(bd, s, Busqueda(nombre="juan", clave="A85-II"))
    assert combinada == []


def test_detalle_con_lineas_pagos_anulacion_y_reimpresiones(con_recibos: Libro) -> None:
    bd, s = con_recibos.terminal.bd, con_recibos.cajero
    uno = consultas.detalle(bd, s, "JRZ1-1")
    assert uno.lineas[0]["clave"] == "A85-II" and uno.lineas[0]["descripcion"]
    assert uno.pagos[0]["forma"] == "efectivo" and uno.pagos[0]["importe_centavos"] == 500000
    assert uno.anulacion is None
    assert [(r["usuario"], r["copias"]) for r in uno.reimpresiones] == [("ana", 1)]
    assert uno.cambio_centavos == 500000 - uno.resumen.a_pagar_centavos
    tres = consultas.detalle(bd, s, "JRZ1-3")
    assert tres.resumen.anulado and tres.anulacion is not None
    assert tres.anulacion["motivo"] == "cobro duplicado" and tres.anulacion["supervisor"] == "sara"


def test_errores_en_espanol_y_permisos(con_recibos: Libro) -> None:
    bd, s = con_recibos.terminal.bd, con_recibos.cajero
    with pytest.raises(ErrorEntrada, match="folio"):
        consultas.buscar(bd, s, Busqueda(folio="JRZ1-x"))
    with pytest.raises(ErrorEntrada, match="no existe el recibo JRZ1-99"):
        consultas.detalle(bd, s, "JRZ1-99")
    with pytest.raises(ErrorEntrada, match="serie"):
        consultas.detalle(bd, s, "7")
    with pytest.raises(ErrorEntrada, match="anterior"):
        consultas.buscar(bd, s, Busqueda(desde=dt.date(2024, 5, 2), hasta=dt.date(2024, 5, 1)))
    intruso = type(s)(99, "nadie", "invitado")
    with pytest.raises(SinPermiso):
        consultas.buscar(bd, intruso, Busqueda())
