"""Cuentas de contribuyentes: padrones de predial y de comercio, tabla del INPC y el vínculo recibo ↔ ejercicio.

Revision ID: 0011
Revises: 0008

An account's roll data changes (a new owner, more square metres, a vulnerable status proven later), but what
the treasury knew on each date must stay readable: every import writes a new ``cuenta_registro`` row and the
newest row of an account is its current state. Nothing is updated or deleted (triggers), so the history of an
account is its rows in order, each naming who imported it and from which file.

Whether a year is paid is never stored on the account: ``recibo_cuenta`` links a receipt line to the account
and the fiscal year it pays, written in the charge's own transaction; a year is paid while a non-voided
receipt links it. The roll's ``pagado_hasta`` is only the starting point carried from the previous system.

The INPC (Art. 14) is data like the UMA table: rows are appended, the newest row of a month wins.
"""

from alembic import op

revision = "0011"
down_revision = "0008"
branch_labels = None
depends_on = None

TABLAS = ("cuenta_registro", "inpc", "recibo_cuenta")


def upgrade() -> None:
    op.execute(
        """CREATE TABLE cuenta_registro (
        id INTEGER PRIMARY KEY,
        padron TEXT NOT NULL CHECK (padron IN ('predial','comercio')),
        cuenta TEXT NOT NULL CHECK (length(cuenta) BETWEEN 1 AND 30),
        titular TEXT NOT NULL, titular_clave TEXT NOT NULL, domicilio TEXT NOT NULL DEFAULT '',
        datos TEXT NOT NULL, pagado_hasta INTEGER,
        registrado_en TEXT NOT NULL, usuario TEXT NOT NULL, archivo TEXT NOT NULL DEFAULT '')"""
    )
    op.execute("CREATE INDEX ix_cuenta_registro ON cuenta_registro (padron, cuenta, id)")
    op.execute("CREATE INDEX ix_cuenta_titular ON cuenta_registro (padron, titular_clave)")
    op.execute(
        """CREATE TABLE inpc (
        id INTEGER PRIMARY KEY, anio INTEGER NOT NULL, mes INTEGER NOT NULL CHECK (mes BETWEEN 1 AND 12),
        indice TEXT NOT NULL, fuente TEXT NOT NULL DEFAULT '', registrado_en TEXT NOT NULL)"""
    )
    op.execute("CREATE INDEX ix_inpc_mes ON inpc (anio, mes, id)")
    op.execute(
        """CREATE TABLE recibo_cuenta (
        id INTEGER PRIMARY KEY, recibo_id INTEGER NOT NULL REFERENCES recibo(id), linea INTEGER NOT NULL,
        padron TEXT NOT NULL, cuenta TEXT NOT NULL, ejercicio INTEGER NOT NULL)"""
    )
    op.execute("CREATE INDEX ix_recibo_cuenta ON recibo_cuenta (padron, cuenta, ejercicio)")
    op.execute("CREATE INDEX ix_recibo_cuenta_recibo ON recibo_cuenta (recibo_id)")
    for tabla in TABLAS:
        for operacion in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {tabla}_sin_{operacion.lower()} BEFORE {operacion} ON {tabla} "
                f"BEGIN SELECT RAISE(ABORT, 'la tabla {tabla} es de solo anexar: no se modifica ni se borra'); "
                "END"
            )


def downgrade() -> None:
    for tabla in TABLAS:
        op.execute(f"DROP TABLE IF EXISTS {tabla}")
