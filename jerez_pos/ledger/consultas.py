"""Read-only queries over the receipts: a shift's list, search (folio, name, concept, dates) and one detail.

Everything reads from a snapshot connection (``lectura.leer``), so a search never makes the cashier wait.
Names are matched folded (``core.texto.plano``: case and accents ignored), as the cashier types them.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any, TypedDict

from sqlalchemy import Engine

from jerez_pos.core.documento import separar_folio
from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.core.texto import corto, plano
from jerez_pos.ledger.comun import Sesion
from jerez_pos.ledger.lectura import leer

QUIEN_CONSULTA = ("cajero", "inspector", "supervisor", "administrador")
LIMITE = 200
_RESUMEN = (
    "SELECT r.id, r.serie, r.numero, r.fecha, r.turno_id, r.contribuyente, "
    "r.total_centavos + r.ajuste_centavos AS a_pagar, u.usuario AS cajero, "
    "(SELECT group_concat(l.clave, ', ') FROM recibo_linea l WHERE l.recibo_id = r.id) AS claves, "
    "EXISTS (SELECT 1 FROM anulacion a WHERE a.recibo_id = r.id) AS anulado "
    "FROM recibo r JOIN usuario u ON u.id = r.cajero_id"
)


@dataclass(frozen=True)
class ResumenRecibo:
    id: int
    folio: str
    fecha: str
    turno_id: int
    contribuyente: str
    claves: tuple[str, ...]
    a_pagar_centavos: int
    cajero: str
    anulado: bool


@dataclass(frozen=True)
class Busqueda:
    """What to look for; empty fields do not filter. ``folio`` accepts ``DEMO-3``, ``demo-3`` or ``3``."""

    folio: str = ""
    nombre: str = ""
    clave: str = ""
    desde: dt.date | None = None
    hasta: dt.date | None = None
    turno_id: int | None = None


class LineaDetalle(TypedDict):
    n: int
    clave: str
    rubro: str
    total_centavos: int
    descripcion: str


class PagoDetalle(TypedDict):
    forma: str
    importe_centavos: int
    datos: dict[str, str]  # only what the law and the bank need (``Pago.datos``)


class ReimpresionDetalle(TypedDict):
    fecha: str
    usuario: str
    copias: int


@dataclass(frozen=True)
class DetalleRecibo:
    resumen: ResumenRecibo
    contribuyente: dict[str, str]
    lineas: tuple[LineaDetalle, ...]
    pagos: tuple[PagoDetalle, ...]
    ajuste_centavos: int
    cambio_centavos: int
    anulacion: dict[str, str] | None = None
    reimpresiones: tuple[ReimpresionDetalle, ...] = field(default_factory=tuple)


def _resumen(fila: sqlite3.Row) -> ResumenRecibo:
    contribuyente = json.loads(fila["contribuyente"])
    return ResumenRecibo(
        int(fila["id"]),
        f"{fila['serie']}-{fila['numero']}",
        fila["fecha"],
        int(fila["turno_id"]),
        str(contribuyente.get("nombre", "")),
        tuple(x for x in (fila["claves"] or "").split(", ") if x),
        int(fila["a_pagar"]),
        fila["cajero"],
        bool(fila["anulado"]),
    )


def _folio(texto: str) -> tuple[str | None, int]:
    serie, numero = separar_folio(texto, "folio", serie_opcional=True)
    return (serie or None), numero


def _condiciones(b: Busqueda) -> tuple[list[str], dict[str, Any]]:
    donde: list[str] = []
    datos: dict[str, Any] = {}
    if b.folio.strip():
        serie, numero = _folio(b.folio)
        donde.append("r.numero = :numero")
        datos["numero"] = numero
        if serie:
            donde.append("r.serie = :serie")
            datos["serie"] = serie
    if b.nombre.strip():
        donde.append("plano(json_extract(r.contribuyente, '$.nombre')) LIKE :nombre")
        datos["nombre"] = f"%{plano(b.nombre.strip())}%"
    if b.clave.strip():
        donde.append(
            "EXISTS (SELECT 1 FROM recibo_linea l WHERE l.recibo_id = r.id AND (upper(l.clave) = :clave "
            "OR upper(l.clave) LIKE :clave || '-%'))"
        )
        datos["clave"] = b.clave.strip().upper()
    if b.desde and b.hasta and b.hasta < b.desde:
        raise ErrorEntrada("hasta", "la fecha final es anterior a la inicial")
    if b.desde:
        donde.append("r.fecha >= :desde")
        datos["desde"] = b.desde.isoformat()
    if b.hasta:
        donde.append("r.fecha < :hasta")
        datos["hasta"] = (b.hasta + dt.timedelta(days=1)).isoformat()
    if b.turno_id is not None:
        donde.append("r.turno_id = :turno")
        datos["turno"] = b.turno_id
    return donde, datos


def _abrir_con_plano(conexion: sqlite3.Connection) -> None:
    conexion.create_function("plano", 1, lambda x: plano(x) if isinstance(x, str) else x, deterministic=True)


def buscar(bd: Engine, sesion: Sesion, busqueda: Busqueda, limite: int = LIMITE) -> list[ResumenRecibo]:
    """Newest first; at most ``limite`` receipts."""
    sesion.exigir("consultar recibos", *QUIEN_CONSULTA)
    donde, datos = _condiciones(busqueda)
    sql = _RESUMEN + (" WHERE " + " AND ".join(donde) if donde else "") + " ORDER BY r.id DESC LIMIT :limite"
    with leer(bd) as conexion:
        _abrir_con_plano(conexion)
        return [_resumen(f) for f in conexion.execute(sql, {**datos, "limite": limite}).fetchall()]


def del_turno(bd: Engine, sesion: Sesion, turno_id: int) -> list[ResumenRecibo]:
    return buscar(bd, sesion, Busqueda(turno_id=turno_id), limite=10_000)


def detalle(bd: Engine, sesion: Sesion, folio: str) -> DetalleRecibo:
    sesion.exigir("consultar recibos", *QUIEN_CONSULTA)
    serie, numero = _folio(folio)
    if serie is None:
        raise ErrorEntrada("folio", f"«{corto(folio)}»: indique la serie (p. ej. DEMO-{numero})")
    with leer(bd) as c:
        fila = c.execute(_RESUMEN + " WHERE r.serie = :s AND r.numero = :n", {"s": serie, "n": numero}).fetchone()
        if fila is None:
            raise ErrorEntrada("folio", f"no existe el recibo {serie}-{numero} en esta terminal")
        extra = c.execute("SELECT ajuste_centavos, cambio_centavos FROM recibo WHERE id = ?", (fila["id"],)).fetchone()
        lineas = c.execute(
            "SELECT n, clave, rubro, total_centavos, cotizacion FROM recibo_linea WHERE recibo_id = ? ORDER BY n",
            (fila["id"],),
        ).fetchall()
        pagos = c.execute(
            "SELECT forma, importe_centavos, datos FROM recibo_pago WHERE recibo_id = ? ORDER BY n", (fila["id"],)
        ).fetchall()
        anulacion = c.execute(
            "SELECT a.motivo, a.fecha, s.usuario AS supervisor, u.usuario AS solicitante FROM anulacion a "
            "JOIN usuario s ON s.id = a.supervisor_id JOIN usuario u ON u.id = a.usuario_id WHERE a.recibo_id = ?",
            (fila["id"],),
        ).fetchone()
        reimpresiones = c.execute(
            "SELECT x.fecha, u.usuario, x.copias FROM reimpresion x JOIN usuario u ON u.id = x.usuario_id "
            "WHERE x.recibo_id = ? ORDER BY x.id",
            (fila["id"],),
        ).fetchall()
    return DetalleRecibo(
        _resumen(fila),
        json.loads(fila["contribuyente"]),
        tuple(
            LineaDetalle(
                n=int(x["n"]),
                clave=x["clave"],
                rubro=x["rubro"],
                total_centavos=int(x["total_centavos"]),
                descripcion=json.loads(x["cotizacion"]).get("descripcion", ""),
            )
            for x in lineas
        ),
        tuple(
            PagoDetalle(forma=p["forma"], importe_centavos=int(p["importe_centavos"]), datos=json.loads(p["datos"]))
            for p in pagos
        ),
        int(extra["ajuste_centavos"]),
        int(extra["cambio_centavos"]),
        dict(anulacion) if anulacion else None,
        tuple(
            ReimpresionDetalle(fecha=r["fecha"], usuario=r["usuario"], copias=int(r["copias"])) for r in reimpresiones
        ),
    )
