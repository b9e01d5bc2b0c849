"""Finding an account at the window (by cuenta, owner or address, without accents) and its payment history.

The search runs on every keystroke, so it must cost about what the concept search costs on a 50,000-account
roll. A SQL ``LIKE`` over a normalised column would still scan the table and fold accents in Python; instead
the current rows of both rolls are read once into memory (``Indice``), already folded with ``core.texto.plano``,
and rebuilt only when the roll changes (``version``: the roll is append-only, so its highest id moves on every
import). The scan itself runs in C (``compress`` over ``str.__contains__``), word after word, block after block.
"""

from __future__ import annotations

import bisect
import datetime as dt
import operator
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from itertools import accumulate, chain, compress, repeat

from sqlalchemy import Engine

from jerez_pos.core.dinero import CERO, de_centavos
from jerez_pos.core.documento import folio
from jerez_pos.core.texto import plano
from jerez_pos.ledger.lectura import leer

BLOQUE = 4096  # rows filtered per pass: big enough for C speed, small enough to stop early
AUSENTES = 256  # words remembered as found nowhere
RARA = 8  # a word seen at most this often in the first block is looked up occurrence by occurrence
SQL_VIGENTES = (
    "SELECT padron, cuenta, titular, domicilio FROM cuenta_registro WHERE id IN "
    "(SELECT max(id) FROM cuenta_registro GROUP BY padron, cuenta) ORDER BY padron DESC, cuenta"
)
SQL_HISTORIAL = (
    "SELECT r.serie, r.numero, r.fecha, rc.ejercicio, rl.total_centavos, "
    "EXISTS (SELECT 1 FROM anulacion a WHERE a.recibo_id = r.id) AS anulado "
    "FROM recibo_cuenta rc JOIN recibo r ON r.id = rc.recibo_id "
    "JOIN recibo_linea rl ON rl.recibo_id = rc.recibo_id AND rl.n = rc.linea "
    "WHERE rc.padron = ? AND rc.cuenta = ? ORDER BY r.id, rc.linea"
)


@dataclass(frozen=True)
class Encontrada:
    padron: str
    cuenta: str
    titular: str
    domicilio: str


@dataclass(frozen=True)
class PagoCuenta:
    """One receipt that paid years of the account (a voided one stays listed, marked, so the history is whole)."""

    folio: str
    fecha: dt.datetime
    ejercicios: tuple[int, ...]
    importe: Decimal  # the account's lines of that receipt
    anulado: bool


def version(bd: Engine) -> int:
    with leer(bd) as c:
        fila = c.execute("SELECT max(id) FROM cuenta_registro").fetchone()
    return int(fila[0] or 0)


def _normal(texto: str) -> str:
    return " ".join(plano(texto).split())


class Indice:
    """Both rolls in memory, folded once; ``buscar`` answers in a few milliseconds for 50,000 accounts."""

    def __init__(self, filas: list[Encontrada], version_: int = 0) -> None:
        self.version = version_
        self.filas = filas
        # One fold over the whole text (C speed) instead of one per row; a row never holds "\n".
        crudo = "\n".join(" ".join(f"{f.cuenta} {f.titular} {f.domicilio}".split()) for f in filas)
        self.texto = plano(crudo) if filas else ""
        self.textos = self.texto.split("\n") if filas else []
        self.inicios = list(accumulate((len(t) + 1 for t in self.textos[:-1]), initial=0))
        # Accounts typed from the start of their key ("01-0") are listed first, found by bisection.
        self.claves = sorted((t.split(" ", 1)[0], n) for n, t in enumerate(self.textos))
        # Words found nowhere: typing on ("garc" → "garcia") is answered without scanning again, since a word
        # that contains an absent one is absent too. Bounded; the index is rebuilt when the roll changes.
        self._ausentes: set[str] = set()

    def __len__(self) -> int:
        return len(self.filas)

    def _por_clave(self, prefijo: str, limite: int) -> list[int]:
        inicio = bisect.bisect_left(self.claves, (prefijo, -1))
        hallados = []
        for clave, n in self.claves[inicio : inicio + limite]:
            if not clave.startswith(prefijo):
                break
            hallados.append(n)
        return hallados

    def _filas_con(self, palabra: str) -> Iterator[int]:
        """Rows holding a rare word, by jumping from one occurrence to the next row's start."""
        posicion = self.texto.find(palabra)
        while posicion != -1:
            n = bisect.bisect_right(self.inicios, posicion) - 1
            yield n
            if n + 1 >= len(self.inicios):
                return
            posicion = self.texto.find(palabra, self.inicios[n + 1])

    def _por_bloques(self, palabras: list[str], limite: int, vistos: set[int]) -> list[int]:
        """Common words: block by block, word after word in C, stopping once ``limite`` rows are found."""
        hallados: list[int] = []
        for inicio in range(0, len(self.textos), BLOQUE):
            textos = self.textos[inicio : inicio + BLOQUE]
            indices: list[int] | range = range(inicio, inicio + len(textos))
            for palabra in palabras:
                mascara = list(map(operator.contains, textos, repeat(palabra)))
                textos = list(compress(textos, mascara))
                indices = list(compress(indices, mascara))
                if not indices:
                    break
            hallados += [n for n in indices if n not in vistos]
            if len(hallados) >= limite:
                break
        return hallados

    def buscar(self, texto: str, limite: int = 40) -> list[Encontrada]:
        """Rows holding every word of ``texto`` (anywhere: "nun" finds Núñez), in roll order, after the
        accounts whose key starts with a single typed word. The rarest word picks the rows: a rare one by
        jumping from occurrence to occurrence, common ones block by block until ``limite`` rows."""
        palabras = list(set(_normal(texto).split()))
        if not palabras or any(a in p for p in palabras for a in self._ausentes):
            return []
        hallados = self._por_clave(palabras[0], limite) if len(palabras) == 1 else []
        if len(hallados) >= limite:  # a key typed from its start already fills the list
            return [self.filas[n] for n in hallados]
        vistos = set(hallados)
        # How common each word is, counted in C over the first block only (the whole text costs a full scan).
        muestra = self.inicios[min(BLOQUE, len(self.inicios) - 1)] if self.inicios else 0
        conteos = sorted((self.texto.count(p, 0, muestra), p) for p in palabras)
        minimo, rara = conteos[0]
        otras = [p for _, p in conteos[1:]]
        if minimo <= RARA:  # rare or absent: one C pass over the text finds its few rows
            filas = self._filas_con(rara)
            primera = next(filas, None)
            if primera is None:
                if len(self._ausentes) >= AUSENTES:
                    self._ausentes.clear()
                self._ausentes.add(rara)
                return []
            for n in chain((primera,), filas):
                if len(hallados) >= limite:
                    break
                if n not in vistos and all(p in self.textos[n] for p in otras):
                    hallados.append(n)
        else:
            hallados += self._por_bloques([rara, *otras], limite, vistos)
        return [self.filas[n] for n in hallados[:limite]]


def construir(bd: Engine) -> Indice:
    with leer(bd) as c:
        numero = c.execute("SELECT max(id) FROM cuenta_registro").fetchone()[0]
        filas = [Encontrada(*f) for f in c.execute(SQL_VIGENTES).fetchall()]
    return Indice(filas, int(numero or 0))


def historial(bd: Engine, padron: str, cuenta: str) -> list[PagoCuenta]:
    """Receipts linked to the account, oldest first, with the years each paid and the amount of those lines."""
    with leer(bd) as c:
        filas = c.execute(SQL_HISTORIAL, (padron, cuenta)).fetchall()
    por_recibo: dict[str, tuple[str, list[int], Decimal, bool]] = {}
    for serie, numero, fecha, ejercicio, centavos, anulado in filas:
        clave = folio(serie, int(numero))
        previo = por_recibo.get(clave, (fecha, [], CERO, bool(anulado)))
        anios = previo[1] if int(ejercicio) in previo[1] else [*previo[1], int(ejercicio)]
        por_recibo[clave] = (fecha, anios, previo[2] + de_centavos(int(centavos)), bool(anulado))
    return [
        PagoCuenta(f, dt.datetime.fromisoformat(fecha), tuple(anios), importe, anulado)
        for f, (fecha, anios, importe, anulado) in por_recibo.items()
    ]
