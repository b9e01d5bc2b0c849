"""Tariff data read from the ledger and proven unchanged before anything is priced from it.

The motor is built from the catalog texts and UMA rows stored in the SQLite file, in memory, after their
hashes and signatures check out (``sellos``); nothing is copied to disk, so there is no second copy to
edit and a full disk does not stop a start. The charge path calls ``exigir`` inside its write transaction:
one ``PRAGMA schema_version`` per charge. Editing a protected row needs a trigger dropped, which moves the
schema version, and only then is everything read and checked again.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass, field
from functools import cache

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from jerez_pos import config
from jerez_pos.core.dinero import a_centavos, de_centavos
from jerez_pos.core.errores import ErrorJerez
from jerez_pos.core.texto import cantidad
from jerez_pos.core.uma import ValorUma
from jerez_pos.ledger import disparadores
from jerez_pos.ledger.sellos import (
    GENESIS_UMA,
    firma_valida,
    huella_catalogo,
    huella_uma,
    huellas_por_archivo,
    mensaje_catalogo,
    mensaje_confirmacion,
    mensaje_uma,
    pesos,
)

RESTAURE = "no se puede cobrar. Restaure el último respaldo verificado («jerez-pos restaurar ARCHIVO»)"
REIMPORTE = "no se puede cobrar. Un administrador debe importarlo de nuevo"


class TarifasAlteradas(ErrorJerez):
    pass


@dataclass
class CatalogoGuardado:
    id: int
    municipio: str
    ejercicio: int
    version: int
    huella: str
    archivos: dict[str, str] = field(default_factory=dict)
    problemas: list[str] = field(default_factory=list)

    @property
    def etiqueta(self) -> str:
        return f"catálogo {self.id_catalogo}"

    @property
    def id_catalogo(self) -> str:
        return f"{self.municipio}-{self.ejercicio} v{self.version}"  # as Catalogo.id


@dataclass
class UmaGuardada:
    vigentes: dict[int, ValorUma] = field(default_factory=dict)  # the highest version of each year
    versiones: dict[int, int] = field(default_factory=dict)
    filas: int = 0
    problemas: list[str] = field(default_factory=list)


@cache
def _huella_incluida() -> str | None:
    """The hash of the catalog shipped with the program: an unsigned catalog must be exactly this one."""
    from jerez_pos.ledger.tarifas import archivos_de

    try:
        return huella_catalogo(archivos_de(config.catalogo_incluido()))
    except OSError:
        return None


@cache
def _uma_incluida() -> dict[int, tuple[int, str, int | None, int | None]]:
    from jerez_pos.catalogo.uma import leer_uma

    try:
        tabla = leer_uma(config.dir_tarifas() / "uma.csv")
    except (OSError, ErrorJerez):
        return {}
    return {v.anio: centavos_uma(v) for v in tabla.valores}


def centavos_uma(v: ValorUma) -> tuple[int, str, int | None, int | None]:
    """A UMA value as stored: daily centavos, start date, published monthly and annual centavos (or None)."""
    return (
        a_centavos(v.diaria),
        v.vigente_desde.isoformat(),
        None if v.mensual is None else a_centavos(v.mensual),
        None if v.anual is None else a_centavos(v.anual),
    )


def _es_la_incluida(anio: int, guardada: tuple[int, str, int | None, int | None]) -> bool:
    """A stored row equals the shipped table's; one stored before 0012 (without the published monthly and
    annual figures) still counts as the shipped one: it lacks data, it does not contradict it."""
    incluida = _uma_incluida().get(anio)
    if incluida is None or incluida[:2] != guardada[:2]:
        return False
    return guardada[2:] in ((None, None), incluida[2:])


def llave_terminal(conexion: sqlite3.Connection) -> Llave:
    fila = conexion.execute("SELECT llave_publica FROM terminal WHERE id = 1").fetchone()
    if fila is None:
        return SIN_LLAVE
    (firmadas,) = conexion.execute(SQL_FIRMADAS).fetchone()
    return Llave(Ed25519PublicKey.from_public_bytes(bytes(fila[0])), bool(firmadas))


@dataclass(frozen=True)
class Llave:
    """The terminal's public key, and whether it has signed tariff data yet (then unsigned data in force is
    refused: the key signs everything stored before it at the first start that can read it, see
    ``tarifas.adoptar``, so an unsigned value that appears later was not put there by this program)."""

    publica: Ed25519PublicKey | None
    estricta: bool


SQL_FIRMADAS = (
    "SELECT EXISTS (SELECT 1 FROM catalogo_sello WHERE firma IS NOT NULL) "
    "OR EXISTS (SELECT 1 FROM uma WHERE firma IS NOT NULL)"
)
SIN_LLAVE = Llave(None, False)


def _problemas_catalogo(c: CatalogoGuardado, sello: tuple[str, bytes | None] | None, llave: Llave) -> list[str]:
    if sello is None:
        return [f"{c.etiqueta}: no tiene el sello de sus archivos; {RESTAURE}"]
    try:
        esperado = json.loads(sello[0])
    except ValueError:
        esperado = None
    if not isinstance(esperado, dict):
        return [f"{c.etiqueta}: el sello de sus archivos está dañado; {RESTAURE}"]
    actual = huellas_por_archivo(c.archivos)
    problemas = []
    for ruta in sorted(set(esperado) | set(actual)):
        if ruta not in actual:
            problemas.append(f"{c.etiqueta}: falta el archivo {ruta} (estaba en el catálogo importado); {RESTAURE}")
        elif ruta not in esperado:
            problemas.append(f"{c.etiqueta}: el archivo {ruta} no estaba en el catálogo importado; {RESTAURE}")
        elif esperado[ruta] != actual[ruta]:
            problemas.append(f"{c.etiqueta}: el archivo {ruta} no coincide con la huella guardada; {RESTAURE}")
    if problemas:
        return problemas
    if huella_catalogo(c.archivos) != c.huella:
        return [f"{c.etiqueta}: sus archivos no coinciden con la huella guardada del catálogo; {RESTAURE}"]
    if sello[1] is not None:
        mensaje = mensaje_catalogo(c.municipio, c.ejercicio, c.version, c.huella, sello[0])
        if not firma_valida(llave.publica, sello[1], mensaje):
            return [f"{c.etiqueta}: la firma de su sello no es de esta terminal; {RESTAURE}"]
    elif llave.estricta and c.huella != _huella_incluida():
        return [
            f"{c.etiqueta}: no tiene firma de esta terminal ni es el catálogo incluido con el programa; "
            f"{REIMPORTE} («jerez-pos catalogo importar DIR»)"
        ]
    return []


def leer_catalogos(conexion: sqlite3.Connection, llave: Llave) -> list[CatalogoGuardado]:
    catalogos = {
        f[0]: CatalogoGuardado(f[0], f[1], f[2], f[3], f[4])
        for f in conexion.execute("SELECT id, municipio, ejercicio, version, huella FROM catalogo ORDER BY id")
    }
    for catalogo_id, ruta, contenido in conexion.execute("SELECT catalogo_id, ruta, contenido FROM catalogo_archivo"):
        if catalogo_id in catalogos:
            catalogos[catalogo_id].archivos[ruta] = contenido
    sellos: dict[int, tuple[str, bytes | None]] = {}
    for catalogo_id, archivos, firma in conexion.execute(
        "SELECT catalogo_id, archivos, firma FROM catalogo_sello ORDER BY id"
    ):
        sellos[catalogo_id] = (archivos, None if firma is None else bytes(firma))  # the newest seal counts
    for c in catalogos.values():
        c.problemas = _problemas_catalogo(c, sellos.get(c.id), llave)
    return list(catalogos.values())


def leer_uma(conexion: sqlite3.Connection, llave: Llave) -> UmaGuardada:
    resultado = UmaGuardada()
    anterior, id_anterior = GENESIS_UMA, 0
    sin_firma: list[tuple[int, int, int, str, int | None, int | None]] = []
    for fila in conexion.execute(
        "SELECT id, anio, version, diaria_centavos, vigente_desde, fuente, importado_en, huella, firma, "
        "mensual_centavos, anual_centavos FROM uma ORDER BY id"
    ):
        id_, anio, version, centavos, vigente, fuente, importado, huella, firma, mensual, anual = fila
        resultado.filas += 1
        quien = f"UMA {anio}: el valor guardado ({pesos(centavos)}, versión {version})"
        if id_ != id_anterior + 1:
            resultado.problemas.append(f"UMA: falta el registro {id_anterior + 1} de la tabla (borrado); {RESTAURE}")
        elif huella_uma(anterior, anio, version, centavos, vigente, fuente, importado, mensual, anual) != bytes(huella):
            resultado.problemas.append(f"{quien} no coincide con su registro firmado; {RESTAURE}")
        elif firma is not None:
            if not firma_valida(llave.publica, bytes(firma), mensaje_uma(bytes(huella))):
                resultado.problemas.append(f"{quien} tiene una firma que no es de esta terminal; {RESTAURE}")
        else:
            sin_firma.append((anio, version, centavos, vigente, mensual, anual))
        anterior, id_anterior = bytes(huella), id_
        if version > resultado.versiones.get(anio, 0):
            resultado.versiones[anio] = version
            resultado.vigentes[anio] = ValorUma(
                anio,
                de_centavos(centavos),
                dt.date.fromisoformat(vigente),
                None if mensual is None else de_centavos(mensual),
                None if anual is None else de_centavos(anual),
            )
    for anio, version, centavos, vigente, mensual, anual in sin_firma if llave.estricta else ():
        # Once the terminal has a key, a value in force must be signed by it or be the one shipped.
        if resultado.versiones[anio] == version and not _es_la_incluida(anio, (centavos, vigente, mensual, anual)):
            resultado.problemas.append(
                f"UMA {anio}: el valor guardado ({pesos(centavos)}, versión {version}) no tiene firma de esta "
                f"terminal ni es el de la tabla incluida con el programa; {REIMPORTE} "
                "(«jerez-pos uma importar ARCHIVO»)"
            )
    return resultado


def leer_confirmadas(conexion: sqlite3.Connection, llave: Llave) -> set[str]:
    """Keys whose damaged value an administrator confirmed. Once the terminal signs, an unsigned (or badly
    signed) confirmation counts for nothing: the tariff stays «verificar» and is not charged."""
    claves = set()
    for catalogo_id, clave, usuario, motivo, fecha, firma in conexion.execute(
        "SELECT catalogo_id, clave, usuario, motivo, confirmado_en, firma FROM confirmacion_tarifa"
    ):
        mensaje = mensaje_confirmacion(catalogo_id, clave, usuario, motivo, fecha)
        if not llave.estricta or firma_valida(llave.publica, None if firma is None else bytes(firma), mensaje):
            claves.add(clave)
    return claves


@dataclass
class Revision:
    version_esquema: int
    faltan: list[str]
    catalogos: list[CatalogoGuardado]
    uma: UmaGuardada
    confirmadas: set[str]

    @property
    def problemas_tarifas(self) -> list[str]:
        return [p for c in self.catalogos for p in c.problemas] + self.uma.problemas

    @property
    def problemas(self) -> list[str]:
        return ([disparadores.mensaje(self.faltan)] if self.faltan else []) + self.problemas_tarifas


def revisar(conexion: sqlite3.Connection) -> Revision:
    """Everything a price depends on, read in the caller's snapshot and checked."""
    (version,) = conexion.execute("PRAGMA schema_version").fetchone()
    llave = llave_terminal(conexion)
    confirmadas = leer_confirmadas(conexion, llave)
    return Revision(
        version,
        disparadores.faltantes(conexion),
        leer_catalogos(conexion, llave),
        leer_uma(conexion, llave),
        confirmadas,
    )


def resumen(problemas: list[str]) -> str:
    extra = ""
    if len(problemas) > 1:
        extra = f" (y {cantidad(len(problemas) - 1, 'problema')} más; vea «jerez-pos verificar»)"
    return problemas[0] + extra


# Per database file: the schema version last checked and what was wrong then (None: nothing).
_REVISADAS: dict[str, tuple[int, str | None]] = {}


def anotar(ruta: str, revision: Revision) -> None:
    _REVISADAS[ruta] = (revision.version_esquema, resumen(revision.problemas) if revision.problemas else None)


def olvidar(ruta: str) -> None:
    """The file may have been replaced (a restore keeps its schema version): check it again."""
    _REVISADAS.pop(ruta, None)


def exigir(conexion: sqlite3.Connection | None, ruta: str) -> None:
    """Before a charge, inside its transaction: O(1) unless the schema changed since the last check."""
    assert conexion is not None, "the charge runs on an open SQLite connection"
    (version,) = conexion.execute("PRAGMA schema_version").fetchone()
    estado = _REVISADAS.get(ruta)
    if estado is None or estado[0] != version:
        anotar(ruta, revisar(conexion))
        estado = _REVISADAS[ruta]
    if estado[1] is not None:
        raise TarifasAlteradas(estado[1])
