"""The padrón table of giros (Art. 114 fr. III in 2024), read again from the new decree.

Rows are "N. Nombre del giro  factor", numbered 1, 2, 3… in order; the extraction may split a row over two
lines or put a page header in the middle (already removed). A row is paired with the base giro of the same
name (case and accents aside), so a giro inserted in the middle (every later number moves) keeps its
characteristics (alcohol, consumo, gas, impacto) and its links.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from jerez_pos.core.modelo import Giro
from jerez_pos.core.texto import plano

_FILA = re.compile(r"(?:^|(?<=\s))(\d{1,3})\s?\.\s+(.+?)\s+(\d+\.\d{4})(?=\s|$)", re.DOTALL)
_RELLENO = re.compile(r"[.…·_]{2,}")


@dataclass(frozen=True)
class FilaGiro:
    numero: int
    nombre: str
    uma: Decimal


def leer_tabla(texto: str) -> list[FilaGiro]:
    """Rows in order; a stray match out of sequence (a number inside a name) is skipped."""
    limpio = " ".join(_RELLENO.sub(" ", texto).split())
    filas: list[FilaGiro] = []
    for m in _FILA.finditer(limpio):
        numero = int(m.group(1))
        if numero != len(filas) + 1:
            continue
        filas.append(FilaGiro(numero, m.group(2).strip(" .:-"), Decimal(m.group(3))))
    return filas


def _nombre(texto: str) -> str:
    return " ".join(plano(texto).replace(",", " ").split())


def emparejar_giros(base: tuple[Giro, ...], filas: list[FilaGiro]) -> tuple[dict[int, FilaGiro], list[FilaGiro]]:
    """Base giro number → its new row (absent: not in the new table); and the rows that are new."""
    por_nombre: dict[str, list[Giro]] = {}
    for g in base:
        por_nombre.setdefault(_nombre(g.nombre), []).append(g)
    pares: dict[int, FilaGiro] = {}
    sin_par: list[FilaGiro] = []
    for fila in filas:
        candidatos = [g for g in por_nombre.get(_nombre(fila.nombre), []) if g.numero not in pares]
        if candidatos:
            # Two giros with one name (the law repeats a few): the nearest number first.
            elegido = min(candidatos, key=lambda g: abs(g.numero - fila.numero))
            pares[elegido.numero] = fila
        else:
            sin_par.append(fila)
    # A reworded name between two rows that kept their places is the same giro (same slot, same neighbours).
    numeros = {g.numero for g in base}
    nuevas = []
    for fila in sin_par:
        antes = next((n for n, f in pares.items() if f.numero == fila.numero - 1), None)
        despues = next((n for n, f in pares.items() if f.numero == fila.numero + 1), None)
        candidato = antes + 1 if antes is not None else (despues - 1 if despues is not None else None)
        vecinos_ok = antes is None or despues is None or despues == antes + 2
        if candidato in numeros and candidato not in pares and vecinos_ok:
            pares[candidato] = fila
        else:
            nuevas.append(fila)
    return pares, nuevas
