"""Turnos (till shifts): opened with a float per cashier; one open shift per cashier; closed by a corte.

A shift is open while it has no ``corte`` row: closing is an insert, so ``turno`` stays append-only.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Connection, Engine, text

from jerez_pos.core.dinero import a_centavos, de_centavos
from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.ledger import auditoria, diario, diario_filas
from jerez_pos.ledger.base import crudo
from jerez_pos.ledger.comun import EstadoInvalido, Reloj, Sesion, marca, reloj_sistema

QUIEN_COBRA = ("cajero", "inspector", "supervisor")
FONDO_MAXIMO = Decimal("100000")


@dataclass(frozen=True)
class Turno:
    id: int
    cajero_id: int
    fondo: Decimal
    abierto_en: str


# Read on every charge: built once.
SQL_TURNO_ABIERTO = (
    "SELECT t.id, t.cajero_id, t.fondo_centavos, t.abierto_en FROM turno t "
    "WHERE t.cajero_id = ? AND NOT EXISTS (SELECT 1 FROM corte k WHERE k.turno_id = t.id) "
    "ORDER BY t.id DESC LIMIT 1"
)


def abierto(conexion: Connection, cajero_id: int) -> Turno | None:
    fila = crudo(conexion).execute(SQL_TURNO_ABIERTO, (cajero_id,)).fetchone()
    if fila is None:
        return None
    id_, cajero, fondo, abierto_en = fila
    return Turno(int(id_), int(cajero), de_centavos(fondo), abierto_en)


def exigir_abierto(conexion: Connection, sesion: Sesion) -> Turno:
    turno = abierto(conexion, sesion.usuario_id)
    if turno is None:
        raise EstadoInvalido(
            f"turno: «{sesion.usuario}» no tiene turno abierto; ábralo con «jerez-pos caja abrir --fondo MONTO»"
        )
    return turno


def abrir(bd: Engine, sesion: Sesion, fondo: Decimal, reloj: Reloj = reloj_sistema) -> Turno:
    sesion.exigir("abrir turno", *QUIEN_COBRA)
    if fondo < 0 or fondo > FONDO_MAXIMO or fondo != fondo.quantize(Decimal("0.01")):
        raise ErrorEntrada("--fondo", f"«{fondo}» debe estar entre 0 y {FONDO_MAXIMO} pesos, con centavos a lo más")
    with diario.transaccion(bd) as (conexion, pendiente):
        if abierto(conexion, sesion.usuario_id) is not None:
            raise EstadoInvalido(f"turno: «{sesion.usuario}» ya tiene un turno abierto; ciérrelo con un corte")
        momento = marca(reloj())
        nuevo = conexion.execute(
            text("INSERT INTO turno (cajero_id, fondo_centavos, abierto_en) VALUES (:c, :f, :t) RETURNING id"),
            {"c": sesion.usuario_id, "f": a_centavos(fondo), "t": momento},
        ).scalar_one()
        auditoria.registrar(conexion, sesion.usuario, "apertura de turno", {"turno": nuevo, "fondo": str(fondo)})
        diario_filas.anotar_fila(conexion, pendiente, "turno", int(nuevo))
    return Turno(int(nuevo), sesion.usuario_id, fondo, momento)


def turno_de(bd: Engine, sesion: Sesion) -> Turno | None:
    with bd.connect() as conexion:
        return abierto(conexion, sesion.usuario_id)
