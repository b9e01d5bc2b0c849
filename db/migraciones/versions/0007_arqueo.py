"""Cada conteo del corte (arqueo por denominación) queda en el libro; una diferencia exige supervisor.

Revision ID: 0007
Revises: 0006

A count used to live only on the screen: a cashier could see "Faltante", change the count, count again
and close with no supervisor, and nothing remembered the first count. Every submitted count is now a row
of ``arqueo`` (append-only like every ledger table, numbered 1, 2, 3… per shift) with the expected cash
computed when it was recorded. A recount is a new row. A ``corte`` row without a supervisor is refused
by the database itself when any count of its shift had a variance, whatever the last count says, and no
count is accepted for a shift already closed.
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """CREATE TABLE arqueo (
        id INTEGER PRIMARY KEY, turno_id INTEGER NOT NULL REFERENCES turno(id), n INTEGER NOT NULL CHECK (n >= 1),
        usuario_id INTEGER NOT NULL REFERENCES usuario(id), conteo TEXT NOT NULL,
        contado_centavos INTEGER NOT NULL CHECK (contado_centavos >= 0), esperado_centavos INTEGER NOT NULL,
        diferencia_centavos INTEGER NOT NULL CHECK (diferencia_centavos = contado_centavos - esperado_centavos),
        registrado_en TEXT NOT NULL, UNIQUE (turno_id, n))"""
    )
    for operacion in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER arqueo_sin_{operacion.lower()} BEFORE {operacion} ON arqueo BEGIN "
            "SELECT RAISE(ABORT, 'la tabla arqueo es de solo anexar: no se modifica ni se borra'); END"
        )
    op.execute(
        "CREATE TRIGGER arqueo_turno_cerrado BEFORE INSERT ON arqueo "
        "WHEN EXISTS (SELECT 1 FROM corte WHERE turno_id = NEW.turno_id) BEGIN "
        "SELECT RAISE(ABORT, 'arqueo: el turno ya tiene corte cerrado; no admite más conteos'); END"
    )
    op.execute(
        "CREATE TRIGGER corte_diferencia_supervisor BEFORE INSERT ON corte "
        "WHEN NEW.supervisor_id IS NULL AND EXISTS "
        "(SELECT 1 FROM arqueo WHERE turno_id = NEW.turno_id AND diferencia_centavos <> 0) BEGIN "
        "SELECT RAISE(ABORT, 'corte: un conteo del turno tuvo diferencia; el cierre necesita supervisor'); END"
    )


def downgrade() -> None:
    for disparador in ("corte_diferencia_supervisor", "arqueo_turno_cerrado", "arqueo_sin_delete", "arqueo_sin_update"):
        op.execute(f"DROP TRIGGER IF EXISTS {disparador}")
    op.execute("DROP TABLE IF EXISTS arqueo")
