"""What the cashier types in the GUI is read by the same rules as the command line (core.numeros)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from jerez_pos.gui.controladores.corte import piezas_de
from jerez_pos.gui.controladores.recibos import leer_fecha
from jerez_pos.gui.formato import error_monto, leer_monto


def test_montos() -> None:
    assert leer_monto("$ 1,200.50") == Decimal("1200.50") and leer_monto("500") == Decimal("500")
    for malo in ("NaN", "1e30", "١٠٠", "1_000", "1.000,50", "-5"):
        assert leer_monto(malo) is None, malo
        assert error_monto(malo) is not None
    assert leer_monto("  ") is None and error_monto("") is None
    assert "punto para decimales" in (error_monto("1.000,50", "efectivo") or "")


def test_piezas_y_fechas() -> None:
    assert piezas_de("12") == 12 and piezas_de("") == 0
    for malo in ("²", "١", "1e3", "9" * 30, "-1"):
        assert piezas_de(malo) == 0, malo
    assert leer_fecha("15/06/2024") == dt.date(2024, 6, 15) and leer_fecha(" ") is None
    for malo in ("15/06/0001", "31/12/9999", "١٥/06/2024"):
        with pytest.raises(ValueError):
            leer_fecha(malo)
