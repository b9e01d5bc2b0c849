"""SQLite's own checks: ``quick_check`` once per process before charging, ``integrity_check`` on demand."""

from __future__ import annotations

from sqlalchemy import Engine

from jerez_pos.core.errores import ErrorJerez
from jerez_pos.ledger.lectura import leer, ruta_de

_REVISADAS: set[str] = set()


class BaseDanada(ErrorJerez):
    pass


def _pragma(bd: Engine, pragma: str) -> str:
    with leer(bd) as conexion:
        resultado = [fila[0] for fila in conexion.execute(f"PRAGMA {pragma}")]
    return "ok" if resultado == ["ok"] else "; ".join(str(r) for r in resultado[:5])


def integridad(bd: Engine) -> str:
    return _pragma(bd, "integrity_check")


def exigir_sana(bd: Engine) -> None:
    """Refuse to charge on a damaged file. Checked once per process: quick_check reads the whole file."""
    ruta = ruta_de(bd)
    if ruta in _REVISADAS:
        return
    resultado = _pragma(bd, "quick_check")
    if resultado != "ok":
        raise danada(ruta, resultado)
    _REVISADAS.add(ruta)


def danada(ruta: str, detalle: str) -> BaseDanada:
    # «restaurar ARCHIVO» works on a damaged, empty or missing file (it authenticates against the backup).
    return BaseDanada(
        f"base de datos: el archivo {ruta} está dañado ({detalle[:160]}); no se puede cobrar. "
        "Restaure el último respaldo con «jerez-pos restaurar ARCHIVO» y avise a soporte"
    )


def es_danada(exc: BaseException) -> bool:
    """SQLite's own words for a file that is not (or no longer) a database, as opposed to a program error."""
    texto = str(exc)
    return "database disk image is malformed" in texto or "file is not a database" in texto
