"""The local tariff store: catalogs (their reviewable files, verbatim), the UMA table and confirmations.

The SQLite copy is the authority and the only copy: the motor is built from the stored texts in memory by
the same loader that validated the directory on import, after ``custodia`` has checked hashes and
signatures (``sellos``). A new UMA value is a new row (the next version of its year), never an update.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, text

from jerez_pos.catalogo.cargar import cargar
from jerez_pos.catalogo.uma import leer_uma
from jerez_pos.core.dinero import de_centavos
from jerez_pos.core.errores import ErrorJerez
from jerez_pos.core.modelo import Catalogo
from jerez_pos.core.motor import Motor
from jerez_pos.core.texto import plano
from jerez_pos.core.uma import TablaUma, ValorUma
from jerez_pos.ledger import custodia
from jerez_pos.ledger.busqueda import SEPARADOR_SINONIMOS
from jerez_pos.ledger.lectura import leer, ruta_de
from jerez_pos.ledger.sellos import (
    GENESIS_UMA,
    Firmador,
    huella_catalogo,
    huella_uma,
    huellas_por_archivo,
    mensaje_catalogo,
    mensaje_confirmacion,
    mensaje_uma,
    texto_por_archivo,
)

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
    sellado: bool = False  # a seal signed with the terminal's key was written


def archivos_de(directorio: Path) -> dict[str, str]:
    """The files of a catalog directory that are stored (and hashed) verbatim: path → text."""
    contenido: dict[str, str] = {}
    for patron in PATRONES:
        for ruta in sorted(directorio.glob(patron)):
            contenido[ruta.relative_to(directorio).as_posix()] = ruta.read_text(encoding="utf-8")
    return contenido


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


def _sellar(
    conexion: Connection,
    catalogo_id: int,
    catalogo: Catalogo,
    huella: str,
    archivos: dict[str, str],
    firmar: Firmador | None,
) -> None:
    por_archivo = texto_por_archivo(huellas_por_archivo(archivos))
    mensaje = mensaje_catalogo(catalogo.municipio, catalogo.ejercicio, catalogo.version, huella, por_archivo)
    conexion.execute(
        text("INSERT INTO catalogo_sello (catalogo_id, archivos, firma, sellado_en) VALUES (:c, :a, :f, :t)"),
        {"c": catalogo_id, "a": por_archivo, "f": firmar(mensaje) if firmar else None, "t": _ahora()},
    )


def _ahora() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def importar_catalogo(motor: Engine, directorio: Path, origen: str = "", firmar: Firmador | None = None) -> Importacion:
    """Validate the whole directory, then store it in one transaction (all or nothing).

    ``firmar`` is the terminal's key (None before the terminal is registered). Importing a catalog that is
    already stored unsigned, once the terminal has its key, adds a signed seal: the administrator vouches
    for the directory again, and the seal's per-file hashes come from that directory, not from the ledger.
    """
    catalogo = cargar(directorio)  # raises CatalogoInvalido naming file, line and field
    archivos = archivos_de(directorio)
    huella = huella_catalogo(archivos)
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
            firmado = conexion.execute(
                text("SELECT firma IS NOT NULL FROM catalogo_sello WHERE catalogo_id = :c ORDER BY id DESC LIMIT 1"),
                {"c": existente.id},
            ).scalar()
            sellado = firmar is not None and not firmado
            if sellado:
                _sellar(conexion, existente.id, catalogo, huella, archivos, firmar)
            return Importacion(catalogo.id, len(catalogo.conceptos), len(catalogo.giros), False, sellado)
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
                "t": _ahora(),
                "o": origen or str(directorio),
            },
        ).scalar_one()
        conexion.execute(
            text("INSERT INTO catalogo_archivo (catalogo_id, ruta, contenido) VALUES (:c, :r, :x)"),
            [{"c": catalogo_id, "r": r, "x": x} for r, x in archivos.items()],
        )
        _sellar(conexion, catalogo_id, catalogo, huella, archivos, firmar)
        _indexar(conexion, catalogo_id, catalogo)
    return Importacion(catalogo.id, len(catalogo.conceptos), len(catalogo.giros), True, firmar is not None)


@dataclass(frozen=True)
class ImportacionUma:
    leidos: int
    cambios: dict[str, list[str | None]]  # year → [value before, value now] for every new version
    avisos: list[str] = field(default_factory=list)  # years whose published monthly/annual value is missing

    @property
    def nuevos(self) -> int:
        return len(self.cambios)


def importar_uma(motor: Engine, ruta: Path, firmar: Firmador | None = None) -> ImportacionUma:
    """Each value that differs from the one in force for its year becomes that year's next version.

    An unchanged value is not written again, unless the row in force is unsigned and the terminal can now
    sign it (the same value, signed, as a new version).
    """
    tabla = leer_uma(ruta)
    cambios: dict[str, list[str | None]] = {}
    with motor.begin() as conexion:
        ultima = conexion.execute(text("SELECT huella FROM uma ORDER BY id DESC LIMIT 1")).scalar()
        anterior = GENESIS_UMA if ultima is None else bytes(ultima)
        vigentes = {
            f.anio: f
            for f in conexion.execute(
                text(
                    "SELECT anio, version, diaria_centavos, vigente_desde, firma, mensual_centavos, anual_centavos "
                    "FROM uma ORDER BY id"
                )
            )
        }
        importado = _ahora()
        efectivos = [_conservar_publicadas(v, vigentes.get(v.anio)) for v in tabla.valores]
        for v in sorted(efectivos, key=lambda x: x.anio):
            centavos, desde, mensual, anual = custodia.centavos_uma(v)
            previo = vigentes.get(v.anio)
            if previo is not None and _guardado(previo) == (centavos, desde, mensual, anual):  # noqa: SIM102
                if previo.firma is not None or firmar is None:  # unchanged, and signed unless nothing can sign
                    continue
            version = 1 if previo is None else previo.version + 1
            huella = huella_uma(anterior, v.anio, version, centavos, desde, ruta.name, importado, mensual, anual)
            conexion.execute(
                text(
                    "INSERT INTO uma (anio, version, diaria_centavos, vigente_desde, fuente, importado_en, huella, "
                    "firma, mensual_centavos, anual_centavos) VALUES (:a, :n, :d, :v, :f, :i, :h, :s, :m, :y)"
                ),
                {
                    "a": v.anio,
                    "n": version,
                    "d": centavos,
                    "v": desde,
                    "f": ruta.name,
                    "i": importado,
                    "h": huella,
                    "s": firmar(mensaje_uma(huella)) if firmar else None,
                    "m": mensual,
                    "y": anual,
                },
            )
            anterior = huella
            antes = None if previo is None else _describir(previo)
            cambios[str(v.anio)] = [antes, v.describir()]
    return ImportacionUma(len(tabla.valores), cambios, TablaUma(efectivos).avisos())


def _conservar_publicadas(v: ValorUma, previo: Any) -> ValorUma:
    """A file without the monthly/annual columns (old format) or with them empty does not know them: it
    never erases published figures already recorded for the same daily value and start date."""
    if previo is None or (v.mensual is not None and v.anual is not None):
        return v
    if (custodia.centavos_uma(v)[:2]) != (previo.diaria_centavos, previo.vigente_desde):
        return v  # a new daily value: the published figures stored were those of the old one
    return ValorUma(
        v.anio,
        v.diaria,
        v.vigente_desde,
        v.mensual if v.mensual is not None else _pesos(previo.mensual_centavos),
        v.anual if v.anual is not None else _pesos(previo.anual_centavos),
    )


def _pesos(centavos: int | None) -> Decimal | None:
    return None if centavos is None else de_centavos(centavos)


def _guardado(fila: Any) -> tuple[int, str, int | None, int | None]:
    return (fila.diaria_centavos, fila.vigente_desde, fila.mensual_centavos, fila.anual_centavos)


def _describir(fila: Any) -> str:
    """A stored row as ``ValorUma.describir`` writes it."""
    return ValorUma(
        fila.anio,
        de_centavos(fila.diaria_centavos),
        dt.date.fromisoformat(fila.vigente_desde),
        _pesos(fila.mensual_centavos),
        _pesos(fila.anual_centavos),
    ).describir()


def _revision(motor: Engine) -> custodia.Revision:
    with leer(motor) as conexion:
        revision = custodia.revisar(conexion)
    custodia.anotar(ruta_de(motor), revision)
    return revision


def _exigir_tarifas(problemas: list[str]) -> None:
    if problemas:
        raise custodia.TarifasAlteradas(custodia.resumen(problemas))


def tabla_uma(motor: Engine) -> TablaUma:
    """The UMA in force per year (highest version), only once every row's hash and signature check out."""
    with leer(motor) as conexion:
        uma = custodia.leer_uma(conexion, custodia.llave_terminal(conexion))
    _exigir_tarifas(uma.problemas)
    if not uma.vigentes:
        raise ErrorJerez("la tabla de UMA está vacía; impórtela con «jerez-pos uma importar ARCHIVO»")
    return TablaUma(list(uma.vigentes.values()))


def catalogos(motor: Engine) -> list[Catalogo]:
    """Every stored catalog, loaded from its verified texts in memory."""
    with leer(motor) as conexion:
        guardados = custodia.leer_catalogos(conexion, custodia.llave_terminal(conexion))
    _exigir_tarifas([p for c in guardados for p in c.problemas])
    return [cargar(c.archivos) for c in guardados]


def confirmar(motor: Engine, clave: str, usuario: str, motivo: str, firmar: Firmador | None = None) -> None:
    with motor.begin() as conexion:
        ultimo = conexion.execute(text("SELECT max(id) FROM catalogo")).scalar_one()
        _insertar_confirmacion(conexion, ultimo, clave, usuario, motivo, _ahora(), firmar)


def _insertar_confirmacion(
    conexion: Connection, catalogo_id: int, clave: str, usuario: str, motivo: str, fecha: str, firmar: Firmador | None
) -> None:
    firma = firmar(mensaje_confirmacion(catalogo_id, clave, usuario, motivo, fecha)) if firmar else None
    conexion.execute(
        text(
            "INSERT INTO confirmacion_tarifa (catalogo_id, clave, usuario, motivo, confirmado_en, firma) "
            "VALUES (:c, :k, :u, :m, :t, :f)"
        ),
        {"c": catalogo_id, "k": clave, "u": usuario, "m": motivo, "t": fecha, "f": firma},
    )


def cargar_motor(motor: Engine) -> Motor:
    """Catalogs, UMA and confirmations read in one snapshot; refused, naming what changed, if altered."""
    revision = _revision(motor)
    _exigir_tarifas(revision.problemas_tarifas)
    if not revision.uma.vigentes:
        raise ErrorJerez("la tabla de UMA está vacía; impórtela con «jerez-pos uma importar ARCHIVO»")
    catalogos_ = [cargar(c.archivos) for c in revision.catalogos]
    return Motor(catalogos_, TablaUma(list(revision.uma.vigentes.values())), revision.confirmadas)


# Nothing to adopt once the terminal has signed something, or while it has no key at all.
SQL_HAY_FIRMAS = custodia.SQL_FIRMADAS + " OR NOT EXISTS (SELECT 1 FROM terminal)"


def adoptar(motor: Engine, firmador: Callable[[], Firmador | None]) -> int:
    """Signs, once, the tariff data stored before the terminal had its key (first start, older versions).

    Only while the terminal has signed nothing yet: afterwards an unsigned value in force is refused, so
    a row slipped in later is never signed by accident. Only data whose hashes check out is signed.
    Returns how many seals and UMA values were signed.
    """
    with leer(motor) as conexion:
        if conexion.execute(SQL_HAY_FIRMAS).fetchone()[0]:
            return 0
    firmar = firmador()  # before reading everything: a copy without its key file has nothing to sign with
    if firmar is None:
        return 0
    with leer(motor) as conexion:
        guardados = custodia.leer_catalogos(conexion, custodia.SIN_LLAVE)
        uma = custodia.leer_uma(conexion, custodia.SIN_LLAVE)
    if uma.problemas or any(c.problemas for c in guardados):
        return 0  # altered data is reported by verificar and refused at charge, never signed
    with motor.begin() as conexion:
        if conexion.execute(text(SQL_HAY_FIRMAS)).scalar():
            return 0  # another process adopted first
        for c in guardados:
            catalogo = Catalogo(c.municipio, c.ejercicio, c.version, "", "", {}, (), (), ())
            _sellar(conexion, c.id, catalogo, c.huella, c.archivos, firmar)
        for f in conexion.execute(
            text("SELECT catalogo_id, clave, usuario, motivo, confirmado_en FROM confirmacion_tarifa")
        ).all():
            _insertar_confirmacion(conexion, f[0], f[1], f[2], f[3], f[4], firmar)
        ultima = conexion.execute(text("SELECT huella FROM uma ORDER BY id DESC LIMIT 1")).scalar()
        anterior = GENESIS_UMA if ultima is None else bytes(ultima)
        importado = _ahora()
        for anio in sorted(uma.vigentes):
            fila = conexion.execute(
                text(
                    "SELECT diaria_centavos, vigente_desde, fuente, mensual_centavos, anual_centavos FROM uma "
                    "WHERE anio = :a AND version = :v"
                ),
                {"a": anio, "v": uma.versiones[anio]},
            ).one()
            version = uma.versiones[anio] + 1
            huella = huella_uma(anterior, anio, version, fila[0], fila[1], fila[2], importado, fila[3], fila[4])
            conexion.execute(
                text(
                    "INSERT INTO uma (anio, version, diaria_centavos, vigente_desde, fuente, importado_en, huella, "
                    "firma, mensual_centavos, anual_centavos) VALUES (:a, :n, :d, :v, :f, :i, :h, :s, :m, :y)"
                ),
                {
                    "a": anio,
                    "n": version,
                    "d": fila[0],
                    "v": fila[1],
                    "f": fila[2],
                    "i": importado,
                    "h": huella,
                    "s": firmar(mensaje_uma(huella)),
                    "m": fila[3],
                    "y": fila[4],
                },
            )
            anterior = huella
    return len(guardados) + len(uma.vigentes)
