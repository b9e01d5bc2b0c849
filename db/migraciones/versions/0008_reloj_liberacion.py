"""Liberación del reloj: un supervisor autoriza fechar recibos antes de un eslabón fechado a futuro.

Revision ID: 0008
Revises: 0007

A receipt dated by a clock that jumped ahead (2099) would otherwise stop every later charge: the ledger
refuses a wall clock earlier than its last chained movement. A supervisor may record, at the chain's current
tip, that the wall clock is right; the next link may then be dated from that moment on. The same record
confirms a wall clock implausibly far ahead of the last movement. Rows are signed by the terminal key over
the tip they release (eslabón and hash), so the verification accepts the out-of-order dates only under one.
Append-only like every ledger table.
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """CREATE TABLE reloj_liberacion (
        id INTEGER PRIMARY KEY, eslabon INTEGER NOT NULL, hash_punta BLOB NOT NULL, fecha_punta TEXT,
        fecha TEXT NOT NULL, supervisor_id INTEGER NOT NULL REFERENCES usuario(id), motivo TEXT NOT NULL,
        firma BLOB NOT NULL)"""
    )
    op.execute("CREATE INDEX ix_reloj_liberacion_eslabon ON reloj_liberacion (eslabon)")
    for operacion in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER reloj_liberacion_sin_{operacion.lower()} BEFORE {operacion} ON reloj_liberacion "
            "BEGIN SELECT RAISE(ABORT, 'la tabla reloj_liberacion es de solo anexar: no se modifica ni se borra'); "
            "END"
        )


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS reloj_liberacion")
