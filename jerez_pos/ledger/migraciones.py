"""Schema versions through Alembic. A database written by a newer program is refused, never downgraded."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from jerez_pos.config import dir_migraciones
from jerez_pos.core.errores import ErrorJerez


class BaseMasNueva(ErrorJerez):
    pass


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(dir_migraciones()))
    return config


def version_codigo() -> str:
    cabeza = ScriptDirectory.from_config(_config()).get_current_head()
    assert cabeza is not None
    return cabeza


def version_base(motor: Engine) -> str | None:
    with motor.connect() as conexion:
        return MigrationContext.configure(conexion).get_current_revision()


def conocida(version: str | None) -> bool:
    """Whether this program can open (and migrate) a database at schema ``version``."""
    return version is None or version in {r.revision for r in ScriptDirectory.from_config(_config()).walk_revisions()}


def migrar(motor: Engine) -> None:
    script = ScriptDirectory.from_config(_config())
    actual = version_base(motor)
    if actual is not None and actual not in {r.revision for r in script.walk_revisions()}:
        raise BaseMasNueva(
            f"la base de datos tiene el esquema «{actual}», más nuevo que este programa "
            f"(«{version_codigo()}»); instale la versión más reciente de jerez-pos"
        )
    config = _config()
    with motor.begin() as conexion:
        config.attributes["conexion"] = conexion
        command.upgrade(config, "head")
