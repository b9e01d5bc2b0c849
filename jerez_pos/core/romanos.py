"""Roman numerals as the law numbers its fracciones (I to C): read for the key order, written for new keys."""

from __future__ import annotations

_VALORES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_ESCRITURA = ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def romano(texto: str) -> int | None:
    """``"XIV"`` → 14; None when the text is not made of roman digits."""
    if not texto or any(c not in _VALORES for c in texto):
        return None
    total = 0
    for actual, siguiente in zip(texto, [*texto[1:], ""], strict=True):
        valor = _VALORES[actual]
        total += -valor if siguiente and _VALORES[siguiente] > valor else valor
    return total


def a_romano(numero: int) -> str:
    """14 → ``"XIV"``."""
    partes = []
    for valor, letra in _ESCRITURA:
        while numero >= valor:
            partes.append(letra)
            numero -= valor
    return "".join(partes)
