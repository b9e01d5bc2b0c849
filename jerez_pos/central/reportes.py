"""Consolidated views: summary (JSON and CSV), public receipt verification, missing sequences.

Dates filter on the time the terminal *claimed* for the receipt (the day the money was taken), not on
arrival: a delegación offline for a week still reports its sales on the days they happened.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Engine

from jerez_pos.central import modelos as m
from jerez_pos.core import documento
from jerez_pos.core.dinero import de_centavos, texto
from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.core.numeros import leer_fecha
from jerez_pos.printing.verificacion import DatosQR

LARGO_CODIGO = documento.LONGITUD_CODIGO  # hex characters of the chain hash printed next to the QR


def fecha_filtro(valor: str | None, campo: str) -> dt.date | None:
    if valor is None or valor == "":
        return None
    return leer_fecha(valor, campo)  # one date reader: ASCII AAAA-MM-DD between 2000 and 2100


def _anulacion_de(recibo: Any) -> Any:
    anulacion = m.registro.alias("anulacion")
    return (
        sa.select(sa.literal(1))
        .where(
            anulacion.c.tipo == "anulacion",
            anulacion.c.terminal_id == recibo.c.terminal_id,
            anulacion.c.recibo_hash == recibo.c.hash,
        )
        .exists()
    )


def _filtros(recibo: Any, desde: dt.date | None, hasta: dt.date | None) -> list[Any]:
    condiciones = [recibo.c.tipo == "recibo"]
    if desde is not None:
        condiciones.append(recibo.c.fecha_terminal >= desde.isoformat())
    if hasta is not None:
        condiciones.append(recibo.c.fecha_terminal < (hasta + dt.timedelta(days=1)).isoformat())
    return condiciones


def resumen(motor: Engine, desde: dt.date | None = None, hasta: dt.date | None = None) -> dict[str, Any]:
    if desde and hasta and hasta < desde:
        raise ErrorEntrada("--hasta", "debe ser igual o posterior a --desde")
    r = m.registro.alias("r")
    anulado = _anulacion_de(r)
    vigente = sa.case((anulado, 0), else_=1)
    por_terminal_q = (
        sa.select(
            r.c.serie,
            sa.func.count().label("recibos"),
            sa.func.sum(1 - vigente).label("anulados"),
            sa.func.sum(r.c.total_centavos * vigente).label("total"),
        )
        .where(*_filtros(r, desde, hasta))
        .group_by(r.c.serie)
    )
    ln = m.linea
    lineas_q = (
        sa.select(ln.c.rubro, ln.c.clave, sa.func.sum(ln.c.total_centavos).label("total"))
        .select_from(r.join(ln, sa.and_(ln.c.terminal_id == r.c.terminal_id, ln.c.secuencia == r.c.secuencia)))
        .where(*_filtros(r, desde, hasta), ~anulado)
        .group_by(ln.c.rubro, ln.c.clave)
    )
    with motor.connect() as conexion:
        terminales = conexion.execute(por_terminal_q).all()
        lineas = conexion.execute(lineas_q).all()
    por_rubro: dict[str, int] = defaultdict(int)
    por_concepto: dict[str, int] = defaultdict(int)
    for fila in lineas:
        por_rubro[fila.rubro] += int(fila.total or 0)
        por_concepto[fila.clave] += int(fila.total or 0)
    return {
        "desde": desde.isoformat() if desde else None,
        "hasta": hasta.isoformat() if hasta else None,
        "recibos": sum(int(f.recibos) for f in terminales),
        "anulados": sum(int(f.anulados or 0) for f in terminales),
        "total": texto(de_centavos(sum(int(f.total or 0) for f in terminales))),
        "por_terminal": {
            f.serie: {
                "recibos": int(f.recibos),
                "anulados": int(f.anulados or 0),
                "total": texto(de_centavos(int(f.total or 0))),
            }
            for f in sorted(terminales, key=lambda f: str(f.serie))
        },
        "por_rubro": {k: texto(de_centavos(v)) for k, v in sorted(por_rubro.items())},
        "por_concepto": {k: texto(de_centavos(v)) for k, v in sorted(por_concepto.items())},
    }


def resumen_csv(datos: dict[str, Any]) -> str:
    """One table a spreadsheet opens: section, key, receipts, voided, total."""
    salida = io.StringIO()
    escritor = csv.writer(salida, lineterminator="\n")
    escritor.writerow(["seccion", "clave", "recibos", "anulados", "total"])
    escritor.writerow(["total", "", datos["recibos"], datos["anulados"], datos["total"]])
    for serie, fila in datos["por_terminal"].items():
        escritor.writerow(["terminal", serie, fila["recibos"], fila["anulados"], fila["total"]])
    for rubro, total in datos["por_rubro"].items():
        escritor.writerow(["rubro", rubro, "", "", total])
    for clave, total in datos["por_concepto"].items():
        escritor.writerow(["concepto", clave, "", "", total])
    return salida.getvalue()


_BASE64URL = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
FIRMA_MAXIMA = 100  # an Ed25519 signature is 86 base64url characters without padding


def _firma_qr(firma: str | None) -> str:
    firma = (firma or "").strip().rstrip("=")
    if len(firma) > FIRMA_MAXIMA or not set(firma) <= _BASE64URL:
        raise ErrorEntrada("firma", "debe ser la firma del QR del recibo (base64url, sin espacios)")
    return firma


def _estado_firma(fila: Any, serie: str, numero: int, firma: str) -> str:
    """The QR's print-time signature checked against the terminal key central holds, over central's own
    copy of the fields the terminal signed (``printing.verificacion``): valid means paper = record."""
    if not firma:
        return "ausente"
    if fila.llave_publica is None:
        return "invalida"
    qr = DatosQR(
        documento.folio(serie, numero),
        fila.fecha_terminal,
        texto(de_centavos(int(fila.total_centavos))),
        serie,
        documento.codigo_de(bytes(fila.hash)),
        firma,
    )
    return "valida" if qr.firma_valida(bytes(fila.llave_publica)) else "invalida"


def _afirma_otra_cosa(fila: Any, serie: str, afirmados: Mapping[str, str]) -> bool:
    """The QR's URL repeats date, total and series in clear: any of them not matching central's copy is a
    rewritten QR (a forger changes the figures and keeps a genuine signature)."""
    propios = {"fecha": fila.fecha_terminal, "total": texto(de_centavos(int(fila.total_centavos))), "serie": serie}
    return any(afirmados.get(campo) not in (None, "", valor) for campo, valor in propios.items())


def verificar(
    motor: Engine, folio: str, codigo: str, firma: str | None = None, afirmados: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """Public QR check: folio + code (first 16 hex of the receipt hash), optionally the QR's signature.

    ``estado``: valido | anulado | desconocido; ``firma``: valida | invalida | ausente. Every failure (unknown
    folio, wrong code, a signature that doesn't match central's copy) is the one same "desconocido" answer,
    with "invalida" when a signature was given. ``afirmados``: the date, total and series the QR's URL
    carries, which must equal central's. No contributor data is returned.
    """
    serie, numero = documento.separar_folio(folio, "folio")
    codigo = codigo.strip().lower()
    if len(codigo) < 8 or any(c not in "0123456789abcdef" for c in codigo):
        raise ErrorEntrada("codigo", "debe ser el código hexadecimal impreso junto al QR (al menos 8 caracteres)")
    firma = _firma_qr(firma)
    r, t = m.registro.alias("r"), m.terminal
    with motor.connect() as conexion:
        fila = conexion.execute(
            sa.select(
                r.c.hash,
                r.c.fecha_terminal,
                r.c.total_centavos,
                t.c.llave_publica,
                _anulacion_de(r).label("anulado"),
            )
            .select_from(r.join(t, t.c.id == r.c.terminal_id))
            .where(r.c.tipo == "recibo", r.c.serie == serie, r.c.numero == numero)
        ).first()
    etiqueta = documento.folio(serie, numero)
    desconocido = {"folio": etiqueta, "estado": "desconocido", "firma": "invalida" if firma else "ausente"}
    if fila is None or not documento.codigo_coincide(bytes(fila.hash), codigo):
        return desconocido
    if afirmados and _afirma_otra_cosa(fila, serie, afirmados):
        return desconocido
    estado_firma = _estado_firma(fila, serie, numero, firma)
    if estado_firma == "invalida":
        # The same answer as an unknown folio or a wrong code: a forger learns nothing about which of his
        # fields central recognised (an altered date or total on genuine folio and code included).
        return desconocido
    return {
        "folio": etiqueta,
        "estado": "anulado" if fila.anulado else "valido",
        "fecha": fila.fecha_terminal,
        "total": texto(de_centavos(int(fila.total_centavos))),
        "firma": estado_firma,
    }


def faltantes(motor: Engine) -> dict[str, Any]:
    """Per terminal: what central holds, the tip the terminal last reported, and the sequences still missing."""
    t, r = m.terminal, m.registro
    consulta = (
        sa.select(
            t.c.serie,
            t.c.estado,
            t.c.punta,
            t.c.firmas_revisadas,
            sa.func.count(r.c.id).label("n"),
            sa.func.max(r.c.secuencia).label("maxima"),
        )
        .select_from(t.outerjoin(r, r.c.terminal_id == t.c.id))
        .group_by(t.c.id, t.c.serie, t.c.estado, t.c.punta, t.c.firmas_revisadas)
        .order_by(t.c.serie)
    )
    c = m.conflicto
    firmas_malas = (
        sa.select(t.c.serie, sa.func.count(c.c.id))
        .select_from(c.join(t, t.c.id == c.c.terminal_id))
        .where(c.c.campo == "firma")
        .group_by(t.c.serie)
    )
    with motor.connect() as conexion:
        filas = conexion.execute(consulta).all()
        invalidas = {serie: int(n) for serie, n in conexion.execute(firmas_malas).all()}
    resultado: dict[str, Any] = {}
    for f in filas:
        maxima = int(f.maxima or 0)
        huecos_internos = maxima - int(f.n)  # zero by construction: central refuses records with holes
        faltan = max(int(f.punta) - maxima, 0)
        resultado[f.serie] = {
            "estado": f.estado,
            "en_central": int(f.n),
            "punta_terminal": int(f.punta),
            "faltan": faltan + huecos_internos,
            "desde": maxima + 1 if faltan else None,
            "hasta": int(f.punta) if faltan else None,
            # Each record's own signature is checked after arrival (``central.firmas``).
            "firmas_por_revisar": max(maxima - int(f.firmas_revisadas), 0),
            "firmas_invalidas": invalidas.get(f.serie, 0),
        }
    return resultado
