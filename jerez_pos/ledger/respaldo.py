"""Backups with SQLite's online backup API, verified and rotated; restore verifies before it replaces.

A copy counts only after ``integrity_check`` and the hash chain pass on the copy itself. Restoring goes
through the same backup API into the live file (a transaction inside SQLite, so a crash half-way leaves
the old database), after a safety copy of the current one.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from sqlalchemy import Engine

from jerez_pos.core.errores import ErrorJerez
from jerez_pos.disco import borrar, escritura
from jerez_pos.ledger import auditoria, cadena, reloj
from jerez_pos.ledger.base import ESPERA_MS
from jerez_pos.ledger.comun import Sesion
from jerez_pos.ledger.identidad import Identidad
from jerez_pos.ledger.lectura import ruta_de

PREFIJO = "jerez_pos-"
CONSERVAR = 14


class RespaldoInvalido(ErrorJerez):
    pass


def revisar_copia(ruta: Path) -> str:
    """ "ok" or the reason the file must not be trusted."""
    if not ruta.is_file():
        return f"no existe el archivo {ruta}"
    try:
        conexion = sqlite3.connect(f"file:{ruta}?mode=ro", uri=True)
        try:
            conexion.row_factory = sqlite3.Row
            integridad = [f[0] for f in conexion.execute("PRAGMA integrity_check")]
            if integridad != ["ok"]:
                return f"integridad: {'; '.join(map(str, integridad[:3]))}"
            fila = conexion.execute("SELECT * FROM terminal WHERE id = 1").fetchone()
            if fila is not None:
                identidad = Identidad(
                    fila["municipio"],
                    fila["delegacion"],
                    fila["nombre"],
                    fila["serie"],
                    bytes(fila["llave_publica"]),
                    bool(fila["demo"]),
                )
                revision = cadena.revisar(conexion, identidad)
                revision.fallas += reloj.revisar_orden(conexion, identidad)
                if not revision.integra:
                    return f"cadena rota: {revision.fallas[0]}"
        finally:
            conexion.close()
    except sqlite3.DatabaseError as exc:
        return f"no es una base de jerez-pos válida ({exc})"
    return "ok"


def _copiar(origen: str | Path, destino: Path) -> None:
    fuente = sqlite3.connect(origen, timeout=ESPERA_MS / 1000)
    copia = sqlite3.connect(destino, timeout=ESPERA_MS / 1000)
    try:
        fuente.backup(copia)
    finally:
        copia.close()
        fuente.close()


def rotar(directorio: Path, conservar: int = CONSERVAR) -> list[Path]:
    copias = sorted(directorio.glob(f"{PREFIJO}*.sqlite3"))
    viejas = copias[:-conservar] if conservar > 0 else []
    for ruta in viejas:
        ruta.unlink()
    return viejas


def respaldar(bd: Engine, sesion: Sesion, destino: Path, conservar: int = CONSERVAR) -> Path:
    sesion.exigir("respaldar", "cajero", "inspector", "supervisor", "administrador")
    ruta = destino / f"{PREFIJO}{dt.datetime.now().strftime('%Y%m%d-%H%M%S-%f')}.sqlite3"
    temporal = ruta.with_suffix(".parcial")
    # Folders this backup creates are removed again if it fails (a USB stick must not keep empty trees).
    nuevas = [d for d in (destino, *destino.parents) if not d.exists()]
    # The read-only check of the copy leaves its (empty) -wal/-shm beside it: they go too, in any outcome.
    companeros = [temporal.with_name(temporal.name + sufijo) for sufijo in ("-journal", "-wal", "-shm")]
    with escritura(destino, temporal, *companeros, *reversed(nuevas)):
        destino.mkdir(parents=True, exist_ok=True)
        _copiar(ruta_de(bd), temporal)
        estado = revisar_copia(temporal)
        if estado != "ok":
            raise RespaldoInvalido(f"respaldo: la copia no pasó la verificación ({estado}); no se guardó")
        temporal.rename(ruta)
    borrar(*companeros)
    rotar(destino, conservar)
    auditoria.registrar_aparte(bd, sesion.usuario, "respaldo", {"archivo": str(ruta)})
    return ruta


def restaurar(bd: Engine, sesion: Sesion, archivo: Path, resguardo: Path) -> Path:
    """Returns the safety copy of the database that was replaced. The checks (this terminal's backup only)
    and the audit live in ``restauracion``; the data home is the folder of the ledger file."""
    from jerez_pos.ledger import restauracion  # restauracion builds on this module

    bd.dispose()  # no pooled connection may hold the old pages while the copy replaces them
    anterior = restauracion.restaurar(Path(ruta_de(bd)).parent, archivo, sesion, resguardo=resguardo).resguardo
    assert anterior is not None  # the caller authenticated against this ledger: the file exists
    return anterior
