"""``python -m jerez_pos.gui``: the fast launcher (the window shows before the ledger is imported)."""

from jerez_pos.gui.app import ejecutar

raise SystemExit(ejecutar())
