"""Console tables (SQLAlchemy Core) on central's metadata: users, server-side sessions, audit log.

The schema is created by migration c0003; the simulation's ``METADATA.create_all`` sees them too because
they live on the same metadata.
"""

from __future__ import annotations

import sqlalchemy as sa

from jerez_pos.central.modelos import ID, METADATA

usuario_consola = sa.Table(
    "usuario_consola",
    METADATA,
    sa.Column("id", ID, primary_key=True, autoincrement=True),
    sa.Column("usuario", sa.String(40), nullable=False, unique=True),
    sa.Column("rol", sa.String(20), nullable=False),
    sa.Column("hash", sa.String(200), nullable=False),  # argon2id, parameters and salt included
    sa.Column("bloqueado", sa.Integer, nullable=False, server_default="0"),  # by an administrator
    sa.Column("fallos", sa.Integer, nullable=False, server_default="0"),  # consecutive failed sign-ins
    sa.Column("bloqueado_hasta", sa.String(32)),  # automatic lockout after too many failures
    sa.Column("creado_en", sa.String(32), nullable=False),
)

sesion_consola = sa.Table(
    "sesion_consola",
    METADATA,
    # SHA-256 of the cookie value: a copy of the table does not hand out live sessions.
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("usuario", sa.String(40), nullable=False),
    sa.Column("creada_en", sa.String(32), nullable=False),
    sa.Column("expira_en", sa.String(32), nullable=False),
    sa.Column("ultima_en", sa.String(32), nullable=False),
)

auditoria_consola = sa.Table(
    "auditoria_consola",
    METADATA,
    sa.Column("id", ID, primary_key=True, autoincrement=True),
    sa.Column("momento", sa.String(32), nullable=False),
    sa.Column("usuario", sa.String(40), nullable=False),
    sa.Column("accion", sa.String(60), nullable=False),
    sa.Column("detalle", sa.Text, nullable=False),
)
