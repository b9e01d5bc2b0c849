"""Every cashier's shifts of a day, for the supervisor's home: open ones (whatever day they opened) and the
ones closed that day, each with its receipts (voids left out) and whether a count is recorded. Read only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Engine

from jerez_pos.core.dinero import de_centavos
from jerez_pos.ledger.comun import Sesion
from jerez_pos.ledger.lectura import leer

QUIEN_SUPERVISA = ("supervisor",)


@dataclass(frozen=True)
class ResumenTurno:
    turno_id: int
    cajero: str
    rol: str
    abierto_en: str
    fondo: Decimal
    recibos: int
    cobrado: Decimal  # receipts' totals, voids left out
    conteos: int
    cerrado_en: str | None

    @property
    def abierto(self) -> bool:
        return self.cerrado_en is None


def del_dia(bd: Engine, sesion: Sesion, fecha: dt.date) -> list[ResumenTurno]:
    sesion.exigir("ver los turnos de todos", *QUIEN_SUPERVISA)
    desde, hasta = fecha.isoformat(), (fecha + dt.timedelta(days=1)).isoformat()
    with leer(bd) as c:
        filas = c.execute(
            "SELECT t.id, u.usuario, u.rol, t.abierto_en, t.fondo_centavos, k.cerrado_en, "
            "(SELECT count(*) FROM recibo r WHERE r.turno_id = t.id "
            " AND NOT EXISTS (SELECT 1 FROM anulacion a WHERE a.recibo_id = r.id)) AS recibos, "
            "(SELECT coalesce(sum(r.total_centavos), 0) FROM recibo r WHERE r.turno_id = t.id "
            " AND NOT EXISTS (SELECT 1 FROM anulacion a WHERE a.recibo_id = r.id)) AS cobrado, "
            "(SELECT count(*) FROM arqueo q WHERE q.turno_id = t.id) AS conteos "
            "FROM turno t JOIN usuario u ON u.id = t.cajero_id LEFT JOIN corte k ON k.turno_id = t.id "
            "WHERE k.id IS NULL OR (k.cerrado_en >= :d AND k.cerrado_en < :h) ORDER BY k.id IS NOT NULL, t.id",
            {"d": desde, "h": hasta},
        ).fetchall()
    return [
        ResumenTurno(
            int(f["id"]),
            str(f["usuario"]),
            str(f["rol"]),
            str(f["abierto_en"]),
            de_centavos(int(f["fondo_centavos"])),
            int(f["recibos"]),
            de_centavos(int(f["cobrado"])),
            int(f["conteos"]),
            f["cerrado_en"],
        )
        for f in filas
    ]
