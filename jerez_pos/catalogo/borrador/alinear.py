"""Aligning two decrees by content: articles to articles, then token to token inside each pair.

Numbers are masked ("#") while aligning, so a factor that moved from 1.0603 to 1.1100 still sits in the
same place of the same sentence; the pair of positions is what tells its new value. Articles are paired by
the similarity of their masked text, never by their number, so an inserted article (every later one
renumbered) is followed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from jerez_pos.catalogo.borrador.partes import Partes
from jerez_pos.catalogo.borrador.texto import Token, tokens

UMBRAL_ARTICULO = 0.5  # below this similarity two articles are not the same article
VENTANA = 8  # how far (in articles) an article may move
REEMPLAZO_CORTO = 3  # tokens of a replaced run that are still paired position by position


@dataclass
class Articulo:
    numero: str
    texto: str
    tokens: list[Token] = field(init=False)
    claves: list[str] = field(init=False)
    partes: Partes = field(init=False)

    def __post_init__(self) -> None:
        self.tokens = tokens(self.texto)
        self.claves = [t.clave for t in self.tokens]
        self.partes = Partes(self.texto)

    def ruta(self, indice: int) -> tuple[str, ...]:
        return self.partes.ruta(self.tokens[indice].inicio)

    def indices(self, ruta: tuple[str, ...]) -> range | None:
        """Token indices inside a labelled part; None when the article has no such part."""
        rango = self.partes.rango(ruta) if ruta else (0, len(self.texto))
        if rango is None:
            return None
        desde = next((i for i, t in enumerate(self.tokens) if t.inicio >= rango[0]), len(self.tokens))
        hasta = next((i for i, t in enumerate(self.tokens) if t.inicio >= rango[1]), len(self.tokens))
        return range(desde, hasta)


@dataclass
class Par:
    base: Articulo
    nuevo: Articulo | None
    similitud: float
    mapa: dict[int, int] = field(default_factory=dict)  # base token index → new token index

    @property
    def derogado(self) -> bool:
        return self.nuevo is not None and "derog" in " ".join(self.nuevo.claves[:12])


def _similitud(a: list[str], b: list[str]) -> float:
    comparador = SequenceMatcher(None, a, b, autojunk=False)
    if comparador.real_quick_ratio() < UMBRAL_ARTICULO or comparador.quick_ratio() < UMBRAL_ARTICULO:
        return 0.0
    return comparador.ratio()


def emparejar(base: dict[str, str], nuevo: dict[str, str]) -> list[Par]:
    """Every base article with its new article (or None), one to one, by content."""
    viejos = [Articulo(n, t) for n, t in base.items()]
    nuevos = [Articulo(n, t) for n, t in nuevo.items()]
    candidatos: list[tuple[float, int, int]] = []
    for i, a in enumerate(viejos):
        for j in range(max(0, i - VENTANA), min(len(nuevos), i + VENTANA + 1)):
            s = _similitud(a.claves, nuevos[j].claves)
            if s >= UMBRAL_ARTICULO:
                candidatos.append((s, i, j))
    usados_viejos: dict[int, tuple[int, float]] = {}
    usados_nuevos: set[int] = set()
    for s, i, j in sorted(candidatos, reverse=True):
        if i not in usados_viejos and j not in usados_nuevos:
            usados_viejos[i] = (j, s)
            usados_nuevos.add(j)
    pares = []
    for i, a in enumerate(viejos):
        if i in usados_viejos:
            j, s = usados_viejos[i]
            pares.append(Par(a, nuevos[j], s, mapear(a, nuevos[j])))
        else:
            pares.append(Par(a, _derogado_con_numero(a, nuevos, usados_nuevos), 0.0))
    return pares


def _derogado_con_numero(a: Articulo, nuevos: list[Articulo], usados: set[int]) -> Articulo | None:
    """A base article without a match whose number now reads "Se deroga" (the law keeps the number)."""
    for j, n in enumerate(nuevos):
        if j not in usados and n.numero == a.numero and "derog" in " ".join(n.claves[:12]):
            return n
    return None


def mapear(a: Articulo, b: Articulo) -> dict[int, int]:
    """Token positions of ``a`` that have a counterpart in ``b``: equal runs, and same-length replaced runs
    position by position when both sides hold the same kind of token (a reworded phrase around a number)."""
    mapa: dict[int, int] = {}
    comparador = SequenceMatcher(None, a.claves, b.claves, autojunk=False)
    for op, i1, i2, j1, j2 in comparador.get_opcodes():
        # A short reworded run keeps its numbers in place ("por cada" → "por cada uno"); a long one may not.
        if op == "equal" or (op == "replace" and i2 - i1 == j2 - j1 <= REEMPLAZO_CORTO):
            for k in range(i2 - i1):
                if (a.tokens[i1 + k].valor is None) == (b.tokens[j1 + k].valor is None):
                    mapa[i1 + k] = j1 + k
    return mapa
