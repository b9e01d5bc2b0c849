"""Padrón de puestos: the stalls an inspector charges on the tianguis and markets (Arts. 72, 75, 76).

Revision ID: 0003
Revises: 0002

The padrón is a registry, not money: a stall's holder or location changes, so ``puesto`` is mutable (like
``usuario``) and every import is written to ``auditoria``. What an inspector charged is never here: it is
the receipt itself (its contributor carries ``padron`` = the stall's ``clave``), so paid/pending for a day
is read from the append-only ledger. Size is integer hundredths of a square metre (no floats in SQLite).
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """CREATE TABLE puesto (
        id INTEGER PRIMARY KEY,
        clave TEXT NOT NULL UNIQUE CHECK (length(clave) BETWEEN 1 AND 20),
        titular TEXT NOT NULL, giro TEXT NOT NULL DEFAULT '', tianguis TEXT NOT NULL,
        ubicacion TEXT NOT NULL DEFAULT '',
        tipo TEXT NOT NULL CHECK (tipo IN ('movil','fijo','semifijo')),
        m2_centesimos INTEGER NOT NULL CHECK (m2_centesimos > 0),
        concepto TEXT, activo INTEGER NOT NULL DEFAULT 1, actualizado_en TEXT NOT NULL)"""
    )
    op.execute("CREATE INDEX ix_puesto_tianguis ON puesto (tianguis, ubicacion)")


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS puesto")
