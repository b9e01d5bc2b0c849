"""The cashier's way in: find concepts and giros by key, article, giro number or words, as they type.

Ranking: exact key, then key prefix (``A85``, ``art 85``), then the giro number, then words (FTS5 with
diacritics folded, each word a prefix, bm25 order). Runs on an index built at catalog import.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, text

from jerez_pos.core.numeros import es_digitos
from jerez_pos.core.texto import plano
from jerez_pos.ledger.base import lector

_ARTICULO = re.compile(r"^(?:art(?:[ií]culo)?\.?\s*)(\d+)(.*)$")
_CLAVE = re.compile(r"^a\d+(?:-[a-z0-9ñ_]+)*-?$")
_PALABRA = re.compile(r"[0-9a-zñ]+")


_ROMANOS = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _romano(texto: str) -> int | None:
    if not texto or any(c not in _ROMANOS for c in texto):
        return None
    total = 0
    for actual, siguiente in zip(texto, [*texto[1:], ""], strict=True):
        valor = _ROMANOS[actual]
        total += -valor if siguiente and _ROMANOS[siguiente] > valor else valor
    return total


def orden_natural(clave: str) -> tuple[tuple[int, int, str], ...]:
    """Law order: A85-II before A85-IX before A85-X; numerals and giros by number, suffixes last."""
    partes = []
    for parte in clave.split("-"):
        romano = _romano(parte)
        if es_digitos(parte[1:]) and parte[0] == "A":
            partes.append((0, int(parte[1:]), ""))
        elif romano is not None:
            partes.append((0, romano, ""))
        elif es_digitos(parte):
            partes.append((0, int(parte), ""))
        else:
            partes.append((1, 0, parte))
    return tuple(partes)


CANDIDATOS = 200


def _por_descripcion(filas: Sequence[Any], palabras: list[str]) -> list[Any]:
    """Concepts whose own description holds every typed word come before those that match only through the
    rubro or the article text ("licencia construccion" → the construction licence, not every A103 item)."""

    def orden(par: tuple[int, Any]) -> tuple[int, int, int]:
        posicion, fila = par
        propias = _PALABRA.findall(plano(fila.descripcion))
        todas = all(any(w.startswith(p) for w in propias) for p in palabras)
        primera = next((i for i, w in enumerate(propias) if w.startswith(palabras[0])), 99)
        return (0 if todas else 1, primera, posicion)

    return [fila for _, fila in sorted(enumerate(filas), key=orden)]


@dataclass(frozen=True)
class Hallazgo:
    clave: str
    tipo: str  # "concepto" | "giro"
    descripcion: str
    orden: int  # 0 exact key, 1 key prefix, 2 giro number, 3 words


def _ultimo_catalogo(conexion: Connection) -> int | None:
    valor: int | None = conexion.execute(text("SELECT max(id) FROM catalogo")).scalar_one()
    return valor


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
            expresion = " AND ".join(f'"{p}"*' for p in palabras)
            candidatos = conexion.execute(
                text(
                    "SELECT clave, tipo, descripcion FROM busqueda WHERE busqueda MATCH :q AND catalogo_id=:c "
                    "ORDER BY bm25(busqueda), length(texto) LIMIT :l"
                ),
                {"q": f"texto : ({expresion})", "c": cat, "l": CANDIDATOS},
            ).all()
            agregar(_por_descripcion(candidatos, palabras)[:limite], 3)
    return sorted(hallazgos.values(), key=lambda h: h.orden)[:limite]
