"""Day and period reports by concept, CRI rubro, cashier and terminal (voided receipts excluded, listed apart).

Read from a snapshot connection, so a report never waits on the cashier nor makes the cashier wait.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Engine

from jerez_pos.core.dinero import de_centavos, texto
from jerez_pos.ledger.comun import Sesion
from jerez_pos.ledger.lectura import leer

QUIEN_CONSULTA = ("supervisor", "administrador", "cajero", "inspector")


def _pesos(centavos: int) -> str:
    return texto(de_centavos(centavos))


def periodo(bd: Engine, sesion: Sesion, desde: dt.date, hasta: dt.date) -> dict[str, Any]:
    sesion.exigir("consultar reportes", *QUIEN_CONSULTA)
    rango = {"d": desde.isoformat(), "h": (hasta + dt.timedelta(days=1)).isoformat()}
    condicion = "r.fecha >= :d AND r.fecha < :h AND NOT EXISTS (SELECT 1 FROM anulacion a WHERE a.recibo_id = r.id)"
    validos = f"FROM recibo r WHERE {condicion}"
    with leer(bd) as c:
        terminal = c.execute("SELECT serie, nombre, delegacion FROM terminal").fetchone()
        cuenta, total = c.execute(f"SELECT count(*), coalesce(sum(r.total_centavos), 0) {validos}", rango).fetchone()
        por_concepto = c.execute(
            f"SELECT l.clave, count(*), sum(l.total_centavos) FROM recibo_linea l JOIN recibo r ON r.id = l.recibo_id "
            f"WHERE r.id IN (SELECT r.id {validos}) GROUP BY l.clave ORDER BY l.clave",
            rango,
        ).fetchall()
        por_rubro = c.execute(
            f"SELECT l.rubro, sum(l.total_centavos) FROM recibo_linea l JOIN recibo r ON r.id = l.recibo_id "
            f"WHERE r.id IN (SELECT r.id {validos}) GROUP BY l.rubro ORDER BY l.rubro",
            rango,
        ).fetchall()
        por_cajero = c.execute(
            f"SELECT u.usuario, count(*), sum(r.total_centavos) FROM recibo r JOIN usuario u ON u.id = r.cajero_id "
            f"WHERE {condicion} GROUP BY u.usuario",
            rango,
        ).fetchall()
        anulados = c.execute(
            "SELECT r.serie || '-' || r.numero, r.total_centavos, a.motivo FROM anulacion a "
            "JOIN recibo r ON r.id = a.recibo_id WHERE r.fecha >= :d AND r.fecha < :h ORDER BY r.id",
            rango,
        ).fetchall()
    return {
        "desde": desde.isoformat(),
        "hasta": hasta.isoformat(),
        "terminal": dict(terminal) if terminal else None,
        "recibos": cuenta,
        "total": _pesos(total),
        "por_concepto": [{"clave": k, "lineas": n, "total": _pesos(t)} for k, n, t in por_concepto],
        "por_rubro": [{"rubro": k, "total": _pesos(t)} for k, t in por_rubro],
        "por_rubro_niveles": _niveles(por_rubro),
        "por_cajero": [{"cajero": k, "recibos": n, "total": _pesos(t)} for k, n, t in por_cajero],
        "anulados": [{"folio": f, "total": _pesos(t), "motivo": m} for f, t, m in anulados],
    }


def _niveles(por_rubro: list[Any]) -> list[dict[str, Any]]:
    """Roll the leaf rubros up every level of Art. 2's hierarchy (Derechos › … › Registro Civil)."""
    acumulado: dict[str, int] = {}
    for rubro, centavos in por_rubro:
        partes = rubro.split(" › ")
        for nivel in range(1, len(partes) + 1):
            prefijo = " › ".join(partes[:nivel])
            acumulado[prefijo] = acumulado.get(prefijo, 0) + int(centavos)
    return [{"rubro": k, "nivel": k.count(" › ") + 1, "total": _pesos(v)} for k, v in sorted(acumulado.items())]


def dia(bd: Engine, sesion: Sesion, fecha: dt.date) -> dict[str, Any]:
    return periodo(bd, sesion, fecha, fecha)
