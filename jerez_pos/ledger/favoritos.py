"""What fills Cobro's search list before anything is typed: this terminal's favourites, then its most charged.

Favourites are a terminal preference, not a fiscal record, so they live in the data home next to
``ajustes.toml`` rather than in the ledger (no migration, nothing to sync). The file is an append-only
journal, one ``+CLAVE`` or ``-CLAVE`` per line with its date and a CRC-32: marking and unmarking never rewrite
what was there, a torn line (power cut) fails its CRC and is skipped, and the list is the journal replayed in
order. The most charged concepts come from the receipt lines of the last days, voided receipts left out.
"""

from __future__ import annotations

import datetime as dt
import os
import zlib
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, text

from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.core.modelo import Catalogo
from jerez_pos.ledger.base import lector

ARCHIVO = "favoritos.txt"
DIAS = 30
MAXIMO_FAVORITOS = 40
DIAS_MAXIMOS = 3660


@dataclass(frozen=True)
class Sugerido:
    clave: str
    tipo: str  # "concepto" | "giro"
    descripcion: str
    motivo: str  # "favorito" | "cobrado"
    veces: int  # receipts in the window (0 for a favourite never charged there)


def _ruta(directorio: Path) -> Path:
    return directorio / ARCHIVO


def listar(directorio: Path) -> list[str]:
    """Favourite keys in the order they were marked (a key marked again after removal goes last)."""
    ruta = _ruta(directorio)
    if not ruta.exists():
        return []
    claves: dict[str, None] = {}
    # Only lines that end in a newline were written whole; the text after the last one is a torn write.
    for renglon in ruta.read_text(encoding="utf-8", errors="replace").split("\n")[:-1]:
        partes = renglon.split("\t")
        if len(partes) != 3 or partes[2] != _suma(partes[0], partes[1]) or partes[1][:1] not in "+-":
            continue  # a torn or foreign line: skip it, never fail the cashier's screen for it
        signo, clave = partes[1][0], partes[1][1:]
        claves.pop(clave, None)
        if signo == "+":
            claves[clave] = None
    return list(claves)


def canonica(catalogo: Catalogo, crudo: str) -> str:
    """The catalog's spelling of a typed key (``a85-ii`` → ``A85-II``), or a Spanish error naming it."""
    clave = crudo.strip()
    if not clave:
        raise ErrorEntrada("clave", "escriba la clave de un concepto del catálogo, p. ej. A85-II")
    por_minusculas = {c.lower(): c for c in catalogo.conceptos}
    encontrada = por_minusculas.get(clave.lower())
    if encontrada is None:
        raise ErrorEntrada(
            "clave", f"«{clave[:40]}» no existe en el catálogo vigente; búsquela con «jerez-pos conceptos --buscar»"
        )
    return encontrada


def _suma(fecha: str, operacion: str) -> str:
    return format(zlib.crc32((fecha + "\t" + operacion).encode()), "08x")


def _anotar(directorio: Path, operacion: str) -> None:
    directorio.mkdir(parents=True, exist_ok=True)
    ruta = _ruta(directorio)
    cortado = ruta.exists() and ruta.stat().st_size > 0 and not ruta.read_bytes().endswith(b"\n")
    with ruta.open("a", encoding="utf-8") as f:
        if cortado:
            f.write("\n")  # close a torn line so it stays alone (and ignored) instead of spoiling this one
        fecha = dt.datetime.now().isoformat(timespec="seconds")
        f.write(f"{fecha}\t{operacion}\t{_suma(fecha, operacion)}\n")
        f.flush()
        os.fsync(f.fileno())


def agregar(directorio: Path, catalogo: Catalogo, crudo: str) -> tuple[str, bool]:
    """Mark a favourite; returns the key and whether it is new (marking twice changes nothing)."""
    clave = canonica(catalogo, crudo)
    actuales = listar(directorio)
    if clave in actuales:
        return clave, False
    if len(actuales) >= MAXIMO_FAVORITOS:
        raise ErrorEntrada("clave", f"ya hay {MAXIMO_FAVORITOS} favoritos, el máximo; quite uno antes de agregar otro")
    _anotar(directorio, "+" + clave)
    return clave, True


def quitar(directorio: Path, crudo: str) -> str:
    clave = crudo.strip()
    actuales = {c.lower(): c for c in listar(directorio)}
    encontrada = actuales.get(clave.lower())
    if encontrada is None:
        raise ErrorEntrada("clave", f"«{clave[:40]}» no está entre los favoritos de esta terminal")
    _anotar(directorio, "-" + encontrada)
    return encontrada


def mas_cobrados(bd: Engine, dias: int = DIAS, limite: int = 10, hoy: dt.date | None = None) -> list[tuple[str, int]]:
    """(key, receipts) of the concepts charged most in the last ``dias`` days, voids excluded."""
    if not 1 <= dias <= DIAS_MAXIMOS:
        raise ErrorEntrada("dias", f"«{dias}» no es válido; se admite de 1 a {DIAS_MAXIMOS} días")
    desde = ((hoy or dt.date.today()) - dt.timedelta(days=dias - 1)).isoformat()
    with lector(bd).connect() as conexion:
        filas = conexion.execute(
            text(
                "SELECT l.clave, count(DISTINCT l.recibo_id) AS veces FROM recibo r "
                "JOIN recibo_linea l ON l.recibo_id = r.id "
                "WHERE r.fecha >= :desde AND NOT EXISTS (SELECT 1 FROM anulacion a WHERE a.recibo_id = r.id) "
                "GROUP BY l.clave ORDER BY veces DESC, l.clave LIMIT :l"
            ),
            {"desde": desde, "l": limite},
        ).all()
    return [(f.clave, int(f.veces)) for f in filas]


def sugeridos(
    bd: Engine,
    directorio: Path,
    catalogo: Catalogo,
    limite: int = 20,
    dias: int | None = DIAS,
    hoy: dt.date | None = None,
) -> list[Sugerido]:
    """Favourites first (in the order marked), then the most charged not already listed; keys that the
    current catalog no longer has are left out (a favourite of last year's law). ``dias=None``: favourites only."""
    cobrados = mas_cobrados(bd, dias, limite, hoy) if dias is not None else []
    veces = dict(cobrados)
    resultado: list[Sugerido] = []
    vistas: set[str] = set()
    for clave, motivo in [*((c, "favorito") for c in listar(directorio)), *((c, "cobrado") for c, _ in cobrados)]:
        concepto = catalogo.conceptos.get(clave)
        if concepto is None or clave in vistas:
            continue
        vistas.add(clave)
        tipo = "giro" if concepto.archivo == "giros.csv" else "concepto"
        resultado.append(Sugerido(clave, tipo, concepto.descripcion, motivo, veces.get(clave, 0)))
    return resultado[:limite]
