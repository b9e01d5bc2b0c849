"""Pagos dobles que ya estaban guardados al crear ``cuenta_pago``: a la bitácora de conflictos.

Revision ID: c0008
Revises: c0006

c0006 rebuilt ``cuenta_pago`` from the receipts central already held but checked only later arrivals for
double payment, so two receipts in force for the same (account, year) stored before it sat there silently.
This writes one conflict per such (account, year), with the same field, text and detail an arriving batch
writes (``central.cuentas.texto_conflicto``), attached to the later receipt. An (account, year) that
already has a double-payment conflict (it arrived after c0006) is not logged again; one where all but one
receipt was voided is no longer a double payment in force and is left alone.
"""

import datetime as dt
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "c0008"
down_revision = "c0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from jerez_pos.central.bd import marca_utc
    from jerez_pos.central.cuentas import detalle_conflicto, texto_conflicto

    conexion = op.get_bind()
    ya = set()
    for (recibido,) in conexion.execute(sa.text("SELECT recibido FROM conflicto WHERE campo LIKE 'pago_doble.%'")):
        detalle = detalle_conflicto(recibido)
        if detalle is not None:
            ya.add((detalle.get("padron"), detalle.get("cuenta"), detalle.get("ejercicio")))
    filas = conexion.execute(
        sa.text(
            "SELECT cp.padron, cp.cuenta, cp.ejercicio, cp.folio, cp.total_centavos, cp.fecha, cp.terminal_id, "
            "cp.secuencia, t.serie, t.delegacion, r.uid FROM cuenta_pago cp "
            "JOIN terminal t ON t.id = cp.terminal_id "
            "JOIN registro r ON r.terminal_id = cp.terminal_id AND r.secuencia = cp.secuencia "
            "WHERE cp.anulado_en IS NULL AND EXISTS (SELECT 1 FROM cuenta_pago o WHERE o.anulado_en IS NULL "
            "AND o.padron = cp.padron AND o.cuenta = cp.cuenta AND o.ejercicio = cp.ejercicio AND o.id <> cp.id) "
            "ORDER BY cp.padron, cp.cuenta, cp.ejercicio, cp.id"
        )
    ).all()
    grupos: dict[tuple[str, str, int], list[Any]] = {}
    for f in filas:
        grupos.setdefault((f.padron, f.cuenta, int(f.ejercicio)), []).append(f)
    ahora = marca_utc(dt.datetime.now(dt.UTC))
    nuevas = []
    for (padron, cuenta, ejercicio), pagos in grupos.items():
        if (padron, cuenta, ejercicio) in ya:
            continue
        cobros = [(x.folio, x.serie, x.delegacion, int(x.total_centavos), x.fecha) for x in pagos]
        motivo, recibido = texto_conflicto(padron, cuenta, ejercicio, cobros)
        ultimo = pagos[-1]
        nuevas.append(
            {
                "terminal_id": ultimo.terminal_id,
                "uid": ultimo.uid,
                "secuencia": ultimo.secuencia,
                "campo": f"pago_doble.{padron}",
                "motivo": motivo,
                "recibido": recibido,
                "registrado_en": ahora,
            }
        )
    if nuevas:
        tabla = sa.table("conflicto", *(sa.column(k) for k in nuevas[0]))
        conexion.execute(sa.insert(tabla), nuevas)


def downgrade() -> None:
    # The conflicts are the treasury's record of money to refund: never deleted by a schema change.
    pass
