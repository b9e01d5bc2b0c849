"""Restoring a backup safely: only this terminal's own backup, on a live file in any state, audited.

- Identity. The backup's terminal (serie, public key, demo flag) must be the one whose private key
  (``llave_terminal.pem``) is in the data home and, when the live ledger can be read, the one it holds:
  otherwise the restored terminal could no longer sign (or would sign as another). A demo backup never goes
  onto a real terminal nor the reverse. An administrator moves a terminal on purpose with a ``Migracion``
  (a reason, and the backup terminal's key file when this PC does not have it); it is audited.
- Any live state. A healthy live file is replaced through SQLite's backup API (other processes' locks are
  respected). A missing, empty or damaged one is kept aside byte for byte and replaced by a verified copy
  renamed into place, with its stale ``-wal``/``-shm`` removed (SQLite would replay them onto the new file).
- The audit rows are written into the restored ledger: the ledger that survives must say it was restored.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from jerez_pos import config
from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.ledger import auditoria, marca, respaldo
from jerez_pos.ledger.acceso import LIBRO, falla_del_libro
from jerez_pos.ledger.comun import Sesion
from jerez_pos.ledger.identidad import ARCHIVO_LLAVE, Identidad
from jerez_pos.ledger.migraciones import conocida

SUFIJOS_SQLITE = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class Migracion:
    motivo: str
    llave: Path | None = None  # PEM of the backup's terminal, installed in the data home


@dataclass(frozen=True)
class Restauracion:
    resguardo: Path | None  # the live file as it was, kept aside (None when there was none)
    serie: str | None
    migrada: bool
    # The receipt journal holds movements committed after this backup: until «restaurar --ultimo» puts them
    # back the terminal refuses to charge (a restore never hides a receipt or reissues a folio).
    diario_pendiente: str | None = None


def identidad_de(archivo: Path, solo_lectura: bool = True) -> Identidad | None:
    """A backup is opened read-only; the live ledger (WAL) normally, so its shared memory file is usable."""
    conexion = sqlite3.connect(f"file:{archivo}?mode=ro", uri=True) if solo_lectura else sqlite3.connect(archivo)
    try:
        fila = conexion.execute(
            "SELECT municipio, delegacion, nombre, serie, llave_publica, demo FROM terminal WHERE id = 1"
        ).fetchone()
    finally:
        conexion.close()
    if fila is None:
        return None
    return Identidad(fila[0], fila[1], fila[2], fila[3], bytes(fila[4]), bool(fila[5]))


def _esquema(archivo: Path) -> str | None:
    conexion = sqlite3.connect(f"file:{archivo}?mode=ro", uri=True)
    try:
        fila = conexion.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:
        return None  # no version table: written before migrations existed
    finally:
        conexion.close()
    return None if fila is None else str(fila[0])


def _publica(ruta: Path) -> bytes | None:
    try:
        llave = serialization.load_pem_private_key(ruta.read_bytes(), password=None)
    except (OSError, ValueError):
        return None
    if not isinstance(llave, Ed25519PrivateKey):
        return None
    return llave.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _nombre(ident: Identidad) -> str:
    return f"{ident.serie}{' (demostración)' if ident.demo else ''}"


def revisar_identidad(
    directorio: Path, actual: Identidad | None, copia: Identidad | None, migracion: Migracion | None
) -> dict[str, Any]:
    """Raises when the backup is not this terminal's (and no migration was asked); returns the audit detail."""
    publica_local = _publica(directorio / ARCHIVO_LLAVE)
    if copia is None:
        if actual is not None or publica_local is not None:
            raise ErrorEntrada("ARCHIVO", "el respaldo no tiene terminal registrada y esta terminal sí; no se restauró")
        return {"serie": None}
    detalle: dict[str, Any] = {"serie": copia.serie, "demo": copia.demo}
    if actual is not None and actual.demo != copia.demo:
        raise ErrorEntrada(
            "ARCHIVO",
            f"el respaldo es de la terminal {_nombre(copia)} y esta terminal es {_nombre(actual)}; "
            "un respaldo de demostración y uno real no se mezclan; no se restauró",
        )
    misma = publica_local == copia.llave_publica and (
        actual is None or (actual.serie, actual.llave_publica) == (copia.serie, copia.llave_publica)
    )
    if misma:
        return detalle
    if migracion is None:
        if publica_local is None:
            esta = "desconocida: falta su llave de firma en esta computadora"
        elif actual is not None and actual.serie != copia.serie:
            esta = _nombre(actual)
        else:
            esta = f"otra con la misma serie {copia.serie} (su llave de firma es distinta)"
        raise ErrorEntrada(
            "ARCHIVO",
            f"el respaldo es de la terminal {_nombre(copia)} y esta terminal es {esta}; no se restauró. "
            "Para mudar una terminal a esta computadora a propósito use --migrar-terminal --motivo TEXTO "
            "--llave ARCHIVO_DE_LLAVE",
        )
    if copia.demo:
        raise ErrorEntrada("--migrar-terminal", "un respaldo de demostración no se muda a otra terminal")
    if not 5 <= len(migracion.motivo.strip()) <= 500:
        raise ErrorEntrada("--motivo", "explique por qué se muda la terminal (de 5 a 500 caracteres)")
    if publica_local != copia.llave_publica:
        if migracion.llave is None:
            raise ErrorEntrada(
                "--llave",
                f"indique el archivo {ARCHIVO_LLAVE} de la terminal {copia.serie}: sin él no podría firmar recibos",
            )
        if _publica(migracion.llave) != copia.llave_publica:
            raise ErrorEntrada("--llave", f"{migracion.llave} no es la llave de firma de la terminal {copia.serie}")
    detalle.update(
        {
            "migracion": migracion.motivo.strip(),
            "serie_anterior": actual.serie if actual is not None else None,
            "llave_instalada": publica_local != copia.llave_publica,
        }
    )
    return detalle


def _marca_archivo() -> str:
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")


def _instalar_llave(directorio: Path, origen: Path) -> None:
    """The old key is kept next to the new one, never overwritten: it may still be needed to verify."""
    destino = directorio / ARCHIVO_LLAVE
    if destino.exists():
        destino.rename(directorio / f"{ARCHIVO_LLAVE}.antes-{_marca_archivo()}")
    temporal = destino.with_suffix(".tmp")
    descriptor = os.open(temporal, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as salida:
        salida.write(origen.read_bytes())
        salida.flush()
        os.fsync(salida.fileno())
    os.replace(temporal, destino)


def _reemplazar_danada(ruta: Path, archivo: Path, resguardo: Path) -> Path | None:
    """Keeps the damaged file (and its WAL) aside as they are, then renames a verified copy into place."""
    anterior: Path | None = None
    if ruta.exists() and ruta.stat().st_size > 0:
        anterior = resguardo / f"danada-antes-de-restaurar-{_marca_archivo()}.sqlite3"
        shutil.copyfile(ruta, anterior)
        for sufijo in ("-wal",):
            extra = Path(f"{ruta}{sufijo}")
            if extra.exists():
                shutil.copyfile(extra, Path(f"{anterior}{sufijo}"))
    temporal = ruta.with_suffix(".restaurando")
    temporal.unlink(missing_ok=True)
    respaldo._copiar(archivo, temporal)
    for sufijo in SUFIJOS_SQLITE:
        Path(f"{ruta}{sufijo}").unlink(missing_ok=True)
    os.replace(temporal, ruta)
    return anterior


def _apartar_diarios(directorio: Path) -> list[str]:
    """A terminal moved here on purpose brings another identity: the journals written by the one it replaces
    are kept aside (never deleted; they are that terminal's record) and a new journal starts from the
    restored ledger at the next start."""
    from jerez_pos.ledger import diario  # late: diario imports the ledger modules this one uses

    marca_tiempo = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    apartados = []
    for ruta in diario.destinos(directorio):
        if ruta.exists():
            destino = ruta.with_name(f"diario-antes-de-mudanza-{marca_tiempo}.jsonl")
            ruta.rename(destino)
            apartados.append(str(destino))
    return apartados


def restaurar(
    directorio: Path,
    archivo: Path,
    sesion: Sesion,
    origen: str = LIBRO,
    migracion: Migracion | None = None,
    resguardo: Path | None = None,
) -> Restauracion:
    """``origen`` says whose users vouched for ``sesion`` (``acceso.autenticar_restauracion``)."""
    from jerez_pos.ledger.terminal import Terminal  # terminal → arranque → respaldo → here

    sesion.exigir("restaurar un respaldo", "administrador")
    estado = respaldo.revisar_copia(archivo)
    if estado != "ok":
        raise ErrorEntrada("ARCHIVO", f"{archivo} no se restauró: {estado}")
    esquema = _esquema(archivo)
    if not conocida(esquema):
        raise ErrorEntrada(
            "ARCHIVO",
            f"{archivo} no se restauró: su esquema «{esquema}» es más nuevo que este programa; "
            "instale la versión más reciente de jerez-pos",
        )
    ruta = config.ruta_bd(directorio)
    falla = falla_del_libro(ruta)
    actual = identidad_de(ruta, solo_lectura=False) if falla is None else None
    copia = identidad_de(archivo)
    detalle = revisar_identidad(directorio, actual, copia, migracion)
    resguardo = resguardo or directorio / "respaldos"
    resguardo.mkdir(parents=True, exist_ok=True)
    if falla is None:
        anterior: Path | None = resguardo / f"antes-de-restaurar-{_marca_archivo()}.sqlite3"
        assert anterior is not None
        respaldo._copiar(ruta, anterior)
        respaldo._copiar(archivo, ruta)
    else:
        anterior = _reemplazar_danada(ruta, archivo, resguardo)
    if migracion is not None and migracion.llave is not None and detalle.get("llave_instalada"):
        _instalar_llave(directorio, migracion.llave)
    if "migracion" in detalle:
        detalle["diarios_apartados"] = _apartar_diarios(directorio)
    try:
        terminal = Terminal(directorio, respaldo_diario=False)  # migrates a backup of an older schema
        pendiente = None
    except marca.LibroAtrasado as exc:  # the backup is older than the journal: report, don't hide it
        terminal = Terminal(directorio, respaldo_diario=False, revisar_marca=False)
        pendiente = str(exc)
        detalle["diario_pendiente"] = pendiente
    try:
        comun = {"archivo": str(archivo), "resguardo": str(anterior) if anterior else None, "autenticado_en": origen}
        if falla is not None:
            comun["libro_anterior"] = falla
        auditoria.registrar_aparte(terminal.bd, sesion.usuario, "restauración", {**comun, **detalle})
        if "migracion" in detalle:
            auditoria.registrar_aparte(terminal.bd, sesion.usuario, "migración de terminal", detalle)
    finally:
        terminal.bd.dispose()
    return Restauracion(anterior, copia.serie if copia else None, "migracion" in detalle, pendiente)
