"""Central tables the console manages (migration c0005): conflict resolution notes and two-person
catalog/UMA publications. Same ``METADATA`` as ``modelos``, kept apart so the sync tables stay short."""

from __future__ import annotations

import sqlalchemy as sa

from jerez_pos.central.modelos import ID, METADATA

nota_conflicto = sa.Table(
    "nota_conflicto",
    METADATA,
    sa.Column("id", ID, primary_key=True, autoincrement=True),
    sa.Column("conflicto_id", sa.BigInteger, sa.ForeignKey("conflicto.id"), nullable=False, index=True),
    sa.Column("autor", sa.String(80), nullable=False),
    sa.Column("texto", sa.Text, nullable=False),
    sa.Column("creada_en", sa.String(32), nullable=False),
)

publicacion = sa.Table(
    "publicacion",
    METADATA,
    sa.Column("id", ID, primary_key=True, autoincrement=True),
    sa.Column("tipo", sa.String(20), nullable=False),
    sa.Column("origen", sa.String(300), nullable=False),  # the uploaded file's name or the server path
    sa.Column("contenido", sa.Text, nullable=False),  # JSON: the package "contenido" as prepared
    sa.Column("diferencias", sa.Text, nullable=False),  # JSON: what changed against the published one
    sa.Column("estado", sa.String(12), nullable=False),  # pendiente → publicada | descartada
    sa.Column("preparada_por", sa.String(80), nullable=False),
    sa.Column("preparada_en", sa.String(32), nullable=False),
    sa.Column("aprobada_por", sa.String(80)),
    sa.Column("aprobada_en", sa.String(32)),
    sa.Column("version", sa.Integer),  # the package version it became
)
