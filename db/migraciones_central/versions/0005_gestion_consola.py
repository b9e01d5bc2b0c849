"""Consola: último contacto de cada terminal, notas de resolución de conflictos y publicaciones de
catálogo/UMA con dos personas.

Revision ID: c0005
Revises: c0004

``terminal.ultimo_contacto``: the last signed request (``central.contactos``, at most a minute stale).
``nota_conflicto`` only grows: a resolution note is never edited, a correction is another note.
``publicacion`` is a package someone prepared and someone else approved (or not yet): the prepared
content is kept verbatim, so what was reviewed is exactly what gets signed.
"""

import sqlalchemy as sa
from alembic import op

revision = "c0005"
down_revision = "c0004"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("terminal") as tabla:
        tabla.add_column(sa.Column("ultimo_contacto", sa.String(32)))
    op.create_table(
        "nota_conflicto",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("conflicto_id", sa.BigInteger, sa.ForeignKey("conflicto.id"), nullable=False, index=True),
        sa.Column("autor", sa.String(80), nullable=False),
        sa.Column("texto", sa.Text, nullable=False),
        sa.Column("creada_en", sa.String(32), nullable=False),
    )
    op.create_table(
        "publicacion",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("tipo", sa.String(20), nullable=False),
        sa.Column("origen", sa.String(300), nullable=False),
        sa.Column("contenido", sa.Text, nullable=False),
        sa.Column("diferencias", sa.Text, nullable=False),
        sa.Column("estado", sa.String(12), nullable=False),
        sa.Column("preparada_por", sa.String(80), nullable=False),
        sa.Column("preparada_en", sa.String(32), nullable=False),
        sa.Column("aprobada_por", sa.String(80)),
        sa.Column("aprobada_en", sa.String(32)),
        sa.Column("version", sa.Integer),
    )


def downgrade() -> None:
    op.drop_table("publicacion")
    op.drop_table("nota_conflicto")
    with op.batch_alter_table("terminal") as tabla:
        tabla.drop_column("ultimo_contacto")
