"""Audit log of sensitive actions, written inside the caller's transaction so it commits with the action."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, Engine, text

from jerez_pos.ledger.comun import marca, reloj_sistema


def registrar(conexion: Connection, usuario: str, accion: str, detalle: dict[str, Any] | str = "") -> None:
    cuerpo = detalle if isinstance(detalle, str) else json.dumps(detalle, ensure_ascii=False, sort_keys=True)
    conexion.execute(
        text("INSERT INTO auditoria (fecha, usuario, accion, detalle) VALUES (:f, :u, :a, :d)"),
        {"f": marca(reloj_sistema()), "u": usuario, "a": accion, "d": cuerpo},
    )


def registrar_aparte(bd: Engine, usuario: str, accion: str, detalle: dict[str, Any] | str = "") -> None:
    """For events that must be kept even when the action itself fails (a failed login)."""
    with bd.begin() as conexion:
        registrar(conexion, usuario, accion, detalle)


def eventos(bd: Engine, limite: int = 100) -> list[dict[str, Any]]:
    with bd.connect() as conexion:
        filas = conexion.execute(
            text("SELECT fecha, usuario, accion, detalle FROM auditoria ORDER BY id DESC LIMIT :l"), {"l": limite}
        ).all()
    return [dict(f._mapping) for f in filas]
