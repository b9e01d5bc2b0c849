"""Printer settings in the data home: ``impresora.toml``, small enough for a technician to edit by hand.

    impresora = "usb:04b8:0e15"   # archivo:RUTA|dummy|red:HOST[:PUERTO]|usb:VID:PID|serial:DISP|windows:NOMBRE
    ancho = 80                    # paper in mm: 58 (32 columns) or 80 (48 columns)
    perfil = "default"            # python-escpos printer profile (decides the ESC t number of CP858/CP850)
    exigir_estado = true          # on network/USB/serial: hold the print when the status can't be read
    url_verificacion = "https://…" # optional: the QR becomes a link to central's /v1/verificar
    logo = true                   # optional: the municipal logo (resources/logo.png) on tickets and PDF receipts

Read with the standard library (``tomllib``); written atomically. Command-line options win over the file.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tomllib
from contextlib import closing
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.core.texto import corto
from jerez_pos.printing.conexiones import Destino, leer_destino
from jerez_pos.printing.escpos import PERFIL_PREDETERMINADO
from jerez_pos.printing.ticket import Ancho

ARCHIVO = "impresora.toml"
COLUMNAS = {58: Ancho.MM58, 80: Ancho.MM80}
ARCHIVO_SINCRONIZACION = "sincronizacion.sqlite3"


def columnas(milimetros: int, campo: str = "--ancho") -> int:
    if milimetros not in COLUMNAS:
        raise ErrorEntrada(campo, f"«{corto(milimetros)}» no es un ancho de papel; use 58 u 80 (milímetros)")
    return int(COLUMNAS[milimetros])


@dataclass(frozen=True)
class Ajustes:
    impresora: Destino | None = None
    ancho: int = 80  # mm
    perfil: str = PERFIL_PREDETERMINADO
    exigir_estado: bool = True
    url_verificacion: str | None = None
    logo: bool = False

    @property
    def columnas(self) -> int:
        return columnas(self.ancho, "ancho")

    def con(self, impresora: str | None = None, ancho: int | None = None) -> Ajustes:
        """These settings with the command line's ``--impresora`` / ``--ancho`` on top."""
        cambios: dict[str, Any] = {}
        if impresora is not None:
            cambios["impresora"] = leer_destino(impresora)
        if ancho is not None:
            columnas(ancho)
            cambios["ancho"] = ancho
        return replace(self, **cambios)


def ruta(directorio: Path) -> Path:
    return directorio / ARCHIVO


def leer(directorio: Path) -> Ajustes:
    archivo = ruta(directorio)
    if not archivo.exists():
        return Ajustes()
    try:
        crudo = tomllib.loads(archivo.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ErrorEntrada(str(archivo), f"no se puede leer ({exc})") from None
    desconocidas = set(crudo) - {"impresora", "ancho", "perfil", "exigir_estado", "url_verificacion", "logo"}
    if desconocidas:
        raise ErrorEntrada(f"{archivo}: {sorted(desconocidas)[0]}", "clave desconocida")

    def tipo(clave: str, esperado: type, descripcion: str) -> Any:
        valor = crudo.get(clave)
        if valor is not None and (not isinstance(valor, esperado) or isinstance(valor, bool) != (esperado is bool)):
            raise ErrorEntrada(f"{archivo}: {clave}", f"debe ser {descripcion}")
        return valor

    impresora = tipo("impresora", str, f"texto ({'|'.join(('archivo:RUTA', 'dummy', 'red:HOST', '…'))})")
    ancho = tipo("ancho", int, "58 u 80")
    perfil = tipo("perfil", str, "el nombre de un perfil de python-escpos")
    exigir = tipo("exigir_estado", bool, "true o false")
    url = tipo("url_verificacion", str, "una dirección https://…")
    logo = tipo("logo", bool, "true o false")
    if ancho is not None:
        columnas(ancho, f"{archivo}: ancho")
    return Ajustes(
        impresora=leer_destino(impresora, f"{archivo}: impresora") if impresora else None,
        ancho=ancho or 80,
        perfil=perfil or PERFIL_PREDETERMINADO,
        exigir_estado=True if exigir is None else exigir,
        url_verificacion=url or None,
        logo=bool(logo),
    )


def guardar(directorio: Path, ajustes: Ajustes) -> Path:
    archivo = ruta(directorio)
    renglones = ["# Impresora de recibos de jerez-pos (véase jerez_pos/printing/ajustes.py)"]
    if ajustes.impresora is not None:
        renglones.append(f"impresora = {json.dumps(str(ajustes.impresora), ensure_ascii=False)}")
    renglones.append(f"ancho = {ajustes.ancho}")
    renglones.append(f"perfil = {json.dumps(ajustes.perfil, ensure_ascii=False)}")
    renglones.append(f"exigir_estado = {'true' if ajustes.exigir_estado else 'false'}")
    if ajustes.url_verificacion:
        renglones.append(f"url_verificacion = {json.dumps(ajustes.url_verificacion, ensure_ascii=False)}")
    if ajustes.logo:
        renglones.append("logo = true")
    directorio.mkdir(parents=True, exist_ok=True)
    temporal = archivo.with_suffix(".tmp")
    temporal.write_text("\n".join(renglones) + "\n", encoding="utf-8")
    os.replace(temporal, archivo)
    return archivo


def con_logo(ajustes: Ajustes) -> bool:
    """``logo = true`` and the image is installed: a missing file never holds a receipt back."""
    from jerez_pos.printing.logo import ruta_logo

    return ajustes.logo and ruta_logo().is_file()


def url_central(directorio: Path, ajustes: Ajustes) -> str | None:
    """The verification address: the setting, else the central server this terminal syncs with."""
    if ajustes.url_verificacion:
        return ajustes.url_verificacion
    archivo = directorio / ARCHIVO_SINCRONIZACION
    if not archivo.exists():
        return None
    try:
        with closing(sqlite3.connect(f"file:{archivo}?mode=ro", uri=True)) as conexion:
            fila = conexion.execute("SELECT valor FROM ajuste WHERE clave = 'servidor'").fetchone()
    except sqlite3.Error:
        return None
    return str(fila[0]) if fila and fila[0] else None
