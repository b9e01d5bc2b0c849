"""One typo per word: the indexed vocabulary of a catalog and the corrections of a word it does not hold.

A cashier types "nacimineto" or "contruccion"; FTS5 only knows exact prefixes. When a typed word is not the
start of any indexed word, it is replaced by the indexed words (or, for the word still being typed, the
indexed prefixes) at edit distance 1: one letter missing, extra, changed, or two neighbours swapped. Words of
eight letters or more also accept distance 2. The lookup uses a deletion index (each term with one letter
removed → the terms), so a correction costs a few dictionary probes instead of a scan of the vocabulary;
the index is built once per catalog and kept for the life of the process (an imported catalog never
changes: a new version is a new catalog id).
"""

from __future__ import annotations

import bisect
import re
import threading
from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import Connection, text

PALABRA = re.compile(r"[0-9a-zñ]+")
MINIMO_PARA_CORREGIR = 4  # shorter words have too many neighbours to guess from
LARGO_PARA_DOS = 8
MAXIMO_CORRECCIONES = 8


def distancia(a: str, b: str, tope: int) -> int:
    """Optimal string alignment distance (swapped neighbours count 1), cut off above ``tope``."""
    if abs(len(a) - len(b)) > tope:
        return tope + 1
    anterior2: list[int] = []
    anterior = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        actual = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            costo = 0 if a[i - 1] == b[j - 1] else 1
            actual[j] = min(anterior[j] + 1, actual[j - 1] + 1, anterior[j - 1] + costo)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                actual[j] = min(actual[j], anterior2[j - 2] + 1)
        if min(actual) > tope:
            return tope + 1
        anterior2, anterior = anterior, actual
    return anterior[-1]


def _borrados(palabra: str) -> set[str]:
    return {palabra[:i] + palabra[i + 1 :] for i in range(len(palabra))}


class Vocabulario:
    def __init__(self, palabras: Iterable[str]) -> None:
        self.palabras = sorted(set(palabras))
        self._conjunto = set(self.palabras)
        self._por_largo: dict[int, list[str]] = defaultdict(list)
        indice: dict[str, set[str]] = defaultdict(set)
        terminos: set[str] = set()
        for p in self.palabras:
            self._por_largo[len(p)].append(p)
            if len(p) >= MINIMO_PARA_CORREGIR - 1:
                terminos.update(p[:n] for n in range(MINIMO_PARA_CORREGIR - 1, len(p) + 1))
        self._terminos = terminos
        for t in terminos:
            for borrado in _borrados(t):
                indice[borrado].add(t)
        # Stored as space-joined strings, not sets: ~10^5 small containers would be tracked by the cyclic
        # garbage collector and make its full passes (and so an occasional keystroke) noticeably slower.
        self._indice: dict[str, str] = {k: " ".join(v) for k, v in indice.items()}
        self._cache: dict[tuple[str, bool], tuple[str, ...]] = {}

    def conoce(self, prefijo: str) -> bool:
        """Some indexed word starts with ``prefijo`` (what an FTS5 prefix query would find)."""
        i = bisect.bisect_left(self.palabras, prefijo)
        return i < len(self.palabras) and self.palabras[i].startswith(prefijo)

    def corregir(self, palabra: str, completa: bool) -> tuple[str, ...]:
        """The indexed terms closest to ``palabra``; whole words when ``completa``, else prefixes too.

        Empty when the word is known, too short, or has no neighbour close enough."""
        if len(palabra) < MINIMO_PARA_CORREGIR or self.conoce(palabra):
            return ()
        llave = (palabra, completa)
        if llave not in self._cache:
            if len(self._cache) > 5000:
                self._cache.clear()
            self._cache[llave] = self._corregir(palabra, completa)
        return self._cache[llave]

    def _corregir(self, palabra: str, completa: bool) -> tuple[str, ...]:
        candidatos: set[str] = set()
        for variante in {palabra} | _borrados(palabra):
            if variante in self._terminos:
                candidatos.add(variante)
            candidatos.update(self._indice.get(variante, "").split())
        if completa:
            candidatos &= self._conjunto
        buenos = [c for c in candidatos if distancia(palabra, c, 1) <= 1]
        if not buenos and len(palabra) >= LARGO_PARA_DOS:
            cercanos = (p for n in range(len(palabra) - 2, len(palabra) + 3) for p in self._por_largo.get(n, ()))
            buenos = [p for p in cercanos if p[0] == palabra[0] and distancia(palabra, p, 2) <= 2]
        # Shortest first: a prefix covers its longer completions in the FTS5 query.
        buenos.sort(key=lambda c: (len(c), c))
        elegidos: list[str] = []
        for c in buenos:
            if not any(c.startswith(e) for e in elegidos):
                elegidos.append(c)
        return tuple(elegidos[:MAXIMO_CORRECCIONES])


_VOCABULARIOS: dict[tuple[str, int], Vocabulario] = {}
_CANDADO = threading.Lock()


def vocabulario(conexion: Connection, catalogo_id: int) -> Vocabulario:
    # The catalog's hash is part of the key: a restored or replaced database may reuse an id.
    huella = conexion.execute(text("SELECT huella FROM catalogo WHERE id=:c"), {"c": catalogo_id}).scalar()
    llave = (f"{conexion.engine.url}#{huella}", catalogo_id)
    with _CANDADO:
        existente = _VOCABULARIOS.get(llave)
    if existente is not None:
        return existente
    textos = conexion.execute(text("SELECT texto FROM busqueda WHERE catalogo_id=:c"), {"c": catalogo_id}).scalars()
    nuevo = Vocabulario(p for t in textos for p in PALABRA.findall(t))
    with _CANDADO:
        return _VOCABULARIOS.setdefault(llave, nuevo)
