"""Fidelity to the law: every number of the catalog must appear in the text of the article it cites.

The law's text is kept in ``fuente/ley.txt``. Numbers are compared as decimals ("1,230.8309" in the law equals
"1230.8309" in the catalog). A factor written as a percentage in the law ("20% de la UMA" → "0.2000") and a
rate al millar stored in percent are accepted in those forms too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path

from jerez_pos.core.modelo import Catalogo, Concepto, Modificador

_ARTICULO = re.compile(r"ART[ÍI]CULO\s+(\d+)\.")
_NUMERO = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


def articulos(texto: str) -> dict[int, str]:
    """Split the decree into articles (the first occurrence of each number, in order)."""
    resultado: dict[int, str] = {}
    marcas = list(_ARTICULO.finditer(texto))
    for actual, siguiente in zip(marcas, [*marcas[1:], None], strict=True):
        numero = int(actual.group(1))
        fin = siguiente.start() if siguiente else len(texto)
        resultado.setdefault(numero, texto[actual.start() : fin])
    return resultado


def numeros(texto: str) -> set[Decimal]:
    encontrados = set()
    for m in _NUMERO.finditer(texto):
        try:
            encontrados.add(Decimal(m.group(0).replace(",", "")))
        except InvalidOperation:  # pragma: no cover - the regex only matches digits
            continue
    for palabra in _PALABRA.findall(texto.lower()):
        if palabra in PALABRAS:
            encontrados.add(Decimal(PALABRAS[palabra]))
    return encontrados


# Small quantities the law writes in words ("cinco días", "tres veces el importe", "el doble").
PALABRAS = {
    "uno": 1,
    "una": 1,
    "dos": 2,
    "doble": 2,
    "tres": 3,
    "triple": 3,
    "cuatro": 4,
    "cinco": 5,
    "seis": 6,
    "siete": 7,
    "ocho": 8,
    "nueve": 9,
    "diez": 10,
    "once": 11,
    "doce": 12,
    "quince": 15,
    "veinte": 20,
    "treinta": 30,
    "cuarenta": 40,
    "cincuenta": 50,
    "cien": 100,
    "ciento": 100,
}
_PALABRA = re.compile(r"[a-záéíóúñ]+")


def _presente(valor: Decimal, disponibles: set[Decimal]) -> bool:
    # As printed, as a percentage of a factor ("20%" → 0.2000), al millar, or "N veces" as a percentage.
    return any(v in disponibles for v in (valor, valor * 100, valor * 10, valor / 100))


def numeros_de(c: Concepto) -> Iterator[tuple[str, Decimal]]:
    for campo in ("monto", "minimo", "maximo", "adicional", "excedente_monto", "tasa", "tasa_minima"):
        valor = getattr(c, campo)
        if valor is not None:
            yield campo, valor
    for t in c.tramos:
        if t.monto:  # a marginal bracket charging only its excess has no amount of its own
            yield f"tramo {t.clave}", t.monto
        if t.excedente_monto is not None:
            yield f"tramo {t.clave} excedente", t.excedente_monto
    for a in c.adicionales:
        yield f"adicional {a.parametro}", a.monto
    if c.predial is not None:
        p = c.predial
        yield "predial base", p.base_uma
        yield "predial mínimo", p.minimo_uma
        for zona, v in p.zonas.items():
            yield f"zona {zona}", v
        for uso, tipos in p.construccion.items():
            for tipo, v in tipos.items():
                yield f"construcción {uso} {tipo}", v
        yield "riego gravedad", p.riego_gravedad_ha
        yield "riego bombeo", p.riego_bombeo_ha
        yield "temporal hasta", p.temporal_pesos_ha_hasta
        yield "temporal más", p.temporal_pesos_ha_mas


def _articulo_de_fundamento(fundamento: str) -> int | None:
    m = re.search(r"Arts?\.\s*(\d+)", fundamento)  # "Arts. 62 y 63" cites its first article
    return int(m.group(1)) if m else None


def revisar(catalogo: Catalogo, ley: Path) -> list[str]:
    """Every number that does not appear in its article, as readable lines (empty list = faithful)."""
    por_articulo = articulos(ley.read_text(encoding="utf-8"))
    cache: dict[int, set[Decimal]] = {}

    def disponibles(articulo: int) -> set[Decimal]:
        if articulo not in cache:
            cache[articulo] = numeros(por_articulo.get(articulo, ""))
        return cache[articulo]

    faltan = []
    for c in catalogo.conceptos.values():
        if c.verificar or c.padre is not None:  # flagged numbers are surfaced, leaves repeat their parent
            continue
        for campo, valor in numeros_de(c):
            if not _presente(valor, disponibles(c.articulo)):
                faltan.append(f"{c.clave} ({c.archivo}) {campo} = {valor}: no aparece en el Art. {c.articulo}")
    for m in catalogo.modificadores:
        faltan.extend(_revisar_modificador(m, disponibles))
    return faltan


def _revisar_modificador(m: Modificador, disponibles: object) -> list[str]:
    articulo = _articulo_de_fundamento(m.fundamento)
    if articulo is None:
        return [f"modificador {m.id}: fundamento sin artículo"]
    assert callable(disponibles)
    faltan = []
    for campo, valor in [*m.datos.items(), *((f"mes {k}", v) for k, v in m.meses.items())]:
        if not _presente(valor, disponibles(articulo)):
            faltan.append(f"modificador {m.id} {campo} = {valor}: no aparece en el Art. {articulo}")
    return faltan
