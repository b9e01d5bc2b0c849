"""Inspector route report: stalls of the route paid and pending, collected, and what is still to hand in.

With a padrón of stalls (``ledger.padron``) the report lists every active stall of the route (one tianguis,
or all of them) as paid (the folio of the day's valid receipt, whoever charged it) or pending, from
``padron.ruta_del_dia``. The inspector's own receipts of the day are listed too, and "por entregar" is the
cash collected and not yet handed to a cashier (``entregas``). With an empty padrón the report falls back
to the receipts alone and says so on its face.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from jerez_pos.core.dinero import CERO, de_centavos, pesos
from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.core.texto import cantidad
from jerez_pos.ledger import identidad, padron
from jerez_pos.ledger.comun import Sesion
from jerez_pos.ledger.lectura import leer
from jerez_pos.ledger.terminal import Terminal
from jerez_pos.printing.libro import municipio_encabezado
from jerez_pos.printing.pdf.comun import ANCHO_UTIL, escribir, firmas, p, pares, pn, tabla

SIN_PADRON = (
    "El padrón de puestos está vacío: los puestos visitados son los contribuyentes con recibo del "
    "inspector en el día, y lo pendiente es el efectivo cobrado que aún no se entrega en caja."
)
TODOS = "todos los tianguis"


@dataclass(frozen=True)
class Visita:
    hora: str
    folio: str
    puesto: str
    conceptos: str
    importe: Decimal
    efectivo: Decimal
    anulado: bool


@dataclass(frozen=True)
class Entrega:
    hora: str
    recibe: str
    efectivo: Decimal
    otros: Decimal


@dataclass(frozen=True)
class PuestoRuta:
    clave: str
    titular: str
    tianguis: str
    ubicacion: str
    tipo: str
    folio: str | None  # the day's valid receipt; None while pending

    @property
    def pagado(self) -> bool:
        return self.folio is not None


@dataclass(frozen=True)
class DatosRuta:
    municipio: str
    delegacion: str
    inspector: str
    fecha: dt.date
    visitas: tuple[Visita, ...]
    entregas: tuple[Entrega, ...]
    puestos: tuple[PuestoRuta, ...] = ()  # the route from the padrón; empty when there is no padrón
    tianguis: str | None = None  # the route's tianguis, None for all

    @property
    def pagados(self) -> int:
        return sum(1 for x in self.puestos if x.pagado)

    @property
    def cobrado(self) -> Decimal:
        return sum((v.importe for v in self.visitas if not v.anulado), CERO)

    @property
    def efectivo(self) -> Decimal:
        return sum((v.efectivo for v in self.visitas if not v.anulado), CERO)

    @property
    def entregado(self) -> Decimal:
        return sum((e.efectivo for e in self.entregas), CERO)

    @property
    def pendiente(self) -> Decimal:
        return self.efectivo - self.entregado


def _ruta_padron(terminal: Terminal, fecha: dt.date, tianguis: str | None) -> tuple[PuestoRuta, ...]:
    if tianguis is not None:
        conocidos = padron.tianguis(terminal.bd)
        if conocidos and tianguis not in conocidos:
            raise ErrorEntrada("--tianguis", f"«{tianguis}» no está en el padrón; use uno de: {', '.join(conocidos)}")
    return tuple(
        PuestoRuta(
            x.puesto.clave,
            x.puesto.titular,
            x.puesto.tianguis,
            x.puesto.ubicacion,
            padron.NOMBRE_TIPO.get(x.puesto.tipo, x.puesto.tipo),
            x.folio,
        )
        for x in padron.ruta_del_dia(terminal.bd, fecha, tianguis)
    )


def datos_ruta(
    terminal: Terminal, sesion: Sesion, inspector: str, fecha: dt.date, tianguis: str | None = None
) -> DatosRuta:
    if sesion.usuario != inspector:
        sesion.exigir("consultar la ruta de otro usuario", "supervisor", "administrador")
    ident = identidad.exigir_identidad(terminal.bd)
    rango = (fecha.isoformat(), (fecha + dt.timedelta(days=1)).isoformat())
    with leer(terminal.bd) as c:
        usuario = c.execute(
            "SELECT id, coalesce(nullif(nombre, ''), usuario) FROM usuario WHERE usuario = ?", (inspector,)
        ).fetchone()
        if usuario is None:
            raise ErrorEntrada("--inspector", f"no existe el usuario «{inspector}»")
        recibos = c.execute(
            "SELECT r.fecha, r.serie || '-' || r.numero, r.contribuyente, r.total_centavos + r.ajuste_centavos, "
            "(SELECT coalesce(sum(importe_centavos), 0) FROM recibo_pago p WHERE p.recibo_id = r.id "
            "AND p.forma = 'efectivo') - r.cambio_centavos, "
            "(SELECT group_concat(clave, ', ') FROM recibo_linea l WHERE l.recibo_id = r.id), "
            "EXISTS (SELECT 1 FROM anulacion a WHERE a.recibo_id = r.id) "
            "FROM recibo r WHERE r.cajero_id = ? AND r.fecha >= ? AND r.fecha < ? ORDER BY r.eslabon",
            (usuario[0], *rango),
        ).fetchall()
        entregas = c.execute(
            "SELECT e.fecha, u.usuario, "
            "coalesce(sum(CASE WHEN p.forma = 'efectivo' THEN p.importe_centavos END), 0), "
            "coalesce(sum(CASE WHEN p.forma <> 'efectivo' THEN p.importe_centavos END), 0) "
            "FROM entrega e JOIN usuario u ON u.id = e.para_id JOIN entrega_pago p ON p.entrega_id = e.id "
            "WHERE e.de_id = ? AND e.fecha >= ? AND e.fecha < ? GROUP BY e.id ORDER BY e.id",
            (usuario[0], *rango),
        ).fetchall()
    visitas = []
    for fecha_r, folio, contribuyente, importe, efectivo, claves, anulado in recibos:
        datos = json.loads(contribuyente)
        puesto = datos.get("nombre", "")
        if datos.get("padron"):
            puesto += f" (padrón {datos['padron']})"
        visitas.append(
            Visita(
                fecha_r[11:16], folio, puesto, claves or "", de_centavos(importe), de_centavos(efectivo), bool(anulado)
            )
        )
    return DatosRuta(
        municipio_encabezado(ident.municipio),
        ident.delegacion,
        usuario[1],
        fecha,
        tuple(visitas),
        tuple(Entrega(f[11:16], u, de_centavos(e), de_centavos(o)) for f, u, e, o in entregas),
        _ruta_padron(terminal, fecha, tianguis),
        tianguis,
    )


def _resumen_padron(datos: DatosRuta) -> list[tuple[str, str]]:
    if not datos.puestos:
        return []
    return [
        ("Ruta (tianguis)", datos.tianguis or TODOS),
        ("Puestos en el padrón", str(len(datos.puestos))),
        ("Pagados hoy / pendientes", f"{datos.pagados} / {len(datos.puestos) - datos.pagados}"),
    ]


def _tabla_padron(datos: DatosRuta) -> list[Flowable]:
    if not datos.puestos:
        return [Spacer(1, 2 * mm), p(SIN_PADRON, "chico")]
    propios = {v.folio for v in datos.visitas}
    filas = [
        [
            x.clave,
            x.titular,
            ", ".join(c for c in (x.tianguis, x.ubicacion) if c),
            x.tipo,
            x.folio or "",
            ("Pagado" if x.folio in propios else "Pagado en caja") if x.pagado else "PENDIENTE",
        ]
        for x in datos.puestos
    ]
    fijas = 18 * mm + 20 * mm + 24 * mm + 26 * mm
    anchos = (18 * mm, (ANCHO_UTIL - fijas) / 2, (ANCHO_UTIL - fijas) / 2, 20 * mm, 24 * mm, 26 * mm)
    pendientes = len(datos.puestos) - datos.pagados
    total = ["", cantidad(datos.pagados, "pagado"), cantidad(pendientes, "pendiente"), "", "", ""]
    titulo = f"Puestos de la ruta — {datos.tianguis or TODOS}"
    encabezados = ("Clave", "Titular", "Tianguis / ubicación", "Tipo", "Folio", "Estado")
    return [p(titulo, "seccion"), tabla(encabezados, filas, anchos, total=total)]


def historia_ruta(datos: DatosRuta) -> list[Flowable]:
    historia: list[Flowable] = [
        p(datos.municipio, "titulo"),
        p("TESORERÍA MUNICIPAL — MERCADOS Y COMERCIO", "subtitulo"),
        pn(f"REPORTE DE RUTA DEL INSPECTOR — {datos.fecha:%d/%m/%Y}", "subtitulo"),
        Spacer(1, 4 * mm),
        pares(
            [
                ("Inspector", datos.inspector),
                ("Delegación", datos.delegacion),
                *_resumen_padron(datos),
                ("Puestos visitados (con recibo)", str(len({v.puesto for v in datos.visitas if not v.anulado}))),
                (
                    "Recibos válidos / anulados",
                    f"{sum(not v.anulado for v in datos.visitas)} / {sum(v.anulado for v in datos.visitas)}",
                ),
                ("Cobrado", pesos(datos.cobrado)),
                ("Cobrado en efectivo", pesos(datos.efectivo)),
                ("Entregado en caja (efectivo)", pesos(datos.entregado)),
                ("Pendiente por entregar", pesos(datos.pendiente)),
            ],
            (60 * mm, 45 * mm),
        ),
        *_tabla_padron(datos),
        p("Recibos del inspector" if datos.puestos else "Puestos visitados", "seccion"),
    ]
    filas = [
        [v.hora, v.folio, v.puesto, v.conceptos, pesos(v.importe), "anulado" if v.anulado else ""]
        for v in datos.visitas
    ]
    anchos = (14 * mm, 24 * mm, ANCHO_UTIL - 14 * mm - 24 * mm - 34 * mm - 26 * mm - 18 * mm, 34 * mm, 26 * mm, 18 * mm)
    total = ["", "", "Total cobrado", "", pesos(datos.cobrado), ""]
    historia.append(
        tabla(
            ("Hora", "Folio", "Puesto / contribuyente", "Conceptos", "Importe", "Estado"),
            filas,
            anchos,
            numericas=(4,),
            total=total,
        )
    )
    historia += [p("Entregas en caja", "seccion")]
    if datos.entregas:
        filas_e = [[e.hora, e.recibe, pesos(e.efectivo), pesos(e.otros)] for e in datos.entregas]
        historia.append(
            tabla(
                ("Hora", "Recibió", "Efectivo", "Otros valores"),
                filas_e,
                (20 * mm, 50 * mm, 32 * mm, 32 * mm),
                numericas=(2, 3),
            )
        )
    else:
        historia.append(p("Ninguna."))
    historia += [Spacer(1, 8 * mm), firmas([("Inspector", datos.inspector), ("Recibió en caja", "")])]
    return historia


def ruta_pdf(datos: DatosRuta, ruta: Path) -> Path:
    return escribir(ruta, historia_ruta(datos), f"Ruta del inspector {datos.fecha.isoformat()}")
