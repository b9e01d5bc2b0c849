"""Field readers that collect problems (file, line, field) instead of stopping at the first one."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

_NUMERO = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")  # ASCII only: Decimal() also reads "١٠"


@dataclass
class Problemas:
    lista: list[str] = field(default_factory=list)

    def agregar(self, archivo: Path | str, linea: int | None, campo: str, mensaje: str) -> None:
        donde = f"{Path(archivo).name}" + (f", línea {linea}" if linea else "")
        self.lista.append(f"{donde}, campo «{campo}»: {mensaje}")

    def __bool__(self) -> bool:
        return bool(self.lista)


@dataclass
class Ubicador:
    """Finds the line where a concept's key is written, so messages point at the text a reviewer edits."""

    archivo: Path
    lineas: list[str]

    def __post_init__(self) -> None:
        # One string searched in C: a catalog file has hundreds of keys, and a scan per key was quadratic.
        self._completo = "\n".join(self.lineas)

    @classmethod
    def de(cls, archivo: Path) -> Ubicador:
        return cls(archivo, archivo.read_text(encoding="utf-8").splitlines())

    def linea_de(self, texto: str) -> int | None:
        posicion = self._completo.find(texto) if "\n" not in texto else -1
        return None if posicion < 0 else self._completo.count("\n", 0, posicion) + 1


@dataclass
class Campos:
    """One TOML table being read: typed getters that record what is wrong with it."""

    datos: dict[str, Any]
    archivo: Path
    linea: int | None
    problemas: Problemas
    prefijo: str = ""

    def _mal(self, campo: str, mensaje: str) -> None:
        self.problemas.agregar(self.archivo, self.linea, self.prefijo + campo, mensaje)

    def texto(self, campo: str, obligatorio: bool = True, opciones: tuple[str, ...] = ()) -> str:
        valor = self.datos.get(campo)
        if valor is None:
            if obligatorio:
                self._mal(campo, "falta")
            return ""
        if not isinstance(valor, str) or (obligatorio and not valor.strip()):
            self._mal(campo, "debe ser un texto no vacío")
            return ""
        if opciones and valor not in opciones:
            self._mal(campo, f"«{valor}» no es válido; se admite: {', '.join(opciones)}")
        return valor

    def numero(self, campo: str, obligatorio: bool = True) -> Decimal | None:
        valor = self.datos.get(campo)
        if valor is None:
            if obligatorio:
                self._mal(campo, "falta")
            return None
        if not isinstance(valor, str):
            self._mal(campo, 'los números se escriben como texto entre comillas, p. ej. "1.0603"')
            return None
        if not _NUMERO.match(valor.strip()):
            self._mal(campo, f"«{valor}» no es un número decimal (sin comas de miles)")
            return None
        try:
            return Decimal(valor.strip())
        except InvalidOperation:  # pragma: no cover - the regex already guards it
            self._mal(campo, f"«{valor}» no es un número")
            return None

    def booleano(self, campo: str) -> bool:
        valor = self.datos.get(campo, False)
        if not isinstance(valor, bool):
            self._mal(campo, "debe ser true o false")
            return False
        return valor

    def lista_textos(self, campo: str) -> tuple[str, ...]:
        valor = self.datos.get(campo, [])
        if not isinstance(valor, list) or not all(isinstance(v, str) for v in valor):
            self._mal(campo, "debe ser una lista de textos")
            return ()
        return tuple(valor)

    def tablas(self, campo: str) -> list[dict[str, Any]]:
        valor = self.datos.get(campo, [])
        if not isinstance(valor, list) or not all(isinstance(v, dict) for v in valor):
            self._mal(campo, "debe ser una lista de tablas [[...]]")
            return []
        return valor

    def tabla(self, campo: str) -> dict[str, Any]:
        valor = self.datos.get(campo, {})
        if not isinstance(valor, dict):
            self._mal(campo, "debe ser una tabla")
            return {}
        return valor

    def hija(self, datos: dict[str, Any], prefijo: str) -> Campos:
        return Campos(datos, self.archivo, self.linea, self.problemas, self.prefijo + prefijo)
