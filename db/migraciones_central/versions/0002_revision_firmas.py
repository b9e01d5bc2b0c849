"""Revisión de firmas por registro: hasta qué secuencia de cada terminal ya se comprobó la firma propia.

Revision ID: c0002
Revises: c0001

A batch is authenticated on arrival by its request signature and by the signature of its last new record,
which covers every earlier link through the hash chain. Each record's own signature is then checked in
the background; ``terminal.firmas_revisadas`` is the sequence up to which that check is done.
"""

import sqlalchemy as sa
from alembic import op

revision = "c0002"
down_revision = "c0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("terminal") as tabla:
        tabla.add_column(sa.Column("firmas_revisadas", sa.Integer, nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("terminal") as tabla:
        tabla.drop_column("firmas_revisadas")
