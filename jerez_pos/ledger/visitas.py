"""Marks on the day's route: a stall the inspector finds "ausente" (the vendor did not come) or "cerrado".

Each mark is an append-only row of ``visita_puesto`` (migration 0016) plus an audit line; undoing a mark
appends ``pendiente``. The newest row of a stall and day is its state. A stall already paid that day is
not marked: the receipt says what happened.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine, text

from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.ledger import auditoria, diario, diario_filas, padron
from jerez_pos.ledger.comun import EstadoInvalido, Reloj, Sesion, marca, reloj_sistema
from jerez_pos.ledger.lectura import leer

ESTADOS = ("ausente", "cerrado", "pendiente")
QUIEN_MARCA = ("inspector", "supervisor")


def del_dia(bd: Engine, fecha: dt.date) -> dict[str, str]:
    """Stall ``clave`` → "ausente" | "cerrado" for ``fecha`` (stalls without a standing mark are left out)."""
    with leer(bd) as c:
        filas = c.execute(
            "SELECT v.puesto, v.estado FROM visita_puesto v WHERE v.dia = :d AND v.id = "
            "(SELECT max(w.id) FROM visita_puesto w WHERE w.dia = v.dia AND w.puesto = v.puesto)",
            {"d": fecha.isoformat()},
        ).fetchall()
    return {str(f["puesto"]): str(f["estado"]) for f in filas if f["estado"] != "pendiente"}


def marcar(bd: Engine, sesion: Sesion, clave: str, estado: str, reloj: Reloj = reloj_sistema) -> str:
    """Records today's mark of a stall; returns the stall's ``clave``."""
    sesion.exigir("marcar un puesto de la ruta", *QUIEN_MARCA)
    if estado not in ESTADOS:
        raise ErrorEntrada("estado", f"«{estado}» no es una marca de la ruta; use ausente, cerrado o pendiente")
    puesto = padron.buscar_puesto(bd, clave)
    ahora = reloj()
    folio = padron.pagados(bd, ahora.date()).get(puesto.clave)
    if folio is not None:
        raise EstadoInvalido(f"puesto: «{puesto.clave}» ya pagó hoy (recibo {folio}); no se marca")
    # Journaled like a hand-over: «restaurar --ultimo» brings the day's marks back with the receipts.
    with diario.transaccion(bd) as (conexion, pendiente):
        nuevo = conexion.execute(
            text(
                "INSERT INTO visita_puesto (puesto, dia, estado, usuario_id, marcado_en) "
                "VALUES (:p, :d, :e, :u, :m) RETURNING id"
            ),
            {"p": puesto.clave, "d": ahora.date().isoformat(), "e": estado, "u": sesion.usuario_id, "m": marca(ahora)},
        ).scalar_one()
        diario_filas.anotar_fila(conexion, pendiente, "visita_puesto", int(nuevo))
        auditoria.registrar(conexion, sesion.usuario, "marca de puesto", {"puesto": puesto.clave, "estado": estado})
    return puesto.clave
