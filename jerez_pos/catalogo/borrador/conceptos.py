"""Each concept of the base catalog followed into the new decree: its new key, its new amounts, or why not.

A concept is carried over only when every number it prices with is found, in its own part of its article
(fracción, inciso, numeral), at exactly one place that the aligner pairs with one place of the new text.
Anything else (a number not found, found twice with two fates, a part that moved in an unexpected way) goes
to ``por_revisar``: the draft keeps the concept but marks it ``verificar``, so nothing is charged from a guess.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from jerez_pos.catalogo.borrador.alinear import Articulo, Par
from jerez_pos.core.modelo import Concepto

_CLAVE = re.compile(r"^A(\d+)((?:-[^-]+)*)$")
_ROMANO = re.compile(r"^[IVXL]+$")
_LETRA = re.compile(r"^[a-zñ]$")
_NUMERAL = re.compile(r"^\d{1,2}$")

IGUAL, CAMBIO, RENUMERADO, DEROGADO, POR_REVISAR = "igual", "cambio", "renumerado", "derogado", "por_revisar"
NO_APARECE = "no aparece en su artículo"


@dataclass(frozen=True)
class Clave:
    articulo: str
    ruta: tuple[str, ...]  # (fracción, inciso, numeral), "" for a level the key skips
    resto: tuple[str, ...]  # invented suffixes ("eventual", "devolucion") kept as they are

    @property
    def profundidad(self) -> int:
        return len(self.ruta)

    def con(self, articulo: str, ruta: tuple[str, ...]) -> str:
        partes = [p for p in (*ruta, *self.resto) if p]
        return "-".join([f"A{articulo}", *partes])


def leer_clave(clave: str) -> Clave | None:
    m = _CLAVE.match(clave)
    if m is None:
        return None
    partes = [p for p in m.group(2).split("-") if p]
    ruta: list[str] = []
    for nivel, patron in enumerate((_ROMANO, _LETRA, _NUMERAL)):
        if partes and patron.match(partes[0]):
            while len(ruta) < nivel:
                ruta.append("")
            ruta.append(partes.pop(0))
        elif nivel == 0:
            break
    return Clave(m.group(1), tuple(ruta), tuple(partes))


def valores(c: Concepto) -> Iterator[tuple[str, str, Decimal]]:
    """(key of the row, field, value) for every number the concept prices with, bracket limits included."""
    for campo in ("monto", "minimo", "maximo", "adicional", "excedente_monto", "tasa", "tasa_minima"):
        valor = getattr(c, campo, None)
        if valor is not None:
            yield c.clave, campo, valor
    for t in c.tramos:
        for campo in ("monto", "hasta", "desde", "excedente_monto", "excedente_sobre"):
            valor = getattr(t, campo)
            if valor is not None and valor != 0:
                yield t.clave or c.clave, campo, valor
    for a in c.adicionales:
        yield c.clave, f"adicional {a.parametro}", a.monto
    if c.predial is not None:
        p = c.predial
        yield c.clave, "base_uma", p.base_uma
        yield c.clave, "minimo_uma", p.minimo_uma
        for zona, v in p.zonas.items():
            yield c.clave, f"zona {zona}", v
        for uso, tipos in p.construccion.items():
            for tipo, v in tipos.items():
                yield c.clave, f"construccion {uso} {tipo}", v
        yield c.clave, "riego_gravedad_ha", p.riego_gravedad_ha
        yield c.clave, "riego_bombeo_ha", p.riego_bombeo_ha
        yield c.clave, "temporal_pesos_ha_hasta", p.temporal_pesos_ha_hasta
        yield c.clave, "temporal_pesos_ha_mas", p.temporal_pesos_ha_mas


def _formas(valor: Decimal) -> list[tuple[Decimal, Decimal]]:
    """How a catalog value may be printed in the law, with the factor back to the catalog's form (the same
    forms the fidelity check accepts: as printed, a percentage of a factor, al millar, "N veces")."""
    return [
        (valor, Decimal(1)),
        (valor * 100, Decimal("0.01")),
        (valor * 10, Decimal("0.1")),
        (valor / 100, Decimal(100)),
    ]


@dataclass(frozen=True)
class Cambio:
    clave_base: str  # the row's key in the base catalog (a bracket's own key for a bracket)
    clave: str  # the same row's key in the draft
    campo: str
    antes: Decimal
    despues: Decimal


@dataclass
class Seguimiento:
    """What became of one base concept."""

    clave_base: str
    estado: str
    clave: str = ""
    motivo: str = ""
    nuevos_valores: dict[Decimal, Decimal] = field(default_factory=dict)
    cambios: list[Cambio] = field(default_factory=list)
    texto_nuevo: str = ""  # the new law's words for it, for the reviewer
    hojas: dict[str, str] = field(default_factory=dict)  # bracket rows with keys of their own: old → new
    lugar_seguro: bool = False  # sent to review though its new keys are sure (a row was added to its table)


def _fuera(estado: str, c: Concepto, motivo: str, texto: str = "", cambios: list[Cambio] | None = None) -> Seguimiento:
    """A concept not carried over. ``cambios``: its amounts were all found, each at one place of the new law,
    but its place in the new law is not sure; the changes are still listed (under its provisional key), so
    the reviewer sees every amount the new law moved."""
    return Seguimiento(c.clave, estado, c.clave, motivo, texto_nuevo=texto, cambios=list(cambios or []))


def seguir(c: Concepto, par: Par | None) -> Seguimiento:
    clave = leer_clave(c.clave)
    if clave is None or par is None:
        return _fuera(POR_REVISAR, c, "la clave no sigue el esquema o su artículo no está en la ley base")
    if par.nuevo is None:
        return _fuera(POR_REVISAR, c, f"el Art. {clave.articulo} no tiene equivalente en la ley nueva")
    if par.derogado:
        return _fuera(DEROGADO, c, f"el Art. {par.nuevo.numero} está derogado")
    base, nuevo = par.base, par.nuevo
    if not nuevo.numero.isdigit():
        return _fuera(POR_REVISAR, c, f"su texto quedó en el Art. {nuevo.numero}, un artículo «Bis»")
    dentro = base.indices(clave.ruta)
    if dentro is None:
        return _fuera(POR_REVISAR, c, f"no se ubicó {'-'.join(p for p in clave.ruta if p)} en el Art. {base.numero}")
    mapa_valores: dict[Decimal, Decimal] = {}
    cambios: list[Cambio] = []
    posiciones_hoja: dict[str, set[int]] = {}
    for fila, campo, valor in valores(c):
        propia = _parte_de_hoja(base, clave, fila)
        encontrado = ubicar(par, propia, valor) if propia is not None else NO_APARECE
        if isinstance(encontrado, tuple) and propia is not None:
            posiciones_hoja.setdefault(fila, set()).add(encontrado[1])
        if encontrado == NO_APARECE:
            encontrado = ubicar(par, dentro, valor)
        if encontrado == NO_APARECE and len(dentro) < len(base.tokens):
            # A number the part takes from elsewhere in its article (a rate set once for several fractions).
            encontrado = ubicar(par, range(len(base.tokens)), valor)
        if isinstance(encontrado, str):
            derogado = _derogado_en(par, dentro)
            if derogado:
                return _fuera(DEROGADO, c, derogado)
            return _fuera(POR_REVISAR, c, f"{campo} {valor}: {encontrado}", _texto(par, dentro))
        nuevo_valor = encontrado[0]
        anterior = mapa_valores.setdefault(valor, nuevo_valor)
        if anterior != nuevo_valor:
            return _fuera(POR_REVISAR, c, f"{valor} aparece con dos valores nuevos ({anterior} y {nuevo_valor})")
        if nuevo_valor != valor:
            cambios.append(Cambio(fila, fila, campo, valor, nuevo_valor))
    # Where the part went: the new parts holding most of its words (amounts may sit elsewhere in a scrambled
    # table, words do not).
    destino = [par.mapa[i] for i in dentro if i in par.mapa]
    if len(destino) < max(1, len(dentro) // 2):
        derogado = _derogado_en(par, dentro)  # its words are gone because the fraction now reads "Derogada"
        if derogado:
            return _fuera(DEROGADO, c, derogado)
        return _fuera(POR_REVISAR, c, "su texto cambió; no se pudo seguir", _texto(par, dentro), cambios)
    nueva_ruta = _ruta_nueva(par, clave, destino)
    if nueva_ruta is None:
        motivo = "su parte de la ley no se pudo ubicar en la ley nueva"
        return _fuera(POR_REVISAR, c, motivo, _texto(par, dentro), cambios)
    if nueva_ruta and _parte_derogada(nuevo, nueva_ruta):
        return _fuera(DEROGADO, c, "la ley nueva la deroga")
    nueva = clave.con(nuevo.numero, nueva_ruta)
    hojas = _hojas(c, nuevo, nueva, posiciones_hoja)
    if hojas is None:
        motivo = "sus renglones quedaron en partes distintas de la ley nueva"
        return _fuera(POR_REVISAR, c, motivo, _texto(par, dentro), cambios)
    estado = RENUMERADO if nueva != c.clave or any(k != v for k, v in hojas.items()) else (CAMBIO if cambios else IGUAL)
    cambios = [Cambio(x.clave_base, hojas.get(x.clave_base, nueva), x.campo, x.antes, x.despues) for x in cambios]
    seguimiento = Seguimiento(c.clave, estado, nueva, "", mapa_valores, cambios, _texto(par, dentro))
    seguimiento.hojas = hojas
    return seguimiento


def _parte_de_hoja(base: Articulo, clave: Clave, fila: str) -> range | None:
    """A bracket row with a deeper key of its own (A31-V-b under A31-V): its own part of the article."""
    hoja = leer_clave(fila)
    if hoja is None or hoja.profundidad <= clave.profundidad or hoja.ruta[: clave.profundidad] != clave.ruta:
        return None
    return base.indices(hoja.ruta)


def _hojas(c: Concepto, nuevo: Articulo, clave_nueva: str, posiciones: dict[str, set[int]]) -> dict[str, str] | None:
    """Each bracket row's new key: its own new part when its amounts were found there (an inciso inserted
    before it moves its letter), else the parent's new key with the row's own ending."""
    padre = leer_clave(clave_nueva)
    assert padre is not None
    resultado: dict[str, str] = {}
    for tramo in c.tramos:
        if not tramo.clave or tramo.clave == c.clave:
            continue
        hoja = leer_clave(tramo.clave)
        lugares = posiciones.get(tramo.clave)
        if hoja is None or not lugares:
            resultado[tramo.clave] = _renombrar(tramo.clave, c.clave, clave_nueva)
            continue
        rutas = {nuevo.ruta(j)[: hoja.profundidad] for j in lugares}
        if len(rutas) != 1:
            return None
        ruta = rutas.pop()
        if len(ruta) < hoja.profundidad or ruta[: padre.profundidad] != padre.ruta:
            return None
        resultado[tramo.clave] = hoja.con(padre.articulo, ruta)
    if len(set(resultado.values())) != len(resultado):
        return None
    return resultado


def ubicar(par: Par, dentro: range, valor: Decimal) -> tuple[Decimal, int] | str:
    assert par.nuevo is not None
    hallados: set[tuple[Decimal, int]] = set()
    for impreso, factor in _formas(valor):
        ocurrencias = [i for i in dentro if par.base.tokens[i].valor == impreso]
        for i in ocurrencias:
            j = par.mapa.get(i)
            nuevo_token = par.nuevo.tokens[j] if j is not None else None
            if j is None or nuevo_token is None or nuevo_token.valor is None:
                return "su lugar en el texto cambió"
            if not _mismo_contexto(par, i, j):
                return "las palabras que lo preceden cambiaron"
            hallados.add((nuevo_token.valor * factor, j))
        if ocurrencias:
            break
    if not hallados:
        return NO_APARECE
    if len({v for v, _ in hallados}) > 1:
        return "aparece varias veces con valores nuevos distintos"
    return min(hallados, key=lambda h: h[1])


CONTEXTO = 6  # words before an amount that say what it is for


def _mismo_contexto(par: Par, i: int, j: int) -> bool:
    """The words just before the amount, in both laws, mostly the same. A phrase the law repeats ("semestral
    de 1.3860 veces la Unidad…" and "semestral de 4.1685 veces la Unidad…") may be paired with its twin when
    an extraction accident breaks the first one; what precedes each amount ("inscripción" against "cuota de
    recuperación") tells them apart."""
    assert par.nuevo is not None
    antes = Counter(par.base.claves[max(0, i - CONTEXTO) : i])
    despues = Counter(par.nuevo.claves[max(0, j - CONTEXTO) : j])
    return sum((antes & despues).values()) * 3 >= 2 * min(len(par.base.claves[max(0, i - CONTEXTO) : i]), CONTEXTO)


def _derogado_en(par: Par, dentro: range) -> str:
    """The new text where the part was reads "Derogada"/"Se deroga"."""
    assert par.nuevo is not None
    anteriores = [par.mapa[i] for i in range(dentro.start, -1, -1) if i in par.mapa]
    desde = anteriores[0] if anteriores else 0
    ventana = " ".join(par.nuevo.claves[desde : desde + 14])
    return "la ley nueva la deroga" if "derog" in ventana else ""


def _ruta_nueva(par: Par, clave: Clave, destino: list[int]) -> tuple[str, ...] | None:
    """The label of the new part that holds at least 60 % of the words the base part kept."""
    assert par.nuevo is not None
    if not clave.profundidad:
        return ()
    cuenta = Counter(par.nuevo.ruta(j)[: clave.profundidad] for j in destino)
    ruta, veces = cuenta.most_common(1)[0]
    if veces * 10 < len(destino) * 6 or len(ruta) < clave.profundidad:
        return None
    if any(bool(a) != bool(b) for a, b in zip(ruta, clave.ruta, strict=True)):
        return None
    return ruta


def _parte_derogada(articulo: Articulo, ruta: tuple[str, ...]) -> bool:
    indices = articulo.indices(ruta)
    return indices is not None and "derog" in " ".join(articulo.claves[indices.start : indices.start + 6])


def _texto(par: Par, dentro: range) -> str:
    if par.nuevo is None:
        return ""
    destino = [par.mapa[i] for i in dentro if i in par.mapa]
    if not destino:
        return ""
    tokens = par.nuevo.tokens
    desde, hasta = tokens[min(destino)].inicio, tokens[max(destino)].inicio + len(tokens[max(destino)].texto)
    return " ".join(par.nuevo.texto[desde:hasta].split())[:600]


def _renombrar(clave: str, vieja: str, nueva: str) -> str:
    if clave == vieja:
        return nueva
    if clave.startswith(vieja + "-"):
        return nueva + clave[len(vieja) :]
    return clave
