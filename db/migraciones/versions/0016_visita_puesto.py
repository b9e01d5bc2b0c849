"""Visitas de la ruta: el inspector marca un puesto como ausente o cerrado en el día.

Revision ID: 0016
Revises: 0011

A stall the inspector finds empty is not "pending" forever: the mark is a fact of that day's route, written
as a row (who, when, which stall, which day) and never edited. A mark made by mistake is undone with a later
row ``pendiente``; the newest row of a stall and day is its state. Paid or not is still read from the
receipts only (a stall marked absent can still pay later that day).
"""

from alembic import op

revision = "0016"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """CREATE TABLE visita_puesto (
        id INTEGER PRIMARY KEY, puesto TEXT NOT NULL CHECK (length(puesto) BETWEEN 1 AND 20),
        dia TEXT NOT NULL CHECK (length(dia) = 10),
        estado TEXT NOT NULL CHECK (estado IN ('ausente','cerrado','pendiente')),
        usuario_id INTEGER NOT NULL REFERENCES usuario(id), marcado_en TEXT NOT NULL)"""
    )
    op.execute("CREATE INDEX ix_visita_puesto_dia ON visita_puesto (dia, puesto, id)")
    for operacion in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER visita_puesto_sin_{operacion.lower()} BEFORE {operacion} ON visita_puesto "
            "BEGIN SELECT RAISE(ABORT, 'la tabla visita_puesto es de solo anexar: no se modifica ni se borra'); "
            "END"
        )


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS visita_puesto")
