"""Where a catalog's files are read from: a directory under review, or the verbatim texts kept in the ledger.

The loader validates both the same way. Reading the ledger's copy straight from memory means the price
comes from exactly the bytes whose hash was verified, with no copy on disk that someone could edit.
"""

from __future__ import annotations

from collections.abc import Mapping
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Protocol


class Fuente(Protocol):
    def existe(self, ruta: str) -> bool: ...

    def texto(self, ruta: str) -> str:
        """The file's text; OSError or UnicodeDecodeError when it cannot be read."""
        ...

    def listar(self, patron: str) -> list[Path]:
        """Files matching a pattern relative to the catalog root, sorted, as paths for messages."""
        ...

    def relativa(self, ruta: Path) -> str: ...


class Directorio:
    def __init__(self, raiz: Path) -> None:
        self.raiz = raiz.absolute()

    def existe(self, ruta: str) -> bool:
        return (self.raiz / ruta).exists()

    def texto(self, ruta: str) -> str:
        return (self.raiz / ruta).read_text(encoding="utf-8")

    def listar(self, patron: str) -> list[Path]:
        return sorted(self.raiz.glob(patron))

    def relativa(self, ruta: Path) -> str:
        return ruta.relative_to(self.raiz).as_posix() if ruta.is_absolute() else ruta.as_posix()


class Memoria:
    """The files as a mapping ``relative/path → text`` (how ``catalogo_archivo`` keeps them)."""

    def __init__(self, archivos: Mapping[str, str]) -> None:
        self.archivos = archivos

    def existe(self, ruta: str) -> bool:
        return ruta in self.archivos

    def texto(self, ruta: str) -> str:
        try:
            return self.archivos[ruta]
        except KeyError:
            raise FileNotFoundError(ruta) from None

    def listar(self, patron: str) -> list[Path]:
        # Same depth as the pattern: glob's "*" never crosses a folder.
        partes = patron.count("/")
        return [Path(r) for r in sorted(self.archivos) if r.count("/") == partes and fnmatchcase(r, patron)]

    def relativa(self, ruta: Path) -> str:
        return ruta.as_posix()


def fuente_de(origen: Path | str | Mapping[str, str] | Fuente) -> Fuente:
    if isinstance(origen, (Path, str)):
        return Directorio(Path(origen))
    if isinstance(origen, (Directorio, Memoria)):
        return origen
    if isinstance(origen, Mapping):
        return Memoria(origen)
    return origen
