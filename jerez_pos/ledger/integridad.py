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
        raise BaseDanada(
            f"base de datos: el archivo {ruta} está dañado ({resultado[:160]}); no se puede cobrar. "
            "Restaure el último respaldo con «jerez-pos restaurar ARCHIVO» y avise a soporte"
        )
    _REVISADAS.add(ruta)
