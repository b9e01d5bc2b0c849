"""What the terminal does every time it opens its data home, before anyone charges.

- A database written by an older program is copied (SQLite backup API, verified) before it is migrated.
- Once a day the ledger is copied to ``respaldos/`` in the data home and, when ``ajustes.toml`` names one,
  to a second location (a USB drive); copies are verified and rotated. A missing USB drive is a warning,
  never a reason to stop charging.
- ``quick_check`` runs; a damaged file is reported (charging refuses it, see ``integridad.exigir_sana``).
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine

from jerez_pos.core.errores import ErrorJerez
from jerez_pos.ledger import integridad, respaldo
from jerez_pos.ledger.comun import Sesion
from jerez_pos.ledger.migraciones import version_base, version_codigo

AJUSTES = "ajustes.toml"
PREFIJO_MIGRACION = "antes-de-migrar-"
SISTEMA = Sesion(0, "sistema", "administrador")  # automatic backups act as the system, and say so in the audit
_registro = logging.getLogger(__name__)


@dataclass
class Arranque:
    avisos: list[str] = field(default_factory=list)
    respaldo_previo_a_migrar: Path | None = None
    respaldos_diarios: list[Path] = field(default_factory=list)


def ajustes(directorio: Path) -> dict[str, object]:
    ruta = directorio / AJUSTES
    if not ruta.exists():
        return {}
    try:
        return tomllib.loads(ruta.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError) as exc:
        raise ErrorJerez(f"{AJUSTES}: no se puede leer ({exc}); corrija o borre el archivo") from None


def destinos_de_respaldo(directorio: Path) -> list[Path]:
    destinos = [directorio / "respaldos"]
    seccion = ajustes(directorio).get("respaldo", {})
    segundo = seccion.get("destino") if isinstance(seccion, dict) else None
    if isinstance(segundo, str) and segundo.strip():
        destinos.append(Path(segundo).expanduser())
    return destinos


def respaldar_antes_de_migrar(bd: Engine, ruta_bd: Path, directorio: Path) -> Path | None:
    """Copy an existing database whose schema is older than the code; None when nothing is migrated."""
    if not ruta_bd.exists():
        return None
    actual = version_base(bd)
    if actual is None or actual == version_codigo():
        return None
    destino = directorio / "respaldos"
    destino.mkdir(parents=True, exist_ok=True)
    copia = destino / f"{PREFIJO_MIGRACION}{actual}-{dt.datetime.now().strftime('%Y%m%d-%H%M%S')}.sqlite3"
    fuente = sqlite3.connect(ruta_bd)
    try:
        with sqlite3.connect(copia) as destino_bd:
            fuente.backup(destino_bd)
        estado = [f[0] for f in sqlite3.connect(copia).execute("PRAGMA integrity_check")]
    finally:
        fuente.close()
    if estado != ["ok"]:
        copia.unlink(missing_ok=True)
        raise ErrorJerez(
            f"base de datos: la copia previa a la migración no pasó la verificación ({estado[0]}); "
            "no se migró nada. Restaure un respaldo y avise a soporte"
        )
    return copia


def _ultimo_respaldo(destino: Path) -> dt.datetime | None:
    copias = sorted(destino.glob(f"{respaldo.PREFIJO}*.sqlite3"))
    return dt.datetime.fromtimestamp(copias[-1].stat().st_mtime) if copias else None


def respaldo_diario(bd: Engine, directorio: Path, ahora: dt.datetime | None = None) -> Arranque:
    ahora = ahora or dt.datetime.now()
    resultado = Arranque()
    for destino in destinos_de_respaldo(directorio):
        ultimo = _ultimo_respaldo(destino) if destino.exists() else None
        if ultimo is not None and ahora - ultimo < dt.timedelta(days=1):
            continue
        try:
            resultado.respaldos_diarios.append(respaldo.respaldar(bd, SISTEMA, destino))
        except (OSError, ErrorJerez) as exc:
            aviso = f"respaldo diario en {destino}: no se pudo hacer ({exc}); revise la unidad"
            _registro.warning(aviso)
            resultado.avisos.append(aviso)
    return resultado


def revisar_integridad(bd: Engine) -> list[str]:
    try:
        integridad.exigir_sana(bd)
    except integridad.BaseDanada as exc:
        return [str(exc)]
    return []
