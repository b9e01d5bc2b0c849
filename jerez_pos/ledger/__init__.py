"""The terminal's SQLite store: tariff catalogs, UMA table and (later) the receipt ledger."""
