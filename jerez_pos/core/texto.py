"""Text folding for search: case and accents do not matter to a cashier typing fast ("cafeteria")."""

from __future__ import annotations

import unicodedata


def plano(texto: str) -> str:
    descompuesto = unicodedata.normalize("NFKD", texto.casefold())
    return "".join(c for c in descompuesto if not unicodedata.combining(c))
