"""Central's arrears (rezago) and collection-efficiency reports, from central's own view of the accounts.

The roll is what the treasury published: every roll package of that type in version order, merged by key as
a terminal's re-import does (an account missing from a later file stays). What is paid is ``cuenta_pago``:
the years a receipt in force pays, as batches arrived. Each account's arrears are priced with the terminals'
own code (``ledger.cuentas.calcular``: every year under its own catalog and UMA, Arts. 14, 58, 59, 61, 114)
and the catalog and UMA the terminals have: the published ones, else those shipped with the program.
Central keeps no INPC table, so the actualización factor is 1 and the report says so (Art. 14 fr. III is
applied by the terminals, which hold the table); recargos are computed in full.

Grouped by zone (predial; rustic land and accounts without a zone apart) or by giro (comercio).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Engine

from jerez_pos import config
from jerez_pos.central import modelos as m
from jerez_pos.central.cuentas import PADRONES, cuenta_pago
from jerez_pos.core.dinero import CERO, de_centavos, texto
from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.core.motor import Motor

SIN_INPC = "Central no lleva la tabla del INPC: la actualización se calcula con factor 1 (los recargos, completos)"


@dataclass
class Grupo:
    grupo: str
    cuentas: int = 0
    con_adeudo: int = 0
    pagadas: int = 0  # eficiencia: the report year paid
    adeudo: Decimal = CERO
    cobrado: Decimal = CERO

    def a_dict(self) -> dict[str, Any]:
        porcentaje = (Decimal(self.pagadas) * 100 / self.cuentas).quantize(Decimal("0.01")) if self.cuentas else CERO
        return {
            "grupo": self.grupo,
            "cuentas": self.cuentas,
            "con_adeudo": self.con_adeudo,
            "adeudo": texto(self.adeudo),
            "pagadas": self.pagadas,
            "porcentaje_pagadas": str(porcentaje),
            "cobrado": texto(self.cobrado),
        }


@dataclass
class Reporte:
    padron: str
    fecha: dt.date
    grupos: dict[str, Grupo] = field(default_factory=dict)
    deudores: list[dict[str, Any]] = field(default_factory=list)
    advertencias: list[str] = field(default_factory=list)

    def total(self) -> Grupo:
        t = Grupo("Total")
        for g in self.grupos.values():
            t.cuentas += g.cuentas
            t.con_adeudo += g.con_adeudo
            t.pagadas += g.pagadas
            t.adeudo += g.adeudo
            t.cobrado += g.cobrado
        return t

    def a_dict(self) -> dict[str, Any]:
        return {
            "padron": self.padron,
            "fecha": self.fecha.isoformat(),
            "ejercicio": self.fecha.year,
            "grupos": [self.grupos[k].a_dict() for k in sorted(self.grupos, key=_orden)],
            "total": self.total().a_dict(),
            "deudores": self.deudores,
            "advertencias": self.advertencias,
        }


ROMANOS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")


def _orden(grupo: str) -> tuple[int, int | str]:
    etiqueta = grupo.removeprefix("zona ").removeprefix("giro ")
    if etiqueta in ROMANOS:
        return (0, ROMANOS.index(etiqueta))
    return (0, int(etiqueta)) if etiqueta.isdigit() else (1, grupo)


def _grupo(cuenta: Any) -> str:
    if cuenta.padron == "comercio":
        return f"giro {cuenta.datos['giro']}"
    if cuenta.datos.get("zona"):
        return f"zona {cuenta.datos['zona']}"
    rustico = any(
        cuenta.datos.get(k) for k in ("hectareas_riego_gravedad", "hectareas_riego_bombeo", "hectareas_temporal")
    )
    return "rústico" if rustico else "sin zona"


def _publicados(motor: Engine, campo: str) -> list[dict[str, Any]]:
    """Contents of every published package that carries ``campo``, oldest first."""
    with motor.connect() as conexion:
        filas = conexion.execute(sa.select(m.paquete.c.contenido).order_by(m.paquete.c.version)).scalars().all()
    return [c for c in (json.loads(x)["contenido"] for x in filas) if campo in c]


def padron_central(motor: Engine, padron: str) -> list[Any]:
    """The published roll of that type (merged by key in version order), as ``cuentas_padron.Cuenta``."""
    from jerez_pos.catalogo.cargar import cargar
    from jerez_pos.ledger.cuentas_padron import validar

    catalogo = cargar(config.catalogo_incluido())
    cuentas: dict[str, Any] = {}
    for contenido in _publicados(motor, "padron"):
        if contenido["padron"]["tipo"] == padron:
            cuentas.update((c.cuenta, c) for c in validar(padron, contenido["padron"]["csv"], catalogo))
    return [cuentas[k] for k in sorted(cuentas)]


def motor_tarifas(motor: Engine) -> Motor:
    """The catalogs and UMA the terminals price with: shipped catalog plus the published one, and the
    published UMA table (else the shipped one)."""
    from jerez_pos.catalogo.cargar import cargar
    from jerez_pos.catalogo.uma import leer_uma

    catalogos = {}
    incluido = cargar(config.catalogo_incluido())
    catalogos[incluido.id] = incluido
    uma_texto = None
    with tempfile.TemporaryDirectory(prefix="jerez-rezago-") as temporal:
        for n, contenido in enumerate(_publicados(motor, "catalogo")):
            directorio = Path(temporal) / f"c{n}"
            for relativa, texto_ in contenido["catalogo"]["archivos"].items():
                ruta = directorio / relativa
                ruta.parent.mkdir(parents=True, exist_ok=True)
                ruta.write_text(texto_, encoding="utf-8")
            leido = cargar(directorio)
            catalogos[leido.id] = leido
        for contenido in _publicados(motor, "uma"):
            uma_texto = contenido["uma"]["csv"]
        ruta_uma = config.dir_tarifas() / "uma.csv"
        if uma_texto is not None:
            ruta_uma = Path(temporal) / "uma.csv"
            ruta_uma.write_text(uma_texto, encoding="utf-8")
        uma = leer_uma(ruta_uma)
    return Motor(list(catalogos.values()), uma)


def _pagos(motor: Engine, padron: str, ejercicio: int) -> tuple[dict[str, set[int]], dict[str, int]]:
    """Per account: the years paid by a receipt in force; and what was collected for ``ejercicio``."""
    c = cuenta_pago
    pagados: dict[str, set[int]] = defaultdict(set)
    cobrado: dict[str, int] = defaultdict(int)
    with motor.connect() as conexion:
        filas = conexion.execute(
            sa.select(c.c.cuenta, c.c.ejercicio, c.c.total_centavos).where(
                c.c.padron == padron, c.c.anulado_en.is_(None)
            )
        ).all()
    for f in filas:
        pagados[f.cuenta].add(int(f.ejercicio))
        if int(f.ejercicio) == ejercicio:
            cobrado[f.cuenta] += int(f.total_centavos)
    return pagados, cobrado


def calcular(motor: Engine, padron: str, fecha: dt.date) -> Reporte:
    from jerez_pos.ledger.cuentas import calcular as adeudo

    if padron not in PADRONES:
        raise ErrorEntrada("--padron", f"«{padron}» no es un padrón; use {' o '.join(PADRONES)}")
    cuentas = padron_central(motor, padron)
    if not cuentas:
        raise ErrorEntrada("--padron", f"la tesorería aún no publica un padrón de {padron}")
    tarifas = motor_tarifas(motor)
    pagados, cobrado = _pagos(motor, padron, fecha.year)
    reporte = Reporte(padron, fecha)
    avisos: dict[str, None] = {SIN_INPC: None}
    for cuenta in cuentas:
        grupo = reporte.grupos.setdefault(_grupo(cuenta), Grupo(_grupo(cuenta)))
        grupo.cuentas += 1
        propios = pagados.get(cuenta.cuenta, set())
        if fecha.year in propios or (cuenta.pagado_hasta or 0) >= fecha.year:
            grupo.pagadas += 1
        grupo.cobrado += de_centavos(cobrado.get(cuenta.cuenta, 0))
        debe = adeudo(tarifas, cuenta, propios, fecha, {})
        avisos.update((a, None) for a in debe.advertencias if "INPC" not in a)
        if debe.anios:
            grupo.con_adeudo += 1
            grupo.adeudo += debe.total
            reporte.deudores.append(
                {
                    "cuenta": cuenta.cuenta,
                    "titular": cuenta.titular,
                    "domicilio": cuenta.domicilio,
                    "grupo": grupo.grupo,
                    "anios": [a.ejercicio for a in debe.anios],
                    "total": texto(debe.total),
                }
            )
    reporte.advertencias = list(avisos)
    return reporte


def csv_rezago(reporte: Reporte) -> str:
    salida = io.StringIO()
    escritor = csv.writer(salida, lineterminator="\n")
    escritor.writerow(["cuenta", "titular", "domicilio", "grupo", "anios", "total"])
    for d in sorted(reporte.deudores, key=lambda x: (_orden(x["grupo"]), x["cuenta"])):
        escritor.writerow(
            [d["cuenta"], d["titular"], d["domicilio"], d["grupo"], " ".join(map(str, d["anios"])), d["total"]]
        )
    datos = reporte.a_dict()
    for g in [*datos["grupos"], datos["total"]]:
        escritor.writerow(["", "", "", g["grupo"], f"{g['con_adeudo']} de {g['cuentas']} cuentas", g["adeudo"]])
    return salida.getvalue()


def csv_eficiencia(reporte: Reporte) -> str:
    salida = io.StringIO()
    escritor = csv.writer(salida, lineterminator="\n")
    escritor.writerow(["grupo", "cuentas", "pagadas", "porcentaje_pagadas", "cobrado", "con_adeudo", "adeudo"])
    datos = reporte.a_dict()
    for g in [*datos["grupos"], datos["total"]]:
        escritor.writerow(
            [
                g["grupo"],
                g["cuentas"],
                g["pagadas"],
                g["porcentaje_pagadas"],
                g["cobrado"],
                g["con_adeudo"],
                g["adeudo"],
            ]
        )
    return salida.getvalue()
