"""The one list of triggers the ledger must have, and the check that they are all there.

Append-only tables are append-only only while their triggers exist: ``DROP TRIGGER`` needs nothing but the
file. A dropped (or emptied) trigger is reported by ``verificar`` and refuses charging until a backup is
restored. Reading ``sqlite_master`` costs little, but the charge path reads it only when
``PRAGMA schema_version`` moved (see ``custodia``), which any DROP/CREATE TRIGGER does.

A table that becomes append-only in a migration is added here in the same change.
"""

from __future__ import annotations

import sqlite3

SOLO_ANEXAR: tuple[str, ...] = (
    # 0002: the ledger of receipts
    "terminal",
    "turno",
    "recibo",
    "recibo_linea",
    "recibo_pago",
    "autorizacion",
    "anulacion",
    "reimpresion",
    "entrega",
    "entrega_pago",
    "corte",
    "auditoria",
    "outbox",
    # 0006: what a price is computed from
    "uma",
    "catalogo",
    "catalogo_archivo",
    "catalogo_sello",
    "confirmacion_tarifa",
    # 0007: every cash count of a shift
    "arqueo",
    # 0008: a supervisor's signed release of a clock that jumped ahead
    "reloj_liberacion",
    # 0011: taxpayer rolls, the INPC table and which years each receipt paid
    "cuenta_registro",
    "inpc",
    "recibo_cuenta",
    # 0016: the inspector's marks on the route (absent, closed)
    "visita_puesto",
)
OPERACIONES = ("update", "delete")
# Triggers that guard a rule rather than append-only-ness (0007, the blind corte): no count on a closed
# shift, and no corte closed without a supervisor when any count of the shift had a variance.
REGLAS: dict[str, tuple[str, str]] = {
    "arqueo_turno_cerrado": ("arqueo", "insert"),
    "corte_diferencia_supervisor": ("corte", "insert"),
}


def requeridos() -> dict[str, tuple[str, str]]:
    """Trigger name → (table, operation) for every append-only table, plus the rule triggers."""
    return {f"{t}_sin_{op}": (t, op) for t in SOLO_ANEXAR for op in OPERACIONES} | REGLAS


def faltantes(conexion: sqlite3.Connection) -> list[str]:
    """Required triggers that are missing or no longer refuse (replaced by one that lets the change through)."""
    presentes = {
        nombre: (tabla, sql or "")
        for nombre, tabla, sql in conexion.execute(
            "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'"
        )
    }
    resultado = []
    for nombre, (tabla, operacion) in requeridos().items():
        encontrado = presentes.get(nombre)
        if encontrado is None or not _rechaza(encontrado[1], tabla, operacion) or encontrado[0] != tabla:
            resultado.append(nombre)
    return resultado


def _rechaza(sql: str, tabla: str, operacion: str) -> bool:
    plano = " ".join(sql.split()).upper()
    return f"BEFORE {operacion.upper()} ON {tabla.upper()} " in plano and "RAISE(ABORT" in plano


def mensaje(faltan: list[str]) -> str:
    nombres = ", ".join(faltan[:5]) + (f" y {len(faltan) - 5} más" if len(faltan) > 5 else "")
    return (
        f"disparadores: falta el disparador {nombres}" if len(faltan) == 1 else f"disparadores: faltan {nombres}"
    ) + (
        "; las tablas de solo anexar quedaron sin protección y no se puede cobrar. "
        "Restaure el último respaldo verificado y avise a soporte"
    )
