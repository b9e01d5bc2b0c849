"""Arqueos: each submitted cash count of a shift, recorded in the ledger and never edited.

A count is a fact the supervisor reviews: once the cashier says "done counting" it is a row of ``arqueo``
(append-only; migration 0007), with the expected cash computed in the same ``BEGIN IMMEDIATE``
transaction. A recount is another row with the next number. Only after a count exists does the shift show
its expected cash (blind count), and a variance on *any* count of the shift needs a supervisor to close,
whatever later counts say: otherwise "count, see the shortage, change the count" erases the shortage.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, text

from jerez_pos.core.dinero import D, a_centavos, de_centavos, pesos
from jerez_pos.core.dinero import texto as texto_monto
from jerez_pos.ledger import auditoria
from jerez_pos.ledger.comun import Sesion

Consulta = Callable[[str, dict[str, Any]], list[Any]]


@dataclass(frozen=True)
class Conteo:
    """One recorded count: number within the shift, when, who, pieces by denomination and the figures."""

    n: int
    registrado_en: str
    usuario: str
    piezas: dict[Decimal, int]
    contado: int
    esperado: int

    @property
    def diferencia(self) -> int:
        return self.contado - self.esperado

    def descripcion(self) -> str:
        """ "sobrante de $40.00" / "faltante de $4.00" / "cuadra": how messages and papers name it."""
        if not self.diferencia:
            return "cuadra"
        tipo = "sobrante" if self.diferencia > 0 else "faltante"
        return f"{tipo} de {pesos(de_centavos(abs(self.diferencia)))}"

    def a_dict(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "registrado_en": self.registrado_en,
            "usuario": self.usuario,
            "conteo": piezas_texto(self.piezas),
            "contado": texto_monto(de_centavos(self.contado)),
            "esperado": texto_monto(de_centavos(self.esperado)),
            "diferencia": texto_monto(de_centavos(self.diferencia)),
        }


def piezas_texto(piezas: dict[Decimal, int]) -> dict[str, int]:
    return {str(d): n for d, n in sorted(piezas.items(), reverse=True)}


def suma(piezas: dict[Decimal, int]) -> int:
    return a_centavos(sum((d * n for d, n in piezas.items()), Decimal(0)))


def leer(consulta: Consulta, turno_id: int) -> list[Conteo]:
    filas = consulta(
        "SELECT a.n, a.registrado_en, u.usuario, a.conteo, a.contado_centavos, a.esperado_centavos "
        "FROM arqueo a JOIN usuario u ON u.id = a.usuario_id WHERE a.turno_id = :t ORDER BY a.n",
        {"t": turno_id},
    )
    return [
        Conteo(int(n), str(f), str(u), {D(k): int(v) for k, v in json.loads(c).items()}, int(k_), int(e))
        for n, f, u, c, k_, e in filas
    ]


def registrar(
    conexion: Connection, sesion: Sesion, turno_id: int, n: int, piezas: dict[Decimal, int], esperado: int, fecha: str
) -> Conteo:
    """Inserts count number ``n`` (the caller read the previous ones in this same transaction) and audits it."""
    conteo = Conteo(n, fecha, sesion.usuario, dict(piezas), suma(piezas), esperado)
    conexion.execute(
        text(
            "INSERT INTO arqueo (turno_id, n, usuario_id, conteo, contado_centavos, esperado_centavos, "
            "diferencia_centavos, registrado_en) VALUES (:t, :n, :u, :c, :k, :e, :d, :f)"
        ),
        {
            "t": turno_id,
            "n": n,
            "u": sesion.usuario_id,
            "c": json.dumps(piezas_texto(piezas)),
            "k": conteo.contado,
            "e": esperado,
            "d": conteo.diferencia,
            "f": fecha,
        },
    )
    auditoria.registrar(
        conexion,
        sesion.usuario,
        "arqueo",
        {
            "turno": turno_id,
            "conteo": n,
            "contado": texto_monto(de_centavos(conteo.contado)),
            "diferencia": texto_monto(de_centavos(conteo.diferencia)),
        },
    )
    return conteo


def con_diferencia(conteos: list[Conteo]) -> Conteo | None:
    """The first count of the shift that did not match: it alone decides that a supervisor must sign."""
    return next((c for c in conteos if c.diferencia), None)
