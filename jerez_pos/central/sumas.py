"""Per-day sums kept up to date as batches arrive, so the console's dashboard never scans receipts.

Two tables, both keyed by the receipt's day (the first ten characters of the time the terminal claimed, the
same string comparison ``reportes.resumen`` filters on) and terminal:

- ``suma_dia_terminal``: receipts, voided receipts and the receipts' total (a receipt's total is not the sum
  of its lines: the Art. 20 cash adjustment lives only in the total);
- ``suma_dia``: per CRI rubro and concept, the lines' total of receipts not voided;
- ``suma_mes``: the same per month (``AAAA-MM``). A year holds a few hundred thousand day rows once a
  hundred concepts are charged daily at twenty terminals; whole months of a period are read from here and
  only the partial months at its ends from ``suma_dia``, so a year's dashboard reads a few thousand rows.

A void subtracts its receipt from the receipt's day (not the void's day), which is what ``resumen`` reports.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection

from jerez_pos.central import modelos as m
from jerez_pos.central import sql
from jerez_pos.central.modelos import ID, METADATA
from jerez_pos.core.dinero import de_centavos, texto

suma_dia_terminal = sa.Table(
    "suma_dia_terminal",
    METADATA,
    sa.Column("dia", sa.String(10), primary_key=True),
    sa.Column("terminal_id", ID, primary_key=True),
    sa.Column("recibos", sa.BigInteger, nullable=False),
    sa.Column("anulados", sa.BigInteger, nullable=False),
    sa.Column("total_centavos", sa.BigInteger, nullable=False),
)

suma_dia = sa.Table(
    "suma_dia",
    METADATA,
    sa.Column("dia", sa.String(10), primary_key=True),
    sa.Column("terminal_id", ID, primary_key=True),
    sa.Column("rubro", sa.String(200), primary_key=True),
    sa.Column("clave", sa.String(40), primary_key=True),
    # Lines still counted: a row whose receipts were all voided stays at zero lines and is not reported.
    sa.Column("lineas", sa.BigInteger, nullable=False),
    sa.Column("total_centavos", sa.BigInteger, nullable=False),
    # Index-only scans by date on PostgreSQL (migration c0004).
    sa.Index("ix_suma_dia_dia", "dia", postgresql_include=["rubro", "clave", "lineas", "total_centavos"]),
)


suma_mes = sa.Table(
    "suma_mes",
    METADATA,
    sa.Column("mes", sa.String(7), primary_key=True),
    sa.Column("terminal_id", ID, primary_key=True),
    sa.Column("rubro", sa.String(200), primary_key=True),
    sa.Column("clave", sa.String(40), primary_key=True),
    sa.Column("lineas", sa.BigInteger, nullable=False),
    sa.Column("total_centavos", sa.BigInteger, nullable=False),
)


_SUMA_TERMINAL = (
    "INSERT INTO suma_dia_terminal (dia, terminal_id, recibos, anulados, total_centavos) VALUES (?, ?, ?, ?, ?) "
    "ON CONFLICT (dia, terminal_id) DO UPDATE SET recibos = suma_dia_terminal.recibos + excluded.recibos, "
    "anulados = suma_dia_terminal.anulados + excluded.anulados, "
    "total_centavos = suma_dia_terminal.total_centavos + excluded.total_centavos"
)
_SUMA_LINEAS = (
    "INSERT INTO suma_dia (dia, terminal_id, rubro, clave, lineas, total_centavos) VALUES (?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (dia, terminal_id, rubro, clave) DO UPDATE SET lineas = suma_dia.lineas + excluded.lineas, "
    "total_centavos = suma_dia.total_centavos + excluded.total_centavos"
)
_SUMA_MES = (
    "INSERT INTO suma_mes (mes, terminal_id, rubro, clave, lineas, total_centavos) VALUES (?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (mes, terminal_id, rubro, clave) DO UPDATE SET lineas = suma_mes.lineas + excluded.lineas, "
    "total_centavos = suma_mes.total_centavos + excluded.total_centavos"
)
_RECIBO_ANULADO = (
    "SELECT r.secuencia, r.fecha_terminal, r.total_centavos, "
    "(SELECT count(*) FROM registro a WHERE a.tipo = 'anulacion' AND a.terminal_id = r.terminal_id "
    "AND a.recibo_hash = r.hash) AS anulaciones "
    "FROM registro r WHERE r.tipo = 'recibo' AND r.terminal_id = ? AND r.hash = ?"
)
_LINEAS_DE = "SELECT rubro, clave, total_centavos FROM linea WHERE terminal_id = ? AND secuencia = ?"


class Acumulado:
    def __init__(self) -> None:
        self.terminal: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        self.lineas: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0])

    def recibo(self, dia: str, total: int, lineas: Iterable[tuple[str, str, int]], signo: int) -> None:
        fila = self.terminal[dia]
        if signo > 0:
            fila[0] += 1
        else:
            fila[1] += 1
        fila[2] += signo * total
        for rubro, clave, importe in lineas:
            suma = self.lineas[(dia, rubro, clave)]
            suma[0] += signo
            suma[1] += signo * importe


def _copia(suma: Acumulado) -> Acumulado:
    nueva = Acumulado()
    nueva.terminal.update({dia: list(v) for dia, v in suma.terminal.items()})
    nueva.lineas.update({clave: list(v) for clave, v in suma.lineas.items()})
    return nueva


def de_recibos(registros: Sequence[Any]) -> Acumulado:
    """The receipts' own contribution to the sums, read from their documents only: a batch adds it up before
    it waits for its turn at the database. Voids need the stored receipt and are left to ``acumular``."""
    suma = Acumulado()
    for r in registros:
        if r.tipo == "recibo":
            doc = r.documento
            lineas = [(x["rubro"], x["clave"], int(x["total_centavos"])) for x in doc["lineas"]]
            suma.recibo(str(doc["fecha"])[:10], int(doc["total_centavos"]), lineas, 1)
    return suma


def acumular(conexion: Connection, terminal_id: int, nuevos: Sequence[Any], recibos: Acumulado | None = None) -> None:
    """Adds the batch's new records (``validacion.Entrante``, already inserted in this transaction) to the
    per-day sums: receipts add, a void subtracts its receipt once (a second void of the same receipt, which
    ``resumen`` would not count twice either, changes nothing). ``recibos``: ``de_recibos(nuevos)``, when the
    caller already has it (left as it is: a retried transaction adds it again)."""
    suma = _copia(recibos) if recibos is not None else de_recibos(nuevos)
    anulados: dict[bytes, int] = defaultdict(int)
    for r in nuevos:
        if r.tipo != "recibo":
            anulados[bytes.fromhex(r.documento["recibo_hash"])] += 1
    for recibo_hash, en_lote in anulados.items():
        recibo = sql.consultar(conexion, _RECIBO_ANULADO, (terminal_id, recibo_hash)).first()
        if recibo is None or int(recibo.anulaciones) > en_lote:
            continue  # unknown receipt, or already voided before this batch
        lineas = [
            (f.rubro, f.clave, int(f.total_centavos))
            for f in sql.consultar(conexion, _LINEAS_DE, (terminal_id, recibo.secuencia))
        ]
        suma.recibo(str(recibo.fecha_terminal)[:10], int(recibo.total_centavos), lineas, -1)
    # Sorted, so two transactions touching the same rows lock them in the same order.
    filas_terminal = [(dia, terminal_id, *v) for dia, v in sorted(suma.terminal.items())]
    filas_lineas = [(k[0], terminal_id, k[1], k[2], *v) for k, v in sorted(suma.lineas.items())]
    por_mes: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0])
    for (dia, rubro, clave), (cuantas, importe) in suma.lineas.items():
        fila = por_mes[(dia[:7], rubro, clave)]
        fila[0] += cuantas
        fila[1] += importe
    filas_mes = [(k[0], terminal_id, k[1], k[2], *v) for k, v in sorted(por_mes.items())]
    for sentencia, filas in (
        (_SUMA_TERMINAL, filas_terminal),
        (_SUMA_LINEAS, filas_lineas),
        (_SUMA_MES, filas_mes),
    ):
        if filas:
            conexion.exec_driver_sql(sql.para_driver(sentencia, conexion), filas)


def _periodo(dia: Any, desde: dt.date | None, hasta: dt.date | None) -> list[Any]:
    condiciones = []
    if desde is not None:
        condiciones.append(dia >= desde.isoformat())
    if hasta is not None:
        condiciones.append(dia <= hasta.isoformat())
    return condiciones


def _fin_de_mes(dia: dt.date) -> dt.date:
    siguiente = (dia.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return siguiente - dt.timedelta(days=1)


Tramo = tuple[int, str, str | None, str | None]  # (sign, "dia" | "mes", first, last); None = unbounded


def _mes_parcial(a: dt.date, b: dt.date) -> list[Tramo]:
    """Days ``a``..``b`` of one month: the days themselves, or the whole month minus the other days when
    those are fewer (a period ending on the 20th reads eleven day rows, not twenty)."""
    inicio, fin, mes = a.replace(day=1), _fin_de_mes(a), a.strftime("%Y-%m")
    fuera = []
    if a > inicio:
        fuera.append((inicio, a - dt.timedelta(days=1)))
    if b < fin:
        fuera.append((b + dt.timedelta(days=1), fin))
    if not fuera:
        return [(1, "mes", mes, mes)]
    if (b - a).days + 1 <= sum((h - d).days + 1 for d, h in fuera):
        return [(1, "dia", a.isoformat(), b.isoformat())]
    return [(1, "mes", mes, mes), *((-1, "dia", d.isoformat(), h.isoformat()) for d, h in fuera)]


def _tramos(desde: dt.date | None, hasta: dt.date | None) -> list[Tramo]:
    """The period as signed ranges of day rows and month rows whose sum is the period."""
    if desde is not None and hasta is not None and (desde.year, desde.month) == (hasta.year, hasta.month):
        return _mes_parcial(desde, hasta)
    tramos: list[Tramo] = []
    mes_desde = mes_hasta = None
    if desde is not None:
        if desde.day != 1:
            tramos += _mes_parcial(desde, _fin_de_mes(desde))
            desde = _fin_de_mes(desde) + dt.timedelta(days=1)
        mes_desde = desde.strftime("%Y-%m")
    if hasta is not None:
        if hasta != _fin_de_mes(hasta):
            tramos += _mes_parcial(hasta.replace(day=1), hasta)
            hasta = hasta.replace(day=1) - dt.timedelta(days=1)
        mes_hasta = hasta.strftime("%Y-%m")
    if mes_desde is None or mes_hasta is None or mes_desde <= mes_hasta:
        tramos.append((1, "mes", mes_desde, mes_hasta))
    return tramos


def _consultas_lineas(desde: dt.date | None, hasta: dt.date | None) -> list[tuple[int, Any]]:
    consultas = []
    for signo, tipo, primero, ultimo in _tramos(desde, hasta):
        tabla = suma_mes if tipo == "mes" else suma_dia
        columna = tabla.c[tipo]
        condiciones = []
        if primero is not None:
            condiciones.append(columna >= primero)
        if ultimo is not None:
            condiciones.append(columna <= ultimo)
        consulta = (
            sa.select(tabla.c.rubro, tabla.c.clave, sa.func.sum(tabla.c.lineas), sa.func.sum(tabla.c.total_centavos))
            .where(*condiciones)
            .group_by(tabla.c.rubro, tabla.c.clave)
        )
        consultas.append((signo, consulta))
    return consultas


def resumen(conexion: Connection, desde: dt.date | None = None, hasta: dt.date | None = None) -> dict[str, Any]:
    """``reportes.resumen`` (same keys, same figures) read from the per-day sums instead of the receipts,
    plus the delegación of each terminal (``delegaciones``)."""
    st, t = suma_dia_terminal, m.terminal
    terminales = conexion.execute(
        sa.select(
            t.c.serie,
            t.c.delegacion,
            sa.func.sum(st.c.recibos).label("recibos"),
            sa.func.sum(st.c.anulados).label("anulados"),
            sa.func.sum(st.c.total_centavos).label("total"),
        )
        .select_from(st.join(t, t.c.id == st.c.terminal_id))
        .where(*_periodo(st.c.dia, desde, hasta))
        .group_by(t.c.serie, t.c.delegacion)
        .order_by(t.c.serie)
    ).all()
    acumulado: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for signo, consulta in _consultas_lineas(desde, hasta):
        for rubro, clave, lineas, total in conexion.execute(consulta):
            fila = acumulado[(rubro, clave)]
            fila[0] += signo * int(lineas)
            fila[1] += signo * int(total)
    por_rubro: dict[str, int] = defaultdict(int)
    por_concepto: dict[str, int] = defaultdict(int)
    for (rubro, clave), (lineas, total) in acumulado.items():
        if lineas > 0:  # only voided lines left: ``resumen`` would not list the pair either
            por_rubro[rubro] += total
            por_concepto[clave] += total
    return {
        "desde": desde.isoformat() if desde else None,
        "hasta": hasta.isoformat() if hasta else None,
        "recibos": sum(int(f.recibos) for f in terminales),
        "anulados": sum(int(f.anulados) for f in terminales),
        "total": texto(de_centavos(sum(int(f.total) for f in terminales))),
        "por_terminal": {
            f.serie: {
                "recibos": int(f.recibos),
                "anulados": int(f.anulados),
                "total": texto(de_centavos(int(f.total))),
            }
            for f in terminales
        },
        "por_rubro": {k: texto(de_centavos(v)) for k, v in sorted(por_rubro.items())},
        "por_concepto": {k: texto(de_centavos(v)) for k, v in sorted(por_concepto.items())},
        "delegaciones": {f.serie: f.delegacion for f in terminales},
    }
