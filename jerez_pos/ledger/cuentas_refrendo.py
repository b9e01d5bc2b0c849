"""The inspector's route of business licences not renewed: licences of the comercio roll whose last paid year
(derived from receipts, as ``adeudo`` derives it) is before the date's year, ordered by address so the route
can be walked street by street, each with what it owes on that date (the same computation as ``adeudo``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from jerez_pos.core.dinero import texto
from jerez_pos.core.texto import plano
from jerez_pos.ledger import cuentas, cuentas_padron, inpc
from jerez_pos.ledger.lectura import leer
from jerez_pos.ledger.terminal import Terminal

SQL_PAGADOS_COMERCIO = (
    "SELECT DISTINCT rc.cuenta, rc.ejercicio FROM recibo_cuenta rc WHERE rc.padron = 'comercio' "
    "AND NOT EXISTS (SELECT 1 FROM anulacion a WHERE a.recibo_id = rc.recibo_id)"
)
_NUMEROS = re.compile(r"(\d+)")


@dataclass(frozen=True)
class SinRefrendo:
    licencia: str
    titular: str
    domicilio: str
    giro: int
    giro_nombre: str
    pagado_hasta: int
    anios: tuple[int, ...]
    adeudo: Decimal

    def a_dict(self) -> dict[str, Any]:
        return {
            "licencia": self.licencia,
            "titular": self.titular,
            "domicilio": self.domicilio,
            "giro": self.giro,
            "giro_nombre": self.giro_nombre,
            "pagado_hasta": self.pagado_hasta,
            "anios": list(self.anios),
            "adeudo": texto(self.adeudo),
        }


def orden_domicilio(domicilio: str) -> tuple[tuple[int, str, int], ...]:
    """Street by street, house numbers in number order ("Hidalgo 9" before "Hidalgo 10"), without accents."""
    partes = _NUMEROS.split(" ".join(plano(domicilio).split()))
    return tuple((1, "", int(p)) if p.isdigit() else (0, p, 0) for p in partes if p)


def sin_refrendo(terminal: Terminal, fecha: dt.date) -> list[SinRefrendo]:
    with leer(terminal.bd) as c:
        filas = c.execute(SQL_PAGADOS_COMERCIO).fetchall()
    pagados: dict[str, set[int]] = {}
    for cuenta, ejercicio in filas:
        pagados.setdefault(str(cuenta), set()).add(int(ejercicio))
    tabla = inpc.tabla(terminal.bd)
    catalogo = terminal.catalogo(fecha)
    lista: list[SinRefrendo] = []
    for registro in cuentas_padron.cuentas(terminal.bd, cuentas_padron.COMERCIO):
        adeudo = cuentas.calcular(terminal.motor, registro, pagados.get(registro.cuenta, set()), fecha, tabla)
        if adeudo.pagado_hasta >= fecha.year:
            continue
        numero = int(registro.datos["giro"])
        giro = catalogo.giro(numero)
        lista.append(
            SinRefrendo(
                registro.cuenta,
                registro.titular,
                registro.domicilio,
                numero,
                giro.nombre if giro is not None else "",
                adeudo.pagado_hasta,
                tuple(a.ejercicio for a in adeudo.anios),
                adeudo.total,
            )
        )
    lista.sort(key=lambda x: (orden_domicilio(x.domicilio), x.licencia))
    return lista
