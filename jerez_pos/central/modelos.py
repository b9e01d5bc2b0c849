"""Central tables (SQLAlchemy Core). Money in integer centavos; hashes, keys and signatures as bytes.

The schema itself is created by the Alembic migrations in ``db/migraciones_central``; these objects are
what the code queries, and the simulation creates them directly (``METADATA.create_all``) because it
builds thousands of throw-away servers.
"""

from __future__ import annotations

import sqlalchemy as sa

METADATA = sa.MetaData()
# BIGINT autoincrement on PostgreSQL, INTEGER (the rowid alias) on SQLite.
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

terminal = sa.Table(
    "terminal",
    METADATA,
    sa.Column("id", ID, primary_key=True, autoincrement=True),
    sa.Column("serie", sa.String(12), nullable=False, unique=True),
    sa.Column("delegacion", sa.String(120), nullable=False),
    sa.Column("codigo_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("llave_publica", sa.LargeBinary(32)),
    # pendiente (code not used yet) → activa (enrolled) → revocada
    sa.Column("estado", sa.String(12), nullable=False),
    sa.Column("creada_en", sa.String(32), nullable=False),
    sa.Column("inscrita_en", sa.String(32)),
    sa.Column("punta", sa.Integer, nullable=False, server_default="0"),
    # Sequence up to which every stored record's own signature has been checked (``central.firmas``).
    sa.Column("firmas_revisadas", sa.Integer, nullable=False, server_default="0"),
    # UTC instant after which the one-time enrollment code no longer works (``central.terminales``).
    sa.Column("codigo_vence", sa.String(32)),
    sa.Column("ultimo_contacto", sa.String(32)),  # last signed request, at most a minute stale (``contactos``)
)

registro = sa.Table(
    "registro",
    METADATA,
    sa.Column("id", ID, primary_key=True, autoincrement=True),
    sa.Column("terminal_id", sa.BigInteger, sa.ForeignKey("terminal.id"), nullable=False),
    sa.Column("uid", sa.String(36), nullable=False),
    sa.Column("secuencia", sa.Integer, nullable=False),
    sa.Column("tipo", sa.String(10), nullable=False),
    sa.Column("hash", sa.LargeBinary(32), nullable=False),
    sa.Column("hash_previo", sa.LargeBinary(32), nullable=False),
    sa.Column("firma", sa.LargeBinary(64), nullable=False),
    sa.Column("documento", sa.Text, nullable=False),
    sa.Column("fecha_terminal", sa.String(32), nullable=False),  # what the terminal's clock claimed
    sa.Column("recibido_en", sa.String(32), nullable=False),  # server's UTC arrival time
    sa.Column("serie", sa.String(12)),
    sa.Column("numero", sa.Integer),
    sa.Column("total_centavos", sa.BigInteger),
    sa.Column("recibo_hash", sa.LargeBinary(32)),  # a void points at the voided receipt's chain hash
    sa.UniqueConstraint("terminal_id", "uid", name="uq_registro_uid"),
    sa.UniqueConstraint("terminal_id", "secuencia", name="uq_registro_secuencia"),
    sa.UniqueConstraint("serie", "numero", name="uq_registro_folio"),
    sa.Index("ix_registro_recibo_hash", "recibo_hash"),
    sa.Index("ix_registro_fecha", "fecha_terminal"),
)

linea = sa.Table(
    "linea",
    METADATA,
    sa.Column("terminal_id", sa.BigInteger, sa.ForeignKey("terminal.id"), primary_key=True),
    sa.Column("secuencia", sa.Integer, primary_key=True),
    sa.Column("n", sa.Integer, primary_key=True),
    sa.Column("clave", sa.String(40), nullable=False),
    sa.Column("rubro", sa.String(200), nullable=False),
    sa.Column("total_centavos", sa.BigInteger, nullable=False),
)

conflicto = sa.Table(
    "conflicto",
    METADATA,
    sa.Column("id", ID, primary_key=True, autoincrement=True),
    sa.Column("terminal_id", sa.BigInteger, sa.ForeignKey("terminal.id"), nullable=False),
    sa.Column("uid", sa.String(36), nullable=False),
    sa.Column("secuencia", sa.Integer, nullable=False),
    sa.Column("campo", sa.String(60), nullable=False),
    sa.Column("motivo", sa.Text, nullable=False),
    sa.Column("recibido", sa.Text, nullable=False),
    sa.Column("registrado_en", sa.String(32), nullable=False),
)

paquete = sa.Table(
    "paquete",
    METADATA,
    sa.Column("id", ID, primary_key=True, autoincrement=True),
    sa.Column("version", sa.Integer, nullable=False, unique=True),
    sa.Column("tipo", sa.String(20), nullable=False),
    sa.Column("contenido", sa.Text, nullable=False),  # canonical JSON of the signed package
    sa.Column("firma", sa.String(128), nullable=False),
    sa.Column("publicado_en", sa.String(32), nullable=False),
)

# Treasurer bearer tokens (``central.credenciales``): only the SHA-256 is kept; the token is shown once.
token_central = sa.Table(
    "token_central",
    METADATA,
    sa.Column("id", ID, primary_key=True, autoincrement=True),
    sa.Column("nombre", sa.String(60), nullable=False),
    sa.Column("prefijo", sa.String(12), nullable=False),
    sa.Column("hash", sa.String(64), nullable=False, unique=True),
    sa.Column("creado_en", sa.String(32), nullable=False),
    sa.Column("revocado_en", sa.String(32)),
)
