"""First run: a data home without an administrator gets its identity, its first account and its settings.

Everything is validated before anything is written, so a wrong field in the wizard leaves the home as it
was. ``ajustes.toml`` keeps any section it already had; only ``[respaldo] destino`` is set here.
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text

from jerez_pos.core.errores import ErrorEntrada, ErrorJerez
from jerez_pos.ledger import identidad, usuarios
from jerez_pos.ledger.arranque import AJUSTES, ajustes
from jerez_pos.ledger.terminal import Terminal


@dataclass(frozen=True)
class Instalacion:
    municipio: str
    delegacion: str
    terminal: str
    serie: str
    usuario: str
    nombre: str
    contrasena: str
    confirmacion: str
    destino_respaldo: str = ""


def necesita_instalacion(terminal: Terminal) -> bool:
    with terminal.bd.connect() as conexion:
        return not conexion.execute(text("SELECT 1 FROM usuario WHERE rol = 'administrador' LIMIT 1")).first()


def validar(datos: Instalacion, ya_registrada: bool) -> None:
    """The first problem, naming the wizard's field."""
    if not ya_registrada:
        for campo, valor in (("municipio", datos.municipio), ("delegacion", datos.delegacion)):
            if not valor.strip():
                raise ErrorEntrada(campo, "es obligatorio")
        if not datos.terminal.strip():
            raise ErrorEntrada("terminal", "escriba un nombre para esta terminal (p. ej. Caja 1)")
        serie = datos.serie.strip().upper()
        if not serie.isalnum() or not 1 <= len(serie) <= 12:
            raise ErrorEntrada("serie", "debe tener de 1 a 12 letras o dígitos, sin espacios ni guiones")
    usuario = datos.usuario.strip()
    if not usuario or len(usuario) > 40 or any(c.isspace() for c in usuario):
        raise ErrorEntrada("usuario", "debe tener de 1 a 40 caracteres sin espacios")
    if len(datos.contrasena) < 4:
        raise ErrorEntrada("contrasena", "debe tener al menos 4 caracteres")
    if datos.contrasena != datos.confirmacion:
        raise ErrorEntrada("confirmacion", "no coincide con la contraseña")
    if datos.destino_respaldo.strip():
        destino = Path(datos.destino_respaldo.strip()).expanduser()
        if destino.exists() and not destino.is_dir():
            raise ErrorEntrada("respaldo", f"{destino} existe y no es una carpeta")


def _valor(valor: object) -> str:
    if isinstance(valor, bool):
        return "true" if valor else "false"
    if isinstance(valor, int | float):
        return str(valor)
    return json.dumps(str(valor), ensure_ascii=False)


def guardar_destino_respaldo(directorio: Path, destino: str) -> Path:
    """Writes ``[respaldo] destino`` into ajustes.toml, keeping the other (flat) settings it holds."""
    actuales = ajustes(directorio)
    seccion = actuales.get("respaldo")
    actuales["respaldo"] = {**(seccion if isinstance(seccion, dict) else {}), "destino": destino}
    renglones = ["# Ajustes de la terminal jerez-pos (véase jerez_pos/ledger/arranque.py)"]
    sueltos = {k: v for k, v in actuales.items() if not isinstance(v, dict)}
    renglones += [f"{k} = {_valor(v)}" for k, v in sueltos.items()]
    for nombre, tabla in actuales.items():
        if isinstance(tabla, dict):
            renglones.append(f"\n[{nombre}]")
            renglones += [f"{k} = {_valor(v)}" for k, v in tabla.items() if not isinstance(v, dict | list)]
    contenido = "\n".join(renglones) + "\n"
    tomllib.loads(contenido)  # never leave a file the next start can't read
    ruta = directorio / AJUSTES
    temporal = ruta.with_suffix(".tmp")
    temporal.write_text(contenido, encoding="utf-8")
    os.replace(temporal, ruta)
    return ruta


def instalar(terminal: Terminal, datos: Instalacion) -> identidad.Identidad:
    if not necesita_instalacion(terminal):
        raise ErrorJerez("instalación: esta terminal ya tiene administrador; entre con su usuario")
    actual = identidad.leer_identidad(terminal.bd)
    validar(datos, actual is not None)
    if actual is None:
        actual = identidad.registrar_terminal(
            terminal.bd,
            terminal.directorio,
            datos.municipio.strip(),
            datos.delegacion.strip(),
            datos.terminal.strip(),
            datos.serie.strip().upper(),
        )
    usuarios.crear(terminal.bd, datos.usuario.strip(), "administrador", datos.contrasena, nombre=datos.nombre.strip())
    if datos.destino_respaldo.strip():
        destino = Path(datos.destino_respaldo.strip()).expanduser()
        destino.mkdir(parents=True, exist_ok=True)
        guardar_destino_respaldo(terminal.directorio, str(destino))
    return actual
