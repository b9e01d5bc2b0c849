"""The truth of a mutated law (``mutaciones.py``): what each base concept becomes, and what it must charge.

Written by the mutation itself, never read back from the draft: a base key's new key (or derogated), the old
→ new value of every number moved in each article, the giro table's new numbers and factors, the modifiers'
new percentages. ``catalogo_esperado`` is the base catalog with the new law's numbers, priced by the same
engine as the draft.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from decimal import Decimal

from jerez_pos.core.modelo import Catalogo, Concepto, Giro, Tramo

TABLA_GIROS = 114


@dataclass
class Verdad:
    """What the mutated law means for the base catalog (base numbering in, new numbering out)."""

    articulos: dict[int, int] = field(default_factory=dict)  # base article → new (absent: same)
    fracciones: dict[tuple[int, str], str] = field(default_factory=dict)  # (base art, fr) → new fr
    derogadas: set[tuple[int, str]] = field(default_factory=set)  # (base art, fr)
    valores: dict[int, dict[Decimal, Decimal]] = field(default_factory=dict)  # base art → printed old → new
    limites: dict[int, dict[Decimal, Decimal]] = field(default_factory=dict)  # base art → bracket limit old → new
    impresos: dict[int, set[Decimal]] = field(default_factory=dict)  # base art → every number it prints
    giros: dict[int, int] = field(default_factory=dict)  # base giro number → new (absent: same)
    giros_uma: dict[int, Decimal] = field(default_factory=dict)  # base giro number → new factor
    nuevas: list[str] = field(default_factory=list)  # new keys (inserted article, added fractions, Bis)
    giros_nuevos: dict[int, Decimal] = field(default_factory=dict)  # new giro number (new table) → its factor
    modificadores: dict[str, dict[Decimal, Decimal]] = field(default_factory=dict)  # id → old datum → new
    tabla_giros: str = "A114-III"

    def clave(self, clave: str) -> str | None:
        """The base key's key in the new law; None when the law derogated it."""
        m = re.match(r"^A(\d+)(?:-([IVXL]+))?(.*)$", clave)
        if m is None:
            return clave
        articulo, fraccion, resto = int(m.group(1)), m.group(2), m.group(3)
        if articulo == TABLA_GIROS and fraccion == "III" and resto[1:].isdigit():
            numero = int(resto[1:])
            return f"{self.tabla_giros}-{self.giros.get(numero, numero)}"
        if fraccion and (articulo, fraccion) in self.derogadas:
            return None
        nueva = f"A{self.articulos.get(articulo, articulo)}"
        if fraccion:
            nueva += "-" + self.fracciones.get((articulo, fraccion), fraccion)
        return nueva + resto

    def cambio(self, concepto: Concepto) -> Concepto:
        """The base concept with the numbers the new law prints for it."""
        articulo = int(re.sub(r"\D.*", "", concepto.clave[1:]) or 0)
        impresos = self.impresos.get(articulo, set())
        nuevo = _sustituir(concepto, self.valores.get(articulo, {}), self.limites.get(articulo, {}), impresos)
        assert isinstance(nuevo, Concepto)
        if any(t.acumulado for t in concepto.tramos):
            nuevo = dataclasses.replace(nuevo, tramos=_acumular(nuevo.tramos))
        return nuevo

    def giro(self, giro: Giro) -> Giro:
        return dataclasses.replace(giro, uma=self.giros_uma.get(giro.numero, giro.uma))


def _formas(mapa: dict[Decimal, Decimal]) -> dict[Decimal, Decimal]:
    """A factor printed 1.2500 may be the catalog's 1.25, 0.0125 (a percentage) or 12.5 (al millar)."""
    resultado: dict[Decimal, Decimal] = {}
    for viejo, nuevo in mapa.items():
        for factor in (Decimal(1), Decimal("0.01"), Decimal("0.1"), Decimal(100)):
            resultado.setdefault(viejo * factor, nuevo * factor)
    return resultado


def _sustituir(
    objeto: object, valores: dict[Decimal, Decimal], limites: dict[Decimal, Decimal], impresos: set[Decimal]
) -> object:
    """A value printed as such takes its own fate; one the article does not print (a percentage printed as
    "5%", a rate al millar) takes the fate of the number it is read from."""
    formas = {k: v for k, v in _formas(valores).items() if k not in impresos} | valores

    def cambiar(valor: object, nombre: str) -> object:
        if isinstance(valor, Decimal):
            if nombre in ("hasta", "desde", "excedente_sobre") and valor in limites:
                return limites[valor]
            return formas.get(valor, valor)
        if isinstance(valor, tuple):
            return tuple(cambiar(v, nombre) for v in valor)
        if isinstance(valor, dict):
            return {k: cambiar(v, str(k)) for k, v in valor.items()}
        if dataclasses.is_dataclass(valor) and not isinstance(valor, type):
            return dataclasses.replace(
                valor,
                **{
                    f.name: cambiar(getattr(valor, f.name), f.name)
                    for f in dataclasses.fields(valor)
                    if f.name not in ("ejemplo", "parametros", "clave", "acumulado", "incluidas")
                },
            )
        return valor

    if not valores and not limites:
        return objeto
    return cambiar(objeto, "")


def _acumular(tramos: tuple[Tramo, ...]) -> tuple[Tramo, ...]:
    """A marginal table's running total, as the loader computes it (every bracket below charged in full)."""
    resultado, acumulado = [], Decimal(0)
    for tramo in tramos:
        resultado.append(dataclasses.replace(tramo, acumulado=acumulado))
        acumulado += tramo.monto
        if tramo.excedente_monto is not None and tramo.excedente_sobre is not None and tramo.hasta is not None:
            acumulado += (tramo.hasta - tramo.excedente_sobre) * tramo.excedente_monto
    return tuple(resultado)


def catalogo_esperado(base: Catalogo, verdad: Verdad) -> Catalogo:
    """The base catalog (base keys) with the new law's numbers: what each concept must charge in 2025."""
    conceptos = {clave: verdad.cambio(c) for clave, c in base.conceptos.items()}
    for clave, c in conceptos.items():
        padre = conceptos.get(c.padre or "")
        if padre is not None:  # a bracket row priced alone: its running total is its parent table's
            filas = {t.clave: t for t in padre.tramos}
            conceptos[clave] = dataclasses.replace(c, tramos=tuple(filas.get(t.clave, t) for t in c.tramos))
    giros = tuple(verdad.giro(g) for g in base.giros)
    for g in giros:
        clave = f"A114-III-{g.numero}"
        if clave in conceptos:
            conceptos[clave] = dataclasses.replace(conceptos[clave], monto=g.uma)
    modificadores = tuple(
        dataclasses.replace(m, datos={k: verdad.modificadores.get(m.id, {}).get(v, v) for k, v in m.datos.items()})
        for m in base.modificadores
    )
    return dataclasses.replace(base, conceptos=conceptos, giros=giros, modificadores=modificadores)  # type: ignore[arg-type]
