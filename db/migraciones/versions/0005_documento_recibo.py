"""El recibo guarda el texto canónico de su documento de la cadena.

Revision ID: 0005
Revises: 0004

The hash of a receipt covers the canonical JSON of its chain document, which is built from the receipt,
its lines, payments and authorizations. Sync sends that text; rebuilding it from four tables and three JSON
columns for every receipt made reading the ledger the slowest step of a large sync. The charge now stores
the text it hashed. Receipts written before this version have it NULL (the tables are append-only, nothing
is backfilled) and are still rebuilt from their rows; a stored text is always checked against the hash.
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE recibo ADD COLUMN documento TEXT")


def downgrade() -> None:
    op.execute("ALTER TABLE recibo DROP COLUMN documento")
