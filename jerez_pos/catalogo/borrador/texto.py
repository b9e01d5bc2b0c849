"""The decree's text as the Periódico Oficial's PDF extraction gives it: cleaned, split and tokenized.

What the extraction does to the text, and what this module undoes or tolerates:
- page headers ("SUPLEMENTO AL PERIÓDICO OFICIAL 53", alone on a line) interrupt tables: removed;
- lines broken mid-sentence and tables split over several lines: the aligner works on tokens, not lines;
- dotted leaders ("……..", "....") between a row's name and its amount: not tokens;
- "Bis" articles: numbered "85 Bis" and kept apart from 85;
- the same law printed twice (the initiative and the decree): the decree is the last copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from jerez_pos.catalogo.fidelidad import PALABRAS
from jerez_pos.core.romanos import a_romano, romano
from jerez_pos.core.texto import plano

__all__ = ["a_romano", "romano"]  # re-exported: the draft's modules read roman numerals from here

_ENCABEZADO = re.compile(r"^\s*(?:\d+\s+)?SUPLEMENTO AL PERI[ÓO]DICO OFICIAL(?:\s+\d+)?\s*$", re.MULTILINE)
_TITULO_LEY = re.compile(r"^LEY DE INGRESOS DEL MUNICIPIO DE[^\n]*$", re.MULTILINE)
_ARTICULO = re.compile(r"ART[ÍI]CULO\s+(\d+)(\s*[Bb][Ii][Ss])?\s*\.")
# A word with a "1" inside is a word the extraction misread ("Actua1ización"): one token, read with an "l".
_TOKEN = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[^\W\d_]+(?:1[^\W\d_]+)*")
# A word hyphenated at a line's end ("inscrip-\nción"), across a page break (a page header or a bare page
# number between its halves), or glued to the next line by the extraction ("ESTABLE- CIMIENTOS"): one word.
_CORTE = re.compile(
    r"(?<=[^\W\d_])-(?:[ \t]*\n(?:[ \t]*\d{0,3}[ \t]*\n)?[ \t]*|[ \t]+)(?=[a-záéíóúüñ])(?![a-zñ]\))"
    r"|(?<=[A-ZÁÉÍÓÚÜÑ])- (?=[A-ZÁÉÍÓÚÜÑ])"
)
# Quantities the law writes in words ("seis veces", "tres veces el importe"); "uno", "una" and "ciento" are
# everywhere in prose ("una vez", "por ciento") and would only blur the alignment.
_EN_PALABRAS = {k: Decimal(v) for k, v in PALABRAS.items() if k not in ("uno", "una", "ciento")}


def limpiar(texto: str) -> str:
    """Page headers out; line ends normalized; words cut at a line's end joined. Nothing else is touched (the
    law's own text, for ``fuente/ley.txt``, is kept as printed)."""
    texto = texto.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    return _CORTE.sub("", _ENCABEZADO.sub("", texto))


def decreto(texto: str) -> str:
    """From the last "LEY DE INGRESOS DEL MUNICIPIO DE …" heading followed by an ARTÍCULO 1 (the decree, not the
    initiative printed before it) to the end; the whole text when there is no such heading."""
    inicio = 0
    for titulo in _TITULO_LEY.finditer(texto):
        siguiente = _ARTICULO.search(texto, titulo.end())
        if siguiente is not None and siguiente.group(1) == "1" and not siguiente.group(2):
            inicio = titulo.start()
    return texto[inicio:]


def numero_articulo(numero: str, bis: bool) -> str:
    return f"{int(numero)}{'Bis' if bis else ''}"


def tiene_articulos(texto: str) -> bool:
    """Whether a text has at least one article heading ("ARTÍCULO 1."): a decree, not some other document."""
    return _ARTICULO.search(texto) is not None


def articulos(texto: str) -> dict[str, str]:
    """Article number ("85", "85Bis") → its text, in the law's order. A number seen twice keeps its first text
    (a cross-reference such as "el ARTÍCULO 14." inside another article never starts a heading twice)."""
    resultado: dict[str, str] = {}
    marcas = list(_ARTICULO.finditer(texto))
    for actual, siguiente in zip(marcas, [*marcas[1:], None], strict=False):  # none: no articles, no pairs
        clave = numero_articulo(actual.group(1), bool(actual.group(2)))
        fin = siguiente.start() if siguiente else len(texto)
        resultado.setdefault(clave, texto[actual.start() : fin])
    return resultado


@dataclass(frozen=True)
class Token:
    texto: str  # as printed
    inicio: int  # offset in the article's text
    valor: Decimal | None  # numbers only

    @property
    def clave(self) -> str:
        """What the aligner compares. An amount or factor (a number with decimals) is "#": its value is what may
        change. Whole numbers stay as printed: they are mostly table limits and counts ("De 26 a 35"), and they
        anchor the rows of a table so that an inserted row does not shift every row after it; a changed limit
        is a one-token replacement the aligner still pairs."""
        if self.valor is None:
            return plano(self.texto.replace("1", "l"))
        return "#" if "." in self.texto else self.texto.replace(",", "")


def tokens(texto: str) -> list[Token]:
    resultado = []
    for m in _TOKEN.finditer(texto):
        crudo = m.group(0)
        valor: Decimal | None = None
        if crudo[0].isdigit():
            try:
                valor = Decimal(crudo.replace(",", ""))
            except InvalidOperation:  # pragma: no cover - the pattern only matches digits
                continue
        else:
            valor = _EN_PALABRAS.get(crudo.lower())
        resultado.append(Token(crudo, m.start(), valor))
    return resultado
