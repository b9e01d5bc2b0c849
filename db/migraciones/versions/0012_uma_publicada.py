"""UMA tal como la publica el INEGI: valores mensual y anual junto a la diaria.

Revision ID: 0012
Revises: 0011

INEGI publishes the daily, monthly and annual UMA; the annual one is the monthly one, rounded to centavos,
times 12, so it is not the daily × 30.4 × 12 (2024: 39,606.36, not 39,606.34). Art. 101 fr. III states its
limits in annual UMA, so the published figure must be stored, not derived. Two nullable columns: rows
written before this migration keep their values, hashes and signatures (``huella_uma`` hashes the new
columns only when a row has them), and a year without the published figures is reported and refused only
where they are needed. The table stays append-only: its triggers are untouched by ADD COLUMN.
"""

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE uma ADD COLUMN mensual_centavos INTEGER CHECK (mensual_centavos > 0)")
    op.execute("ALTER TABLE uma ADD COLUMN anual_centavos INTEGER CHECK (anual_centavos > 0)")


def downgrade() -> None:
    op.execute("ALTER TABLE uma DROP COLUMN anual_centavos")
    op.execute("ALTER TABLE uma DROP COLUMN mensual_centavos")
