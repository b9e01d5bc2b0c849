"""Money rules of the law, in one place.

Amounts are ``Decimal`` at full precision until a line is finished; then they are rounded **once**, half-up,
to centavos (``redondear``). Cash totals are adjusted to the peso per Art. 20 (``ajuste_efectivo``).
The ledger stores integer centavos (``a_centavos``/``de_centavos``).
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal, InvalidOperation

CENTAVO = Decimal("0.01")
PESO = Decimal("1")
CERO = Decimal("0")


def D(valor: str | int | Decimal) -> Decimal:
    """The one constructor for money and factors: never from float (binary fractions lie)."""
    if isinstance(valor, float):  # pragma: no cover - guarded by type hints, kept as a tripwire
        raise TypeError("los montos no se construyen desde float")
    try:
        return Decimal(valor)
    except (InvalidOperation, ValueError) as exc:
        raise ValueError(f"no es un número: {valor!r}") from exc


def redondear(monto: Decimal) -> Decimal:
    """Round to centavos, half-up: the single rounding point of a line."""
    return monto.quantize(CENTAVO, rounding=ROUND_HALF_UP)


def ajuste_efectivo(total: Decimal) -> Decimal:
    """Art. 20: a cash payment with centavos goes to the peso; .50 or less down, more than .50 up."""
    entero = total.to_integral_value(rounding="ROUND_FLOOR")
    fraccion = total - entero
    return entero + (PESO if fraccion > Decimal("0.50") else CERO)


def techo(valor: Decimal) -> Decimal:
    """Whole units for "o fracción" charges (a started unit is a full unit)."""
    return valor.to_integral_value(rounding=ROUND_CEILING)


def a_centavos(monto: Decimal) -> int:
    return int(redondear(monto) * 100)


def de_centavos(centavos: int) -> Decimal:
    return (Decimal(centavos) / 100).quantize(CENTAVO)


def texto(monto: Decimal) -> str:
    """Decimal string with two places ("115.12"), the public form of amounts in JSON and CSV."""
    return str(redondear(monto))


def pesos(monto: Decimal) -> str:
    """ "$1,234.56" for people."""
    valor = redondear(monto)
    return f"-${-valor:,.2f}" if valor < 0 else f"${valor:,.2f}"
