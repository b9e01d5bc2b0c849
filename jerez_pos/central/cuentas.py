"""Central's view of every taxpayer account: which receipt paid which (account, year), and double payments.

Filled in the batch's own transaction (``lotes``), record by record in chain order, so a receipt, its void
and a new charge of the same year in one batch are read as they happened. The account and years come from
the chain document itself (``core.documento.cuentas_pagadas``).

Two delegaciones offline can both charge the same year of the same account: each terminal's ledger only
knows its own receipts. When the second payment arrives, central writes it to the conflict log the
console's Terminals page shows (``conflicto``, campo ``pago_doble.<padrón>``) with every folio and amount
still in force, so the treasury refunds one. The check and the insert hold a transaction lock per
(account, year) on PostgreSQL, so two batches arriving together can't both miss each other; SQLite writes
are serialized already.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection, Engine

from jerez_pos.central import modelos as m
from jerez_pos.central import sql
from jerez_pos.central.modelos import ID, METADATA
from jerez_pos.central.validacion import Entrante
from jerez_pos.core.dinero import de_centavos, pesos, texto
from jerez_pos.core.documento import PagoCuenta, canonico, cuentas_pagadas, folio
from jerez_pos.core.errores import ErrorEntrada

PADRONES = ("predial", "comercio")

cuenta_pago = sa.Table(
    "cuenta_pago",
    METADATA,
    sa.Column("id", ID, primary_key=True, autoincrement=True),
    sa.Column("padron", sa.String(10), nullable=False),
    sa.Column("cuenta", sa.String(30), nullable=False),
    sa.Column("ejercicio", sa.Integer, nullable=False),
    sa.Column("terminal_id", sa.BigInteger, sa.ForeignKey("terminal.id"), nullable=False),
    sa.Column("secuencia", sa.Integer, nullable=False),
    sa.Column("folio", sa.String(30), nullable=False),
    sa.Column("recibo_hash", sa.LargeBinary(32), nullable=False),
    sa.Column("total_centavos", sa.BigInteger, nullable=False),
    sa.Column("fecha", sa.String(32), nullable=False),
    sa.Column("recibido_en", sa.String(32), nullable=False),
    sa.Column("anulado_en", sa.String(32)),
    sa.UniqueConstraint("terminal_id", "secuencia", "padron", "cuenta", "ejercicio", name="uq_cuenta_pago"),
    sa.Index("ix_cuenta_pago_cuenta", "padron", "cuenta", "ejercicio"),
    sa.Index("ix_cuenta_pago_recibo", "recibo_hash"),
)


@dataclass(frozen=True)
class PagoCentral:
    padron: str
    cuenta: str
    ejercicio: int
    folio: str
    terminal: str
    importe: str
    fecha: str
    anulado_en: str | None

    @property
    def vigente(self) -> bool:
        return self.anulado_en is None


def _llave(pago: PagoCuenta) -> int:
    """A signed 63-bit key per (account, year) for PostgreSQL's transaction-scoped advisory lock."""
    resumen = hashlib.sha256(f"{pago.padron}|{pago.cuenta}|{pago.ejercicio}".encode()).digest()
    return int.from_bytes(resumen[:8], "big", signed=True)


def _bloquear(conexion: Connection, pagos: list[PagoCuenta]) -> None:
    if not sql.es_postgresql(conexion):
        return
    # Sorted: two batches locking overlapping years take them in the same order and never deadlock.
    for llave in sorted({_llave(p) for p in pagos}):
        conexion.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": llave})


def _vigentes(conexion: Connection, pago: PagoCuenta) -> list[Any]:
    c, t = cuenta_pago, m.terminal
    return list(
        conexion.execute(
            sa.select(c.c.folio, c.c.total_centavos, c.c.fecha, t.c.serie, t.c.delegacion)
            .select_from(c.join(t, t.c.id == c.c.terminal_id))
            .where(
                c.c.padron == pago.padron,
                c.c.cuenta == pago.cuenta,
                c.c.ejercicio == pago.ejercicio,
                c.c.anulado_en.is_(None),
            )
            .order_by(c.c.id)
        ).all()
    )


Cobro = tuple[str, str, str, int, str]  # folio, terminal's serie, delegación, centavos, receipt's date


def texto_conflicto(padron: str, cuenta: str, ejercicio: int, cobros: list[Cobro]) -> tuple[str, str]:
    """(motivo, recibido) of a double payment's conflict row: what the console shows and the JSON detail.
    Shared by arriving batches and the migration that logs double payments stored before ``cuenta_pago``."""
    pagos = [
        {"folio": f, "terminal": s, "delegacion": d, "importe": texto(de_centavos(c)), "fecha": fecha}
        for f, s, d, c, fecha in cobros
    ]
    lista = "; ".join(f"{f} ({d}) por {pesos(de_centavos(c))}" for f, _, d, c, _ in cobros)
    motivo = (
        f"pago doble: el ejercicio {ejercicio} de la cuenta {cuenta} (padrón de {padron}) se cobró "
        f"{len(cobros)} veces: {lista}; devuelva lo cobrado de más y anote la resolución"
    )
    detalle = {"padron": padron, "cuenta": cuenta, "ejercicio": ejercicio, "pagos": pagos}
    return motivo, canonico(detalle).decode("utf-8")


def _conflicto(
    conexion: Connection, terminal: Any, r: Entrante, pago: PagoCuenta, previos: list[Any], ahora: str
) -> None:
    doc = r.documento
    delegacion = conexion.execute(sa.select(m.terminal.c.delegacion).where(m.terminal.c.id == terminal.id)).scalar()
    cobros: list[Cobro] = [(x.folio, x.serie, x.delegacion, int(x.total_centavos), x.fecha) for x in previos]
    cobros.append(
        (folio(doc["serie"], doc["numero"]), terminal.serie, str(delegacion), pago.total_centavos, doc["fecha"])
    )
    motivo, recibido = texto_conflicto(pago.padron, pago.cuenta, pago.ejercicio, cobros)
    conexion.execute(
        sa.insert(m.conflicto).values(
            terminal_id=terminal.id,
            uid=r.uid,
            secuencia=r.secuencia,
            campo=f"pago_doble.{pago.padron}",
            motivo=motivo,
            recibido=recibido,
            registrado_en=ahora,
        )
    )


def pagos_de_registros(registros: list[Entrante]) -> list[list[PagoCuenta]]:
    """The account years each record pays (none for voids and plain receipts): read from the documents only,
    so a batch works it out before it waits for its turn at the database."""
    return [cuentas_pagadas(r.documento) if r.tipo == "recibo" else [] for r in registros]


def registrar(
    conexion: Connection,
    terminal: Any,
    nuevos: list[Entrante],
    ahora: str,
    leidos: list[list[PagoCuenta]] | None = None,
) -> int:
    """Records the account years paid by the batch's new receipts and frees those of its voids; returns how
    many double payments were written to the conflict log. ``leidos``: ``pagos_de_registros(nuevos)``, when
    the caller already has it."""
    por_registro = list(zip(nuevos, leidos if leidos is not None else pagos_de_registros(nuevos), strict=True))
    todos = [p for _, pagos in por_registro for p in pagos]
    # Only voids of account receipts touch this table: those of this batch, or found in one lookup.
    de_cuenta = {r.hash for r, pagos in por_registro if pagos}
    anulados = [bytes.fromhex(r.documento["recibo_hash"]) for r in nuevos if r.tipo != "recibo"]
    if anulados:
        de_cuenta |= {
            bytes(h)
            for h in conexion.execute(
                sa.select(cuenta_pago.c.recibo_hash).where(cuenta_pago.c.recibo_hash.in_(anulados)).distinct()
            ).scalars()
        }
    if not todos and not de_cuenta:
        return 0
    _bloquear(conexion, todos)
    dobles = 0
    for r, pagos in por_registro:
        if r.tipo != "recibo":
            if bytes.fromhex(r.documento["recibo_hash"]) not in de_cuenta:
                continue
            conexion.execute(
                sa.update(cuenta_pago)
                .where(
                    cuenta_pago.c.recibo_hash == bytes.fromhex(r.documento["recibo_hash"]),
                    cuenta_pago.c.anulado_en.is_(None),
                )
                .values(anulado_en=ahora)
            )
            continue
        for pago in pagos:
            previos = _vigentes(conexion, pago)
            conexion.execute(
                sa.insert(cuenta_pago).values(
                    padron=pago.padron,
                    cuenta=pago.cuenta[:30],
                    ejercicio=pago.ejercicio,
                    terminal_id=terminal.id,
                    secuencia=r.secuencia,
                    folio=folio(r.documento["serie"], r.documento["numero"]),
                    recibo_hash=r.hash,
                    total_centavos=pago.total_centavos,
                    fecha=r.documento["fecha"],
                    recibido_en=ahora,
                )
            )
            if previos:
                _conflicto(conexion, terminal, r, pago, previos, ahora)
                dobles += 1
    return dobles


def pagos_de(motor: Engine, padron: str, cuenta: str) -> list[PagoCentral]:
    """Every payment central knows of an account, oldest year first (voided ones say when)."""
    if padron not in PADRONES:
        raise ErrorEntrada("padrón", f"«{padron}» no es un padrón; use {' o '.join(PADRONES)}")
    c, t = cuenta_pago, m.terminal
    with motor.connect() as conexion:
        filas = conexion.execute(
            sa.select(c, t.c.serie)
            .select_from(c.join(t, t.c.id == c.c.terminal_id))
            .where(c.c.padron == padron, c.c.cuenta == cuenta.strip().upper())
            .order_by(c.c.ejercicio, c.c.id)
        ).all()
    return [
        PagoCentral(
            f.padron,
            f.cuenta,
            int(f.ejercicio),
            f.folio,
            f.serie,
            texto(de_centavos(int(f.total_centavos))),
            f.fecha,
            f.anulado_en,
        )
        for f in filas
    ]


def vista(motor: Engine, padron: str, cuenta: str) -> dict[str, Any]:
    """The account as central sees it: the years paid (by a receipt in force) and every payment."""
    pagos = pagos_de(motor, padron, cuenta)
    pagados = sorted({p.ejercicio for p in pagos if p.vigente})
    dobles = sorted(
        {p.ejercicio for p in pagos if p.vigente and sum(x.vigente and x.ejercicio == p.ejercicio for x in pagos) > 1}
    )
    return {
        "padron": padron,
        "cuenta": cuenta.strip().upper(),
        "anios_pagados": pagados,
        "pagos_dobles": dobles,
        "pagos": [{**asdict(p), "vigente": p.vigente} for p in pagos],
    }


def detalle_conflicto(recibido: str) -> dict[str, Any] | None:
    """The double payment's details kept in a conflict row, or None for another kind of conflict."""
    try:
        datos = json.loads(recibido)
    except ValueError:
        return None
    return datos if isinstance(datos, dict) and "pagos" in datos and "ejercicio" in datos else None
