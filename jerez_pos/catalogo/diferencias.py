"""What changed between two catalogs: concepts added, removed, and those whose tariff changed.

"Tariff" is everything the engine prices with (shape, unit, amounts, brackets, rates, tables), not the
wording: a corrected description is not an amount change. Giros are concepts too (``A114-III-n``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jerez_pos.core.modelo import Catalogo, Concepto

CAMPOS_TARIFA = (
    "forma",
    "unidad",
    "monto",
    "minimo",
    "maximo",
    "adicional",
    "incluidas",
    "excedente_monto",
    "tasa",
    "parametro",
    "por",
    "tramos",
    "limites_en_uma_anual",
    "filas",
    "predial",
    "adicionales",
)


@dataclass(frozen=True)
class Cambio:
    clave: str
    descripcion: str
    antes: str
    despues: str


@dataclass(frozen=True)
class Diferencias:
    anterior: str
    nuevo: str
    agregados: list[tuple[str, str]] = field(default_factory=list)
    quitados: list[tuple[str, str]] = field(default_factory=list)
    cambiados: list[Cambio] = field(default_factory=list)

    @property
    def vacias(self) -> bool:
        return not (self.agregados or self.quitados or self.cambiados)


def tarifa(concepto: Concepto) -> str:
    """A short readable form of what is charged: "uma_fija 1.0603 uma", brackets as "a:1 b:2"."""
    partes: list[str] = [concepto.forma]
    for campo in CAMPOS_TARIFA[1:]:
        valor = getattr(concepto, campo)
        if valor in (None, (), {}) or valor is False:
            continue
        if campo == "tramos":
            partes.append(" ".join(f"{t.clave.rsplit('-', 1)[-1]}:{t.monto}" for t in valor))
        elif campo == "unidad":
            partes.append(str(valor))
        else:
            partes.append(f"{campo}={valor}")
    return " ".join(partes)


def _firma(concepto: Concepto) -> tuple[object, ...]:
    return tuple(getattr(concepto, campo) for campo in CAMPOS_TARIFA)


def comparar(anterior: Catalogo, nuevo: Catalogo) -> Diferencias:
    viejos, nuevos = anterior.conceptos, nuevo.conceptos
    resultado = Diferencias(anterior.id, nuevo.id)
    for clave in sorted(set(nuevos) - set(viejos)):
        resultado.agregados.append((clave, nuevos[clave].descripcion))
    for clave in sorted(set(viejos) - set(nuevos)):
        resultado.quitados.append((clave, viejos[clave].descripcion))
    for clave in sorted(set(viejos) & set(nuevos)):
        antes, despues = viejos[clave], nuevos[clave]
        if _firma(antes) != _firma(despues):
            resultado.cambiados.append(Cambio(clave, despues.descripcion, tarifa(antes), tarifa(despues)))
    return resultado
