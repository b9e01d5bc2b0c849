"""Servidor central: terminales, registros (recibos y anulaciones), líneas, conflictos y paquetes firmados.

Revision ID: c0001
Revises:

A frozen copy of the schema (not an import of jerez_pos.central.modelos), so later model changes never
rewrite history. Integer centavos; hashes, keys and signatures as bytes.
"""

import sqlalchemy as sa
from alembic import op

revision = "c0001"
down_revision = None
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "terminal",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("serie", sa.String(12), nullable=False, unique=True),
        sa.Column("delegacion", sa.String(120), nullable=False),
        sa.Column("codigo_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("llave_publica", sa.LargeBinary(32)),
        sa.Column("estado", sa.String(12), nullable=False),
        sa.Column("creada_en", sa.String(32), nullable=False),
        sa.Column("inscrita_en", sa.String(32)),
        sa.Column("punta", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_table(
        "registro",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("terminal_id", sa.BigInteger, sa.ForeignKey("terminal.id"), nullable=False),
        sa.Column("uid", sa.String(36), nullable=False),
        sa.Column("secuencia", sa.Integer, nullable=False),
        sa.Column("tipo", sa.String(10), nullable=False),
        sa.Column("hash", sa.LargeBinary(32), nullable=False),
        sa.Column("hash_previo", sa.LargeBinary(32), nullable=False),
        sa.Column("firma", sa.LargeBinary(64), nullable=False),
        sa.Column("documento", sa.Text, nullable=False),
        sa.Column("fecha_terminal", sa.String(32), nullable=False),
        sa.Column("recibido_en", sa.String(32), nullable=False),
        sa.Column("serie", sa.String(12)),
        sa.Column("numero", sa.Integer),
        sa.Column("total_centavos", sa.BigInteger),
        sa.Column("recibo_hash", sa.LargeBinary(32)),
        sa.UniqueConstraint("terminal_id", "uid", name="uq_registro_uid"),
        sa.UniqueConstraint("terminal_id", "secuencia", name="uq_registro_secuencia"),
        sa.UniqueConstraint("serie", "numero", name="uq_registro_folio"),
    )
    op.create_index("ix_registro_recibo_hash", "registro", ["recibo_hash"])
    op.create_index("ix_registro_fecha", "registro", ["fecha_terminal"])
    op.create_table(
        "linea",
        sa.Column("terminal_id", sa.BigInteger, sa.ForeignKey("terminal.id"), primary_key=True),
        sa.Column("secuencia", sa.Integer, primary_key=True),
        sa.Column("n", sa.Integer, primary_key=True),
        sa.Column("clave", sa.String(40), nullable=False),
        sa.Column("rubro", sa.String(200), nullable=False),
        sa.Column("total_centavos", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "conflicto",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("terminal_id", sa.BigInteger, sa.ForeignKey("terminal.id"), nullable=False),
        sa.Column("uid", sa.String(36), nullable=False),
        sa.Column("secuencia", sa.Integer, nullable=False),
        sa.Column("campo", sa.String(60), nullable=False),
        sa.Column("motivo", sa.Text, nullable=False),
        sa.Column("recibido", sa.Text, nullable=False),
        sa.Column("registrado_en", sa.String(32), nullable=False),
    )
    op.create_table(
        "paquete",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("version", sa.Integer, nullable=False, unique=True),
        sa.Column("tipo", sa.String(20), nullable=False),
        sa.Column("contenido", sa.Text, nullable=False),
        sa.Column("firma", sa.String(128), nullable=False),
        sa.Column("publicado_en", sa.String(32), nullable=False),
    )


def downgrade() -> None:
    for tabla in ("paquete", "conflicto", "linea", "registro", "terminal"):
        op.drop_table(tabla)
