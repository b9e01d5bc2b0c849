"""The one way a number or a date typed by a person (or read from a file) becomes a value.

Python's own constructors are too generous for money: ``Decimal("NaN")``, ``Decimal("1e30")``,
``int("1_000")`` and ``int("١٠٠")`` (Arabic-Indic digits) all succeed, and a huge exponent later breaks
``quantize`` or ``dt.date + timedelta`` deep inside the ledger. Here only ASCII digits pass, with at most one
decimal point, commas only as thousands separators in correct groups ("1,000.50", "$1,000.50" as a Mexican
cashier writes them), and every field has an upper bound and a number of decimals (``LIMITES``), so nothing
absurd travels further than the edge.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.core.texto import corto

# Longer than any legitimate value of any field: refused before any parsing work.
LARGO_MAXIMO = 32

_SIMPLE = re.compile(r"(?P<signo>[+-]?)(?P<entera>[0-9]+)(?:\.(?P<fraccion>[0-9]+))?", re.ASCII)
_MILES = re.compile(r"(?P<signo>[+-]?)(?P<entera>[0-9]{1,3}(?:,[0-9]{3})+)(?:\.(?P<fraccion>[0-9]+))?", re.ASCII)
# "1.000,50" or "1.000.000": the European way; refused with its own message (never guessed).
_EUROPEO = re.compile(r"[+-]?[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?|[+-]?[0-9]+,[0-9]{1,2}", re.ASCII)
_FECHA = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", re.ASCII)


@dataclass(frozen=True)
class Limite:
    maximo: Decimal
    decimales: int  # 0: whole numbers only
    unidad: str
    minimo: Decimal = Decimal("0")


def _l(maximo: str, decimales: int, unidad: str, minimo: str = "0") -> Limite:
    return Limite(Decimal(maximo), decimales, unidad, Decimal(minimo))


_PESOS = _l("999999999.99", 2, "pesos")  # the largest amount the receipt can write in words
_MEDIDA = _l("100000000", 4, "unidades")
_PIEZAS = _l("100000", 0, "unidades")

# Bounds per field name, in one place. Names are the catalog's standard parameters (FORMATO.md) and the
# command-line options; an unknown name gets ``_MEDIDA``.
LIMITES: dict[str, Limite] = {
    # money
    "importe": _PESOS,
    "base": _PESOS,
    "pago": _PESOS,
    "monto": _PESOS,
    "fondo": _PESOS,
    "diaria": _l("100000", 2, "pesos"),
    # whole quantities
    "cantidad": _PIEZAS,
    "personas": _PIEZAS,
    "aparatos": _PIEZAS,
    "computadoras": _PIEZAS,
    "hojas": _PIEZAS,
    "cabezas": _PIEZAS,
    "piezas": _l("1000000", 0, "piezas"),
    "dias": _l("3660", 0, "días"),
    "horas": _l("8784", 0, "horas"),
    "meses": _l("1200", 0, "meses"),
    "meses_atraso": _l("1200", 0, "meses"),
    "dias_notificacion": _l("3660", 0, "días"),
    "diligencias": _l("100", 0, "diligencias"),
    "copias": _l("5", 0, "copias", "1"),
    "recibos": _l("1000000", 0, "recibos"),
    "conservar": _l("1000", 0, "respaldos", "1"),
    "semilla": _l("4294967295", 0, "semilla"),
    "numero": _l("999999999", 0, "número"),
    "anio": _l("2100", 0, "año", "2000"),
    # measures
    "m2": _l("100000000", 2, "m²"),
    "m2_terreno": _l("100000000", 2, "m²"),
    "m2_construccion": _l("100000000", 2, "m²"),
    "m2_adicionales": _l("100000000", 2, "m²"),
    "m3": _l("100000000", 2, "m³"),
    "km_adicionales": _l("100000", 0, "kilómetros"),
    "meses_obra": _l("1200", 0, "meses"),
    "metros": _l("1000000", 2, "metros"),
    "kg": _l("10000000", 3, "kilogramos"),
    "km": _l("100000", 3, "kilómetros"),
    "hectareas": _l("1000000", 4, "hectáreas"),
    "hectareas_riego_gravedad": _l("1000000", 4, "hectáreas"),
    "hectareas_riego_bombeo": _l("1000000", 4, "hectáreas"),
    "hectareas_temporal": _l("1000000", 4, "hectáreas"),
    "unidades": _l("100000", 4, "UMA"),
    "uma": _l("100000", 4, "UMA"),
    "factor_actualizacion": _l("100", 4, "factor"),
    "indice": _l("100000", 6, "puntos del INPC", "0.000001"),  # INEGI publishes up to 6 decimals
    # percentages
    "porcentaje": _l("100", 2, "%"),
    "descuento_pronto_pago": _l("100", 2, "%"),
    "bonificacion": _l("100", 2, "%"),
    # command-line settings
    "lote": _l("1000", 0, "registros", "1"),
    "intentos": _l("20", 0, "intentos", "1"),
    "puerto": _l("65535", 0, "puerto", "1"),
    "espera": _l("600", 1, "segundos", "1"),
    "copia": _l("1000", 0, "impresión"),
    "ancho": _l("80", 0, "mm", "58"),
    # corte denominations
    "denominacion": _l("1000", 2, "pesos"),
}

FECHA_MINIMA = dt.date(2000, 1, 1)
FECHA_MAXIMA = dt.date(2100, 12, 31)


def limite_de(nombre: str) -> Limite:
    return LIMITES.get(nombre.lstrip("-").replace("-", "_"), _MEDIDA)


def _ejemplo(limite: Limite) -> str:
    return "1,000.50" if limite.decimales == 2 and limite.unidad == "pesos" else "12.5" if limite.decimales else "3"


def leer_numero(
    crudo: object,
    campo: str,
    *,
    nombre: str | None = None,
    limite: Limite | None = None,
    negativo: bool = False,
    moneda: bool = False,
) -> Decimal:
    """Text → a finite, bounded Decimal; ``campo`` names the field in the message, ``nombre`` picks the bound.

    ``moneda`` also admits a leading "$" (as printed on a price tag). ``negativo`` admits a leading "-".
    """
    lim = limite or limite_de(nombre or campo)
    if not isinstance(crudo, str):
        raise ErrorEntrada(campo, f"se espera un número de {lim.unidad} escrito como texto")
    texto = crudo.strip()
    if not texto:
        raise ErrorEntrada(campo, f"falta el valor; se espera un número de {lim.unidad}")
    if len(texto) > LARGO_MAXIMO:
        raise ErrorEntrada(campo, f"«{corto(texto)}» es demasiado largo para un número de {lim.unidad}")
    cuerpo = texto
    if moneda and "$" in cuerpo:  # "$1,000.50", "-$5", "$ 50"
        signo_moneda = cuerpo[0] if cuerpo[0] in "+-" else ""
        if cuerpo[len(signo_moneda) :].startswith("$"):
            cuerpo = signo_moneda + cuerpo[len(signo_moneda) + 1 :].lstrip(" ")
    coincide = _SIMPLE.fullmatch(cuerpo) or _MILES.fullmatch(cuerpo)
    if coincide is None:
        if _EUROPEO.fullmatch(cuerpo):
            raise ErrorEntrada(
                campo, f"«{corto(texto)}»: use punto para decimales y coma sólo para miles (p. ej. {_ejemplo(lim)})"
            )
        raise ErrorEntrada(
            campo,
            f"«{corto(texto)}» no es un número; use sólo dígitos 0-9{' y punto decimal' if lim.decimales else ''} "
            f"(p. ej. {_ejemplo(lim)})",
        )
    signo, entera, fraccion = coincide["signo"], coincide["entera"].replace(",", ""), coincide["fraccion"] or ""
    if signo == "-" and not negativo and (entera.strip("0") or fraccion.strip("0")):
        raise ErrorEntrada(campo, f"no puede ser negativo (se recibió «{corto(texto)}»)")
    valor = Decimal(f"{'-' if signo == '-' and negativo else ''}{entera}{'.' if fraccion else ''}{fraccion}")
    if len(fraccion.rstrip("0")) > lim.decimales:
        permitido = "un número entero" if lim.decimales == 0 else f"a lo más {lim.decimales} decimales"
        raise ErrorEntrada(campo, f"«{corto(texto)}»: se espera {permitido} de {lim.unidad}")
    if valor > lim.maximo or (negativo and -valor > lim.maximo):
        raise ErrorEntrada(campo, f"«{corto(texto)}» excede el máximo permitido de {lim.maximo} {lim.unidad}")
    if not negativo and valor < lim.minimo:
        raise ErrorEntrada(campo, f"«{corto(texto)}» es menor que el mínimo permitido de {lim.minimo} {lim.unidad}")
    return valor


def leer_importe(crudo: object, campo: str, *, nombre: str = "importe") -> Decimal:
    """Pesos as a cashier writes them: "500", "1,000.50", "$1,000.50"; at most centavos."""
    return leer_numero(crudo, campo, nombre=nombre, moneda=True)


def leer_entero(crudo: object, campo: str, *, nombre: str | None = None) -> int:
    return int(leer_numero(crudo, campo, nombre=nombre))


def leer_fecha(crudo: object, campo: str) -> dt.date:
    """``AAAA-MM-DD`` in ASCII digits, a real day, between 2000-01-01 and 2100-12-31."""
    ejemplo = "use AAAA-MM-DD (p. ej. 2024-06-15)"
    texto = crudo.strip() if isinstance(crudo, str) else ""
    coincide = _FECHA.fullmatch(texto)
    if coincide is None:
        raise ErrorEntrada(campo, f"«{corto(texto)}» no es una fecha válida; {ejemplo}")
    try:
        fecha = dt.date(int(coincide[1]), int(coincide[2]), int(coincide[3]))
    except ValueError:
        raise ErrorEntrada(campo, f"«{texto}» no es un día del calendario; {ejemplo}") from None
    if not FECHA_MINIMA <= fecha <= FECHA_MAXIMA:
        raise ErrorEntrada(
            campo, f"{texto} está fuera del rango permitido ({FECHA_MINIMA.isoformat()} a {FECHA_MAXIMA.isoformat()})"
        )
    return fecha


def es_digitos(texto: str, largo: int = 9) -> bool:
    """ASCII digits only, at most ``largo`` of them: ``str.isdigit`` also accepts "²" and "١", which
    ``int()`` then refuses or reads as another number."""
    return 0 < len(texto) <= largo and texto.isascii() and texto.isdigit()
