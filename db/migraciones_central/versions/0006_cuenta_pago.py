"""Vista central de las cuentas: qué ejercicio de qué cuenta pagó cada recibo.

Revision ID: c0006
Revises: c0005

``cuenta_pago`` is filled as batches arrive (``central.cuentas``): one row per (receipt, account, year) that
a receipt charged to a predial or comercio account pays, with its folio and the amount of that year's
lines. A void marks the rows of its receipt (``anulado_en``): the year is owed again. Rows of receipts
already stored when this migration runs are rebuilt here from their chain documents, which carry the
account and the year of every line (``core.documento.cuentas_pagadas``). Only payments that arrive from
now on are checked for double payment (``conflicto``).
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "c0006"
down_revision = "c0005"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "cuenta_pago",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("padron", sa.String(10), nullable=False),
        sa.Column("cuenta", sa.String(30), nullable=False),
        sa.Column("ejercicio", sa.Integer, nullable=False),
        sa.Column("terminal_id", sa.BigInteger, sa.ForeignKey("terminal.id"), nullable=False),
        sa.Column("secuencia", sa.Integer, nullable=False),
        sa.Column("folio", sa.String(30), nullable=False),
        sa.Column("recibo_hash", sa.LargeBinary(32), nullable=False),
        sa.Column("total_centavos", sa.BigInteger, nullable=False),
        sa.Column("fecha", sa.String(32), nullable=False),
        sa.Column("recibido_en", sa.String(32), nullable=False),
        sa.Column("anulado_en", sa.String(32)),
        sa.UniqueConstraint("terminal_id", "secuencia", "padron", "cuenta", "ejercicio", name="uq_cuenta_pago"),
    )
    op.create_index("ix_cuenta_pago_cuenta", "cuenta_pago", ["padron", "cuenta", "ejercicio"])
    op.create_index("ix_cuenta_pago_recibo", "cuenta_pago", ["recibo_hash"])
    _rellenar()


def _rellenar() -> None:
    """Receipts central already holds, in arrival order per terminal; then their voids."""
    from jerez_pos.core.documento import cuentas_pagadas, folio

    conexion = op.get_bind()
    filas = conexion.execute(
        sa.text(
            "SELECT terminal_id, secuencia, hash, documento, fecha_terminal, recibido_en, serie, numero "
            "FROM registro WHERE tipo = 'recibo' AND documento LIKE '%\"ejercicio\"%' ORDER BY id"
        )
    ).all()
    nuevas = []
    for f in filas:
        for pago in cuentas_pagadas(json.loads(f.documento)):
            nuevas.append(
                {
                    "padron": pago.padron,
                    "cuenta": pago.cuenta[:30],
                    "ejercicio": pago.ejercicio,
                    "terminal_id": f.terminal_id,
                    "secuencia": f.secuencia,
                    "folio": folio(f.serie, f.numero),
                    "recibo_hash": bytes(f.hash),
                    "total_centavos": pago.total_centavos,
                    "fecha": f.fecha_terminal,
                    "recibido_en": f.recibido_en,
                }
            )
    if not nuevas:
        return
    tabla = sa.table("cuenta_pago", *(sa.column(k) for k in nuevas[0]))
    conexion.execute(sa.insert(tabla), nuevas)
    conexion.execute(
        sa.text(
            "UPDATE cuenta_pago SET anulado_en = (SELECT min(a.recibido_en) FROM registro a "
            "WHERE a.tipo = 'anulacion' AND a.recibo_hash = cuenta_pago.recibo_hash) "
            "WHERE EXISTS (SELECT 1 FROM registro a "
            "WHERE a.tipo = 'anulacion' AND a.recibo_hash = cuenta_pago.recibo_hash)"
        )
    )


def downgrade() -> None:
    op.drop_table("cuenta_pago")
