"""Entregas: cash (or vouchers) handed from one user to another, e.g. an inspector's collection to a cashier.

Both users prove their password in the same act (two sessions). The receiving cashier's open shift
counts it in its corte; the giver's open shift (the inspector's route) counts it as handed over.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Engine, text

from jerez_pos.core.dinero import a_centavos, texto
from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.core.texto import limpiar
from jerez_pos.ledger import auditoria, caja, diario, diario_filas
from jerez_pos.ledger.comun import EstadoInvalido, Reloj, Sesion, marca, reloj_sistema
from jerez_pos.ledger.pagos import FORMAS

QUIEN_ENTREGA = ("inspector", "cajero")
QUIEN_RECIBE = ("cajero", "supervisor")


def entregar(
    bd: Engine,
    entrega: Sesion,
    recibe: Sesion,
    montos: dict[str, Decimal],
    nota: str = "",
    reloj: Reloj = reloj_sistema,
) -> int:
    entrega.exigir("entregar valores", *QUIEN_ENTREGA)
    recibe.exigir("recibir valores", *QUIEN_RECIBE)
    if entrega.usuario_id == recibe.usuario_id:
        raise ErrorEntrada("--recibe", "quien entrega y quien recibe deben ser personas distintas")
    nota = limpiar(nota, "--nota", nombre="nota")
    if not montos or any(f not in FORMAS or not m.is_finite() or m <= 0 for f, m in montos.items()):
        raise ErrorEntrada("--monto", f"indique importes mayores que 0 por forma de pago ({', '.join(FORMAS)})")
    ahora = marca(reloj())
    with diario.transaccion(bd) as (conexion, pendiente):
        destino = caja.abierto(conexion, recibe.usuario_id)
        if destino is None and recibe.rol == "cajero":
            raise EstadoInvalido(f"turno: «{recibe.usuario}» debe tener turno abierto para recibir una entrega")
        origen = caja.abierto(conexion, entrega.usuario_id)
        nuevo = conexion.execute(
            text(
                "INSERT INTO entrega (de_id, para_id, turno_origen_id, turno_id, fecha, nota) "
                "VALUES (:d, :p, :o, :t, :f, :n) RETURNING id"
            ),
            {
                "d": entrega.usuario_id,
                "p": recibe.usuario_id,
                "o": origen.id if origen else None,
                "t": destino.id if destino else None,
                "f": ahora,
                "n": nota,
            },
        ).scalar_one()
        conexion.execute(
            text("INSERT INTO entrega_pago (entrega_id, forma, importe_centavos) VALUES (:e, :f, :i)"),
            [{"e": nuevo, "f": f, "i": a_centavos(m)} for f, m in montos.items()],
        )
        conexion.execute(
            text("INSERT INTO outbox (tipo, ref_id, creado_en) VALUES ('entrega', :r, :t)"), {"r": nuevo, "t": ahora}
        )
        auditoria.registrar(
            conexion,
            entrega.usuario,
            "entrega de valores",
            {"recibe": recibe.usuario, **{f: texto(m) for f, m in montos.items()}},
        )
        diario_filas.anotar_fila(conexion, pendiente, "entrega", int(nuevo))
    return int(nuevo)
