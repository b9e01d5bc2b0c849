"""``recibo_cuenta`` checked against the signed receipts: a year is paid only if the receipt says so.

Triggers stop an UPDATE or DELETE of a link, but an ``INSERT`` with the file open in any SQLite tool makes an
owed year "paid" by pointing it at some unrelated receipt. Each link is a copy of what the receipt's own
chained document already holds (the account in ``contribuyente``, the year in the line's snapshot
``parametros.ejercicio``), so a link the document does not back is a forgery: the account is refused for
pricing and charging, and ``verificar`` names it (key ``cuentas``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, Engine, text

from jerez_pos.ledger.comun import EstadoInvalido
from jerez_pos.ledger.lectura import leer

CAMPO_CUENTA = {"predial": "cuenta_catastral", "comercio": "licencia"}
SQL = (
    "SELECT rc.recibo_id, rc.linea, rc.padron, rc.cuenta, rc.ejercicio, r.serie, r.numero, r.documento "
    "FROM recibo_cuenta rc JOIN recibo r ON r.id = rc.recibo_id"
)
SQL_CUENTA = SQL + " WHERE rc.padron = :p AND rc.cuenta = :c"
# A link to a receipt id that does not exist (the JOIN above would hide it)
SQL_HUERFANOS = (
    "SELECT count(*) FROM recibo_cuenta rc WHERE NOT EXISTS (SELECT 1 FROM recibo r WHERE r.id = rc.recibo_id)"
)


def _falla(f: Mapping[str, Any]) -> str | None:
    folio = f"{f['serie']}-{f['numero']}"
    try:
        documento = json.loads(f["documento"] or "")
    except ValueError:
        return f"el recibo {folio} no guarda su documento firmado"
    cuenta = (documento.get("contribuyente") or {}).get(CAMPO_CUENTA.get(f["padron"], ""))
    linea = next((x for x in documento.get("lineas") or [] if x.get("n") == f["linea"]), None) or {}
    ejercicio = ((linea.get("cotizacion") or {}).get("parametros") or {}).get("ejercicio")
    if cuenta != f["cuenta"] or ejercicio != str(f["ejercicio"]):
        return (
            f"el recibo {folio} (renglón {f['linea']}) no pagó el ejercicio {f['ejercicio']} "
            f"de la cuenta {f['cuenta']} de {f['padron']}"
        )
    return None


def fallas(filas: Iterable[Any]) -> list[str]:
    """``filas``: sqlite3 rows or SQLAlchemy mappings of ``SQL``."""
    return [x for x in map(_falla, filas) if x is not None]


def mensaje(falla: str) -> str:
    return (
        f"CUENTA: {falla}: el vínculo recibo ↔ ejercicio fue alterado fuera del programa; no se calcula ni se cobra "
        "esta cuenta. Restaure el último respaldo verificado («jerez-pos restaurar --ultimo») y avise a soporte"
    )


def exigir_en(conexion: Connection, padron: str, cuenta: str) -> None:
    """Inside the charge's write transaction (SQLAlchemy)."""
    encontradas = fallas(conexion.execute(text(SQL_CUENTA), {"p": padron, "c": cuenta}).mappings())
    if encontradas:
        raise EstadoInvalido(mensaje(encontradas[0]))


def exigir(bd: Engine, padron: str, cuenta: str) -> None:
    with leer(bd) as c:
        encontradas = fallas(c.execute(SQL_CUENTA, {"p": padron, "c": cuenta}).fetchall())
    if encontradas:
        raise EstadoInvalido(mensaje(encontradas[0]))
