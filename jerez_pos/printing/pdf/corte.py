"""Corte de caja as a PDF the cashier and the supervisor sign: figures from ``ledger.corte``, context
(shift, names, voids, count) read from the ledger without writing anything."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from jerez_pos.core.dinero import D, de_centavos, pesos
from jerez_pos.core.errores import ErrorJerez
from jerez_pos.ledger import identidad
from jerez_pos.ledger.arqueo import Conteo
from jerez_pos.ledger.corte import DENOMINACIONES, Corte
from jerez_pos.ledger.lectura import leer
from jerez_pos.ledger.terminal import Terminal
from jerez_pos.printing.libro import FORMAS, municipio_encabezado
from jerez_pos.printing.pdf.comun import ANCHO_UTIL, corto, escribir, firmas, p, pares, pn, tabla
from jerez_pos.printing.pdf.rubros import barras_por_rubro, filas_rubro

MONEDAS_DESDE = D("20")  # 20 is both a bill and a coin; the count does not tell them apart


@dataclass(frozen=True)
class Anulado:
    folio: str
    total: Decimal
    motivo: str


@dataclass
class DatosCorte:
    corte: Corte
    municipio: str
    delegacion: str
    terminal: str
    cajero_nombre: str
    abierto_en: str
    cerrado_en: str | None
    supervisor: str | None
    conteo: dict[Decimal, int] | None
    anulados: list[Anulado] = field(default_factory=list)
    descripciones: dict[str, str] = field(default_factory=dict)


def datos_corte(terminal: Terminal, corte: Corte, conteo: dict[Decimal, int] | None = None) -> DatosCorte:
    ident = identidad.exigir_identidad(terminal.bd)
    with leer(terminal.bd) as c:
        turno = c.execute(
            "SELECT t.abierto_en, coalesce(nullif(u.nombre, ''), u.usuario) FROM turno t "
            "JOIN usuario u ON u.id = t.cajero_id WHERE t.id = ?",
            (corte.turno_id,),
        ).fetchone()
        cierre = c.execute(
            "SELECT k.cerrado_en, k.conteo, coalesce(nullif(s.nombre, ''), s.usuario) FROM corte k "
            "LEFT JOIN usuario s ON s.id = k.supervisor_id WHERE k.turno_id = ?",
            (corte.turno_id,),
        ).fetchone()
        anulados = c.execute(
            "SELECT r.serie || '-' || r.numero, r.total_centavos + r.ajuste_centavos, a.motivo FROM anulacion a "
            "JOIN recibo r ON r.id = a.recibo_id WHERE r.turno_id = ? ORDER BY r.id",
            (corte.turno_id,),
        ).fetchall()
    if corte.conteos:  # the last recorded count is the one the close used
        conteo = corte.conteos[-1].piezas
    elif conteo is None and cierre is not None:
        conteo = {D(k): int(v) for k, v in json.loads(cierre[1]).items()}
    descripciones: dict[str, str] = {}
    for clave in corte.por_concepto:
        try:
            descripciones[clave] = terminal.motor.concepto(clave, dt.date.today()).descripcion
        except ErrorJerez:  # a key no longer in the catalog still prints, without its description
            descripciones[clave] = ""
    return DatosCorte(
        corte=corte,
        municipio=municipio_encabezado(ident.municipio),
        delegacion=ident.delegacion,
        terminal=f"{ident.nombre} ({ident.serie})",
        cajero_nombre=turno[1],
        abierto_en=turno[0],
        cerrado_en=cierre[0] if cierre else None,
        supervisor=cierre[2] if cierre else None,
        conteo=conteo,
        anulados=[Anulado(f, de_centavos(int(t)), m) for f, t, m in anulados],
        descripciones=descripciones,
    )


def _pesos(centavos: int | None) -> str:
    return "—" if centavos is None else pesos(de_centavos(centavos))


def _arqueo(conteo: dict[Decimal, int] | None) -> list[Flowable]:
    if conteo is None:
        return [p("Sin arqueo: corte preliminar, el turno sigue abierto.")]
    filas = []
    for denominacion in DENOMINACIONES:
        piezas = conteo.get(denominacion, 0)
        tipo = "billete" if denominacion > MONEDAS_DESDE else ("moneda" if denominacion < MONEDAS_DESDE else "")
        filas.append([f"{pesos(denominacion)} {tipo}".strip(), str(piezas), pesos(denominacion * piezas)])
    total = sum((d * n for d, n in conteo.items()), Decimal(0))
    anchos = (45 * mm, 25 * mm, 35 * mm)
    return [
        tabla(
            ("Denominación", "Piezas", "Importe"), filas, anchos, numericas=(1, 2), total=["Contado", "", pesos(total)]
        )
    ]


def _conteos(c: Corte) -> list[Flowable]:
    """Every count of the shift with its time: a shortage later "fixed" by a recount stays on paper."""
    if not c.conteos:
        return [p("Ninguno.")]
    filas = [
        [str(x.n), x.registrado_en.replace("T", " "), x.usuario, _pesos(x.contado), _pesos(x.esperado), _diferencia(x)]
        for x in c.conteos
    ]
    anchos = (12 * mm, 36 * mm, 28 * mm, 28 * mm, 28 * mm, ANCHO_UTIL - 132 * mm)
    encabezado = ("N.º", "Registrado", "Usuario", "Contado", "Esperado", "Diferencia")
    return [tabla(encabezado, filas, anchos, numericas=(3, 4, 5))]


def _diferencia(conteo: Conteo) -> str:
    if not conteo.diferencia:
        return "cuadra"
    return f"{_pesos(conteo.diferencia)} ({'sobrante' if conteo.diferencia > 0 else 'faltante'})"


def historia_corte(datos: DatosCorte) -> list[Flowable]:
    c = datos.corte
    estado = "CERRADO" if c.cerrado or datos.cerrado_en else "PRELIMINAR (turno abierto)"
    historia: list[Flowable] = [
        p(datos.municipio, "titulo"),
        p("TESORERÍA MUNICIPAL", "subtitulo"),
        pn(f"CORTE DE CAJA — {estado}", "subtitulo"),
        Spacer(1, 4 * mm),
        pares(
            [
                ("Turno", str(c.turno_id)),
                ("Cajero", f"{datos.cajero_nombre} ({c.cajero})"),
                ("Delegación / terminal", f"{datos.delegacion} / {datos.terminal}"),
                ("Apertura", datos.abierto_en.replace("T", " ")),
                ("Cierre", (datos.cerrado_en or "—").replace("T", " ")),
                ("Recibos emitidos / anulados", f"{c.recibos} / {c.anulados}"),
            ],
            (55 * mm, ANCHO_UTIL - 55 * mm),
        ),
        p("Efectivo en caja", "seccion"),
    ]
    if c.ciego:  # blind: what the drawer should hold is printed only once a count is recorded
        historia += [
            pares([("Fondo inicial", _pesos(c.fondo))]),
            p("Corte a ciegas: las cifras del turno se muestran después de registrar un conteo."),
            Spacer(1, 6 * mm),
            firmas([("Cajero", datos.cajero_nombre), ("Supervisor", "")]),
        ]
        return historia
    diferencia = c.diferencia
    tipo = "" if not diferencia else (" (sobrante)" if diferencia > 0 else " (faltante)")
    historia.append(
        pares(
            [
                ("Fondo inicial", _pesos(c.fondo)),
                ("Efectivo recibido", _pesos(c.efectivo_recibido)),
                ("Cambio entregado", _pesos(-c.cambio)),
                ("Efectivo de recibos anulados", _pesos(-c.efectivo_anulado)),
                ("Entregas recibidas", _pesos(c.entregas_recibidas)),
                ("Entregas hechas", _pesos(-c.entregas_hechas)),
                ("Esperado en caja", _pesos(c.esperado)),
                ("Contado", _pesos(c.contado)),
                (f"Diferencia{tipo}", _pesos(diferencia)),
                ("Ajuste Art. 20 (incluido arriba)", _pesos(c.ajuste_art20)),
            ]
        )
    )
    formas = [[FORMAS.get(f, f), _pesos(v)] for f, v in sorted(c.por_forma.items())]
    historia += [p("Cobrado por forma de pago", "seccion")]
    historia.append(
        tabla(
            ("Forma", "Importe"),
            formas,
            (60 * mm, 40 * mm),
            numericas=(1,),
            total=["Total", _pesos(sum(c.por_forma.values()))],
        )
    )
    historia += [p("Arqueo por denominación", "seccion"), *_arqueo(datos.conteo)]
    historia += [p("Conteos registrados (todos, en orden)", "seccion"), *_conteos(c)]
    historia += [p("Recibos anulados", "seccion")]
    if datos.anulados:
        filas = [[a.folio, pesos(a.total), a.motivo] for a in datos.anulados]
        historia.append(
            tabla(("Folio", "Importe", "Motivo"), filas, (30 * mm, 30 * mm, ANCHO_UTIL - 60 * mm), numericas=(1,))
        )
    else:
        historia.append(p("Ninguno."))
    conceptos = [
        [clave, corto(datos.descripciones.get(clave, ""), 95), _pesos(v)] for clave, v in sorted(c.por_concepto.items())
    ]
    historia += [p("Totales por concepto", "seccion")]
    historia.append(
        tabla(
            ("Clave", "Concepto", "Importe"),
            conceptos,
            (28 * mm, ANCHO_UTIL - 58 * mm, 30 * mm),
            numericas=(2,),
            total=["", "Total", _pesos(sum(c.por_concepto.values()))],
        )
    )
    historia += [p("Totales por rubro (CRI, Art. 2)", "seccion"), *filas_rubro(c.por_rubro)]
    historia += [Spacer(1, 3 * mm), barras_por_rubro(c.por_rubro)]
    historia += [Spacer(1, 6 * mm), firmas([("Cajero", datos.cajero_nombre), ("Supervisor", datos.supervisor or "")])]
    return historia


def corte_pdf(datos: DatosCorte, ruta: Path) -> Path:
    return escribir(ruta, historia_corte(datos), f"Corte de caja, turno {datos.corte.turno_id}")
