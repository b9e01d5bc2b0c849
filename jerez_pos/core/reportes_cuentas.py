"""Rezago (who owes what, by zone or giro) and collection efficiency against the roll, as pure aggregations.

The input is plain rows, one per account, with the amounts already priced by the code that answers
``adeudo`` (``ledger.cuentas.cotizar_anio``); no SQL and no pricing here, so the terminal and central can both
feed their own accounts through the same aggregation and the same CSV/PDF renderers.

Efficiency for a fiscal year: an account counts as paid when that year is paid (receipts, or the roll's
``pagado_hasta`` carried from the previous system). By amount, it compares the year's tax of the paid
accounts with the year's tax of the whole roll, both priced at the Art. 58 due date (before discounts,
actualización and recargos, which depend on the day each one pays); ``cobrado`` is the money the receipts
actually took for that year (discounts and accessories included).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from jerez_pos.core.dinero import CERO, texto

PARTES = ("impuesto", "descuentos", "actualizacion", "recargos", "total")
ORDEN_ZONAS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")
CIEN = Decimal("100")
CENTESIMO = Decimal("0.01")


@dataclass(frozen=True)
class AnioRezago:
    """One owed year of an account: the parts of ``core.cuentas.Anio.partes`` and its total."""

    ejercicio: int
    impuesto: Decimal
    descuentos: Decimal
    actualizacion: Decimal
    recargos: Decimal
    total: Decimal


@dataclass(frozen=True)
class FilaRezago:
    """One account of the roll with the years it owes at the report's date (empty when up to date)."""

    cuenta: str
    titular: str
    domicilio: str
    grupo: str  # the zone (predial) or "<giro> <name>" (comercio)
    anios: tuple[AnioRezago, ...] = ()
    advertencias: tuple[str, ...] = ()


@dataclass(frozen=True)
class FilaEficiencia:
    """One account of the roll for one fiscal year: whether that year is paid, its tax and the money taken."""

    cuenta: str
    grupo: str
    pagada: bool
    importe: Decimal  # the year's tax for this account (what the roll asks of it)
    cobrado: Decimal = CERO  # what valid receipts took for that year
    advertencias: tuple[str, ...] = field(default=())


def clave_grupo(grupo: str) -> tuple[int, int, str]:
    """Zones in their roman order, giros by number, anything else (rustic land, no zone) last by name."""
    if grupo in ORDEN_ZONAS:
        return (0, ORDEN_ZONAS.index(grupo), grupo)
    numero = grupo.split(" ", 1)[0]
    if numero.isdigit():
        return (1, int(numero), grupo)
    return (2, 0, grupo)


def _sumas(anios: Iterable[AnioRezago]) -> list[Decimal]:
    """impuesto, descuentos, actualizacion, recargos, total (``PARTES``'s order), summed in one pass."""
    i = d = a = r = t = CERO
    for x in anios:
        i, d, a, r, t = i + x.impuesto, d + x.descuentos, a + x.actualizacion, r + x.recargos, t + x.total
    return [i, d, a, r, t]


def _columnas(sumas: list[list[Decimal]]) -> list[Decimal]:
    """Adds several ``_sumas`` part by part (the builtin ``sum`` per column: one pass, no temporary lists)."""
    return [sum(columna, CERO) for columna in zip(*sumas, strict=True)] if sumas else [CERO] * len(PARTES)


def _textos(suma: list[Decimal]) -> dict[str, str]:
    return dict(zip(PARTES, map(texto, suma), strict=True))


def ejercicios_texto(ejercicios: Iterable[int]) -> str:
    """«2022-2025» for consecutive years, «2019, 2022-2023» otherwise: what a treasurer reads at a glance."""
    tramos: list[list[int]] = []
    for a in sorted(ejercicios):
        if tramos and a == tramos[-1][-1] + 1:
            tramos[-1].append(a)
        else:
            tramos.append([a])
    return ", ".join(str(t[0]) if len(t) == 1 else f"{t[0]}-{t[-1]}" for t in tramos)


def rezago(filas: Iterable[FilaRezago], padron: str, fecha: dt.date, por: str) -> dict[str, Any]:
    """Accounts owing at ``fecha``: per account (largest debt first within its group), per group and per year.
    Each account is summed once; groups, years and the total add those sums (a 50,000-account roll)."""
    filas = list(filas)
    deudoras = [(f, _sumas(f.anios)) for f in filas if f.anios]
    # A roll has a handful of zones or a few hundred giros: each group's sort key is computed once.
    orden = {g: clave_grupo(g) for g in {f.grupo for f, _ in deudoras}}
    deudoras.sort(key=lambda x: (orden[x[0].grupo], -x[1][4], x[0].cuenta))
    por_grupo: dict[str, list[list[Decimal]]] = {}
    por_anio: dict[int, list[AnioRezago]] = {}
    for f, suma in deudoras:
        por_grupo.setdefault(f.grupo, []).append(suma)
        for a in f.anios:
            por_anio.setdefault(a.ejercicio, []).append(a)
    grupos = {g: (len(sumas), _columnas(sumas)) for g, sumas in por_grupo.items()}
    total = _columnas([suma for _, suma in grupos.values()])
    return {
        "padron": padron,
        "fecha": fecha.isoformat(),
        "por": por,
        "cuentas_padron": len(filas),
        "cuentas_con_adeudo": len(deudoras),
        **_textos(total),
        "grupos": [{"grupo": g, "cuentas": n, **_textos(suma)} for g, (n, suma) in grupos.items()],
        "por_ejercicio": [
            {"ejercicio": e, "cuentas": len(por_anio[e]), **_textos(_sumas(por_anio[e]))} for e in sorted(por_anio)
        ],
        "cuentas": [
            {
                "grupo": f.grupo,
                "cuenta": f.cuenta,
                "titular": f.titular,
                "domicilio": f.domicilio,
                "ejercicios": [a.ejercicio for a in f.anios],
                **_textos(suma),
            }
            for f, suma in deudoras
        ],
        "advertencias": list(dict.fromkeys(a for f in filas for a in f.advertencias)),
    }


def porcentaje(parte: Decimal, todo: Decimal) -> str:
    """A share with two decimals; an empty roll is 0.00 %, not a division error."""
    if not todo:
        return "0.00"
    return texto((parte * CIEN / todo).quantize(CENTESIMO))


def _eficiencia_de(filas: Sequence[FilaEficiencia]) -> dict[str, Any]:
    pagadas = [f for f in filas if f.pagada]
    importe = sum((f.importe for f in filas), CERO)
    pagado = sum((f.importe for f in pagadas), CERO)
    return {
        "cuentas": len(filas),
        "pagadas": len(pagadas),
        "pendientes": len(filas) - len(pagadas),
        "porcentaje_cuentas": porcentaje(Decimal(len(pagadas)), Decimal(len(filas))),
        "importe_padron": texto(importe),
        "importe_pagado": texto(pagado),
        "importe_pendiente": texto(importe - pagado),
        "porcentaje_importe": porcentaje(pagado, importe),
        "cobrado": texto(sum((f.cobrado for f in pagadas), CERO)),
    }


def eficiencia(filas: Iterable[FilaEficiencia], padron: str, ejercicio: int, fecha: dt.date) -> dict[str, Any]:
    """The share of the roll that paid ``ejercicio`` (by count and by amount), overall and per group."""
    filas = list(filas)
    grupos: dict[str, list[FilaEficiencia]] = {}
    for f in sorted(filas, key=lambda x: (clave_grupo(x.grupo), x.cuenta)):
        grupos.setdefault(f.grupo, []).append(f)
    return {
        "padron": padron,
        "ejercicio": ejercicio,
        "fecha": fecha.isoformat(),
        "por": "zona" if padron == "predial" else "giro",
        **_eficiencia_de(filas),
        "grupos": [{"grupo": g, **_eficiencia_de(miembros)} for g, miembros in grupos.items()],
        "advertencias": list(dict.fromkeys(a for f in filas for a in f.advertencias)),
    }


def _celda(valor: str) -> str:
    """Names and addresses come from the roll: one starting like a formula is opened as text, not run."""
    return "'" + valor if valor[:1] in ("=", "+", "-", "@", "\t", "\r") else valor


def _csv(encabezado: Sequence[str], filas: Iterable[Sequence[Any]]) -> str:
    salida = io.StringIO()
    escritor = csv.writer(salida, lineterminator="\n")
    escritor.writerow(encabezado)
    escritor.writerows(filas)
    return salida.getvalue()


def rezago_csv(datos: dict[str, Any]) -> str:
    """One row per owing account, in the report's order (group, then largest debt)."""
    columna = datos["por"]
    return _csv(
        [columna, "cuenta", "titular", "domicilio", "ejercicios", *PARTES],
        (
            [
                _celda(c["grupo"]),
                _celda(c["cuenta"]),
                _celda(c["titular"]),
                _celda(c["domicilio"]),
                ejercicios_texto(c["ejercicios"]),
                *(c[k] for k in PARTES),
            ]
            for c in datos["cuentas"]
        ),
    )


COLUMNAS_EFICIENCIA = (
    "cuentas",
    "pagadas",
    "pendientes",
    "porcentaje_cuentas",
    "importe_padron",
    "importe_pagado",
    "importe_pendiente",
    "porcentaje_importe",
    "cobrado",
)


def eficiencia_csv(datos: dict[str, Any]) -> str:
    """One row per zone or giro and a last TOTAL row."""
    filas = [[_celda(g["grupo"]), *(g[k] for k in COLUMNAS_EFICIENCIA)] for g in datos["grupos"]]
    filas.append(["TOTAL", *(datos[k] for k in COLUMNAS_EFICIENCIA)])
    return _csv([datos["por"], *COLUMNAS_EFICIENCIA], filas)
