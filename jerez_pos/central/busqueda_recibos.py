"""The console's receipt search: by folio, date range, taxpayer name or concept key; the detail of one
receipt (lines, tenders, void); and the search exported to CSV and PDF.

Folio, dates and concept key are SQL filters. The taxpayer's name lives only inside the stored chain
document, and SQLite's ``lower``/``LIKE`` know no accents (``PÉREZ`` vs ``pérez``), so the name is matched in
Python over the rows the other filters leave, case- and accent-insensitively. A search stops at
``LIMITE`` results and says so: narrow it with dates to see the rest.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Engine

from jerez_pos.central import modelos as m
from jerez_pos.central import reportes
from jerez_pos.core.dinero import D, a_centavos, de_centavos, pesos, texto
from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.core.texto import cantidad

LIMITE = 500
LARGO_TEXTO = 80


@dataclass(frozen=True)
class Filtros:
    folio: str = ""
    desde: dt.date | None = None
    hasta: dt.date | None = None
    nombre: str = ""
    clave: str = ""

    @classmethod
    def de_consulta(cls, consulta: dict[str, str]) -> Filtros:
        """From a query string; malformed values raise ``ErrorEntrada`` naming the field."""
        folio = consulta.get("folio", "").strip().upper()
        if folio:
            serie, _, numero = folio.rpartition("-")
            if not serie or not numero.isdigit() or len(numero) > 9:
                raise ErrorEntrada("folio", f"«{folio[:30]}» no es un folio; use SERIE-NÚMERO (p. ej. JRZ1-15)")
        desde = reportes.fecha_filtro(consulta.get("desde"), "desde")
        hasta = reportes.fecha_filtro(consulta.get("hasta"), "hasta")
        if desde and hasta and hasta < desde:
            raise ErrorEntrada("hasta", "debe ser igual o posterior a «desde»")
        nombre, clave = consulta.get("nombre", "").strip(), consulta.get("clave", "").strip().upper()
        for campo, valor in (("nombre", nombre), ("clave", clave)):
            if len(valor) > LARGO_TEXTO:
                raise ErrorEntrada(campo, f"escriba a lo más {LARGO_TEXTO} caracteres")
        return cls(folio, desde, hasta, nombre, clave)

    def a_consulta(self) -> dict[str, str]:
        valores = {
            "folio": self.folio,
            "desde": self.desde.isoformat() if self.desde else "",
            "hasta": self.hasta.isoformat() if self.hasta else "",
            "nombre": self.nombre,
            "clave": self.clave,
        }
        return {k: v for k, v in valores.items() if v}


@dataclass(frozen=True)
class Fila:
    folio: str
    fecha: str
    delegacion: str
    contribuyente: str
    claves: str
    total: str  # "115.12"
    anulado: bool


@dataclass(frozen=True)
class Resultado:
    filas: list[Fila]
    truncado: bool


def _plegar(texto_: str) -> str:
    sin_marcas = unicodedata.normalize("NFKD", texto_).encode("ascii", "ignore").decode()
    return " ".join(sin_marcas.casefold().split())


def _consulta(filtros: Filtros) -> Any:
    r, t, ln = m.registro, m.terminal, m.linea
    consulta = (
        sa.select(
            r.c.serie,
            r.c.numero,
            r.c.fecha_terminal,
            r.c.total_centavos,
            r.c.documento,
            t.c.delegacion,
            reportes._anulacion_de(r).label("anulado"),
        )
        .select_from(r.join(t, t.c.id == r.c.terminal_id))
        .where(r.c.tipo == "recibo")
        .order_by(r.c.fecha_terminal.desc(), r.c.serie, r.c.numero.desc())
    )
    if filtros.folio:
        serie, _, numero = filtros.folio.rpartition("-")
        consulta = consulta.where(r.c.serie == serie, r.c.numero == int(numero))
    if filtros.desde:
        consulta = consulta.where(r.c.fecha_terminal >= filtros.desde.isoformat())
    if filtros.hasta:
        consulta = consulta.where(r.c.fecha_terminal < (filtros.hasta + dt.timedelta(days=1)).isoformat())
    if filtros.clave:
        con_clave = (
            sa.select(sa.literal(1))
            .where(
                ln.c.terminal_id == r.c.terminal_id,
                ln.c.secuencia == r.c.secuencia,
                sa.or_(ln.c.clave == filtros.clave, ln.c.clave.startswith(filtros.clave + "-")),
            )
            .exists()
        )
        consulta = consulta.where(con_clave)
    return consulta


def buscar(motor: Engine, filtros: Filtros) -> Resultado:
    buscado = _plegar(filtros.nombre)
    filas: list[Fila] = []
    with motor.connect() as conexion:
        for f in conexion.execute(_consulta(filtros)):
            documento = json.loads(f.documento)
            nombre = str((documento.get("contribuyente") or {}).get("nombre", ""))
            if buscado and buscado not in _plegar(nombre):
                continue
            if len(filas) == LIMITE:
                return Resultado(filas, True)
            claves = ", ".join(str(x.get("clave", "")) for x in documento.get("lineas", []))
            filas.append(
                Fila(
                    f"{f.serie}-{f.numero}",
                    f.fecha_terminal,
                    f.delegacion,
                    nombre,
                    claves,
                    texto(de_centavos(int(f.total_centavos))),
                    bool(f.anulado),
                )
            )
    return Resultado(filas, False)


def detalle(motor: Engine, folio: str) -> dict[str, Any]:
    """One receipt as the console shows it: contributor, lines, tenders, and its void if any."""
    filtros = Filtros.de_consulta({"folio": folio})
    if not filtros.folio:
        raise ErrorEntrada("folio", "indique el folio SERIE-NÚMERO")
    serie, _, numero = filtros.folio.rpartition("-")
    r, t = m.registro, m.terminal
    anulacion = m.registro.alias("anulacion")
    with motor.connect() as conexion:
        fila = conexion.execute(
            sa.select(r.c.terminal_id, r.c.hash, r.c.documento, r.c.recibido_en, t.c.delegacion)
            .select_from(r.join(t, t.c.id == r.c.terminal_id))
            .where(r.c.tipo == "recibo", r.c.serie == serie, r.c.numero == int(numero))
        ).first()
        if fila is None:
            raise ErrorEntrada("folio", f"la central no tiene el recibo {filtros.folio}")
        anulado = conexion.execute(
            sa.select(anulacion.c.documento).where(
                anulacion.c.tipo == "anulacion",
                anulacion.c.terminal_id == fila.terminal_id,
                anulacion.c.recibo_hash == fila.hash,
            )
        ).first()
    documento = json.loads(fila.documento)
    anulacion_doc = json.loads(anulado.documento) if anulado is not None else None
    return {
        "folio": filtros.folio,
        "fecha": documento.get("fecha", ""),
        "recibido_en": fila.recibido_en,
        "delegacion": fila.delegacion,
        "contribuyente": documento.get("contribuyente") or {},
        "lineas": [
            {
                "clave": x.get("clave", ""),
                "descripcion": (x.get("cotizacion") or {}).get("descripcion", ""),
                "rubro": x.get("rubro", ""),
                "importe": pesos(de_centavos(int(x.get("total_centavos", 0)))),
            }
            for x in documento.get("lineas", [])
        ],
        "pagos": [
            {"forma": x.get("forma", ""), "importe": pesos(de_centavos(int(x.get("importe_centavos", 0))))}
            for x in documento.get("pagos", [])
        ],
        "total": pesos(de_centavos(int(documento.get("total_centavos", 0)))),
        "ajuste": pesos(de_centavos(int(documento.get("ajuste_centavos", 0)))),
        "anulacion": None
        if anulacion_doc is None
        else {"fecha": anulacion_doc.get("fecha", ""), "motivo": anulacion_doc.get("motivo", "")},
    }


ENCABEZADO = ("folio", "fecha", "delegacion", "contribuyente", "claves", "total", "anulado")


def a_csv(resultado: Resultado) -> str:
    salida = io.StringIO()
    escritor = csv.writer(salida, lineterminator="\n")
    escritor.writerow(ENCABEZADO)
    for f in resultado.filas:
        # A leading = + - @ would make a spreadsheet run the cell as a formula: names are typed by cashiers.
        nombre = "'" + f.contribuyente if f.contribuyente[:1] in ("=", "+", "-", "@") else f.contribuyente
        escritor.writerow([f.folio, f.fecha, f.delegacion, nombre, f.claves, f.total, "si" if f.anulado else "no"])
    return salida.getvalue()


def a_pdf(resultado: Resultado, filtros: Filtros, generado: dt.datetime) -> bytes:
    from reportlab.lib.units import mm
    from reportlab.platypus import Flowable, Spacer

    from jerez_pos.printing.pdf.comun import ANCHO_UTIL, corto, escribir, p, pn, tabla

    descripcion = ", ".join(f"{k}: {v}" for k, v in filtros.a_consulta().items()) or "todos los recibos"
    vigentes = sum(a_centavos(D(f.total)) for f in resultado.filas if not f.anulado)
    historia: list[Flowable] = [
        p("TESORERÍA MUNICIPAL DE JEREZ, ZACATECAS", "titulo"),
        pn("BÚSQUEDA DE RECIBOS EN LA CENTRAL", "subtitulo"),
        p(f"Filtros: {descripcion}", "centro"),
        Spacer(1, 4 * mm),
    ]
    filas = [
        [
            f.folio,
            f.fecha.replace("T", " "),
            corto(f.delegacion, 24),
            corto(f.contribuyente, 40),
            corto(f.claves, 30),
            pesos(de_centavos(a_centavos(D(f.total)))),
            "ANULADO" if f.anulado else "",
        ]
        for f in resultado.filas
    ]
    anchos = [22 * mm, 27 * mm, 24 * mm, 0.0, 28 * mm, 22 * mm, 17 * mm]
    anchos[3] = ANCHO_UTIL - sum(anchos)
    total = ["", "", "", f"{cantidad(len(resultado.filas), 'recibo')}; vigentes:", "", pesos(de_centavos(vigentes)), ""]
    encabezado = ("Folio", "Fecha", "Delegación", "Contribuyente", "Claves", "Total", "")
    historia.append(tabla(encabezado, filas, anchos, numericas=(5,), total=total))
    if resultado.truncado:
        historia.append(p(f"La búsqueda se detuvo en {LIMITE} recibos; acote las fechas para ver el resto.", "aviso"))
    with tempfile.TemporaryDirectory(prefix="jerez-busqueda-") as temporal:
        ruta = Path(temporal) / "recibos.pdf"
        escribir(ruta, historia, "Búsqueda de recibos", generado=generado)
        return ruta.read_bytes()
