"""Concept selection by giro: pick the contributor's business type, get every concept it owes, pre-filled."""

from __future__ import annotations

from dataclasses import dataclass, field

from jerez_pos.core.modelo import Catalogo, Giro
from jerez_pos.core.numeros import es_digitos
from jerez_pos.core.texto import plano

CLAVE_PROPIA = "A114-III-{numero}"


@dataclass(frozen=True)
class Sugerencia:
    clave: str
    motivo: str
    parametros: dict[str, str] = field(default_factory=dict)
    grupo: int | None = None  # alternatives share a group: the cashier charges one of them
    # Due by law for every giro of its kind; alternatives and optional rules depend on facts the giro does not
    # tell (area, new or renewed licence, an inspection), so the cashier chooses them: never ticked in advance.
    preseleccionada: bool = True


def conceptos_para_giro(catalogo: Catalogo, giro: Giro) -> list[Sugerencia]:
    """The giro's own padrón row first, then what its characteristics make it owe, without repeats."""
    sugerencias: list[Sugerencia] = [
        Sugerencia(giro.clave, f"Empadronamiento o refrendo del giro {giro.numero} ({giro.fundamento})")
    ]
    vistas = {giro.clave}
    for numero_regla, regla in enumerate(catalogo.vinculos):
        if not regla.aplica(giro):
            continue
        for clave in regla.claves:
            clave = giro.clave if clave == CLAVE_PROPIA else clave
            if clave in vistas or clave not in catalogo.conceptos:
                continue
            vistas.add(clave)
            preseleccionada = not regla.opcional and not regla.elegir_una
            sugerencias.append(
                Sugerencia(
                    clave,
                    regla.motivo,
                    dict(regla.parametros.get(clave, {})),
                    numero_regla if regla.elegir_una else None,
                    preseleccionada,
                )
            )
    return sugerencias


def encontrar_giro(catalogo: Catalogo, consulta: str) -> list[Giro]:
    """By number ("61") or by words in any case and accents ("cafeteria")."""
    consulta = consulta.strip()
    if es_digitos(consulta):
        giro = catalogo.giro(int(consulta))
        return [giro] if giro else []
    palabras = plano(consulta).split()
    return [g for g in catalogo.giros if all(p in plano(g.nombre) for p in palabras)]
