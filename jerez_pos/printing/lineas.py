"""The concept lines of a receipt, from quote snapshots: one code for the printed ticket, its PDF copy and the
on-screen preview of the receipt in progress, so the three always show the same lines and amounts.

Each concept prints its base amount; each modifier (the UAZ tax, a surcharge, a discount) prints on a line of
its own, tagged with the concept's key when the receipt has several concepts. An annual charge names the fiscal
year it pays.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from jerez_pos.core.dinero import CERO, D
from jerez_pos.printing.datos import LineaConceptoTicket, ModificadorTicket

# (legal basis as printed, periodicity) of a key on a date; None when the catalog no longer has the key.
Consulta = Callable[[str, dt.date], tuple[str, str] | None]


@dataclass(frozen=True)
class LineaImpresa:
    """One receipt line as printed, with the modifiers it carries (they print after all the concepts)."""

    concepto: LineaConceptoTicket
    modificadores: tuple[ModificadorTicket, ...]

    @property
    def total(self) -> Decimal:
        return self.concepto.importe + sum((m.importe for m in self.modificadores), CERO)


def fundamento_de_clave(clave: str) -> str:
    """``A84-I-a-2`` → ``Art. 84 fr. I inciso a) numeral 2`` (the key scheme of db/tarifas/jerez-2024/FORMATO.md)."""
    partes = clave.split("-")
    if not partes[0].startswith("A") or not partes[0][1:].isdigit():
        return clave
    texto_ = f"Art. {partes[0][1:]}"
    for nivel, parte in enumerate(partes[1:], 1):
        if nivel == 1 and parte.isupper():
            texto_ += f" fr. {parte}"
        elif nivel == 2 and len(parte) == 1 and parte.islower():
            texto_ += f" inciso {parte})"
        elif parte.isdigit():
            texto_ += f" numeral {parte}"
        else:  # an invented suffix ("eventual"): keep it readable
            texto_ += f" ({parte})"
    return texto_


def ejercicio(cotizacion: Mapping[str, Any], periodicidad: str | None) -> int | None:
    """The fiscal year a line pays: the year an account's arrears line names, else for an annual charge the
    year it was priced for."""
    anio = str((cotizacion.get("parametros") or {}).get("ejercicio", ""))
    if anio.isdigit() and len(anio) == 4:
        return int(anio)
    return int(str(cotizacion["fecha"])[:4]) if periodicidad == "anual" else None


def lineas_impresas(
    cotizaciones: Sequence[Mapping[str, Any]], consulta: Consulta, ejercicios: Sequence[int | None] | None = None
) -> tuple[LineaImpresa, ...]:
    """``cotizaciones``: the snapshots (``Cotizacion.a_dict()`` or the ledger's stored copy), in receipt order.
    ``ejercicios``: the year of each line when the caller knows it better (a receipt's account links); a
    ``None`` in it falls back to what the snapshot and the catalog say."""
    varias = len(cotizaciones) > 1
    resultado = []
    for n, cot in enumerate(cotizaciones):
        clave = str(cot["clave"])
        fecha = dt.date.fromisoformat(str(cot["fecha"])[:10])
        ficha = consulta(clave, fecha)
        fundamento, periodicidad = ficha if ficha else (fundamento_de_clave(clave), None)
        uma = D(cot["uma"]) if cot.get("uma") else None
        anio = (ejercicios[n] if ejercicios is not None else None) or ejercicio(cot, periodicidad)
        concepto = LineaConceptoTicket(clave, str(cot["descripcion"]), fundamento, uma, D(cot["importe"]), anio)
        propios = tuple(
            ModificadorTicket(
                f"{m['concepto']} ({clave})" if varias else m["concepto"], m["fundamento"], D(m["importe"])
            )
            for m in cot.get("modificadores", [])
        )
        resultado.append(LineaImpresa(concepto, propios))
    return tuple(resultado)
