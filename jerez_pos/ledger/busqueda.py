"""The cashier's way in: find concepts and giros by key, article, giro number or words, as they type.

Ranking: exact key, then key prefix (``A85``, ``art 85``), then the giro number, then words (FTS5 with
diacritics folded, each word a prefix, a plural read as its singular, an unknown word replaced by its nearest
indexed words). Among word matches a synonym or description equal to the query comes first, then the query
as a phrase, then scattered words (bm25 order last). Runs on an index built at catalog import; a concept's
``sinonimos`` are indexed after its own text, each behind `` | `` so a phrase never spans two of them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Engine, text

from jerez_pos.core.numeros import es_digitos
from jerez_pos.core.romanos import romano
from jerez_pos.core.texto import plano
from jerez_pos.ledger.base import lector
from jerez_pos.ledger.vocabulario import Vocabulario, vocabulario

_ARTICULO = re.compile(r"^(?:art(?:[ií]culo)?\.?\s*)(\d+)(.*)$")
_CLAVE = re.compile(r"^a\d+(?:-[a-z0-9ñ_]+)*-?$")
_PALABRA = re.compile(r"[0-9a-zñ]+")


def orden_natural(clave: str) -> tuple[tuple[int, int, str], ...]:
    """Law order: A85-II before A85-IX before A85-X; numerals and giros by number, suffixes last."""
    partes = []
    for parte in clave.split("-"):
        fraccion = romano(parte)
        if es_digitos(parte[1:]) and parte[0] == "A":
            partes.append((0, int(parte[1:]), ""))
        elif fraccion is not None:
            partes.append((0, fraccion, ""))
        elif es_digitos(parte):
            partes.append((0, int(parte), ""))
        else:
            partes.append((1, 0, parte))
    return tuple(partes)


CANDIDATOS = 200
# Words that join a phrase or say what the visitor wants to do, never which concept: "vengo a pagar una copia
# de acta" and "copia acta" are the same request. Dropped from the query and from descriptions and synonyms
# alike, unless the query has nothing else.
VACIAS = frozenset(
    {"a", "al", "de", "del", "e", "el", "en", "la", "las", "lo", "los", "o", "para", "por", "un", "una", "y"}
    | {"mi", "mis", "su", "sus", "me", "se", "que", "quiero", "necesito", "vengo", "sacar", "tramitar"}
    | {"tramite", "pagar", "pago", "pagos", "cobrar", "cobro"}
)
SEPARADOR_SINONIMOS = " | "

Termino = tuple[str, ...]  # prefixes, any of which matches (the word, its singular, or its corrections)


def _singular(palabra: str) -> str:
    """The prefix shared by singular and plural ("panteones" → "panteon", "actas" → "acta")."""
    if len(palabra) >= 6 and palabra.endswith("es"):
        return palabra[:-2]
    if len(palabra) >= 4 and palabra.endswith("s"):
        return palabra[:-1]
    return palabra


def _contenido(palabras: list[str]) -> list[str]:
    return [p for p in palabras if p not in VACIAS]


def terminos(palabras: list[str], vocab: Vocabulario, escribiendo: bool) -> list[Termino]:
    """One term per meaningful word; an unknown word becomes its nearest indexed words (one typo)."""
    resultado: list[Termino] = []
    contenido = _contenido(palabras) or palabras
    for i, palabra in enumerate(contenido):
        raiz = _singular(palabra)
        if vocab.conoce(raiz):
            resultado.append((raiz,))
            continue
        if any(c.isdigit() for c in palabra):  # a number is never a misspelt word
            resultado.append((raiz,))
            continue
        ultima = escribiendo and i == len(contenido) - 1
        resultado.append(vocab.corregir(palabra, completa=not ultima) or (raiz,))
    return resultado


def _seguidos(palabras: Sequence[str], buscados: list[Termino]) -> int | None:
    """Where the terms appear one after the other in ``palabras`` (a phrase), or None."""
    n = len(buscados)
    primero = buscados[0]
    for inicio in range(len(palabras) - n + 1):
        # The first word alone rules out most positions; only then compare the rest (per keystroke, ×200 rows).
        if palabras[inicio].startswith(primero) and all(
            palabras[inicio + k].startswith(buscados[k]) for k in range(1, n)
        ):
            return inicio
    return None


@dataclass(frozen=True)
class _Fila:
    textos: tuple[tuple[str, ...], ...]  # the description, then each synonym (stop words dropped)
    propias: frozenset[str]  # the words of those texts together
    todas: frozenset[str]  # every indexed word (also key, article and rubro)


@lru_cache(maxsize=8192)
def _analizar(descripcion: str, texto: str) -> _Fila:
    """Cached: the same rows come back on every keystroke and an imported catalog never changes."""
    _, _, resto = texto.partition(SEPARADOR_SINONIMOS)
    textos = [tuple(_contenido(_PALABRA.findall(plano(descripcion))))]
    textos += [tuple(_contenido(_PALABRA.findall(s))) for s in resto.split(SEPARADOR_SINONIMOS) if resto]
    return _Fila(tuple(textos), frozenset(w for t in textos for w in t), frozenset(_PALABRA.findall(texto)))


def _cobertura(todas: frozenset[str], buscados: list[Termino]) -> int:
    return sum(1 for t in buscados if any(w.startswith(t) for w in todas))


def _orden(fila: Any, buscados: list[Termino], posicion: int, todos: bool) -> tuple[int, int, int, int, int]:
    """Rank one candidate: more typed words present, then a synonym or description that IS the query, then
    the query as a phrase, then every word in the concept's own words (not only its rubro or article), then
    how early the phrase or first word appears, then FTS5's bm25 order."""
    analisis = _analizar(fila.descripcion, fila.texto)
    frase, primera = 2, 99
    for t in analisis.textos:
        lugar = _seguidos(t, buscados)
        if lugar is not None:
            frase = min(frase, 0 if lugar == 0 and len(t) == len(buscados) else 1)
            primera = min(primera, lugar)
    if frase == 2:
        primera = min((i for t in analisis.textos for i, w in enumerate(t) if w.startswith(buscados[0])), default=99)
    propias = all(any(w.startswith(b) for w in analisis.propias) for b in buscados)
    cobertura = len(buscados) if todos else _cobertura(analisis.todas, buscados)  # FTS5 AND holds every word
    return (-cobertura, frase, 0 if propias else 1, primera, posicion)


def _ordenar(filas: Sequence[Any], buscados: list[Termino], todos: bool = True) -> list[Any]:
    return [f for _, f in sorted((_orden(f, buscados, i, todos), f) for i, f in enumerate(filas))]


def _expresion(buscados: list[Termino], union: str) -> str:
    partes = ["(" + " OR ".join(f'"{t}"*' for t in termino) + ")" for termino in buscados]
    return "texto : (" + f" {union} ".join(partes) + ")"


def _por_palabras(conexion: Connection, cat: int, palabras: list[str], escribiendo: bool) -> list[Any]:
    buscados = terminos(palabras, vocabulario(conexion, cat), escribiendo)
    # Only CANDIDATOS rows are ranked; a general query ("refrendo anual": every giro says it) matches more.
    # A synonym that starts with what was typed goes into that window first, whatever bm25 says.
    consulta = text(
        "SELECT clave, tipo, descripcion, texto FROM busqueda WHERE busqueda MATCH :q AND catalogo_id=:c "
        "ORDER BY instr(texto, :s) = 0, bm25(busqueda), length(texto) LIMIT :l"
    )
    contenido = _contenido(palabras) or palabras
    corregidas = {p: t[0] for p, t in zip(contenido, buscados, strict=True) if t != (_singular(p),)}
    frase = " ".join(corregidas.get(p, p) for p in palabras)
    datos = {"c": cat, "l": CANDIDATOS, "s": SEPARADOR_SINONIMOS + frase}
    filas = conexion.execute(consulta, {**datos, "q": _expresion(buscados, "AND")}).all()
    if not filas and len(buscados) > 1:
        # Nothing holds every word: show what holds most of them rather than an empty list.
        minimo = (len(buscados) + 1) // 2
        filas = conexion.execute(consulta, {**datos, "q": _expresion(buscados, "OR")}).all()
        ordenadas = _ordenar(filas, buscados, todos=False)
        return [f for f in ordenadas if _cobertura(_analizar(f.descripcion, f.texto).todas, buscados) >= minimo]
    return _ordenar(filas, buscados)


@dataclass(frozen=True)
class Hallazgo:
    clave: str
    tipo: str  # "concepto" | "giro"
    descripcion: str
    orden: int  # 0 exact key, 1 key prefix, 2 giro number, 3 words


def _ultimo_catalogo(conexion: Connection) -> int | None:
    valor: int | None = conexion.execute(text("SELECT max(id) FROM catalogo")).scalar_one()
    return valor


def preparar(motor: Engine) -> None:
    """Build the typo vocabulary ahead of the first keystroke (a few tenths of a second, once per catalog)."""
    with lector(motor).connect() as conexion:
        cat = _ultimo_catalogo(conexion)
        if cat is not None:
            vocabulario(conexion, cat)


def buscar(motor: Engine, consulta: str, limite: int = 30, catalogo_id: int | None = None) -> list[Hallazgo]:
    q = plano(consulta).strip()
    if not q:
        return []
    with lector(motor).connect() as conexion:
        cat = catalogo_id or _ultimo_catalogo(conexion)
        if cat is None:
            return []
        hallazgos: dict[str, Hallazgo] = {}

        def agregar(filas: object, orden: int) -> None:
            for f in filas:  # type: ignore[attr-defined]
                if f.clave not in hallazgos:
                    hallazgos[f.clave] = Hallazgo(f.clave, f.tipo, f.descripcion, orden)

        prefijo = None
        articulo = _ARTICULO.match(q)
        if articulo:
            prefijo = "a" + articulo.group(1)
        elif _CLAVE.match(q):
            prefijo = q.rstrip("-")
        if prefijo:
            base = "SELECT clave, tipo, descripcion FROM busqueda WHERE catalogo_id=:c AND "
            agregar(conexion.execute(text(base + "lower(clave)=:k"), {"c": cat, "k": prefijo}), 0)
            debajo = conexion.execute(text(base + "lower(clave) LIKE :p"), {"c": cat, "p": prefijo + "-%"}).all()
            agregar(sorted(debajo, key=lambda f: orden_natural(f.clave))[:limite], 1)
        if es_digitos(q):
            agregar(
                conexion.execute(
                    text("SELECT clave, tipo, descripcion FROM busqueda WHERE catalogo_id=:c AND clave=:k"),
                    {"c": cat, "k": f"A114-III-{int(q)}"},
                ),
                2,
            )
        palabras = _PALABRA.findall(q if not articulo else articulo.group(2))
        if palabras and len(hallazgos) < limite:
            escribiendo = not consulta[-1:].isspace()
            agregar(_por_palabras(conexion, cat, palabras, escribiendo)[:limite], 3)
    return sorted(hallazgos.values(), key=lambda h: h.orden)[:limite]
