"""The receipt journal: every committed receipt, void, hand-over, corte, shift and user, outside the database.

Why: the SQLite file can be lost, truncated or rolled back (a deleted ``-wal``); the daily backup is older
than the day's receipts. Each write transaction of the ledger also appends one line to ``diario.jsonl`` in
every backup location (``respaldos/`` of the data home and, when ``ajustes.toml`` names one, the USB drive).

Line format (JSON, one per line, keys sorted): ``tipo``, ``id`` (row id), ``eslabon`` and ``previo`` (chain
links only), ``hash``, ``firma``, ``texto`` (the canonical document) and ``suma``. Every line checks itself:
``suma`` is SHA-256 of the rest of the line, ``hash`` is SHA-256(previo ‖ texto) for a chain link (exactly
the ledger's chain hash, signed by the chain signature) and SHA-256(texto) for anything else, and ``firma``
is the terminal's Ed25519 signature of ``hash``. The first line is the terminal identity (its public key
signs the rest), so the journal alone can rebuild a ledger. A line torn by a crash fails its checks and is
ignored, never misread; before appending, a file that does not end in a newline gets one, so a torn
fragment never glues itself to the next line.

Ordering and cost (decided, see also the README section on backups): the line is ``write()``-n inside the
ledger's write transaction, under SQLite's write lock, so journal order is commit order across processes;
its ``fsync`` runs in a worker thread while SQLite commits (two fsyncs overlapped instead of queued) or in
line right after the commit (when waking a thread costs more than the fsync it would hide): each process
measures both and uses the cheaper (``_elegir_modo``); either way the caller waits for both before the
cashier is told. A transaction that fails after its line was written
appends a signed ``descarte`` line naming that hash. A process killed between the line and the commit leaves
one line the ledger lacks: at start-up it is re-applied when it chains exactly onto the ledger (it was
signed, written and its folio may have been shown) and the re-application is audited (see ``marca``).

A missing USB drive is a warning, never a reason to stop charging; when it comes back the secondary
journal is brought up to date from the primary (byte-identical files).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import Connection, Engine

from jerez_pos.core.errores import ErrorJerez
from jerez_pos.ledger import identidad
from jerez_pos.ledger.comun import canonico
from jerez_pos.ledger.identidad import Identidad

ARCHIVO = "diario.jsonl"
CADENA = ("recibo", "anulacion")
_registro = logging.getLogger(__name__)
_hilos = ThreadPoolExecutor(max_workers=2, thread_name_prefix="diario-fsync")
_candado = threading.Lock()
# How the journal's fsync meets SQLite's commit: in a worker thread (both fsyncs overlap; the hand-off costs
# from ~30 µs on an idle CPU to ~1 ms on a busy one, GIL and scheduler) or in line after the commit (two
# fsyncs queued; nothing to hand off). Which is cheaper depends on the disk and on the load of the moment,
# so each process measures both: per mode, the moving average of commit + journal fsync (``lanzar`` to the
# end of ``esperar``); the cheaper one is used and, every ``SONDEO`` transactions, the other is tried again so
# a change of load is noticed. Durability is the same either way: the caller waits for both fsyncs.
HILO, EN_LINEA = "hilo", "en_linea"
SONDEO = 16
_media_modo: dict[str, float | None] = {HILO: None, EN_LINEA: None}
_transacciones = [0]


def _elegir_modo() -> str:
    _transacciones[0] += 1
    hilo, en_linea = _media_modo[HILO], _media_modo[EN_LINEA]
    if en_linea is None:
        return EN_LINEA
    if hilo is None:
        return HILO
    mejor, otro = (HILO, EN_LINEA) if hilo < en_linea else (EN_LINEA, HILO)
    return otro if _transacciones[0] % SONDEO == 0 else mejor


def _medir_modo(modo: str, segundos: float) -> None:
    previa = _media_modo[modo]
    _media_modo[modo] = segundos if previa is None else 0.8 * previa + 0.2 * segundos


class DiarioIlegible(ErrorJerez):
    pass


@dataclass(frozen=True)
class Linea:
    tipo: str
    id: int | None
    eslabon: int | None
    previo: str | None
    hash: str
    firma: str
    texto: str

    def cuerpo(self) -> dict[str, Any]:
        return {
            "tipo": self.tipo,
            "id": self.id,
            "eslabon": self.eslabon,
            "previo": self.previo,
            "hash": self.hash,
            "firma": self.firma,
            "texto": self.texto,
        }

    def bytes_(self) -> bytes:
        cuerpo = self.cuerpo()
        cuerpo["suma"] = hashlib.sha256(canonico(cuerpo)).hexdigest()[:32]
        return canonico(cuerpo) + b"\n"

    def documento(self) -> dict[str, Any]:
        datos: dict[str, Any] = json.loads(self.texto)
        return datos


def _sha(datos: bytes) -> bytes:
    return hashlib.sha256(datos).digest()


def de_bytes(crudo: bytes, publica: Ed25519PublicKey | None) -> Linea | None:
    """The line if every check passes, else None (torn, damaged or forged). ``publica`` None: the
    identity line, which carries its own key."""
    try:
        datos = json.loads(crudo)
        suma = datos.pop("suma")
        linea = Linea(**datos)
        if hashlib.sha256(canonico(datos)).hexdigest()[:32] != suma:
            return None
        texto = linea.texto.encode("utf-8")
        documento = json.loads(texto)
        if documento.get("tipo") != linea.tipo:
            return None
        if linea.tipo in CADENA:
            if linea.previo is None or _sha(bytes.fromhex(linea.previo) + texto).hex() != linea.hash:
                return None
        elif _sha(texto).hex() != linea.hash:
            return None
        if publica is None:
            if linea.tipo != "identidad":
                return None
            publica = Ed25519PublicKey.from_public_bytes(bytes.fromhex(documento["llave_publica"]))
        publica.verify(bytes.fromhex(linea.firma), bytes.fromhex(linea.hash))
    except (ValueError, TypeError, KeyError, AttributeError, InvalidSignature):
        return None
    return linea


# -- locations -------------------------------------------------------------------------------------------------
# Per data home: the identity of ``ajustes.toml`` when its locations were read, and those locations. Every
# charge asks; reading and parsing the TOML each time cost more than the rest of the journal's work.
_cache_destinos: dict[Path, tuple[tuple[int, int, int] | None, tuple[Path, ...]]] = {}


@cache
def _ajustes(directorio: Path) -> Path:
    from jerez_pos.ledger.arranque import AJUSTES  # late: arranque imports this module

    return directorio / AJUSTES


def destinos(directorio: Path) -> list[Path]:
    from jerez_pos.ledger.arranque import destinos_de_respaldo  # late: arranque imports this module

    try:
        estado = os.stat(_ajustes(directorio))
        clave: tuple[int, int, int] | None = (estado.st_ino, estado.st_size, estado.st_mtime_ns)
    except OSError:
        clave = None
    guardado = _cache_destinos.get(directorio)
    if guardado is not None and guardado[0] == clave:
        return list(guardado[1])
    try:
        rutas = tuple(d / ARCHIVO for d in destinos_de_respaldo(directorio))
    except ErrorJerez:
        return [directorio / "respaldos" / ARCHIVO]  # unreadable settings: not remembered, asked again
    _cache_destinos[directorio] = (clave, rutas)
    return list(rutas)


@cache  # asked twice per charge: the path is built once per data home
def primario(directorio: Path) -> Path:
    return directorio / "respaldos" / ARCHIVO


def directorio_de(bd: Engine | Connection) -> Path:
    ruta = (bd.engine if isinstance(bd, Connection) else bd).url.database
    assert ruta, "la base del libro debe ser un archivo"
    return _carpeta(ruta)


@cache
def _carpeta(ruta: str) -> Path:
    return Path(ruta).parent


# -- signing ------------------------------------------------------------------------------------------------------
@cache
def _llave(directorio: Path, ident: Identidad) -> Ed25519PrivateKey:
    return identidad.llave_privada(directorio, ident)


def linea_cadena(tipo: str, id_: int, eslabon: int, previo: bytes, hash_: bytes, firma: bytes, texto: str) -> Linea:
    return Linea(tipo, id_, eslabon, previo.hex(), hash_.hex(), firma.hex(), texto)


def linea_firmada(directorio: Path, ident: Identidad, tipo: str, id_: int | None, documento: dict[str, Any]) -> Linea:
    texto = canonico({"tipo": tipo, **documento})
    hash_ = _sha(texto)
    return Linea(tipo, id_, None, None, hash_.hex(), _llave(directorio, ident).sign(hash_).hex(), texto.decode())


def linea_identidad(directorio: Path, ident: Identidad, creada_en: str) -> Linea:
    documento = {
        "municipio": ident.municipio,
        "delegacion": ident.delegacion,
        "nombre": ident.nombre,
        "serie": ident.serie,
        "llave_publica": ident.llave_publica.hex(),
        "demo": ident.demo,
        "creada_en": creada_en,
    }
    return linea_firmada(directorio, ident, "identidad", 1, documento)


def identidad_de(linea: Linea) -> tuple[Identidad, str]:
    d = linea.documento()
    ident = Identidad(
        d["municipio"], d["delegacion"], d["nombre"], d["serie"], bytes.fromhex(d["llave_publica"]), bool(d["demo"])
    )
    return ident, str(d["creada_en"])


# -- reading --------------------------------------------------------------------------------------------------------
def primera(ruta: Path) -> Linea | None:
    """The identity line, or None when the file is missing, empty or its first line is not valid."""
    try:
        with ruta.open("rb") as archivo:
            crudo = archivo.readline(1 << 16)
    except OSError:
        return None
    return de_bytes(crudo, None) if crudo.endswith(b"\n") else None


@dataclass
class Lectura:
    identidad: Linea
    lineas: list[Linea]
    danadas: list[int]  # 1-based line numbers that failed their checks (a torn tail among them)


def lineas(ruta: Path) -> Iterator[tuple[int, Linea | None]]:
    """Every line after the identity with its number: the line, or None when it fails its checks."""
    cabeza = primera(ruta)
    if cabeza is None:
        raise DiarioIlegible(f"diario: {ruta} no existe o su primera línea (identidad) no es válida")
    publica = Ed25519PublicKey.from_public_bytes(identidad_de(cabeza)[0].llave_publica)
    with ruta.open("rb") as archivo:
        archivo.readline(1 << 16)
        for numero, crudo in enumerate(archivo, 2):
            yield numero, de_bytes(crudo, publica) if crudo.endswith(b"\n") else None


def leer_todo(ruta: Path) -> Lectura:
    """The whole journal, descartes applied (a discarded line and its descarte are both left out)."""
    cabeza = primera(ruta)
    validas: list[Linea] = []
    danadas: list[int] = []
    for numero, linea in lineas(ruta):
        if linea is None:
            danadas.append(numero)
        else:
            validas.append(linea)
    descartadas = {ln.documento()["hash"] for ln in validas if ln.tipo == "descarte"}
    assert cabeza is not None
    return Lectura(cabeza, [ln for ln in validas if ln.tipo != "descarte" and ln.hash not in descartadas], danadas)


def descartadas(ruta: Path, publica: Ed25519PublicKey) -> set[str]:
    """Hashes cancelled by ``descarte`` lines; a cheap pass (only those lines are parsed and checked), so a
    streaming reader knows them before it meets the lines they cancel."""
    resultado: set[str] = set()
    with ruta.open("rb") as archivo:
        for crudo in archivo:
            if b'"tipo":"descarte"' in crudo:
                linea = de_bytes(crudo, publica)
                if linea is not None and linea.tipo == "descarte":
                    resultado.add(linea.documento()["hash"])
    return resultado


def vigentes(ruta: Path) -> Iterator[Linea]:
    """Valid lines in order, descartes applied, without holding the file in memory."""
    cabeza = primera(ruta)
    if cabeza is None:
        raise DiarioIlegible(f"diario: {ruta} no existe o su primera línea (identidad) no es válida")
    fuera = descartadas(ruta, Ed25519PublicKey.from_public_bytes(identidad_de(cabeza)[0].llave_publica))
    for _, linea in lineas(ruta):
        if linea is not None and linea.tipo != "descarte" and linea.hash not in fuera:
            yield linea


def cola(ruta: Path, publica: Ed25519PublicKey, bloque: int = 1 << 16) -> Iterator[Linea]:
    """Valid lines from the end backwards, descartes applied; reads only as much as the caller consumes."""
    descartadas: set[str] = set()
    with ruta.open("rb") as archivo:
        fin = archivo.seek(0, os.SEEK_END)
        resto = b""
        while fin > 0:
            inicio = max(0, fin - bloque)
            archivo.seek(inicio)
            trozo = archivo.read(fin - inicio) + resto
            fin = inicio
            partes = trozo.split(b"\n")
            resto = partes[0] if inicio > 0 else b""
            completas = partes[1:] if inicio > 0 else partes
            for crudo in reversed(completas):
                linea = de_bytes(crudo + b"\n", publica) if crudo else None
                if linea is None or linea.tipo == "identidad":
                    continue
                if linea.tipo == "descarte":
                    descartadas.add(linea.documento()["hash"])
                elif linea.hash not in descartadas:
                    yield linea


# -- writing --------------------------------------------------------------------------------------------------------
def _fsync(descriptor: int) -> None:
    os.fsync(descriptor)


def _escribir(descriptor: int, datos: bytes) -> None:
    vista = memoryview(datos)
    while vista:  # a regular file takes it whole in practice; the loop makes it a guarantee
        vista = vista[os.write(descriptor, vista) :]


def anotar_en_lotes(directorio: Path, lineas: Iterator[Linea], lote: int = 2000) -> None:
    """Committed rows (a rebuild, a heal): written and fsynced in batches, never the whole ledger in memory."""
    pendiente = Pendiente(directorio)
    grupo: list[Linea] = []
    for linea in lineas:
        grupo.append(linea)
        if len(grupo) >= lote:
            pendiente.anotar(*grupo)
            grupo = []
    pendiente.anotar(*grupo)
    pendiente.esperar()


def _abrir_para_anexar(ruta: Path) -> tuple[int, os.stat_result]:
    """The descriptor to append with and the file's state once it ends in a newline."""
    banderas = os.O_RDWR | os.O_CREAT | os.O_APPEND
    try:
        descriptor = os.open(ruta, banderas, 0o600)
    except FileNotFoundError:  # first line of a new location (the folder is created only then)
        ruta.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(ruta, banderas, 0o600)
    estado = os.fstat(descriptor)
    if estado.st_size and os.pread(descriptor, 1, estado.st_size - 1) != b"\n":
        os.write(descriptor, b"\n")  # a torn line from a crash: close it so it stays alone
        estado = os.fstat(descriptor)
    return descriptor, estado


def _poner_al_dia(origen: Path, destino: Path) -> None:
    """Makes ``destino`` byte-identical to ``origen``: appends the missing tail when it is a prefix,
    otherwise replaces it atomically."""
    tam_destino = destino.stat().st_size if destino.exists() else 0
    tam_origen = origen.stat().st_size
    if tam_destino == tam_origen:
        return
    with origen.open("rb") as fuente:
        prefijo = tam_destino > 0 and tam_destino < tam_origen
        if prefijo:
            muestra = min(4096, tam_destino)
            fuente.seek(tam_destino - muestra)
            with destino.open("rb") as otro:
                otro.seek(tam_destino - muestra)
                prefijo = fuente.read(muestra) == otro.read(muestra)
        if prefijo:
            fuente.seek(tam_destino)
            with destino.open("ab") as salida:
                while trozo := fuente.read(1 << 20):
                    salida.write(trozo)
                salida.flush()
                os.fsync(salida.fileno())
            return
        fuente.seek(0)
        destino.parent.mkdir(parents=True, exist_ok=True)
        temporal = destino.with_suffix(".parcial")
        with temporal.open("wb") as salida:
            while trozo := fuente.read(1 << 20):
                salida.write(trozo)
            salida.flush()
            os.fsync(salida.fileno())
    os.replace(temporal, destino)


def sincronizar_secundarios(directorio: Path) -> list[str]:
    """Brings every second location up to date with the primary journal; a failure is a warning."""
    avisos: list[str] = []
    origen = primario(directorio)
    if not origen.exists():
        return avisos
    for destino in destinos(directorio)[1:]:
        try:
            _poner_al_dia(origen, destino)
        except OSError as exc:
            avisos.append(f"diario en {destino.parent}: no se pudo escribir ({exc}); revise la unidad")
    return avisos


class Pendiente:
    """Lines written inside one ledger transaction, their fsyncs in flight while SQLite commits."""

    def __init__(self, directorio: Path) -> None:
        self.directorio = directorio
        self.escritas: list[Linea] = []
        self._futuros: list[tuple[Path, Future[None] | None, int]] = []
        self.avisos: list[str] = []
        self.ident: Identidad | None = None  # set by ``transaccion``: None while no terminal is registered
        self._modo: tuple[str, float] | None = None  # set by ``lanzar``: the mode chosen and when the commit began

    def anotar(self, *nuevas: Linea) -> None:
        """Writes (not yet fsyncs) the lines to every location. The primary failing aborts the caller's
        transaction: a receipt the journal could not hold is not charged."""
        if not nuevas:
            return
        datos = b"".join(ln.bytes_() for ln in nuevas)
        todos = destinos(self.directorio)
        with _candado:
            descriptor, antes = _abrir_para_anexar(todos[0])
            tamano_previo = antes.st_size
            try:
                _escribir(descriptor, datos)
            except OSError as exc:
                os.close(descriptor)
                raise ErrorJerez(
                    f"diario: no se pudo escribir en {todos[0]} ({exc}); no se guardó nada. "
                    "Libere espacio en el disco y vuelva a intentar"
                ) from None
            self._futuros.append((todos[0], None, descriptor))
            from jerez_pos.ledger import marca  # late: marca builds on this module

            marca.recordar(todos[0], antes, os.fstat(descriptor), nuevas)
            for destino in todos[1:]:
                self._secundario(todos[0], destino, tamano_previo, datos)
        self.escritas.extend(nuevas)

    def _secundario(self, origen: Path, destino: Path, tamano_previo: int, datos: bytes) -> None:
        try:
            actual = destino.stat().st_size if destino.exists() else 0
            if actual != tamano_previo:
                _poner_al_dia(origen, destino)  # it was missing or behind: now it holds our line too
                return
            descriptor, _ = _abrir_para_anexar(destino)
            _escribir(descriptor, datos)
            self._futuros.append((destino, None, descriptor))
        except OSError as exc:
            aviso = f"diario en {destino.parent}: no se pudo escribir ({exc}); revise la unidad"
            _registro.warning(aviso)
            self.avisos.append(aviso)

    def lanzar(self) -> None:
        """Starts the fsyncs in the worker threads; called right before the commit, whose own fsync
        releases the GIL, so the worker runs while SQLite waits on the disk (started earlier, the worker
        would fight the main thread for the GIL while it still builds rows)."""
        if not self._futuros:
            return
        modo = _elegir_modo()
        self._modo = (modo, time.perf_counter())
        if modo == HILO:
            self._futuros = [(d, f or _hilos.submit(_fsync, fd), fd) for d, f, fd in self._futuros]

    def esperar(self) -> None:
        """Blocks until every written line is on disk (the caller then tells the cashier)."""
        for destino, futuro, descriptor in self._futuros:
            try:
                if futuro is None or futuro.cancel():  # never started (fast disk, busy CPU): do it here
                    _fsync(descriptor)
                else:
                    futuro.result()
            except OSError as exc:
                aviso = f"diario en {destino.parent}: no se pudo asegurar en disco ({exc})"
                _registro.warning(aviso)
                self.avisos.append(aviso)
            finally:
                os.close(descriptor)
        self._futuros.clear()
        if self._modo is not None:
            _medir_modo(self._modo[0], time.perf_counter() - self._modo[1])
            self._modo = None

    def descartar(self, ident: Identidad | None) -> None:
        """The transaction did not commit: a signed descarte cancels each line it wrote."""
        self.esperar()
        if not self.escritas or ident is None:
            return
        lineas_ = [linea_firmada(self.directorio, ident, "descarte", None, {"hash": ln.hash}) for ln in self.escritas]
        self.escritas = []
        try:
            self.anotar(*lineas_)
            self.esperar()
        except (OSError, ErrorJerez) as exc:  # the start-up check still finds the ledger without it
            _registro.warning("diario: no se pudo anotar el descarte (%s)", exc)
        self.escritas = []


@contextmanager
def transaccion(bd: Engine) -> Iterator[tuple[Connection, Pendiente]]:
    """``bd.begin()`` whose journal lines are fsynced alongside the commit, or cancelled when it fails."""
    pendiente = Pendiente(directorio_de(bd))
    ident: Identidad | None = None
    try:
        with bd.begin() as conexion:
            ident = pendiente.ident = identidad.identidad_en(conexion)
            if ident is not None:
                from jerez_pos.ledger import marca  # late: marca builds on this module

                marca.asegurar_diario(conexion, ident, pendiente)
            yield conexion, pendiente
            pendiente.lanzar()
    except BaseException:
        pendiente.descartar(ident)
        raise
    pendiente.esperar()
