"""Central's arrears (rezago) and collection-efficiency reports: central's own view of the accounts fed
through the terminals' code, so both ends give the same figures for the same data.

The roll is what the treasury published: every roll package of that type in version order, merged by key as
a terminal's re-import does (an account missing from a later file stays). What is paid is ``cuenta_pago``:
the years a receipt pays, as batches arrived. Those plain rows go to ``ledger.reportes_cuentas`` (pricing with
``ledger.cuentas.cotizar_anio``, the code behind ``adeudo``) and from there to the pure aggregation, CSV and
PDF of ``core.reportes_cuentas`` and ``printing.pdf.reportes_cuentas``. The catalogs, UMA and INPC are the
ones the terminals have: the published ones, else those shipped with the program (the shipped INPC file is
empty; with no index at all the factor is 1 and the report warns, exactly as a terminal does).
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Engine

from jerez_pos import config
from jerez_pos.central import modelos as m
from jerez_pos.central.cuentas import cuenta_pago
from jerez_pos.core import reportes_cuentas as rc
from jerez_pos.core.cuentas import Inpc
from jerez_pos.core.dinero import de_centavos
from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.core.motor import Motor
from jerez_pos.ledger import reportes_cuentas as rl


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


def inpc_central(motor: Engine) -> Inpc:
    """The INPC table central holds: every published INPC package in version order, the newest figure of a
    month winning (as a terminal's append-only table reads)."""
    from jerez_pos.ledger.inpc import leer_csv

    tabla: dict[tuple[int, int], Decimal] = {}
    for contenido in _publicados(motor, "inpc"):
        tabla.update(((anio, mes), indice) for anio, mes, indice, _ in leer_csv(contenido["inpc"]["csv"]))
    return tabla


def pagos_al(
    motor: Engine, padron: str, fecha: dt.date, ejercicio: int
) -> tuple[dict[str, set[int]], dict[str, Decimal]]:
    """Per account, as of the end of ``fecha`` (the terminal's report reads its ledger the same way): the years
    paid by a receipt dated until then and not voided by a void dated until then, and what those receipts
    took for ``ejercicio``. Dates are the terminals' own (the receipt's and the void's), not their arrival."""
    c, a = cuenta_pago, m.registro
    hasta = rl.fin_del_dia(fecha)
    anulada = sa.exists().where(a.c.tipo == "anulacion", a.c.recibo_hash == c.c.recibo_hash, a.c.fecha_terminal < hasta)
    pagados: dict[str, set[int]] = defaultdict(set)
    cobrado: dict[str, int] = defaultdict(int)
    with motor.connect() as conexion:
        filas = conexion.execute(
            sa.select(c.c.cuenta, c.c.ejercicio, c.c.total_centavos).where(
                c.c.padron == padron, c.c.fecha < hasta, ~anulada
            )
        ).all()
    for f in filas:
        pagados[f.cuenta].add(int(f.ejercicio))
        if int(f.ejercicio) == ejercicio:
            cobrado[f.cuenta] += int(f.total_centavos)
    return pagados, {k: de_centavos(v) for k, v in cobrado.items()}


def _padron(motor: Engine, padron: str) -> list[Any]:
    rl.validar_padron(padron, None)
    cuentas = padron_central(motor, padron)
    if not cuentas:
        raise ErrorEntrada("--padron", f"la tesorería aún no publica un padrón de {padron}")
    return cuentas


def rezago(motor: Engine, padron: str, fecha: dt.date) -> dict[str, Any]:
    """Who owes what at ``fecha``, by zone or giro: the same report and JSON as ``jerez-pos reporte rezago``."""
    cuentas = _padron(motor, padron)
    pagados, _ = pagos_al(motor, padron, fecha, fecha.year)
    filas = rl.filas_rezago_de(motor_tarifas(motor), inpc_central(motor), cuentas, pagados, fecha)
    return rc.rezago(filas, padron, fecha, rl.POR[padron])


def eficiencia(motor: Engine, padron: str, fecha: dt.date) -> dict[str, Any]:
    """The share of the roll that paid the year of ``fecha`` as of that day: the same report and JSON as
    ``jerez-pos reporte eficiencia``."""
    cuentas = _padron(motor, padron)
    pagados, cobrado = pagos_al(motor, padron, fecha, fecha.year)
    tarifas = motor_tarifas(motor)
    filas = rl.filas_eficiencia_de(tarifas, inpc_central(motor), cuentas, pagados, cobrado, fecha.year, fecha)
    return rc.eficiencia(filas, padron, fecha.year, fecha)
