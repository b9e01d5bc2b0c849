"""Por giro with amounts: what the giro owes, each row priced, alternatives named by what sets them apart.

Runs in the worker (it quotes every suggestion); no Qt here. Alternatives of a rule share most of their legal
text ("Bebidas alcohólicas. Cerveza y/o … 10° G.L.: Renovación" / "…: Expedición de licencia"): the cashier
reads only the words that differ, and the shared words head the group.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from jerez_pos.core.errores import ErrorJerez

if TYPE_CHECKING:
    from jerez_pos.core.modelo import Giro
    from jerez_pos.gui.servicios import Servicios

PUNTUACION_FINAL = ":,.;"


@dataclass(frozen=True)
class FilaGiro:
    clave: str
    texto: str  # what the cashier reads: the distinguishing words inside a group, else the description
    descripcion: str
    motivo: str
    parametros: dict[str, str]
    grupo: int | None
    debida: bool  # the law makes it due for this giro: ticked, its amount in sight before F6
    importe: Decimal | None  # the line's total (modifiers and UAZ included); None when data is missing
    falta: str = ""  # why there is no amount (the engine's message)


@dataclass(frozen=True)
class GiroCotizado:
    giro: Giro
    filas: tuple[FilaGiro, ...]
    encabezados: dict[int, str]  # group → the words its alternatives share


def distintivos(descripciones: list[str]) -> tuple[str, list[str]]:
    """(shared words, what each description adds). The shared part ends at a punctuation mark when it has
    one ("…, tarifa anual:"), so no alternative starts in the middle of a phrase."""
    palabras = [d.split() for d in descripciones]
    if len(palabras) < 2:
        return "", list(descripciones)
    comun = 0
    while all(len(p) > comun + 1 for p in palabras) and len({p[comun] for p in palabras}) == 1:
        comun += 1
    cortes = [i + 1 for i in range(comun) if palabras[0][i][-1] in PUNTUACION_FINAL]
    if cortes:
        comun = cortes[-1]
    if comun == 0:
        return "", list(descripciones)
    prefijo = " ".join(palabras[0][:comun]).rstrip(":,; ")
    restos = [" ".join(p[comun:]).lstrip(PUNTUACION_FINAL + " ") for p in palabras]
    return prefijo, [r[:1].upper() + r[1:] for r in restos]


def cotizar_giro(servicios: Servicios, numero: int) -> GiroCotizado:
    datos = servicios.por_giro(numero)
    textos = {s.clave: datos.descripciones[s.clave] for s in datos.sugerencias}
    encabezados: dict[int, str] = {}
    grupos: dict[int, list[str]] = {}
    for s in datos.sugerencias:
        if s.grupo is not None:
            grupos.setdefault(s.grupo, []).append(s.clave)
    for grupo, claves in grupos.items():
        prefijo, restos = distintivos([datos.descripciones[c] for c in claves])
        encabezados[grupo] = prefijo
        textos.update(zip(claves, restos, strict=True))
    filas = []
    for s in datos.sugerencias:
        importe: Decimal | None = None
        falta = ""
        try:
            importe = servicios.cotizar(s.clave, dict(s.parametros)).total
        except ErrorJerez as exc:
            falta = str(exc)
        filas.append(
            FilaGiro(
                s.clave,
                textos[s.clave],
                datos.descripciones[s.clave],
                s.motivo,
                dict(s.parametros),
                s.grupo,
                s.preseleccionada,
                importe,
                falta,
            )
        )
    return GiroCotizado(datos.giro, tuple(filas), encabezados)
