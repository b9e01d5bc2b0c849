"""Reading and validating the law-as-data files (``db/tarifas/<municipio>-<año>/``) into core values."""
