"""The catalog as immutable values: concepts, their parameters and tariff shapes, giros and modifiers.

The loader (``jerez_pos.catalogo``) builds these from the reviewable files in ``db/tarifas``; the engine
(``jerez_pos.core.motor``) prices them. Nothing here knows an amount: amounts are data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

FORMAS = (
    "uma_fija",
    "por_unidad",
    "tramos",
    "base_mas_excedente",
    "porcentaje",
    "rango",
    "pesos_fijos",
    "dia_adicional",
    "tabla_progresiva",
    "predial",
    "convenio",
)
PERIODICIDADES = ("evento", "diario", "semanal", "mensual", "anual", "hora")
Unidad = Literal["uma", "pesos"]


@dataclass(frozen=True)
class Parametro:
    nombre: str
    unidad: str
    minimo: Decimal | None = None
    maximo: Decimal | None = None
    entero: bool = False
    opcional: bool = False
    opciones: tuple[str, ...] = ()  # closed list of text values (zona, uso, si/no...)
    texto_libre: bool = False  # e.g. the contract reference of a convenio

    @property
    def es_numero(self) -> bool:
        return not self.opciones and not self.texto_libre


@dataclass(frozen=True)
class Tramo:
    clave: str
    descripcion: str
    monto: Decimal
    hasta: Decimal | None = None
    desde: Decimal | None = None
    excedente_monto: Decimal | None = None
    excedente_sobre: Decimal | None = None
    # Marginal tables ("marginal = true"): what the brackets below charge in full, derived by the loader from
    # their own limits and rates, so that one more m² never costs less (Art. 102 fr. I b).
    acumulado: Decimal = Decimal("0")


@dataclass(frozen=True)
class Adicional:
    parametro: str
    monto: Decimal
    descripcion: str
    redondeo_arriba: bool = False


@dataclass(frozen=True)
class FilaProgresiva:
    limite_inferior: Decimal
    cuota_fija: Decimal
    tasa_marginal: Decimal  # percent


@dataclass(frozen=True)
class TablaPredial:
    """Art. 57: base + urban land by zone + construction by use and type + rural hectares; minimum Art. 59."""

    base_uma: Decimal
    minimo_uma: Decimal
    zonas: dict[str, Decimal]
    baldio_tantos: dict[str, Decimal]  # extra multiples of the zone amount for vacant lots
    construccion: dict[str, dict[str, Decimal]]  # uso -> tipo -> UMA per m2
    riego_gravedad_ha: Decimal
    riego_bombeo_ha: Decimal
    temporal_limite_ha: Decimal
    temporal_pesos_ha_hasta: Decimal
    temporal_pesos_ha_mas: Decimal


@dataclass(frozen=True)
class Concepto:
    clave: str
    descripcion: str
    fundamento: str
    rubro: str
    periodicidad: str
    forma: str
    unidad: Unidad = "uma"
    monto: Decimal | None = None
    minimo: Decimal | None = None
    maximo: Decimal | None = None
    adicional: Decimal | None = None
    incluidas: Decimal | None = None
    excedente_monto: Decimal | None = None
    tasa: Decimal | None = None  # percent
    tasa_minima: Decimal | None = None  # "hasta N veces": the authority picks the rate from here up to ``tasa``
    parametro: str | None = None
    por: tuple[str, ...] = ()
    tramos: tuple[Tramo, ...] = ()
    limites_en_uma_anual: bool = False
    filas: tuple[FilaProgresiva, ...] = ()
    predial: TablaPredial | None = None
    adicionales: tuple[Adicional, ...] = ()
    parametros: tuple[Parametro, ...] = ()
    ejemplo: dict[str, str] = field(default_factory=dict)
    verificar: bool = False
    texto_fuente: str = ""
    nota: str = ""
    sinonimos: tuple[str, ...] = ()  # the names a cashier hears at the window; searched like the description
    padre: str | None = None  # leaf of a bracketed tariff: the parent key
    archivo: str = ""  # where it was read from (for messages and review)

    @property
    def articulo(self) -> int:
        return articulo_de(self.clave)

    def parametro_por_nombre(self, nombre: str) -> Parametro | None:
        for p in self.parametros:
            if p.nombre == nombre:
                return p
        return None

    @property
    def requiere_autorizacion(self) -> bool:
        """Art. 19: the authority chooses inside a legal range; the ledger records who."""
        return self.forma == "rango" or (self.forma == "porcentaje" and self.tasa_minima is not None)


def articulo_de(clave: str) -> int:
    cabeza = clave.split("-", 1)[0]
    return int(cabeza[1:])


def coincide_prefijo(clave: str, prefijo: str) -> bool:
    """``A106`` covers ``A106-I-a`` but not ``A1060``: prefixes end at a key segment."""
    return clave == prefijo or clave.startswith(prefijo + "-")


@dataclass(frozen=True)
class Giro:
    numero: int
    nombre: str
    uma: Decimal
    alcohol: str = ""
    consumo: str = ""
    gas: str = ""
    impacto: str = ""
    tabla: str = "A114-III"  # the key of the law's giro table (another article when the law is renumbered)

    @property
    def clave(self) -> str:
        return f"{self.tabla}-{self.numero}"

    @property
    def fundamento(self) -> str:
        articulo, _, fraccion = self.tabla[1:].partition("-")
        return f"Art. {articulo} fr. {fraccion}"

    def caracteristicas(self) -> dict[str, str]:
        return {"alcohol": self.alcohol, "consumo": self.consumo, "gas": self.gas, "impacto": self.impacto}


@dataclass(frozen=True)
class ReglaVinculo:
    cuando: dict[str, str]
    claves: tuple[str, ...]
    motivo: str
    parametros: dict[str, dict[str, str]] = field(default_factory=dict)
    elegir_una: bool = False  # the keys are alternatives (by area, trámite...): the cashier picks one
    opcional: bool = False  # shown as a suggestion, not pre-selected

    def aplica(self, giro: Giro) -> bool:
        datos = giro.caracteristicas() | {"numero": str(giro.numero)}
        return all(datos.get(k, "") == v for k, v in self.cuando.items())


@dataclass(frozen=True)
class Modificador:
    id: str
    tipo: str
    descripcion: str
    fundamento: str
    aplica_a: tuple[str, ...]
    datos: dict[str, Decimal]
    meses: dict[int, Decimal] = field(default_factory=dict)
    requiere_autorizacion: bool = False
    # Keys the law takes out of a general rule (Art. 141 fr. XXXIII has its own reincidence fine, inc. d).
    excluye: tuple[str, ...] = ()

    def aplica(self, concepto: Concepto) -> bool:
        if any(coincide_prefijo(concepto.clave, p) for p in self.excluye):
            return False
        return any(coincide_prefijo(concepto.clave, p) or concepto.rubro.startswith(p) for p in self.aplica_a)


@dataclass(frozen=True)
class Catalogo:
    municipio: str
    ejercicio: int
    version: int
    publicado: str
    fuente: str
    conceptos: dict[str, Concepto]
    giros: tuple[Giro, ...] = ()
    vinculos: tuple[ReglaVinculo, ...] = ()
    modificadores: tuple[Modificador, ...] = ()
    # Article number -> (título, capítulo, sección) as the law's headings name them: the browsing tree.
    estructura: dict[int, tuple[str, str, str]] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.municipio}-{self.ejercicio} v{self.version}"

    def ubicacion(self, concepto: Concepto) -> tuple[str, str, str]:
        return self.estructura.get(concepto.articulo, ("", "", ""))

    def giro(self, numero: int) -> Giro | None:
        for g in self.giros:
            if g.numero == numero:
                return g
        return None
