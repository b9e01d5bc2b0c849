"""``verificar`` key ``cuentas``: the taxpayer-account tables against what was signed when they were written.

- every ``recibo_cuenta`` link must be backed by its receipt's chained document (``vinculos``);
- every ``cuenta_registro`` and ``inpc`` row must be the one the journal holds, signed by this terminal's key
  when it was imported. Triggers refuse UPDATE and DELETE, but an ``INSERT`` made with any SQLite tool adds
  a newer version of an account (fewer m², another zone) or of a month's INPC, and the newest row wins: such
  a row is in no journal line.

Only the lines of those two types are parsed and checked, and the journal is read incrementally (each line
once per process, see ``indice_diario``). A
terminal without a journal (not registered yet) reports the rows as not compared; ``marca`` already says why.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import Engine

from jerez_pos.core.texto import cantidad
from jerez_pos.ledger import diario, indice_diario, vinculos
from jerez_pos.ledger.comun import EstadoInvalido
from jerez_pos.ledger.identidad import leer_identidad
from jerez_pos.ledger.lectura import leer

TABLAS = ("cuenta_registro", "inpc")
_DESCARTE = b'"tipo":"descarte"'
_MARCAS = tuple(f'"tipo":"{t}"'.encode() for t in TABLAS)


def del_diario(
    ruta: Path, publica: Ed25519PublicKey, filtro: Callable[[bytes], bool] | None = None
) -> dict[tuple[str, int], dict[str, Any]]:
    """(table, id) → row, for the valid, not discarded journal lines of ``TABLAS`` (and ``filtro``: a cheap
    test on the raw line, so a charge checks one account without verifying every roll line's signature).
    The lines come from the process's index of the journal (``indice_diario``): only what was appended
    since the last call is read, and each line's signature is checked once."""
    filas: dict[tuple[str, int], dict[str, Any]] = {}
    with indice_diario.CANDADO:
        indice = indice_diario.al_dia(ruta, publica, _MARCAS, _DESCARTE)
        for posicion, crudo in enumerate(indice.lineas):
            if filtro is not None and not filtro(crudo):
                continue
            linea = indice.linea(posicion, publica)
            if linea is not None and linea.tipo in TABLAS and linea.id is not None and linea.hash not in indice.fuera:
                filas[(linea.tipo, linea.id)] = linea.documento()["fila"]
    return filas


def _diferencias(bd: Engine, consultas: list[tuple[str, str, tuple[Any, ...]]], firmadas: Any) -> list[str]:
    problemas: list[str] = []
    with leer(bd) as c:
        for tabla, sql, parametros in consultas:
            for f in c.execute(sql, parametros):
                fila = dict(f)
                firmada = firmadas.get((tabla, int(fila["id"])))
                if firmada is None:
                    problemas.append(f"{_nombre(tabla, fila)} no está en el diario firmado (se agregó por fuera)")
                elif firmada != fila:
                    problemas.append(f"{_nombre(tabla, fila)} no es el que registra el diario firmado")
    return problemas


def exigir(bd: Engine, padron: str, cuenta: str) -> None:
    """Before pricing an account: its roll rows and the INPC rows are the ones the journal signed."""
    ident = leer_identidad(bd)
    ruta = diario.primario(diario.directorio_de(bd))
    if ident is None or diario.primera(ruta) is None:
        return
    # The account key inside the line's text (JSON inside JSON); a non-ASCII key is not prefiltered.
    clave = cuenta.encode() if cuenta.isascii() else b""
    firmadas = del_diario(
        ruta,
        Ed25519PublicKey.from_public_bytes(ident.llave_publica),
        lambda crudo: b'"tipo":"inpc"' in crudo or clave in crudo,
    )
    consultas = [
        ("cuenta_registro", "SELECT * FROM cuenta_registro WHERE padron = ? AND cuenta = ?", (padron, cuenta)),
        ("inpc", "SELECT * FROM inpc", ()),
    ]
    problemas = _diferencias(bd, consultas, firmadas)
    if problemas:
        raise EstadoInvalido(
            f"CUENTA: {problemas[0]}: el padrón o el INPC fue alterado fuera del programa; no se calcula ni se "
            "cobra esta cuenta. Restaure el último respaldo verificado («jerez-pos restaurar --ultimo») y avise a "
            "soporte"
        )


def _nombre(tabla: str, fila: dict[str, Any]) -> str:
    if tabla == "inpc":
        return f"INPC {fila['anio']}-{int(fila['mes']):02d} (renglón {fila['id']})"
    return f"cuenta {fila['cuenta']} de {fila['padron']} (renglón {fila['id']})"


def revisar_filas(bd: Engine) -> tuple[list[str], int, bool]:
    """Problems, rows compared, and whether there was a journal to compare with."""
    ident = leer_identidad(bd)
    ruta = diario.primario(diario.directorio_de(bd))
    if ident is None or diario.primera(ruta) is None:
        return [], 0, False
    firmadas = del_diario(ruta, Ed25519PublicKey.from_public_bytes(ident.llave_publica))
    with leer(bd) as c:
        total = sum(int(c.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in TABLAS)
    consultas = [(t, f"SELECT * FROM {t} ORDER BY id", ()) for t in TABLAS]
    return _diferencias(bd, consultas, firmadas), total, True


def en_verificacion(bd: Engine, resultado: dict[str, Any]) -> list[str]:
    """Adds ``cuentas`` to ``verificar``'s result; returns the problems for its ``detalle``."""
    with leer(bd) as c:
        enlaces = c.execute(vinculos.SQL).fetchall()
        huerfanos = int(c.execute(vinculos.SQL_HUERFANOS).fetchone()[0])
    problemas = vinculos.fallas(enlaces) + (
        [f"{cantidad(huerfanos, 'vínculo')} a recibos que no existen"] if huerfanos else []
    )
    de_filas, filas, con_diario = revisar_filas(bd)
    problemas += de_filas
    resultado["cuentas"] = {
        "estado": "alterado" if problemas else "ok",
        "vinculos": len(enlaces) + huerfanos,
        "registros": filas,
        "detalle": "; ".join(problemas[:5])
        or f"{cantidad(len(enlaces), 'vínculo')} recibo ↔ ejercicio y {cantidad(filas, 'renglón', 'renglones')} "
        "de padrón e INPC verificados"
        + ("" if con_diario else " (sin diario para comparar los renglones)"),
    }
    if not problemas:
        return []
    return [f"cuentas: {cantidad(len(problemas), 'renglón', 'renglones')} sin respaldo firmado; {problemas[0]}"]


def bien(resultado: dict[str, Any] | None) -> bool:
    return resultado is None or resultado.get("estado") == "ok"
