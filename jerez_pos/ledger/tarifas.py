"""The local tariff store: catalogs (their reviewable files, verbatim), the UMA table and confirmations.

The SQLite copy is the authority: the files are materialized under the data home only so the same loader
that validates a catalog on import also reads it at start-up (a hash guards the copy).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, text

from jerez_pos.catalogo.cargar import cargar
from jerez_pos.catalogo.uma import leer_uma
from jerez_pos.core.dinero import a_centavos, de_centavos
from jerez_pos.core.errores import ErrorJerez
from jerez_pos.core.modelo import Catalogo
from jerez_pos.core.motor import Motor
from jerez_pos.core.texto import plano
from jerez_pos.core.uma import TablaUma, ValorUma
from jerez_pos.ledger.base import lector
from jerez_pos.ledger.busqueda import SEPARADOR_SINONIMOS

PATRONES = (
    "catalogo.toml",
    "conceptos/*.toml",
    "giros.csv",
    "vinculos.toml",
    "modificadores.toml",
    "estructura.csv",
    "rubros.txt",
    "fuente/ley.txt",
    "INTERPRETACIONES.md",
)


@dataclass(frozen=True)
class Importacion:
    catalogo: str
    conceptos: int
    giros: int
    nuevo: bool


def _archivos(directorio: Path) -> dict[str, str]:
    contenido: dict[str, str] = {}
    for patron in PATRONES:
        for ruta in sorted(directorio.glob(patron)):
            contenido[ruta.relative_to(directorio).as_posix()] = ruta.read_text(encoding="utf-8")
    return contenido


def _huella(archivos: dict[str, str]) -> str:
    h = hashlib.sha256()
    for ruta in sorted(archivos):
        h.update(ruta.encode() + b"\0" + archivos[ruta].encode() + b"\0")
    return h.hexdigest()


def _indexar(conexion: object, catalogo_id: int, catalogo: Catalogo) -> None:
    filas = [
        {
            "c": catalogo_id,
            "k": c.clave,
            "t": "giro" if c.archivo == "giros.csv" else "concepto",
            "d": c.descripcion,
            "x": plano(
                f"{c.clave} {c.descripcion} {c.fundamento} {c.rubro.split(' › ')[-1]}"
                + "".join(SEPARADOR_SINONIMOS + s for s in c.sinonimos)
            ),
        }
        for c in catalogo.conceptos.values()
    ]
    conexion.execute(  # type: ignore[attr-defined]
        text("INSERT INTO busqueda (catalogo_id, clave, tipo, descripcion, texto) VALUES (:c, :k, :t, :d, :x)"), filas
    )


def importar_catalogo(motor: Engine, directorio: Path, origen: str = "") -> Importacion:
    """Validate the whole directory, then store it in one transaction (all or nothing)."""
    catalogo = cargar(directorio)  # raises CatalogoInvalido naming file, line and field
    archivos = _archivos(directorio)
    huella = _huella(archivos)
    with motor.begin() as conexion:
        existente = conexion.execute(
            text("SELECT id, huella FROM catalogo WHERE municipio=:m AND ejercicio=:e AND version=:v"),
            {"m": catalogo.municipio, "e": catalogo.ejercicio, "v": catalogo.version},
        ).first()
        if existente is not None:
            if existente.huella != huella:
                raise ErrorJerez(
                    f"version: el catálogo {catalogo.id} ya está importado con otro contenido; "
                    "incremente «version» en catalogo.toml para importar el cambio"
                )
            return Importacion(catalogo.id, len(catalogo.conceptos), len(catalogo.giros), False)
        catalogo_id = conexion.execute(
            text(
                "INSERT INTO catalogo (municipio, ejercicio, version, huella, importado_en, origen) "
                "VALUES (:m, :e, :v, :h, :t, :o) RETURNING id"
            ),
            {
                "m": catalogo.municipio,
                "e": catalogo.ejercicio,
                "v": catalogo.version,
                "h": huella,
                "t": dt.datetime.now().isoformat(timespec="seconds"),
                "o": origen or str(directorio),
            },
        ).scalar_one()
        conexion.execute(
            text("INSERT INTO catalogo_archivo (catalogo_id, ruta, contenido) VALUES (:c, :r, :x)"),
            [{"c": catalogo_id, "r": r, "x": x} for r, x in archivos.items()],
        )
        _indexar(conexion, catalogo_id, catalogo)
    return Importacion(catalogo.id, len(catalogo.conceptos), len(catalogo.giros), True)


def importar_uma(motor: Engine, ruta: Path) -> int:
    tabla = leer_uma(ruta)
    with motor.begin() as conexion:
        for v in tabla.valores:
            conexion.execute(
                text(
                    "INSERT INTO uma (anio, diaria_centavos, vigente_desde, fuente) VALUES (:a, :d, :v, :f) "
                    "ON CONFLICT(anio) DO UPDATE SET diaria_centavos=:d, vigente_desde=:v, fuente=:f"
                ),
                {"a": v.anio, "d": a_centavos(v.diaria), "v": v.vigente_desde.isoformat(), "f": str(ruta.name)},
            )
    return len(tabla.valores)


def tabla_uma(motor: Engine) -> TablaUma:
    with lector(motor).connect() as conexion:
        filas = conexion.execute(text("SELECT anio, diaria_centavos, vigente_desde FROM uma")).all()
    if not filas:
        raise ErrorJerez("la tabla de UMA está vacía; impórtela con «jerez-pos uma importar ARCHIVO»")
    return TablaUma(
        [ValorUma(f.anio, de_centavos(f.diaria_centavos), dt.date.fromisoformat(f.vigente_desde)) for f in filas]
    )


def _materializar(motor: Engine, catalogo_id: int, huella: str, destino: Path) -> Path:
    marca = destino / ".huella"
    if marca.exists() and marca.read_text() == huella:
        return destino
    with lector(motor).connect() as conexion:
        filas = conexion.execute(
            text("SELECT ruta, contenido FROM catalogo_archivo WHERE catalogo_id=:c"), {"c": catalogo_id}
        ).all()
    if _huella({f.ruta: f.contenido for f in filas}) != huella:
        raise ErrorJerez(
            f"el catálogo {catalogo_id} guardado en la base no coincide con su huella; restaure un respaldo"
        )
    # A private temporary folder per process: several processes may open a fresh home at the same time.
    temporal = destino.with_name(f"{destino.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}")
    for f in filas:
        ruta = temporal / f.ruta
        ruta.parent.mkdir(parents=True, exist_ok=True)
        ruta.write_text(f.contenido, encoding="utf-8")
    (temporal / ".huella").write_text(huella)
    for _ in range(3):
        try:
            temporal.rename(destino)
            return destino
        except OSError:
            if marca.exists() and marca.read_text() == huella:  # another process got there first
                shutil.rmtree(temporal, ignore_errors=True)
                return destino
            shutil.rmtree(destino, ignore_errors=True)  # a stale or partial copy: replace it
    raise ErrorJerez(f"no se pudo preparar la copia de trabajo del catálogo en {destino}; revise permisos")


def catalogos(motor: Engine, cache: Path) -> list[Catalogo]:
    with lector(motor).connect() as conexion:
        filas = conexion.execute(text("SELECT id, municipio, ejercicio, version, huella FROM catalogo")).all()
    return [
        cargar(_materializar(motor, f.id, f.huella, cache / f"{f.municipio}-{f.ejercicio}-v{f.version}")) for f in filas
    ]


def confirmadas(motor: Engine) -> set[str]:
    with lector(motor).connect() as conexion:
        return {r.clave for r in conexion.execute(text("SELECT clave FROM confirmacion_tarifa")).all()}


def confirmar(motor: Engine, clave: str, usuario: str, motivo: str) -> None:
    with motor.begin() as conexion:
        ultimo = conexion.execute(text("SELECT max(id) FROM catalogo")).scalar_one()
        conexion.execute(
            text(
                "INSERT INTO confirmacion_tarifa (catalogo_id, clave, usuario, motivo, confirmado_en) "
                "VALUES (:c, :k, :u, :m, :t)"
            ),
            {"c": ultimo, "k": clave, "u": usuario, "m": motivo, "t": dt.datetime.now().isoformat(timespec="seconds")},
        )


def cargar_motor(motor: Engine, cache: Path) -> Motor:
    return Motor(catalogos(motor, cache), tabla_uma(motor), confirmadas(motor))
