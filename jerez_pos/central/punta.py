"""Central's high-water mark for one terminal: the last sequence it holds and that record's hash.

A terminal compares it with its own ledger before sending (``sync/contraste.py``): a ledger restored from an
older backup is *behind* central (central holds receipts the ledger lost) and must not send other receipts
under those sequences; a ledger whose link at that sequence has another hash has forked.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from jerez_pos.central import sql

_PUNTA = (
    "SELECT secuencia, hash FROM registro WHERE terminal_id = ? AND secuencia = "
    "(SELECT max(secuencia) FROM registro WHERE terminal_id = ?)"
)


def punta(motor: Engine, terminal_id: int) -> dict[str, Any]:
    """``ultima_secuencia`` (0 when central holds nothing) and ``ultimo_hash`` (hex, null when nothing)."""
    with motor.connect() as conexion:
        fila = sql.consultar(conexion, _PUNTA, (terminal_id, terminal_id)).first()
    if fila is None:
        return {"ultima_secuencia": 0, "ultimo_hash": None}
    return {"ultima_secuencia": int(fila[0]), "ultimo_hash": bytes(fila[1]).hex()}
