"""Where the bytes go: USB, serial, network (port 9100), Windows spooler, a file, or memory (dummy).

A destination is written ``archivo:RUTA|dummy|red:HOST[:PUERTO]|usb:VID:PID|serial:DISPOSITIVO|
windows:NOMBRE`` on the command line and in ``impresora.toml``. Serial also takes ``serial:COM3@19200``.

The ticket is rendered first (``escpos.ticket_a_bytes``) and sent in one write, so a printer that fails
never receives half a receipt from us. Status comes from the ESC/POS real-time queries ``DLE EOT 1``
(printer: bit 3 offline) and ``DLE EOT 4`` (roll sensor: bits 5-6 paper end, bits 2-3 near end), read
only where a back channel exists (network, USB, serial). python-escpos's own ``paper_status`` reports
"plenty of paper" when the printer says nothing; here silence, a timeout or a malformed byte is
``DESCONOCIDO``, never "sin papel".
"""

from __future__ import annotations

import contextlib
import enum
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from jerez_pos.core.errores import ErrorEntrada, ErrorJerez
from jerez_pos.core.texto import corto
from jerez_pos.disco import LLENO, traducir
from jerez_pos.printing.escpos import PERFIL_PREDETERMINADO, modulo_impresoras

FORMATO = "archivo:RUTA|dummy|red:HOST[:PUERTO]|usb:VID:PID|serial:DISPOSITIVO|windows:NOMBRE"
TIPOS = ("archivo", "dummy", "red", "usb", "serial", "windows")
CON_RETORNO = ("red", "usb", "serial")  # connections that can answer a status query
PUERTO_RAW = 9100
BAUDIOS = 9600
ESPERA_S = 3.0
DLE_EOT_IMPRESORA = b"\x10\x04\x01"
DLE_EOT_PAPEL = b"\x10\x04\x04"


class Estado(enum.Enum):
    EN_LINEA = "en línea"
    POCO_PAPEL = "poco papel"
    SIN_PAPEL = "sin papel"
    FUERA_DE_LINEA = "fuera de línea"
    DESCONOCIDO = "desconocido"

    @property
    def imprimible(self) -> bool:
        return self in (Estado.EN_LINEA, Estado.POCO_PAPEL)


class ImpresoraNoDisponible(ErrorJerez):
    """The printer could not take the job; the message is the Spanish sentence for the cashier."""


@dataclass(frozen=True)
class Destino:
    tipo: str
    nombre: str = ""  # file path, host, serial device or Windows printer name
    puerto: int = PUERTO_RAW
    vid: int = 0
    pid: int = 0
    baudios: int = BAUDIOS

    @property
    def con_retorno(self) -> bool:
        return self.tipo in CON_RETORNO

    def __str__(self) -> str:
        if self.tipo == "dummy":
            return "dummy"
        if self.tipo == "red":
            host = f"[{self.nombre}]" if ":" in self.nombre else self.nombre
            return f"red:{host}:{self.puerto}"
        if self.tipo == "usb":
            return f"usb:{self.vid:04x}:{self.pid:04x}"
        if self.tipo == "serial" and self.baudios != BAUDIOS:
            return f"serial:{self.nombre}@{self.baudios}"
        return f"{self.tipo}:{self.nombre}"


def _entero(texto: str, campo: str, que: str, base: int, maximo: int, ejemplo: str) -> int:
    try:
        valor = int(texto, base)
    except ValueError:
        valor = -1
    if not 0 <= valor <= maximo:
        raise ErrorEntrada(campo, f"«{corto(texto)}» no es {que}; p. ej. {ejemplo}")
    return valor


def leer_destino(texto: str, campo: str = "--impresora") -> Destino:
    """Parse a destination; errors name ``campo`` and show the accepted forms."""
    crudo = texto.strip()
    tipo, _, resto = crudo.partition(":")
    tipo = tipo.lower()
    if tipo not in TIPOS:
        raise ErrorEntrada(campo, f"«{corto(crudo)}» no es una impresora; use {FORMATO}")
    if tipo == "dummy":
        if resto:
            raise ErrorEntrada(campo, "«dummy» no lleva más datos")
        return Destino("dummy")
    if not resto.strip():
        raise ErrorEntrada(campo, f"a «{tipo}:» le falta el dato; use {FORMATO}")
    if tipo == "red":
        coincide = re.fullmatch(r"\[(?P<h6>[0-9A-Fa-f:.]+)\](?::(?P<p6>\w+))?|(?P<h>[^:\s]+)(?::(?P<p>\w+))?", resto)
        if not coincide:
            raise ErrorEntrada(campo, f"«{corto(resto)}» no es HOST[:PUERTO]; p. ej. red:192.168.1.50:9100")
        host = coincide.group("h6") or coincide.group("h")
        puerto_txt = coincide.group("p6") or coincide.group("p")
        puerto = PUERTO_RAW
        if puerto_txt is not None:
            puerto = _entero(puerto_txt, campo, "un puerto (1-65535)", 10, 65535, "9100")
        if puerto == 0:
            raise ErrorEntrada(campo, "el puerto va de 1 a 65535; las impresoras de red usan 9100")
        return Destino("red", host, puerto=puerto)
    if tipo == "usb":
        partes = resto.split(":")
        if len(partes) != 2:
            raise ErrorEntrada(campo, f"«{corto(resto)}» debe ser VID:PID en hexadecimal; p. ej. usb:04b8:0e15")
        que = "un identificador USB hexadecimal (0000-ffff)"
        vid, pid = (_entero(p.strip(), campo, que, 16, 0xFFFF, "usb:04b8:0e15") for p in partes)
        return Destino("usb", vid=vid, pid=pid)
    if tipo == "serial":
        dispositivo, arroba, baudios = resto.partition("@")
        velocidad = _entero(baudios, campo, "una velocidad en baudios", 10, 921600, "@9600") if arroba else BAUDIOS
        return Destino("serial", dispositivo.strip(), baudios=velocidad)
    return Destino(tipo, resto if tipo == "archivo" else resto.strip())


def interpretar_estado(impresora: bytes, papel: bytes) -> Estado:
    """Status from the answers to DLE EOT 1 and DLE EOT 4; a missing or malformed byte is unknown.

    Every status byte has bit 1 and bit 4 set and bits 0 and 7 clear; anything else is not an answer.
    """

    def valido(respuesta: bytes) -> int | None:
        return respuesta[-1] if respuesta and respuesta[-1] & 0x93 == 0x12 else None

    byte_impresora, byte_papel = valido(impresora), valido(papel)
    if byte_papel is not None and byte_papel & 0x60:
        return Estado.SIN_PAPEL
    if byte_impresora is not None and byte_impresora & 0x08:
        return Estado.FUERA_DE_LINEA
    if byte_impresora is None or byte_papel is None:
        return Estado.DESCONOCIDO
    return Estado.POCO_PAPEL if byte_papel & 0x0C else Estado.EN_LINEA


class Impresora(Protocol):
    destino: Destino

    def estado(self) -> Estado: ...

    def enviar(self, datos: bytes) -> None: ...


@dataclass
class ImpresoraMemoria:
    """``dummy``: keeps every job in memory (tests, demos, and a dry run of a configuration)."""

    destino: Destino = field(default_factory=lambda: Destino("dummy"))
    trabajos: list[bytes] = field(default_factory=list)

    def estado(self) -> Estado:
        return Estado.EN_LINEA

    def enviar(self, datos: bytes) -> None:
        self.trabajos.append(datos)


@dataclass
class ImpresoraArchivo:
    """``archivo:RUTA``: a device node (``/dev/usb/lp0``) or a plain file; jobs are appended and synced."""

    destino: Destino

    def estado(self) -> Estado:
        carpeta = Path(self.destino.nombre).expanduser().parent
        return Estado.DESCONOCIDO if carpeta.is_dir() else Estado.FUERA_DE_LINEA

    def enviar(self, datos: bytes) -> None:
        ruta = Path(self.destino.nombre).expanduser()
        previo = ruta.stat().st_size if ruta.is_file() else None  # a full disk must not leave half a ticket
        try:
            with ruta.open("ab") as archivo:
                archivo.write(datos)
                archivo.flush()
                if ruta.is_file():
                    os.fsync(archivo.fileno())
        except OSError as exc:
            if ruta.is_file():
                with contextlib.suppress(OSError):
                    if previo is None:
                        ruta.unlink()
                    else:
                        os.truncate(ruta, previo)
            lleno = traducir(exc, ruta) if exc.errno in LLENO else None
            motivo = str(lleno) if lleno else f"no se pudo escribir en {ruta} ({exc.strerror})"
            raise ImpresoraNoDisponible(f"impresora: {motivo}") from None


class ImpresoraEscpos:
    """Network, USB, serial and Windows spooler through python-escpos, opened per job and closed after."""

    def __init__(
        self,
        destino: Destino,
        perfil: str = PERFIL_PREDETERMINADO,
        espera: float = ESPERA_S,
        directorio_datos: Path | None = None,
    ) -> None:
        self.destino = destino
        self.perfil = perfil
        self.espera = espera
        self.directorio_datos = directorio_datos

    def _crear(self) -> Any:
        impresoras = modulo_impresoras(self.directorio_datos)
        d = self.destino
        if d.tipo == "red":
            return impresoras.Network(d.nombre, d.puerto, timeout=self.espera, profile=self.perfil)
        if d.tipo == "usb":
            return impresoras.Usb(d.vid, d.pid, timeout=int(self.espera * 1000), profile=self.perfil)
        if d.tipo == "serial":
            return impresoras.Serial(d.nombre, baudrate=d.baudios, timeout=self.espera, profile=self.perfil)
        if d.tipo == "windows":
            return impresoras.Win32Raw(d.nombre, profile=self.perfil)
        raise ValueError(f"tipo de conexión sin python-escpos: {d.tipo}")  # pragma: no cover

    def _abrir(self) -> Any:
        try:
            dispositivo = self._crear()
            dispositivo.open()
        except Exception as exc:  # a hardware boundary: every driver fails its own way
            raise ImpresoraNoDisponible(f"impresora: no se pudo abrir {self.destino} ({_causa(exc)})") from None
        return dispositivo

    def estado(self) -> Estado:
        if not self.destino.con_retorno:
            return Estado.DESCONOCIDO  # the spooler takes jobs but says nothing about paper
        try:
            dispositivo = self._abrir()
        except ImpresoraNoDisponible:
            return Estado.FUERA_DE_LINEA
        try:
            impresora = _preguntar(dispositivo, DLE_EOT_IMPRESORA)
            return interpretar_estado(impresora, _preguntar(dispositivo, DLE_EOT_PAPEL))
        finally:
            _cerrar(dispositivo)

    def enviar(self, datos: bytes) -> None:
        dispositivo = self._abrir()
        try:
            dispositivo._raw(datos)
        except Exception as exc:
            mensaje = f"impresora: se perdió la conexión con {self.destino} ({_causa(exc)})"
            raise ImpresoraNoDisponible(mensaje) from None
        finally:
            _cerrar(dispositivo)


def _preguntar(dispositivo: Any, consulta: bytes) -> bytes:
    try:
        dispositivo._raw(consulta)
        return bytes(dispositivo._read() or b"")
    except Exception:  # timeout, no read channel, driver error: the answer is simply unknown
        return b""


def _cerrar(dispositivo: Any) -> None:
    with contextlib.suppress(Exception):  # closing a dead connection must not hide the real outcome
        dispositivo.close()


def _causa(exc: BaseException) -> str:
    texto = str(exc).strip().splitlines()
    detalle = texto[-1] if texto else type(exc).__name__
    if isinstance(exc, RuntimeError | ImportError) and ("usb" in detalle.lower() or "serial" in detalle.lower()):
        return "falta el controlador de Python para esta conexión (pyusb o pyserial)"
    if "win32" in detalle.lower():
        return "la cola de impresión de Windows sólo existe en Windows con pywin32"
    return detalle[:160]


def abrir_impresora(
    destino: Destino, perfil: str = PERFIL_PREDETERMINADO, directorio_datos: Path | None = None
) -> Impresora:
    if destino.tipo == "dummy":
        return ImpresoraMemoria(destino)
    if destino.tipo == "archivo":
        return ImpresoraArchivo(destino)
    return ImpresoraEscpos(destino, perfil, directorio_datos=directorio_datos)
