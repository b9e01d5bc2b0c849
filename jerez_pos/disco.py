"""Writing to disk when the disk says no: full, read-only, no permission, missing folder.

A delegación's laptop fills its disk, a USB stick is write-protected, a backup goes to a folder the
cashier may not write. Those are facts about the place, not bugs: the caller gets one Spanish sentence
naming the place ("disco lleno en …", "no se puede escribir en …"), and whatever was half written is removed,
so a failed backup, PDF or catalog copy leaves nothing that looks like a good one.
"""

from __future__ import annotations

import errno
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from jerez_pos.core.errores import ErrorJerez
from jerez_pos.core.texto import corto

LLENO = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})
SIN_PERMISO = frozenset({errno.EACCES, errno.EPERM, errno.EROFS})
NO_EXISTE = frozenset({errno.ENOENT, errno.ENOTDIR, errno.EISDIR, errno.ENAMETOOLONG})


class ErrorDisco(ErrorJerez):
    """The place can't take the write; ``str()`` is the Spanish sentence with the place."""


def _lugar(ruta: object) -> str:
    return corto(str(ruta), 120) if ruta else "el disco de datos"


def traducir(exc: BaseException, ruta: object = None) -> ErrorDisco | None:
    """The Spanish error for a disk-caused failure, or None when ``exc`` is something else (a real bug)."""
    if isinstance(exc, OSError) and exc.errno is not None:
        lugar = _lugar(exc.filename or ruta)
        if exc.errno in LLENO:
            return ErrorDisco(f"disco lleno en {lugar}: libere espacio o use otro destino; no se guardó nada")
        if exc.errno in SIN_PERMISO:
            return ErrorDisco(f"no se puede escribir en {lugar}: sin permiso o de sólo lectura; use otro destino")
        if exc.errno in NO_EXISTE:
            return ErrorDisco(f"no se puede escribir en {lugar}: la carpeta no existe o el nombre no es válido")
        return None
    mensaje = str(exc).lower()
    if isinstance(exc, sqlite3.Error) or type(exc).__module__.startswith("sqlalchemy"):
        lugar = _lugar(ruta)
        if "disk is full" in mensaje or "database or disk is full" in mensaje:
            return ErrorDisco(f"disco lleno en {lugar}: libere espacio; la operación no se registró")
        if "disk i/o error" in mensaje:  # what SQLite reports when it can't grow its WAL/shm on a full disk
            return ErrorDisco(f"disco lleno o dañado en {lugar}: libere espacio o revise el disco; no se registró nada")
        if "readonly database" in mensaje or "unable to open database" in mensaje:
            return ErrorDisco(f"no se puede escribir en {lugar}: la base o su carpeta no admite escritura")
    return None


def borrar(*rutas: Path) -> None:
    """Remove files or folders left by a failed write; a failure to remove is not a second error."""
    for ruta in rutas:
        try:
            if ruta.is_dir() and not ruta.is_symlink():
                shutil.rmtree(ruta, ignore_errors=True)
            else:
                ruta.unlink(missing_ok=True)
        except OSError:
            pass


@contextmanager
def escritura(destino: Path, *sobrantes: Path) -> Iterator[None]:
    """Run a write to ``destino``; on a disk failure remove ``sobrantes`` (temporaries, partial files) and
    raise ``ErrorDisco``. Any other exception still removes ``sobrantes`` and propagates unchanged."""
    try:
        yield
    except BaseException as exc:
        borrar(*sobrantes)
        traducido = traducir(exc, destino)
        if traducido is not None:
            raise traducido from exc
        raise
