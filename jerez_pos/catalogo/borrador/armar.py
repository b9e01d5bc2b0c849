"""The draft of a new fiscal year's catalog: the base catalog followed, concept by concept, into the new law.

``armar`` decides; ``escribir`` (escribir.py) writes. Every base concept ends as one of ``igual``, ``cambio``,
``renumerado``, ``derogado`` or ``por_revisar``; labelled parts of the new law with amounts that no base
concept explains are ``nuevos``. A draft may be incomplete, never silently wrong: whatever is not certain is
written ``verificar`` (the engine refuses to price it until a person confirms it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from jerez_pos.catalogo.borrador import texto as t
from jerez_pos.catalogo.borrador.alinear import Articulo, Par, emparejar
from jerez_pos.catalogo.borrador.conceptos import (
    DEROGADO,
    POR_REVISAR,
    RENUMERADO,
    Cambio,
    Seguimiento,
    seguir,
    ubicar,
)
from jerez_pos.catalogo.borrador.giros import FilaGiro, emparejar_giros, leer_tabla
from jerez_pos.catalogo.borrador.partes import Tramo
from jerez_pos.catalogo.cargar import cargar
from jerez_pos.core.modelo import Catalogo, Modificador

_FUNDAMENTO_ART = re.compile(r"Arts?\.\s*(\d+)")


@dataclass(frozen=True)
class Nuevo:
    clave: str
    articulo: str
    texto: str
    monto: Decimal


@dataclass
class SeguimientoModificador:
    id: str
    articulo_nuevo: str | None
    valores: dict[Decimal, Decimal] = field(default_factory=dict)
    motivo: str = ""


@dataclass
class Borrador:
    ejercicio: int
    base: Catalogo
    ley: str  # the new decree's text, from its heading to the end
    pares: list[Par]
    conceptos: dict[str, Seguimiento]  # by base key
    giros: dict[int, FilaGiro]  # base giro number → new row
    giros_nuevos: list[FilaGiro]
    tabla_giros: str  # the new key prefix of the giro table ("A114-III")
    nuevos: list[Nuevo]
    modificadores: dict[str, SeguimientoModificador]
    articulos: dict[str, str] = field(default_factory=dict)  # base article → new article

    @property
    def sin_tabla_giros(self) -> bool:
        """The giro table was not found in the new law: the draft has no giros until a person loads them."""
        return bool(self.base.giros) and not self.giros and not self.giros_nuevos

    def renombres(self) -> dict[str, str]:
        claves = {s.clave_base: s.clave for s in self.conceptos.values() if s.estado != DEROGADO}
        for s in self.conceptos.values():
            if s.estado != DEROGADO:
                claves.update(s.hojas)
        for numero, fila in self.giros.items():
            claves[f"A114-III-{numero}"] = f"{self.tabla_giros}-{fila.numero}"
        return claves

    def cambios(self) -> list[Cambio]:
        resultado = [c for s in self.conceptos.values() if s.estado != DEROGADO for c in s.cambios]
        for numero, fila in sorted(self.giros.items()):
            giro = self.base.giro(numero)
            if giro is not None and giro.uma != fila.uma:
                clave = f"{self.tabla_giros}-{fila.numero}"
                resultado.append(Cambio(giro.clave, clave, "monto", giro.uma, fila.uma))
        return resultado

    def a_dict(self, conceptos_en_borrador: int) -> dict[str, object]:
        por_revisar = sorted(s.clave for s in self.conceptos.values() if s.estado == POR_REVISAR)
        por_revisar += [f"modificador {m.id}" for m in self.modificadores.values() if m.motivo]
        sin_tabla = {self.tabla_giros: "no se pudo leer la tabla de giros"} if self.sin_tabla_giros else {}
        por_revisar += list(sin_tabla)
        return {
            "ejercicio": self.ejercicio,
            "conceptos": conceptos_en_borrador,
            "cambios": [
                {
                    "clave_base": c.clave_base,
                    "clave": c.clave,
                    "campo": c.campo,
                    "antes": str(c.antes),
                    "despues": str(c.despues),
                }
                for c in self.cambios()
            ],
            "nuevos": [n.clave for n in self.nuevos] + [f"{self.tabla_giros}-{f.numero}" for f in self.giros_nuevos],
            "derogados": sorted(s.clave_base for s in self.conceptos.values() if s.estado == DEROGADO)
            + sorted(f"A114-III-{g.numero}" for g in self.base.giros if g.numero not in self.giros),
            "por_revisar": por_revisar,
            "renumerados": sorted(s.clave_base for s in self.conceptos.values() if s.estado == RENUMERADO),
            "motivos": {s.clave: s.motivo for s in self.conceptos.values() if s.motivo}
            | {f"modificador {m.id}": m.motivo for m in self.modificadores.values() if m.motivo}
            | sin_tabla,
        }


def armar(ley: str, base_dir: Path, ejercicio: int) -> Borrador:
    base = cargar(base_dir)
    texto_base = t.limpiar((base_dir / "fuente" / "ley.txt").read_text(encoding="utf-8"))
    publicado = t.decreto(ley.replace("\r\n", "\n").replace("\r", "\n"))  # kept as printed, headers included
    decreto = t.limpiar(publicado)
    pares = emparejar(t.articulos(texto_base), t.articulos(decreto))
    por_numero = {p.base.numero: p for p in pares}
    seguimientos = {
        c.clave: seguir(c, por_numero.get(c.clave[1:].split("-", 1)[0]))
        for c in base.conceptos.values()
        if c.padre is None and c.archivo != "giros.csv"
    }
    _evitar_choques(seguimientos)
    tabla, giros, giros_nuevos = _giros(base, por_numero)
    borrador = Borrador(
        ejercicio,
        base,
        publicado,
        pares,
        seguimientos,
        giros,
        giros_nuevos,
        tabla,
        [],
        _modificadores(base, por_numero),
        {p.base.numero: p.nuevo.numero for p in pares if p.nuevo is not None and not p.derogado},
    )
    borrador.nuevos = _nuevos(borrador)
    _nuevos_dentro(borrador)
    _modificadores_sin_seguir(borrador)
    _claves_por_revisar(borrador)
    return borrador


def _modificadores_sin_seguir(borrador: Borrador) -> None:
    """A modifier whose numbers were not found in the new law keeps its old numbers in the draft: every concept
    it applies to would be charged with them, so each goes to review with the modifier."""
    for m in borrador.base.modificadores:
        seguimiento = borrador.modificadores.get(m.id)
        if seguimiento is None or not seguimiento.motivo:
            continue
        for s in borrador.conceptos.values():
            concepto = borrador.base.conceptos.get(s.clave_base)
            if s.estado in (DEROGADO, POR_REVISAR) or concepto is None or not m.aplica(concepto):
                continue
            s.estado, s.lugar_seguro = POR_REVISAR, True
            s.motivo = f"el modificador «{m.id}» ({m.fundamento}) no se pudo seguir en la ley nueva"


def _claves_por_revisar(borrador: Borrador) -> None:
    """A concept sent to review keeps its place in the draft under its article's new number, and under keys
    (its own and its bracket rows') no other concept of the draft holds: when a fraction was inserted or
    derogated, its old key may now be another concept's (the reviewer gives it its final key). One whose
    place was followed for sure (only its table is in doubt) keeps its new keys."""
    seguros = [s for s in borrador.conceptos.values() if s.estado not in (DEROGADO, POR_REVISAR) or s.lugar_seguro]
    tomadas = {clave for s in seguros for clave in _ocupa(borrador, s, s.clave)}
    tomadas |= {n.clave for n in borrador.nuevos}
    for s in sorted(borrador.conceptos.values(), key=lambda x: x.clave_base):
        if s.estado != POR_REVISAR or s.lugar_seguro:
            continue
        numero, _, resto = s.clave_base[1:].partition("-")
        nuevo = borrador.articulos.get(numero, numero)
        provisional = f"A{nuevo if nuevo.isdigit() else numero}{'-' + resto if resto else ''}"
        s.hojas = {}
        clave, n = provisional, 1
        while tomadas.intersection(_ocupa(borrador, s, clave)):
            clave, n = f"{provisional}-revisar{n if n > 1 else ''}", n + 1
        s.clave = clave
        tomadas.update(_ocupa(borrador, s, clave))
        # Its listed changes (amounts found, place not sure) follow the provisional key.
        s.cambios = [replace(x, clave=_bajo(x.clave_base, s.clave_base, clave)) for x in s.cambios]


def _ocupa(borrador: Borrador, s: Seguimiento, clave: str) -> set[str]:
    """The keys a concept takes in the draft under ``clave``: its own and its bracket rows'."""
    concepto = borrador.base.conceptos.get(s.clave_base)
    filas = {t.clave for t in concepto.tramos if t.clave} if concepto is not None else set()
    return {clave} | {s.hojas.get(f, _bajo(f, s.clave_base, clave)) for f in filas}


def _bajo(fila: str, clave_base: str, clave: str) -> str:
    return clave + fila[len(clave_base) :] if fila == clave_base or fila.startswith(clave_base + "-") else clave


def _nuevos_dentro(borrador: Borrador) -> None:
    """A new row inside a concept's own part (a bracket added to its table) changes what the concept charges
    for some quantities: the concept cannot be carried over as it was."""
    for nuevo in borrador.nuevos:
        for s in borrador.conceptos.values():
            if s.estado not in (DEROGADO, POR_REVISAR) and nuevo.clave.startswith(s.clave + "-"):
                s.estado, s.motivo = POR_REVISAR, f"la ley nueva agregó {nuevo.clave} dentro de su tabla"
                s.lugar_seguro = True


def _evitar_choques(seguimientos: dict[str, Seguimiento]) -> None:
    """Two base concepts landing on one new key: neither can be trusted. (A concept already sent to review
    holds only a provisional key, given at the end: it collides with nobody.)"""
    vistos: dict[str, list[Seguimiento]] = {}
    for s in seguimientos.values():
        if s.estado not in (DEROGADO, POR_REVISAR):
            vistos.setdefault(s.clave, []).append(s)
    for grupo in vistos.values():
        if len(grupo) > 1:
            for s in grupo:
                s.estado, s.clave, s.motivo = POR_REVISAR, s.clave_base, "otro concepto quedó con la misma clave nueva"
                s.hojas = {}


def _giros(base: Catalogo, pares: dict[str, Par]) -> tuple[str, dict[int, FilaGiro], list[FilaGiro]]:
    par = pares.get("114")
    if par is None or par.nuevo is None:
        return "A114-III", {}, []
    dentro = par.nuevo.partes.rango(("III",))
    fraccion = "III"
    if dentro is None:
        return f"A{par.nuevo.numero}-III", {}, []
    # The table may have moved to another fraction: the fraction holding the first giro's row is the table.
    filas = leer_tabla(par.nuevo.texto[dentro[0] : dentro[1]])
    if len(filas) < len(base.giros) // 2:
        for tramo in par.nuevo.partes.tramos:
            if len(tramo.ruta) == 1:
                candidatas = leer_tabla(par.nuevo.texto[tramo.inicio : tramo.fin])
                if len(candidatas) > len(filas):
                    filas, fraccion = candidatas, tramo.ruta[0]
    pares_giros, nuevas = emparejar_giros(base.giros, filas)
    return f"A{par.nuevo.numero}-{fraccion}", pares_giros, nuevas


def _modificadores(base: Catalogo, pares: dict[str, Par]) -> dict[str, SeguimientoModificador]:
    resultado = {}
    for m in base.modificadores:
        resultado[m.id] = _seguir_modificador(m, pares)
    return resultado


def _seguir_modificador(m: Modificador, pares: dict[str, Par]) -> SeguimientoModificador:
    cita = _FUNDAMENTO_ART.search(m.fundamento)
    par = pares.get(cita.group(1)) if cita else None
    if par is None or par.nuevo is None:
        return SeguimientoModificador(m.id, None, motivo="su artículo no tiene equivalente en la ley nueva")
    seguimiento = SeguimientoModificador(m.id, par.nuevo.numero)
    todo = range(len(par.base.tokens))
    for valor in [*m.datos.values(), *m.meses.values()]:
        encontrado = ubicar(par, todo, valor)
        if isinstance(encontrado, str):
            seguimiento.motivo = f"{valor}: {encontrado}"
            continue
        seguimiento.valores[valor] = encontrado[0]
    return seguimiento


def _nuevos(borrador: Borrador) -> list[Nuevo]:
    """Labelled parts of the new law holding UMA factors (4 decimals) that no base concept was mapped to."""
    usados: dict[str, set[int]] = {}
    for par in borrador.pares:
        if par.nuevo is not None:
            usados.setdefault(par.nuevo.numero, set()).update(par.mapa.values())
    claves_existentes = set(borrador.renombres().values())
    resultado: list[Nuevo] = []
    for numero, cuerpo in t.articulos(t.limpiar(borrador.ley)).items():
        articulo = Articulo(numero, cuerpo)
        mapeados = usados.get(numero, set())
        if numero == borrador.tabla_giros[1:].split("-")[0]:
            continue  # the giro table is read on its own
        partes = articulo.partes.tramos or [Tramo((), 0, len(articulo.texto))]
        for tramo in partes:
            if any(
                len(otro.ruta) > len(tramo.ruta) and otro.ruta[: len(tramo.ruta)] == tramo.ruta
                for otro in articulo.partes.tramos
            ):
                continue  # only the deepest parts: a fraction with incisos is described by them
            indices = articulo.indices(tramo.ruta) or range(0)
            montos = [
                i
                for i in indices
                if articulo.tokens[i].valor is not None
                and "." in articulo.tokens[i].texto
                and len(articulo.tokens[i].texto.rsplit(".", 1)[1]) == 4
            ]
            if not montos or any(i in mapeados for i in montos):
                continue
            # A "Bis" article has no key of its own in the catalog's scheme (articles are numbers): its concepts
            # are keyed under the article they follow ("A86-Bis-I"); they are new, so a person defines them.
            cabeza = f"A{numero[:-3]}-Bis" if numero.endswith("Bis") else f"A{numero}"
            clave = "-".join([cabeza, *[p for p in tramo.ruta if p]])
            if clave in claves_existentes or any(c.startswith(clave + "-") for c in claves_existentes):
                continue
            texto = " ".join(articulo.texto[tramo.inicio : tramo.fin].split())[:600]
            valor = articulo.tokens[montos[0]].valor
            assert valor is not None
            resultado.append(Nuevo(clave, numero, texto, valor))
    return resultado
