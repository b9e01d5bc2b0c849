"""Índice del outbox por (tipo, ref_id): la sincronización lee el libro por tramos de la cadena.

Revision ID: 0004
Revises: 0003

Sync reads a batch as "the chain links from sequence N on" (recibo/anulacion by their unique ``eslabon``)
and needs each link's outbox row to mark it acknowledged. Without this index every batch scanned the whole
outbox; with 100 000 receipts that made a full sync quadratic. An index adds no row, so the outbox stays
append-only.
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE INDEX IF NOT EXISTS ix_outbox_ref ON outbox (tipo, ref_id)")


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_outbox_ref")
