"""What the account checks need from the journal, read once per process and then only what was appended.

``verificacion_cuentas`` compares roll and INPC rows with the signed journal before every ``adeudo`` and
``cobrar-adeudo``. Reading the whole file each time grew with the terminal's history (17 ms at 4 MB, about
0.6 s at 100,000 receipts). The journal is append-only, so this keeps, per file, the raw lines of the tables
checked and the hashes the valid discard lines name, and on each call reads only the complete lines written
since. A line's signature is checked once: what it signed cannot change afterwards, and an edit of the file
(or a new file in its place) is noticed and the index is rebuilt from the start.

How an edit is noticed: the file's device and inode (a restored journal is a new file), its size (a shorter
file was cut) and the last bytes already read (a file rewritten in place).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from jerez_pos.ledger import diario

_COLA = 64  # bytes compared at the end of what was read, to notice a file rewritten in place
_LINEA_IDENTIDAD = 1 << 16


@dataclass
class Indice:
    marcas: tuple[bytes, ...]  # a line is kept when one of these is in its raw bytes
    descarte: bytes
    origen: tuple[int, int] = (0, 0)  # device, inode
    leido: int = 0
    cola: bytes = b""
    lineas: list[bytes] = field(default_factory=list)
    fuera: set[str] = field(default_factory=set)  # hashes named by valid discard lines
    verificadas: dict[int, diario.Linea | None] = field(default_factory=dict)  # by position in ``lineas``

    def linea(self, posicion: int, publica: Ed25519PublicKey) -> diario.Linea | None:
        if posicion not in self.verificadas:
            self.verificadas[posicion] = diario.de_bytes(self.lineas[posicion], publica)
        return self.verificadas[posicion]


_INDICES: dict[tuple[str, bytes, tuple[bytes, ...]], Indice] = {}
CANDADO = threading.Lock()  # the index is shared by the threads of the process


def _crudo(publica: Ed25519PublicKey) -> bytes:
    return publica.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _sigue_igual(indice: Indice, ruta: Path, origen: tuple[int, int], tamano: int) -> bool:
    if indice.leido == 0:
        return True
    if indice.origen != origen or tamano < indice.leido:
        return False
    with ruta.open("rb") as archivo:
        archivo.seek(indice.leido - len(indice.cola))
        return archivo.read(len(indice.cola)) == indice.cola


def _leer_nuevas(indice: Indice, ruta: Path, publica: Ed25519PublicKey) -> None:
    with ruta.open("rb") as archivo:
        archivo.seek(indice.leido)
        if indice.leido == 0:
            identidad = archivo.readline(_LINEA_IDENTIDAD)
            if not identidad.endswith(b"\n"):
                return  # not even the identity line is whole yet
            indice.leido = len(identidad)
            indice.cola = identidad[-_COLA:]
        ultima = b""
        for crudo in archivo:
            if not crudo.endswith(b"\n"):
                break  # a line still being written: read again next time, whole
            indice.leido += len(crudo)
            ultima = crudo
            if indice.descarte in crudo:
                descarte = diario.de_bytes(crudo, publica)
                if descarte is not None and descarte.tipo == "descarte":
                    indice.fuera.add(descarte.documento()["hash"])
            elif any(m in crudo for m in indice.marcas):
                indice.lineas.append(crudo)
        # Every journal line is longer than the tail kept (it carries a 64-character hash); were one shorter,
        # the tail would not match next time and the index would only be rebuilt.
        indice.cola = (indice.cola + ultima)[-_COLA:]


def al_dia(ruta: Path, publica: Ed25519PublicKey, marcas: tuple[bytes, ...], descarte: bytes) -> Indice:
    """The index of ``ruta`` for this key and these markers, brought up to the end of the file. Callers use
    it under ``CANDADO``."""
    estado = ruta.stat()
    origen = (estado.st_dev, estado.st_ino)
    clave = (str(ruta.resolve()), _crudo(publica), marcas)
    indice = _INDICES.get(clave)
    if indice is None or not _sigue_igual(indice, ruta, origen, estado.st_size):
        indice = _INDICES[clave] = Indice(marcas, descarte, origen)
    if estado.st_size > indice.leido:
        _leer_nuevas(indice, ruta, publica)
    return indice


def olvidar() -> None:
    """Drops every index (tests that rewrite a journal byte for byte at the same size use it)."""
    with CANDADO:
        _INDICES.clear()
