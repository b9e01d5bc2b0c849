"""Per-day sums kept up to date as batches arrive, so the console's dashboard never scans receipts.

Two tables, both keyed by the receipt's day (the first ten characters of the time the terminal claimed, the
same string comparison ``reportes.resumen`` filters on) and terminal:

- ``suma_dia_terminal``: receipts, voided receipts and the receipts' total (a receipt's total is not the sum
  of its lines: the Art. 20 cash adjustment lives only in the total);
- ``suma_dia``: per CRI rubro and concept, the lines' total of receipts not voided.

A void subtracts its receipt from the receipt's day (not the void's day), which is what ``resumen`` reports.
"""

from __future__ import annotations

import sqlalchemy as sa

from jerez_pos.central.modelos import ID, METADATA

suma_dia_terminal = sa.Table(
    "suma_dia_terminal",
    METADATA,
    sa.Column("dia", sa.String(10), primary_key=True),
    sa.Column("terminal_id", ID, primary_key=True),
    sa.Column("recibos", sa.BigInteger, nullable=False),
    sa.Column("anulados", sa.BigInteger, nullable=False),
    sa.Column("total_centavos", sa.BigInteger, nullable=False),
)

suma_dia = sa.Table(
    "suma_dia",
    METADATA,
    sa.Column("dia", sa.String(10), primary_key=True),
    sa.Column("terminal_id", ID, primary_key=True),
    sa.Column("rubro", sa.String(200), primary_key=True),
    sa.Column("clave", sa.String(40), primary_key=True),
    # Lines still counted: a row whose receipts were all voided stays at zero lines and is not reported.
    sa.Column("lineas", sa.BigInteger, nullable=False),
    sa.Column("total_centavos", sa.BigInteger, nullable=False),
)
