"""Catalog, UMA and roll publication, by two people: one prepares, another approves.

Preparing reads a catalog (a zip of the catalog folder, or a folder on the server) and/or a UMA CSV through
``paquetes.armar``, the very validation ``jerez-pos central publicar`` and the terminals apply, and stores
the resulting package content verbatim with what changed against the published one. Approving signs and
publishes exactly that stored content with ``paquetes.publicar``: what the approver reviewed is what the
terminals receive. The one who prepared can't approve; roles are checked by the console.

A predial or comercio roll (``csv_padron``) changes what every terminal charges, so it goes through the very
same two steps (console or ``jerez-pos central padron publicar|aprobar``), validated by the terminal's own
roll reader (``paquetes.armar_padron``); its differences are counted against the last published roll.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import sqlalchemy as sa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Engine

from jerez_pos import config
from jerez_pos.catalogo import diferencias
from jerez_pos.catalogo.cargar import cargar
from jerez_pos.catalogo.uma import leer_uma
from jerez_pos.central import modelos as m
from jerez_pos.central import paquetes
from jerez_pos.central.bd import marca_utc
from jerez_pos.central.modelos_gestion import publicacion
from jerez_pos.core.errores import ErrorEntrada, ErrorJerez
from jerez_pos.core.modelo import Catalogo

MAX_ZIP = 20 * 1024 * 1024  # the 2024 catalog is about 1 MB of text
MAX_ARCHIVOS = 500


@dataclass(frozen=True)
class Publicacion:
    id: int
    tipo: str
    origen: str
    estado: str
    preparada_por: str
    preparada_en: str
    aprobada_por: str | None
    aprobada_en: str | None
    version: int | None
    diferencias: dict[str, Any]


def _extraer_zip(datos: bytes, destino: Path) -> Path:
    """The catalog folder inside an uploaded zip (at its root or in its single top folder); refuses paths
    that climb out, too many files, and archives that inflate past the limit."""
    if len(datos) > MAX_ZIP:
        raise ErrorEntrada("catalogo", f"el archivo pasa de {MAX_ZIP // (1024 * 1024)} MB")
    try:
        archivo = zipfile.ZipFile(io.BytesIO(datos))
        miembros = [x for x in archivo.infolist() if not x.is_dir()]
    except (zipfile.BadZipFile, ValueError):
        raise ErrorEntrada("catalogo", "no es un archivo .zip válido (comprima la carpeta del catálogo)") from None
    if len(miembros) > MAX_ARCHIVOS or sum(x.file_size for x in miembros) > MAX_ZIP:
        raise ErrorEntrada("catalogo", f"el .zip trae más de {MAX_ARCHIVOS} archivos o más de 20 MB descomprimido")
    with archivo:
        for miembro in miembros:
            relativa = PurePosixPath(miembro.filename)
            if relativa.is_absolute() or ".." in relativa.parts or "\\" in miembro.filename:
                raise ErrorEntrada("catalogo", f"el .zip trae una ruta no permitida: «{miembro.filename[:80]}»")
            ruta = destino.joinpath(*relativa.parts)
            ruta.parent.mkdir(parents=True, exist_ok=True)
            ruta.write_bytes(archivo.read(miembro))
    if (destino / "catalogo.toml").is_file():
        return destino
    candidatas = [x.parent for x in destino.glob("*/catalogo.toml")]
    if len(candidatas) != 1:
        raise ErrorEntrada("catalogo", "el .zip debe traer catalogo.toml en la raíz o en una sola carpeta")
    return candidatas[0]


def _publicado(motor: Engine, campo: str) -> dict[str, Any] | None:
    """The newest published package content that carries ``campo`` ("catalogo" or "uma")."""
    with motor.connect() as conexion:
        filas = conexion.execute(sa.select(m.paquete.c.contenido).order_by(m.paquete.c.version.desc()))
        for (contenido,) in filas:
            paquete = json.loads(contenido)
            if campo in paquete.get("contenido", {}):
                return dict(paquete["contenido"][campo])
    return None


def _catalogo_actual(motor: Engine, temporal: Path, ejercicio: int) -> Catalogo | None:
    """The published catalog, or the one shipped with the program (what terminals start with)."""
    publicado = _publicado(motor, "catalogo")
    if publicado is not None:
        directorio = temporal / "actual"
        for relativa, texto in publicado["archivos"].items():
            ruta = directorio / relativa
            ruta.parent.mkdir(parents=True, exist_ok=True)
            ruta.write_text(texto, encoding="utf-8")
        return cargar(directorio)
    incluido = config.raiz_programa() / "db" / "tarifas" / f"jerez-{ejercicio}"
    return cargar(incluido) if (incluido / "catalogo.toml").is_file() else None


def _uma_actual(motor: Engine, temporal: Path) -> dict[int, str]:
    publicado = _publicado(motor, "uma")
    if publicado is not None:
        ruta = temporal / "uma-actual.csv"
        ruta.write_text(publicado["csv"], encoding="utf-8")
    else:
        ruta = config.raiz_programa() / "db" / "tarifas" / "uma.csv"
    return {v.anio: v.describir() for v in leer_uma(ruta).valores}


def _diferencias(motor: Engine, temporal: Path, catalogo: Path | None, uma: Path | None) -> dict[str, Any]:
    resultado: dict[str, Any] = {}
    if catalogo is not None:
        nuevo = cargar(catalogo)
        anterior = _catalogo_actual(motor, temporal, nuevo.ejercicio)
        if anterior is None:
            resultado["catalogo"] = {"anterior": None, "nuevo": nuevo.id, "agregados": sorted(nuevo.conceptos)}
        else:
            d = diferencias.comparar(anterior, nuevo)
            resultado["catalogo"] = {
                "anterior": d.anterior,
                "nuevo": d.nuevo,
                "agregados": [list(x) for x in d.agregados],
                "quitados": [list(x) for x in d.quitados],
                "cambiados": [[c.clave, c.descripcion, c.antes, c.despues] for c in d.cambiados],
            }
    if uma is not None:
        antes = _uma_actual(motor, temporal)
        despues = {v.anio: v.describir() for v in leer_uma(uma).valores}
        resultado["uma"] = {
            str(anio): f"{antes.get(anio, '—')} → {despues.get(anio, '—')}"
            for anio in sorted(set(antes) | set(despues))
            if antes.get(anio) != despues.get(anio)
        }
    return resultado


def _diferencias_padron(motor: Engine, tipo: str, texto: str) -> dict[str, Any]:
    """How many accounts the roll brings, and against the last published roll of its type how many are new
    and how many changed (re-importing updates by key; an account missing from the file stays)."""
    from jerez_pos.catalogo.cargar import cargar as cargar_catalogo
    from jerez_pos.ledger.cuentas_padron import validar

    catalogo = cargar_catalogo(config.catalogo_incluido())
    nuevas = {c.cuenta: c for c in validar(tipo, texto, catalogo)}
    anterior: dict[str, Any] = {}
    with motor.connect() as conexion:
        filas = conexion.execute(
            sa.select(m.paquete.c.contenido).where(m.paquete.c.tipo == "padron").order_by(m.paquete.c.version.desc())
        )
        for (contenido,) in filas:
            roll = json.loads(contenido)["contenido"]["padron"]
            if roll["tipo"] == tipo:
                anterior = {c.cuenta: c for c in validar(tipo, roll["csv"], catalogo)}
                break
    altas = sum(1 for c in nuevas if c not in anterior)
    cambiadas = sum(1 for c, x in nuevas.items() if c in anterior and anterior[c] != x)
    return {"padron": {"tipo": tipo, "cuentas": len(nuevas), "nuevas": altas, "cambiadas": cambiadas}}


def _guardar(
    motor: Engine,
    tipo: str,
    contenido: dict[str, Any],
    cambios: dict[str, Any],
    origen: str,
    autor: str,
    ahora: dt.datetime,
) -> int:
    with motor.begin() as conexion:
        nuevo = conexion.execute(
            sa.insert(publicacion)
            .values(
                tipo=tipo,
                origen=(origen or tipo)[:300],
                contenido=json.dumps(contenido, ensure_ascii=False, sort_keys=True),
                diferencias=json.dumps(cambios, ensure_ascii=False),
                estado="pendiente",
                preparada_por=autor,
                preparada_en=marca_utc(ahora),
            )
            .returning(publicacion.c.id)
        ).scalar_one()
    return int(nuevo)


def preparar_padron(motor: Engine, autor: str, ahora: dt.datetime, tipo: str, csv_padron: bytes, origen: str) -> int:
    """Validates a predial or comercio roll and stores it as a pending publication; nothing is signed here."""
    try:
        texto = csv_padron.decode("utf-8")
    except UnicodeDecodeError:
        raise ErrorEntrada("padron", "el padrón debe ser un CSV en UTF-8") from None
    if not texto.strip():
        raise ErrorEntrada("padron", "el archivo del padrón está vacío")
    tipo_paquete, contenido = paquetes.armar_padron(tipo, texto)  # PadronInvalido names line and field
    cambios = _diferencias_padron(motor, tipo, texto)
    return _guardar(motor, tipo_paquete, contenido, cambios, origen or f"padrón de {tipo}", autor, ahora)


def preparar(
    motor: Engine,
    autor: str,
    ahora: dt.datetime,
    *,
    zip_catalogo: bytes | None = None,
    ruta_catalogo: str = "",
    csv_uma: bytes | None = None,
    origen: str = "",
) -> int:
    """Validates and stores a pending publication; returns its id. Nothing is signed here."""
    with tempfile.TemporaryDirectory(prefix="jerez-publicacion-") as temporal:
        base = Path(temporal)
        catalogo: Path | None = None
        if zip_catalogo:
            (base / "zip").mkdir()
            catalogo = _extraer_zip(zip_catalogo, base / "zip")
        elif ruta_catalogo.strip():
            catalogo = Path(ruta_catalogo.strip())
            if not catalogo.is_dir():
                raise ErrorEntrada("ruta", f"«{ruta_catalogo[:80]}» no es una carpeta de catálogo en el servidor")
            origen = origen or str(catalogo)
        uma: Path | None = None
        if csv_uma:
            uma = base / "uma.csv"
            try:
                uma.write_text(csv_uma.decode("utf-8"), encoding="utf-8")
            except UnicodeDecodeError:
                raise ErrorEntrada("uma", "la tabla de UMA debe ser un CSV en UTF-8") from None
        if catalogo is None and uma is None:
            raise ErrorEntrada("catalogo", "suba un catálogo (.zip o carpeta del servidor), una tabla de UMA o ambos")
        tipo, contenido = paquetes.armar(catalogo, uma)  # CatalogoInvalido names file, line and field
        cambios = _diferencias(motor, base, catalogo, uma)
    return _guardar(motor, tipo, contenido, cambios, origen, autor, ahora)


def _fila(f: Any) -> Publicacion:
    return Publicacion(
        int(f.id),
        f.tipo,
        f.origen,
        f.estado,
        f.preparada_por,
        f.preparada_en,
        f.aprobada_por,
        f.aprobada_en,
        None if f.version is None else int(f.version),
        json.loads(f.diferencias),
    )


def listar(motor: Engine, limite: int = 50) -> list[Publicacion]:
    with motor.connect() as conexion:
        filas = conexion.execute(sa.select(publicacion).order_by(publicacion.c.id.desc()).limit(limite)).all()
    return [_fila(f) for f in filas]


def obtener(motor: Engine, id_: int) -> Publicacion:
    with motor.connect() as conexion:
        fila = conexion.execute(sa.select(publicacion).where(publicacion.c.id == id_)).first()
    if fila is None:
        raise ErrorEntrada("publicacion", f"no existe la publicación {id_}")
    return _fila(fila)


def aprobar(
    motor: Engine, llave: Ed25519PrivateKey | None, id_: int, aprobador: str, ahora: dt.datetime
) -> dict[str, Any]:
    """Signs and publishes the stored content. The pending row is claimed first with a conditional UPDATE,
    so two approvers clicking at once publish it once; a failed signing gives the claim back."""
    if llave is None:
        raise ErrorJerez("la central no tiene la llave de la tesorería; no puede firmar paquetes")
    actual = obtener(motor, id_)
    if actual.estado != "pendiente":
        raise ErrorEntrada("publicacion", f"la publicación {id_} ya está {actual.estado}")
    if actual.preparada_por == aprobador:
        raise ErrorEntrada("publicacion", "quien preparó la publicación no puede aprobarla; debe ser otra persona")
    with motor.begin() as conexion:
        reclamada = conexion.execute(
            sa.update(publicacion)
            .where(publicacion.c.id == id_, publicacion.c.estado == "pendiente")
            .values(estado="aprobando", aprobada_por=aprobador, aprobada_en=marca_utc(ahora))
        ).rowcount
        contenido = conexion.execute(sa.select(publicacion.c.contenido).where(publicacion.c.id == id_)).scalar_one()
    if reclamada != 1:
        raise ErrorEntrada("publicacion", f"la publicación {id_} ya la aprobó otra persona")
    try:
        sobre = paquetes.publicar(motor, llave, actual.tipo, json.loads(contenido), ahora)
    except Exception:
        with motor.begin() as conexion:
            conexion.execute(
                sa.update(publicacion)
                .where(publicacion.c.id == id_)
                .values(estado="pendiente", aprobada_por=None, aprobada_en=None)
            )
        raise
    with motor.begin() as conexion:
        conexion.execute(
            sa.update(publicacion)
            .where(publicacion.c.id == id_)
            .values(estado="publicada", version=int(sobre["paquete"]["version"]))
        )
    return sobre
