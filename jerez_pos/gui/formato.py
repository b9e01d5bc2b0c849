"""How people read amounts and dates on screen: "$1,234.56" and dd/mm/aaaa."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from jerez_pos.core.dinero import pesos
from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.core.numeros import leer_importe


def dinero(monto: Decimal | str | int | None) -> str:
    if monto is None:
        return "—"
    return pesos(Decimal(str(monto)))


def fecha(valor: dt.date | str) -> str:
    if isinstance(valor, str):
        valor = dt.datetime.fromisoformat(valor)
    return valor.strftime("%d/%m/%Y")


def fecha_hora(valor: dt.datetime | str) -> str:
    if isinstance(valor, str):
        valor = dt.datetime.fromisoformat(valor)
    return valor.strftime("%d/%m/%Y %H:%M")


def leer_monto(texto: str) -> Decimal | None:
    """What a cashier types ("1,200", "$ 50.5") as a Decimal; None when it is not an amount.
    The rules (ASCII digits, thousands groups, bounds) are those of ``core.numeros``, as on the command line."""
    if not texto.strip():
        return None
    try:
        return leer_importe(texto, "importe", nombre="pago")
    except ErrorEntrada:
        return None


def error_monto(texto: str, campo: str = "importe") -> str | None:
    """Why a typed amount is not one ("1.000,50": use punto para decimales…), or None when it reads fine."""
    if not texto.strip():
        return None
    try:
        leer_importe(texto, campo, nombre="pago")
    except ErrorEntrada as exc:
        return str(exc)
    return None


def numero(valor: Decimal | None) -> str:
    """A bound such as 1.0000 shown without trailing zeros (1), keeping real decimals (0.5)."""
    if valor is None:
        return ""
    normal = valor.normalize()
    return f"{normal:f}"
