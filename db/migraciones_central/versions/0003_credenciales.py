"""Credenciales de la tesorería y vigencia de los códigos de inscripción.

Revision ID: c0003
Revises: c0002

``token_central`` keeps only the SHA-256 of each bearer token (the token itself is shown once, when it is
created) so a copy of the database does not open the reports. ``terminal.codigo_vence`` bounds how long a
one-time enrollment code works; codes already pending get the default 72 hours from their creation.
"""

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "c0003"
down_revision = "c0002"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
VIGENCIA_ANTERIORES = dt.timedelta(hours=72)


def upgrade() -> None:
    op.create_table(
        "token_central",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("nombre", sa.String(60), nullable=False),
        sa.Column("prefijo", sa.String(12), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False, unique=True),
        sa.Column("creado_en", sa.String(32), nullable=False),
        sa.Column("revocado_en", sa.String(32)),
    )
    with op.batch_alter_table("terminal") as tabla:
        tabla.add_column(sa.Column("codigo_vence", sa.String(32)))
    terminal = sa.table("terminal", sa.column("id"), sa.column("creada_en"), sa.column("codigo_vence"))
    conexion = op.get_bind()
    pendientes = conexion.execute(sa.text("SELECT id, creada_en FROM terminal WHERE estado = 'pendiente'")).all()
    for id_, creada in pendientes:
        creada_en = dt.datetime.strptime(creada, "%Y-%m-%dT%H:%M:%SZ")
        vence = (creada_en + VIGENCIA_ANTERIORES).strftime("%Y-%m-%dT%H:%M:%SZ")
        conexion.execute(sa.update(terminal).where(terminal.c.id == id_).values(codigo_vence=vence))


def downgrade() -> None:
    with op.batch_alter_table("terminal") as tabla:
        tabla.drop_column("codigo_vence")
    op.drop_table("token_central")
