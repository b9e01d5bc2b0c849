"""Catálogos de tarifas, tabla de UMA, confirmaciones de tarifas dañadas e índice de búsqueda.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "catalogo",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("municipio", sa.String(60), nullable=False),
        sa.Column("ejercicio", sa.Integer, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("huella", sa.String(64), nullable=False),
        sa.Column("importado_en", sa.String(32), nullable=False),
        sa.Column("origen", sa.Text, nullable=False),
        sa.UniqueConstraint("municipio", "ejercicio", "version", name="uq_catalogo_version"),
    )
    op.create_table(
        "catalogo_archivo",
        sa.Column("catalogo_id", sa.Integer, sa.ForeignKey("catalogo.id"), primary_key=True),
        sa.Column("ruta", sa.String(200), primary_key=True),
        sa.Column("contenido", sa.Text, nullable=False),
    )
    op.create_table(
        "uma",
        sa.Column("anio", sa.Integer, primary_key=True),
        sa.Column("diaria_centavos", sa.Integer, nullable=False),
        sa.Column("vigente_desde", sa.String(10), nullable=False),
        sa.Column("fuente", sa.Text, nullable=False),
    )
    op.create_table(
        "confirmacion_tarifa",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("catalogo_id", sa.Integer, sa.ForeignKey("catalogo.id"), nullable=False),
        sa.Column("clave", sa.String(60), nullable=False),
        sa.Column("usuario", sa.String(60), nullable=False),
        sa.Column("motivo", sa.Text, nullable=False),
        sa.Column("confirmado_en", sa.String(32), nullable=False),
    )
    # Search: one row per concept or giro of every catalog; diacritics folded so "cafeteria" finds "Cafetería".
    op.execute(
        "CREATE VIRTUAL TABLE busqueda USING fts5(catalogo_id UNINDEXED, clave UNINDEXED, tipo UNINDEXED, "
        'descripcion UNINDEXED, texto, tokenize = "unicode61 remove_diacritics 2")'
    )


def downgrade() -> None:
    op.execute("DROP TABLE busqueda")
    op.drop_table("confirmacion_tarifa")
    op.drop_table("uma")
    op.drop_table("catalogo_archivo")
    op.drop_table("catalogo")
