"""An article split into fracciones (I., II., …), incisos (a), b), …) and numerales (1., 2., …).

Markers are accepted only in sequence (I before II, a before b), which throws away the look-alikes that the
law's prose is full of ("la fracción V. del artículo…", "5. %"). A marker counts when it starts a line or
follows a sentence or list separator, because the extraction sometimes glues two fractions on one line
("…el 2% del crédito fiscal; II. Por la diligencia de embargo…").
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

from jerez_pos.catalogo.borrador.texto import a_romano, romano

_FRACCION = re.compile(r"(?:^|(?<=\n)|(?<=[;:.,]\s)|(?<=\s{2}))\s*([IVXL]{1,7})\s?\.(?=\s|$)")
_INCISO = re.compile(r"(?:^|(?<=\n)|(?<=[;:.,]\s)|(?<=\s))([a-zñ])\)")
_NUMERAL = re.compile(r"(?:^|(?<=\n))\s*(\d{1,2})\s?[.)](?=\s)")
# Weak markers: after any space, before a capitalized word. The extraction glues a fraction to the amount
# that ended the line before ("…2.1000 VIII. Por…"); such a marker counts only when no strong marker with its
# label comes later, so a look-alike in the prose ("la fracción V. Del…") never takes the real one's place.
_FRACCION_DEBIL = re.compile(r"(?<=\s)([IVXL]{1,7})\s?\.(?=\s+[A-ZÁÉÍÓÚÑ])")
_NUMERAL_DEBIL = re.compile(r"(?<=\s)(\d{1,2})\s?[.)](?=\s+[A-ZÁÉÍÓÚÑ])")
_LETRAS = "abcdefghijklmnñopqrstuvwxyz"
_SIGUIENTE_ROMANO = {a_romano(n): a_romano(n + 1) for n in range(1, 90)}


@dataclass(frozen=True)
class Marca:
    inicio: int
    etiqueta: str


def _en_orden(
    marcas: list[Marca], siguiente_de: dict[str, str], primera: str, debiles: list[Marca] | None = None
) -> list[Marca]:
    fuertes = {m.inicio for m in marcas}
    todas = sorted({m.inicio: m for m in [*(debiles or []), *marcas]}.values(), key=lambda m: m.inicio)
    aceptadas: list[Marca] = []
    esperada = primera
    for i, marca in enumerate(todas):
        if marca.etiqueta != esperada:
            continue
        if marca.inicio not in fuertes and any(m.etiqueta == esperada and m.inicio in fuertes for m in todas[i + 1 :]):
            continue  # a weak look-alike before the real marker
        aceptadas.append(marca)
        esperada = siguiente_de.get(esperada, "")
    return aceptadas


def _fracciones(texto: str, desde: int, hasta: int) -> list[Marca]:
    crudas = [Marca(m.start(1), m.group(1)) for m in _FRACCION.finditer(texto, desde, hasta) if romano(m.group(1))]
    debiles = [
        Marca(m.start(1), m.group(1)) for m in _FRACCION_DEBIL.finditer(texto, desde, hasta) if romano(m.group(1))
    ]
    return _en_orden(crudas, _SIGUIENTE_ROMANO, "I", debiles)


def _incisos(texto: str, desde: int, hasta: int) -> list[Marca]:
    crudas = [Marca(m.start(1), m.group(1)) for m in _INCISO.finditer(texto, desde, hasta)]
    siguiente = {a: b for a, b in itertools.pairwise(_LETRAS)}
    return _en_orden(crudas, siguiente, "a")


def _numerales(texto: str, desde: int, hasta: int) -> list[Marca]:
    crudas = [Marca(m.start(1), m.group(1)) for m in _NUMERAL.finditer(texto, desde, hasta)]
    debiles = [Marca(m.start(1), m.group(1)) for m in _NUMERAL_DEBIL.finditer(texto, desde, hasta)]
    return _en_orden(crudas, {str(n): str(n + 1) for n in range(1, 99)}, "1", debiles)


@dataclass(frozen=True)
class Tramo:
    """A labelled piece of the article: (fraccion, inciso, numeral), any of them empty, and its offsets."""

    ruta: tuple[str, ...]
    inicio: int
    fin: int


def _dentro(marcas: list[Marca], desde: int, hasta: int) -> list[tuple[str, int, int]]:
    return [
        (m.etiqueta, m.inicio, marcas[i + 1].inicio if i + 1 < len(marcas) else hasta) for i, m in enumerate(marcas)
    ] or []


class Partes:
    """Where each offset of an article lies: ``ruta(offset)`` → ("II", "b", "1"), shorter when unlabelled."""

    def __init__(self, texto: str) -> None:
        self.tramos: list[Tramo] = []
        for fr, a, b in _dentro(_fracciones(texto, 0, len(texto)), 0, len(texto)):
            incisos = _dentro(_incisos(texto, a, b), a, b)
            if not incisos:
                numerales = _dentro(_numerales(texto, a, b), a, b)
                self._agregar((fr,), a, numerales[0][1] if numerales else b)
                for nu, c, d in numerales:
                    self._agregar((fr, "", nu), c, d)
                continue
            self._agregar((fr,), a, incisos[0][1])
            for inc, c, d in incisos:
                numerales = _dentro(_numerales(texto, c, d), c, d)
                self._agregar((fr, inc), c, numerales[0][1] if numerales else d)
                for nu, e, g in numerales:
                    self._agregar((fr, inc, nu), e, g)
        self._inicios = [t.inicio for t in self.tramos]

    def _agregar(self, ruta: tuple[str, ...], inicio: int, fin: int) -> None:
        if fin > inicio:
            self.tramos.append(Tramo(ruta, inicio, fin))

    def ruta(self, posicion: int) -> tuple[str, ...]:
        i = bisect.bisect_right(self._inicios, posicion) - 1
        if i < 0 or posicion >= self.tramos[i].fin:
            return ()
        return self.tramos[i].ruta

    def rango(self, ruta: tuple[str, ...]) -> tuple[int, int] | None:
        """Offsets covered by a labelled prefix (("II",) covers all of fr. II); None when not found."""
        dentro = [t for t in self.tramos if t.ruta[: len(ruta)] == ruta]
        if not dentro:
            return None
        return min(t.inicio for t in dentro), max(t.fin for t in dentro)
