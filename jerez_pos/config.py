"""Where things live: the data home (``JEREZ_POS_HOME`` or the platform's user data dir) and the data
shipped with the program (``db/``, ``resources/``), also inside a frozen build."""

from __future__ import annotations

import os
import sys
from pathlib import Path

NOMBRE_BD = "jerez_pos.sqlite3"


def raiz_programa() -> Path:
    """The folder that holds ``db/`` and ``resources/``: the repository, or the frozen bundle."""
    congelado = getattr(sys, "_MEIPASS", None)
    if congelado:
        return Path(congelado)
    return Path(__file__).resolve().parent.parent


def dir_tarifas() -> Path:
    return raiz_programa() / "db" / "tarifas"


def catalogo_incluido() -> Path:
    return dir_tarifas() / "jerez-2024"


def dir_migraciones() -> Path:
    return raiz_programa() / "db" / "migraciones"


def home() -> Path:
    elegido = os.environ.get("JEREZ_POS_HOME")
    if elegido:
        return Path(elegido).expanduser()
    import platformdirs  # imported late: the common path (tests, CLI with a home) does not need it

    return Path(platformdirs.user_data_dir("jerez-pos", "Municipio de Jerez"))


def ruta_bd(directorio: Path | None = None) -> Path:
    return (directorio or home()) / NOMBRE_BD


def hay_pantalla() -> bool:
    """Linux without X11/Wayland (a server, an SSH session) cannot show a window; Windows and macOS can.
    An explicit ``QT_QPA_PLATFORM`` (offscreen in tests and the selftest) counts as a screen."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
