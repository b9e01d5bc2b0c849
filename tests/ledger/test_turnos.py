"""Everyone's shifts of a day for the supervisor: open ones and those closed that day, receipts without voids."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from apoyo import Libro

from jerez_pos.ledger import corte, recibos, turnos
from jerez_pos.ledger.comun import SinPermiso
from jerez_pos.ledger.pagos import Pago


def test_turnos_del_dia(libro: Libro) -> None:
    bd = libro.terminal.bd
    hoy = dt.date.today()
    emitido = recibos.cobrar(libro.terminal, libro.cajero, [("A85-II", {})], [Pago("efectivo", Decimal("500"))], {})
    recibos.cobrar(libro.terminal, libro.cajero, [("A85-II", {})], [Pago("efectivo", Decimal("500"))], {})
    recibos.anular(libro.terminal, libro.supervisor, emitido.folio, "captura equivocada")
    corte.cerrar(bd, libro.cajera2, {Decimal("500"): 1})
    lista = {t.cajero: t for t in turnos.del_dia(bd, libro.supervisor, hoy)}
    assert set(lista) == {"ana", "beto", "ivan"}
    ana, beto = lista["ana"], lista["beto"]
    assert ana.abierto and ana.recibos == 1 and ana.cobrado == emitido.total and ana.conteos == 0
    assert not beto.abierto and beto.conteos == 1 and beto.fondo == Decimal("500")
    manana = {t.cajero for t in turnos.del_dia(bd, libro.supervisor, hoy + dt.timedelta(days=1))}
    assert manana == {"ana", "ivan"}  # a shift closed today is not tomorrow's; open ones always show
    with pytest.raises(SinPermiso):
        turnos.del_dia(bd, libro.cajero, hoy)
