"""``jerez-pos diagnostico``: is this PC fit to charge? Plain Spanish verdicts for support staff.

Each revision says BIEN, ATENCIÓN (works, but look at it) or MAL (fix before charging); the command exits
1 when any says MAL. Diagnosing changes nothing: the ledger is opened read-only and never created or
migrated, and no backup is made. The only writes are a few small files in a temporary folder inside the
data home to time ``fsync`` (each SQLite commit waits for one), removed right after.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jerez_pos import config
from jerez_pos.core.errores import ErrorJerez

MB = 1024 * 1024
LIBRE_MAL_MB = 200
LIBRE_ATENCION_MB = 1024
FSYNC_MUESTRAS = 7
FSYNC_ATENCION_MS = 25.0
FSYNC_MAL_MS = 100.0
RESPALDO_ATENCION = dt.timedelta(hours=26)
RESPALDO_MAL = dt.timedelta(days=7)
PENDIENTES_ATENCION = dt.timedelta(days=1)
PENDIENTES_MAL = dt.timedelta(days=3)
ESPERA_CENTRAL_S = 5.0
AÑO_MINIMO = 2024  # the law in the catalog is for 2024: an earlier clock is certainly wrong


class Veredicto(enum.IntEnum):
    BIEN = 0
    ATENCION = 1
    MAL = 2

    @property
    def texto(self) -> str:
        return ("BIEN", "ATENCIÓN", "MAL")[self.value]


@dataclass(frozen=True)
class Revision:
    nombre: str
    veredicto: Veredicto
    detalle: str

    def linea(self) -> str:
        return f"{self.veredicto.texto:<9}{self.nombre}: {self.detalle}"

    def a_dict(self) -> dict[str, str]:
        return {"nombre": self.nombre, "veredicto": self.veredicto.texto, "detalle": self.detalle}


@contextmanager
def _solo_lectura(ruta: Path) -> Iterator[sqlite3.Connection]:
    with closing(sqlite3.connect(f"file:{ruta}?mode=ro", uri=True, timeout=15)) as conexion:
        yield conexion


def _tamano(mb: float) -> str:
    return f"{mb / 1024:.1f} GB" if mb >= 1024 else f"{mb:.0f} MB"


def carpeta(directorio: Path) -> Revision:
    existente = directorio
    while not existente.exists() and existente != existente.parent:
        existente = existente.parent
    libre_mb = shutil.disk_usage(existente).free / MB
    if not directorio.exists():
        return Revision(
            "carpeta de datos",
            Veredicto.ATENCION,
            f"{directorio} aún no existe (se crea al primer arranque); {_tamano(libre_mb)} libres",
        )
    if not os.access(directorio, os.W_OK):
        return Revision("carpeta de datos", Veredicto.MAL, f"{directorio}: el usuario no puede escribir en ella")
    veredicto = Veredicto.BIEN
    if libre_mb < LIBRE_MAL_MB:
        veredicto = Veredicto.MAL
    elif libre_mb < LIBRE_ATENCION_MB:
        veredicto = Veredicto.ATENCION
    consejo = "" if veredicto is Veredicto.BIEN else "; libere espacio en el disco"
    return Revision("carpeta de datos", veredicto, f"{directorio}, {_tamano(libre_mb)} libres{consejo}")


def latencia_fsync(directorio: Path, muestras: int = FSYNC_MUESTRAS) -> list[float]:
    """Milliseconds to write 4 KiB and ``fsync`` it, once per sample, each in a new file."""
    directorio.mkdir(parents=True, exist_ok=True)
    tiempos: list[float] = []
    with tempfile.TemporaryDirectory(prefix=".diagnostico-", dir=directorio) as temporal:
        bloque = os.urandom(4096)
        for n in range(muestras):
            inicio = time.perf_counter()
            descriptor = os.open(Path(temporal) / f"muestra-{n}", os.O_WRONLY | os.O_CREAT, 0o600)
            try:
                os.write(descriptor, bloque)
                os.fsync(descriptor)
            finally:
                os.close(descriptor)
            tiempos.append((time.perf_counter() - inicio) * 1000)
    return tiempos


def disco(directorio: Path) -> Revision:
    if not directorio.exists():
        return Revision("disco (fsync)", Veredicto.ATENCION, "sin carpeta de datos todavía; no se midió")
    tiempos = latencia_fsync(directorio)
    mediana = statistics.median(tiempos)
    detalle = f"mediana {mediana:.1f} ms por escritura confirmada ({len(tiempos)} muestras, máx {max(tiempos):.1f})"
    if mediana >= FSYNC_MAL_MS:
        return Revision("disco (fsync)", Veredicto.MAL, f"{detalle}; el disco es muy lento para cobrar")
    if mediana >= FSYNC_ATENCION_MS:
        return Revision("disco (fsync)", Veredicto.ATENCION, f"{detalle}; disco lento, cada cobro tardará más")
    return Revision("disco (fsync)", Veredicto.BIEN, detalle)


def base(ruta: Path) -> Revision:
    from jerez_pos.ledger.migraciones import version_codigo

    if not ruta.exists():
        return Revision("base de datos", Veredicto.ATENCION, f"{ruta} aún no existe (se crea al primer arranque)")
    try:
        with _solo_lectura(ruta) as conexion:
            fila = conexion.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = [str(f[0]) for f in conexion.execute("PRAGMA quick_check")]
            recibos = conexion.execute("SELECT count(*) FROM recibo").fetchone()[0] if fila else 0
    except sqlite3.DatabaseError as exc:
        return Revision("base de datos", Veredicto.MAL, f"{ruta} no se puede leer ({exc}); avise a soporte")
    if revision != ["ok"]:
        return Revision(
            "base de datos",
            Veredicto.MAL,
            f"archivo dañado ({'; '.join(revision[:2])}); restaure "
            "el último respaldo con «jerez-pos restaurar ARCHIVO»",
        )
    esquema, codigo = (str(fila[0]) if fila else None), version_codigo()
    if esquema != codigo:
        return Revision(
            "base de datos",
            Veredicto.ATENCION,
            f"esquema «{esquema}», el programa usa «{codigo}»; se "
            "actualiza (con respaldo previo) al abrir la aplicación",
        )
    return Revision("base de datos", Veredicto.BIEN, f"{ruta.name}: esquema al día, quick_check ok, {recibos} recibos")


def _ultimo_movimiento(ruta: Path) -> dt.datetime | None:
    with _solo_lectura(ruta) as conexion:
        fechas = [
            conexion.execute(f"SELECT max(fecha) FROM {tabla}").fetchone()[0] for tabla in ("recibo", "anulacion")
        ]
        liberada = _liberacion_de_la_punta(conexion)
    if liberada is not None:  # a supervisor confirmed the clock after a future-dated link: that is the reference
        return dt.datetime.fromisoformat(liberada)
    presentes = [dt.datetime.fromisoformat(f) for f in fechas if f]
    return max(presentes) if presentes else None


def _liberacion_de_la_punta(conexion: sqlite3.Connection) -> str | None:
    """The time of a clock liberación recorded at the chain's last link (``jerez-pos reloj liberar``)."""
    if not conexion.execute("SELECT 1 FROM sqlite_master WHERE name = 'reloj_liberacion'").fetchone():
        return None
    fila = conexion.execute(
        "SELECT l.fecha FROM reloj_liberacion l JOIN (SELECT eslabon, hash FROM recibo UNION ALL "
        "SELECT eslabon, hash FROM anulacion ORDER BY eslabon DESC LIMIT 1) p "
        "ON p.eslabon = l.eslabon AND p.hash = l.hash_punta ORDER BY l.id DESC LIMIT 1"
    ).fetchone()
    return None if fila is None else str(fila[0])


def reloj(ruta: Path, ahora: dt.datetime | None = None) -> Revision:
    ahora = ahora or dt.datetime.now()
    texto = f"hora del sistema {ahora:%Y-%m-%d %H:%M}"
    if ahora.year < AÑO_MINIMO:
        return Revision("reloj", Veredicto.MAL, f"{texto}: fecha imposible; corrija la fecha de la computadora")
    try:
        ultimo = _ultimo_movimiento(ruta) if ruta.exists() else None
    except (sqlite3.DatabaseError, ValueError) as exc:
        return Revision("reloj", Veredicto.ATENCION, f"{texto}; no se pudo leer el último recibo ({exc})")
    if ultimo is None:
        return Revision("reloj", Veredicto.BIEN, f"{texto}; aún no hay recibos con qué compararla")
    if ahora < ultimo:
        return Revision(
            "reloj",
            Veredicto.MAL,
            f"{texto}, anterior al último recibo ({ultimo:%Y-%m-%d %H:%M}); corrija la fecha y hora antes de cobrar "
            "(si la hora es la correcta, un supervisor la autoriza con «jerez-pos reloj liberar»)",
        )
    if ahora - ultimo > dt.timedelta(days=366):
        return Revision(
            "reloj",
            Veredicto.ATENCION,
            f"{texto}, más de un año después del último recibo ({ultimo:%Y-%m-%d}); confirme que la fecha es correcta",
        )
    return Revision("reloj", Veredicto.BIEN, f"{texto}; último recibo {ultimo:%Y-%m-%d %H:%M}")


def impresora(directorio: Path) -> Revision:
    from jerez_pos.printing import ajustes as modulo_ajustes
    from jerez_pos.printing.conexiones import Estado, abrir_impresora

    ajustes = modulo_ajustes.leer(directorio)
    if ajustes.impresora is None:
        return Revision(
            "impresora",
            Veredicto.ATENCION,
            "no hay impresora configurada (jerez-pos impresora configurar); los recibos no se imprimirán",
        )
    destino = ajustes.impresora
    estado = abrir_impresora(destino, ajustes.perfil, directorio).estado()
    detalle = f"{destino} ({ajustes.ancho} mm): {estado.value}"
    if estado in (Estado.SIN_PAPEL, Estado.FUERA_DE_LINEA):
        return Revision("impresora", Veredicto.MAL, f"{detalle}; revise que esté encendida, conectada y con papel")
    if estado is Estado.POCO_PAPEL:
        return Revision("impresora", Veredicto.ATENCION, f"{detalle}; cambie el rollo pronto")
    if estado is Estado.DESCONOCIDO and destino.con_retorno:
        return Revision("impresora", Veredicto.ATENCION, f"{detalle}; la impresora no contestó")
    if estado is Estado.DESCONOCIDO:
        return Revision("impresora", Veredicto.BIEN, f"{detalle} (esta conexión no informa su estado)")
    return Revision("impresora", Veredicto.BIEN, detalle)


def _sincronizacion(directorio: Path) -> tuple[str | None, int, dt.datetime | None]:
    """(server URL, records waiting to be sent, the oldest one's time) from the ledger and the sync file."""
    from jerez_pos.sync.libro import ARCHIVO

    servidor: str | None = None
    confirmados: set[int] = set()
    archivo = directorio / ARCHIVO
    if archivo.exists():
        with _solo_lectura(archivo) as conexion:
            fila = conexion.execute("SELECT valor FROM ajuste WHERE clave = 'servidor'").fetchone()
            servidor = str(fila[0]) if fila and fila[0] else None
            confirmados = {int(f[0]) for f in conexion.execute("SELECT outbox_id FROM confirmado")}
    ruta = config.ruta_bd(directorio)
    if not ruta.exists():
        return servidor, 0, None
    with _solo_lectura(ruta) as conexion:
        filas = conexion.execute(
            "SELECT id, creado_en FROM outbox WHERE tipo IN ('recibo', 'anulacion') ORDER BY id"
        ).fetchall()
    pendientes = [f for f in filas if int(f[0]) not in confirmados]
    antiguo = dt.datetime.fromisoformat(pendientes[0][1]) if pendientes else None
    return servidor, len(pendientes), antiguo


def _alcanzar(servidor: str) -> tuple[bool, str]:
    import httpx

    inicio = time.perf_counter()
    try:
        with httpx.Client(timeout=ESPERA_CENTRAL_S, trust_env=False) as cliente:
            respuesta = cliente.get(servidor.rstrip("/") + "/v1/paquetes/ultimo")
    except httpx.HTTPError as exc:
        return False, f"{servidor} no responde ({type(exc).__name__})"
    ms = (time.perf_counter() - inicio) * 1000
    return True, f"{servidor} responde (HTTP {respuesta.status_code}, {ms:.0f} ms)"


def central(directorio: Path, ahora: dt.datetime | None = None) -> Revision:
    ahora = ahora or dt.datetime.now()
    servidor, pendientes, antiguo = _sincronizacion(directorio)
    if servidor is None:
        espera = f"; {pendientes} registros sin enviar" if pendientes else ""
        texto = f"la terminal no está inscrita en una central (jerez-pos registrar){espera}"
        return Revision("central", Veredicto.ATENCION, texto)
    alcanzable, detalle = _alcanzar(servidor)
    if not alcanzable:
        espera = f"; {pendientes} registros esperan envío" if pendientes else ""
        return Revision("central", Veredicto.MAL, f"{detalle}{espera}; revise la red o el servidor")
    if antiguo is None:
        return Revision("central", Veredicto.BIEN, f"{detalle}; nada pendiente de enviar")
    detalle += f"; {pendientes} registros por enviar, el más antiguo del {antiguo:%Y-%m-%d %H:%M}"
    if ahora - antiguo > PENDIENTES_MAL:
        return Revision("central", Veredicto.MAL, f"{detalle}; sincronice (jerez-pos sincronizar)")
    if ahora - antiguo > PENDIENTES_ATENCION:
        return Revision("central", Veredicto.ATENCION, f"{detalle}; la sincronización va atrasada")
    return Revision("central", Veredicto.BIEN, detalle)


def respaldos(directorio: Path, ahora: dt.datetime | None = None) -> list[Revision]:
    from jerez_pos.ledger.arranque import destinos_de_respaldo
    from jerez_pos.ledger.respaldo import PREFIJO

    ahora = ahora or dt.datetime.now()
    revisiones: list[Revision] = []
    for n, destino in enumerate(destinos_de_respaldo(directorio)):
        nombre = "respaldo" if n == 0 else "respaldo externo"
        copias = sorted(destino.glob(f"{PREFIJO}*.sqlite3")) if destino.is_dir() else []
        if not copias:
            falta = "la unidad no está conectada" if n and not destino.exists() else "no hay ninguna copia"
            revisiones.append(Revision(nombre, Veredicto.MAL, f"{destino}: {falta}"))
            continue
        ultimo = dt.datetime.fromtimestamp(copias[-1].stat().st_mtime)
        edad = ahora - ultimo
        detalle = f"{destino}: el último es de {ultimo:%Y-%m-%d %H:%M} ({_edad(edad)}), {len(copias)} copias"
        veredicto = Veredicto.BIEN
        if edad > RESPALDO_MAL:
            veredicto = Veredicto.MAL
        elif edad > RESPALDO_ATENCION:
            veredicto = Veredicto.ATENCION
        revisiones.append(Revision(nombre, veredicto, detalle))
    return revisiones


def _edad(edad: dt.timedelta) -> str:
    horas = edad.total_seconds() / 3600
    return f"hace {horas:.0f} h" if horas < 48 else f"hace {horas / 24:.0f} días"


def _protegida(nombre: str, funcion: Callable[[], Any]) -> list[Revision]:
    """A revision that breaks is itself a finding, never a traceback."""
    try:
        resultado = funcion()
    except ErrorJerez as exc:
        return [Revision(nombre, Veredicto.MAL, str(exc))]
    except Exception as exc:  # a broken revision must not hide the others
        return [Revision(nombre, Veredicto.MAL, f"no se pudo revisar ({type(exc).__name__}: {str(exc)[:160]})")]
    return resultado if isinstance(resultado, list) else [resultado]


def diagnosticar(directorio: Path | None = None) -> list[Revision]:
    directorio = directorio or config.home()
    ruta = config.ruta_bd(directorio)
    return [
        *_protegida("carpeta de datos", lambda: carpeta(directorio)),
        *_protegida("disco (fsync)", lambda: disco(directorio)),
        *_protegida("base de datos", lambda: base(ruta)),
        *_protegida("reloj", lambda: reloj(ruta)),
        *_protegida("impresora", lambda: impresora(directorio)),
        *_protegida("central", lambda: central(directorio)),
        *_protegida("respaldo", lambda: respaldos(directorio)),
    ]


def veredicto_general(revisiones: list[Revision]) -> Veredicto:
    return max((r.veredicto for r in revisiones), default=Veredicto.BIEN)
