"""What the console's Terminals page shows: per terminal its state, last upload, pending and missing
sequences, signatures, the catalog and UMA it last applied, and the conflict log with resolution notes.

"Último contacto" is the terminal's last signed request (``central.contactos``, at most a minute stale);
"último envío" the arrival of the newest record central stored from it.
The catalog and UMA a terminal applied are read from its newest receipts, whose lines carry the
quotation snapshot the terminal priced with (``cotizacion.catalogo`` and ``cotizacion.uma``); a terminal
with no receipt yet (or none quoting a UMA among its last twenty) shows "desconocido".
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Engine

from jerez_pos.central import modelos as m
from jerez_pos.central import reportes
from jerez_pos.central.bd import marca_utc
from jerez_pos.central.cuentas import detalle_conflicto
from jerez_pos.central.modelos_gestion import nota_conflicto
from jerez_pos.core.errores import ErrorEntrada

DESCONOCIDO = "desconocido"
LARGO_NOTA = 2000


@dataclass(frozen=True)
class Nota:
    autor: str
    texto: str
    creada_en: str


@dataclass(frozen=True)
class Conflicto:
    id: int
    serie: str
    secuencia: int
    campo: str
    motivo: str
    registrado_en: str
    notas: list[Nota] = field(default_factory=list)
    # A double payment (campo ``pago_doble.<padrón>``): account, year and every folio with its amount.
    detalle: dict[str, Any] | None = None

    @property
    def resuelto(self) -> bool:
        return bool(self.notas)


@dataclass(frozen=True)
class FilaTerminal:
    serie: str
    delegacion: str
    estado: str
    creada_en: str
    inscrita_en: str | None
    ultimo_contacto: str | None
    ultimo_envio: str | None
    en_central: int
    punta_terminal: int
    faltan: int
    desde: int | None
    hasta: int | None
    firmas_por_revisar: int
    firmas_invalidas: int
    catalogo: str
    uma: str
    conflictos: int
    sin_nota: int


RECIENTES = 20  # receipts looked at per terminal: a receipt of fixed-peso concepts quotes no UMA


def _aplicados(documentos: list[str]) -> tuple[str, str]:
    """(catalog, UMA) from the newest receipts' quotation snapshots, newest first; "desconocido" if none."""
    catalogo = uma = None
    for documento in documentos:
        try:
            lineas = json.loads(documento).get("lineas") or []
        except (ValueError, AttributeError):
            continue
        for linea in lineas:
            cotizacion = linea.get("cotizacion") if isinstance(linea, dict) else None
            if isinstance(cotizacion, dict):
                catalogo = catalogo or cotizacion.get("catalogo")
                uma = uma or cotizacion.get("uma")
        if catalogo and uma:
            break
    return str(catalogo or DESCONOCIDO), str(uma or DESCONOCIDO)


def terminales(motor: Engine) -> list[FilaTerminal]:
    t, r, c = m.terminal, m.registro, m.conflicto
    faltantes = reportes.faltantes(motor)
    ultimo = sa.select(r.c.terminal_id, sa.func.max(r.c.recibido_en).label("ultimo")).group_by(r.c.terminal_id)
    recientes = sa.select(r.c.documento).where(r.c.tipo == "recibo").order_by(r.c.secuencia.desc()).limit(RECIENTES)
    notas = sa.select(nota_conflicto.c.conflicto_id).distinct().subquery()
    conteo = (
        sa.select(
            c.c.terminal_id,
            sa.func.count(c.c.id).label("n"),
            sa.func.sum(sa.case((notas.c.conflicto_id.is_(None), 1), else_=0)).label("sin_nota"),
        )
        .select_from(c.outerjoin(notas, notas.c.conflicto_id == c.c.id))
        .group_by(c.c.terminal_id)
    )
    with motor.connect() as conexion:
        filas = conexion.execute(sa.select(t).order_by(t.c.serie)).all()
        envios = {int(i): u for i, u in conexion.execute(ultimo).all()}
        documentos = {int(f.id): list(conexion.scalars(recientes.where(r.c.terminal_id == f.id))) for f in filas}
        conflictos = {int(f.terminal_id): (int(f.n), int(f.sin_nota or 0)) for f in conexion.execute(conteo).all()}
    resultado = []
    for f in filas:
        datos: dict[str, Any] = faltantes.get(f.serie, {})
        catalogo, uma = _aplicados(documentos[int(f.id)])
        n, sin_nota = conflictos.get(int(f.id), (0, 0))
        resultado.append(
            FilaTerminal(
                serie=f.serie,
                delegacion=f.delegacion,
                estado=f.estado,
                creada_en=f.creada_en,
                inscrita_en=f.inscrita_en,
                ultimo_contacto=f.ultimo_contacto,
                ultimo_envio=envios.get(int(f.id)),
                en_central=int(datos.get("en_central", 0)),
                punta_terminal=int(datos.get("punta_terminal", 0)),
                faltan=int(datos.get("faltan", 0)),
                desde=datos.get("desde"),
                hasta=datos.get("hasta"),
                firmas_por_revisar=int(datos.get("firmas_por_revisar", 0)),
                firmas_invalidas=int(datos.get("firmas_invalidas", 0)),
                catalogo=catalogo,
                uma=uma,
                conflictos=n,
                sin_nota=sin_nota,
            )
        )
    return resultado


def conflictos(motor: Engine, serie: str | None = None, limite: int = 200) -> list[Conflicto]:
    """Newest first, each with its notes oldest first."""
    c, t, n = m.conflicto, m.terminal, nota_conflicto
    consulta = (
        sa.select(
            c.c.id,
            t.c.serie,
            c.c.secuencia,
            c.c.campo,
            c.c.motivo,
            c.c.registrado_en,
            sa.case((c.c.campo.like("pago_doble.%"), c.c.recibido), else_=None).label("doble"),
        )
        .select_from(c.join(t, t.c.id == c.c.terminal_id))
        .order_by(c.c.id.desc())
        .limit(limite)
    )
    if serie is not None:
        consulta = consulta.where(t.c.serie == serie)
    with motor.connect() as conexion:
        filas = conexion.execute(consulta).all()
        ids = [int(f.id) for f in filas]
        notas: dict[int, list[Nota]] = {}
        if ids:
            for x in conexion.execute(
                sa.select(n.c.conflicto_id, n.c.autor, n.c.texto, n.c.creada_en)
                .where(n.c.conflicto_id.in_(ids))
                .order_by(n.c.id)
            ).all():
                notas.setdefault(int(x.conflicto_id), []).append(Nota(x.autor, x.texto, x.creada_en))
    return [
        Conflicto(
            int(f.id),
            f.serie,
            int(f.secuencia),
            f.campo,
            f.motivo,
            f.registrado_en,
            notas.get(int(f.id), []),
            detalle_conflicto(f.doble) if f.doble else None,
        )
        for f in filas
    ]


def agregar_nota(motor: Engine, conflicto_id: int, autor: str, texto: str, ahora: dt.datetime) -> None:
    texto = texto.strip()
    if not 1 <= len(texto) <= LARGO_NOTA:
        raise ErrorEntrada("nota", f"escriba la resolución (de 1 a {LARGO_NOTA} caracteres)")
    with motor.begin() as conexion:
        existe = conexion.execute(sa.select(m.conflicto.c.id).where(m.conflicto.c.id == conflicto_id)).first()
        if existe is None:
            raise ErrorEntrada("conflicto", f"no existe el conflicto {conflicto_id}")
        conexion.execute(
            sa.insert(nota_conflicto).values(
                conflicto_id=conflicto_id, autor=autor, texto=texto, creada_en=marca_utc(ahora)
            )
        )
