"""What an account owes and charging it: every unpaid year priced under its own law (Art. 15), the Art. 61
subsidies, Art. 58 due date, Art. 14 actualización and recargos, and the roll's historic debts.

Paid is derived, never stored: a year is paid while a non-voided receipt links it (``recibo_cuenta``), on top
of the roll's ``pagado_hasta`` carried from the previous system. Years are paid oldest first: a charge must
cover the oldest owed years (a prefix of the list), so the derived "last year paid" never has holes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Engine, text

from jerez_pos.core import modificadores as mods
from jerez_pos.core.cotizacion import Cotizacion, LineaModificador
from jerez_pos.core.cuentas import Anio, Inpc, factor_actualizacion, meses_de_atraso, vencimiento
from jerez_pos.core.dinero import CERO, ajuste_efectivo, pesos, texto
from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.core.giros import conceptos_para_giro
from jerez_pos.core.motor import FUENTE_LEY, Motor
from jerez_pos.core.texto import LONGITUDES, imprimible
from jerez_pos.ledger import caja, inpc, recibos, verificacion_cuentas, vinculos
from jerez_pos.ledger.comun import EstadoInvalido, Reloj, Sesion, reloj_sistema
from jerez_pos.ledger.cuentas_padron import PREDIAL, REGLAS, Cuenta, buscar
from jerez_pos.ledger.lectura import leer
from jerez_pos.ledger.pagos import Pago
from jerez_pos.ledger.terminal import Terminal

# The Art. 57 parameters the roll carries; ``vulnerable`` is decided per year (one property, its own year).
CAMPOS_PREDIAL = tuple(c for c in REGLAS[PREDIAL] if c != "vulnerable")
SQL_PAGADOS = (
    "SELECT DISTINCT rc.ejercicio FROM recibo_cuenta rc WHERE rc.padron = ? AND rc.cuenta = ? "
    "AND NOT EXISTS (SELECT 1 FROM anulacion a WHERE a.recibo_id = rc.recibo_id)"
)
SQL_PAGADOS_ALCHEMY = text(SQL_PAGADOS.replace("= ?", "= :p", 1).replace("= ?", "= :c", 1))


@dataclass(frozen=True)
class Adeudo:
    cuenta: Cuenta
    fecha: dt.date
    anios: list[Anio]
    pagado_hasta: int  # derived: the roll's starting point plus the receipts without holes
    advertencias: list[str]

    @property
    def total(self) -> Decimal:
        return sum((a.total for a in self.anios), CERO)

    def a_dict(self) -> dict[str, Any]:
        return {
            "padron": self.cuenta.padron,
            "cuenta": self.cuenta.cuenta,
            "titular": self.cuenta.titular,
            "fecha": self.fecha.isoformat(),
            "pagado_hasta": self.pagado_hasta,
            "anios": [a.a_dict() for a in self.anios],
            "total": texto(self.total),
            "advertencias": self.advertencias,
        }


def pagados(bd: Engine, padron: str, cuenta: str) -> set[int]:
    vinculos.exigir(bd, padron, cuenta)  # a link the signed receipt does not back is a forgery
    verificacion_cuentas.exigir(bd, padron, cuenta)  # a roll or INPC row nothing signed is one too
    with leer(bd) as c:
        return {int(f[0]) for f in c.execute(SQL_PAGADOS, (padron, cuenta))}


def anios_debidos(cuenta: Cuenta, pagados_: set[int], primer_ejercicio: int, hasta: int) -> list[int]:
    """From the roll's ``pagado_hasta`` + 1 (or, without it, the oldest historic debt or the first catalog
    year) to ``hasta``; years before the first catalog are owed only when the roll carries their amount."""
    inicio = cuenta.pagado_hasta + 1 if cuenta.pagado_hasta is not None else min([*cuenta.adeudos, primer_ejercicio])
    return [a for a in range(inicio, hasta + 1) if a not in pagados_ and (a >= primer_ejercicio or a in cuenta.adeudos)]


def _pagado_hasta(cuenta: Cuenta, pagados_: set[int], debidos: list[int], hasta: int) -> int:
    """The year before the oldest owed one; with nothing owed, the roll's year or the date's year, followed
    by any later years already paid in a row (an estado de cuenta asked for an earlier date)."""
    if debidos:
        return debidos[0] - 1
    ultimo = max(hasta, cuenta.pagado_hasta or hasta)
    while ultimo + 1 in pagados_:
        ultimo += 1
    return ultimo


def _accesorios(fecha: dt.date, ejercicio: int, tabla: Inpc) -> tuple[dict[str, str], list[str]]:
    vence = vencimiento(ejercicio)
    if fecha <= vence:
        return {}, []
    factor, avisos = factor_actualizacion(tabla, vence, fecha)
    return {"meses_atraso": str(meses_de_atraso(vence, fecha)), "factor_actualizacion": str(factor)}, avisos


def _sin_autorizacion_vulnerable(cot: Cotizacion, documento: str) -> Cotizacion:
    """The vulnerable condition was proven when the roll was imported (an administrator, audited): the
    cashier does not ask a supervisor again. The receipt line says which document proves it."""
    nota = f"Art. 61: condición de grupo vulnerable acreditada en el padrón ({documento or 'sin documento capturado'})"
    return replace(cot, requiere_autorizacion=(), advertencias=(*cot.advertencias, nota))


def _historico(motor: Motor, clave: str, ejercicio: int, importe: Decimal, fecha: dt.date, tabla: Inpc) -> Cotizacion:
    """A debt carried from the previous system (a year before the first catalog): its amount in pesos with the
    Art. 14 actualización and recargos of the catalog's own rule."""
    catalogo = motor.catalogos[0]
    concepto = catalogo.conceptos[clave]
    crudos, avisos = _accesorios(fecha, ejercicio, tabla)
    valores: dict[str, Decimal | str] = {k: Decimal(v) for k, v in crudos.items()}
    reglas = [m for m in motor.modificadores_de(concepto, catalogo) if m.tipo == "recargos"]
    ctx = mods.Contexto(concepto, fecha, ejercicio, CERO, valores, importe, importe, importe)
    lineas = tuple(
        LineaModificador(t, f"{m.fundamento}, {FUENTE_LEY.format(anio=catalogo.ejercicio)}", monto, m.id)
        for m, t, monto in mods.aplicar(reglas, ctx)
    )
    total = importe + sum((x.importe for x in lineas), CERO)
    return Cotizacion(
        clave=concepto.clave,
        descripcion=f"{concepto.descripcion} (adeudo del ejercicio {ejercicio}, padrón anterior)",
        fundamento=f"{concepto.fundamento} y Art. 15 (rezago del ejercicio {ejercicio})",
        rubro=concepto.rubro,
        forma="adeudo",
        fecha=fecha,
        catalogo=catalogo.id,
        uma=None,
        unidades_uma=None,
        importe=importe,
        modificadores=lineas,
        total=total,
        total_efectivo=ajuste_efectivo(total),
        explicacion=f"adeudo {ejercicio} del padrón anterior {pesos(importe)}",
        advertencias=(f"Adeudo del ejercicio {ejercicio} capturado en el padrón (sin catálogo de ese año)", *avisos),
        parametros={"ejercicio": str(ejercicio), "adeudo": str(importe), **crudos},
    )


def _claves_anuales(motor: Motor, cuenta: Cuenta, fecha_ley: dt.date) -> list[tuple[str, dict[str, str]]]:
    """The giro's refrendo plus what vinculos.toml makes it owe every year: rules without alternatives
    (``elegir``) nor ``opcional``, whose concept is annual."""
    catalogo, _ = motor.catalogo_para(fecha_ley)
    giro = catalogo.giro(int(cuenta.datos["giro"]))
    if giro is None:
        raise ErrorEntrada("giro", f"el giro {cuenta.datos['giro']} no existe en el catálogo {catalogo.id}")
    return [
        (s.clave, s.parametros)
        for s in conceptos_para_giro(catalogo, giro)
        if s.preseleccionada and s.grupo is None and catalogo.conceptos[s.clave].periodicidad == "anual"
    ]


def cotizar_anio(motor: Motor, cuenta: Cuenta, ejercicio: int, fecha: dt.date, tabla: Inpc) -> Anio:
    primer = motor.catalogos[0].ejercicio
    if ejercicio < primer:
        clave = "A57" if cuenta.padron == PREDIAL else f"A114-III-{cuenta.datos['giro']}"
        cot = _historico(motor, clave, ejercicio, cuenta.adeudos[ejercicio], fecha, tabla)
        return Anio(ejercicio, (cot,), cot.advertencias)
    accesorios, avisos = _accesorios(fecha, ejercicio, tabla)
    causado = vencimiento(ejercicio)
    cotizaciones: list[Cotizacion] = []
    if cuenta.padron == PREDIAL:
        params = {k: cuenta.datos[k] for k in CAMPOS_PREDIAL if k in cuenta.datos}
        # Art. 61: the 10 % runs "durante todo el año" of the tax's own year; a year paid late has no subsidy.
        vulnerable = cuenta.datos.get("vulnerable") == "si" and fecha.year == ejercicio
        params["vulnerable"] = "si" if vulnerable else "no"
        cot = motor.cotizar("A57", params | accesorios, fecha, causado)
        if vulnerable:
            cot = _sin_autorizacion_vulnerable(cot, cuenta.datos.get("documento_vulnerable", ""))
        cotizaciones.append(cot)
    else:
        for clave, params in _claves_anuales(motor, cuenta, min(causado, fecha)):
            cotizaciones.append(motor.cotizar(clave, params | accesorios, fecha, causado))
    # Several years of the same concept go on one receipt: each line names the year it pays, in its text and
    # in its chained snapshot (so the account/year links can be rebuilt from the chain alone).
    cotizaciones = [
        replace(
            c,
            descripcion=f"{c.descripcion} (ejercicio {ejercicio})",
            parametros=c.parametros | {"ejercicio": str(ejercicio)},
        )
        for c in cotizaciones
    ]
    advertencias = list(dict.fromkeys(a for c in cotizaciones for a in c.advertencias))
    return Anio(ejercicio, tuple(cotizaciones), tuple(dict.fromkeys([*advertencias, *avisos])))


def calcular(motor: Motor, cuenta: Cuenta, pagados_: set[int], fecha: dt.date, tabla: Inpc) -> Adeudo:
    debidos = anios_debidos(cuenta, pagados_, motor.catalogos[0].ejercicio, fecha.year)
    anios = [cotizar_anio(motor, cuenta, a, fecha, tabla) for a in debidos]
    avisos = list(dict.fromkeys(x for a in anios for x in a.advertencias))
    return Adeudo(cuenta, fecha, anios, _pagado_hasta(cuenta, pagados_, debidos, fecha.year), avisos)


def adeudo(terminal: Terminal, padron: str, cuenta: str, fecha: dt.date) -> Adeudo:
    registro = buscar(terminal.bd, padron, cuenta)
    return calcular(
        terminal.motor, registro, pagados(terminal.bd, padron, registro.cuenta), fecha, inpc.tabla(terminal.bd)
    )


def elegir_anios(debidos: list[int], pedidos: list[int] | None, cuenta: str) -> list[int]:
    """All owed years, or the requested ones, which must be the oldest owed (years are paid in order)."""
    if not debidos:
        raise EstadoInvalido(f"CUENTA: nada que cobrar: la cuenta {cuenta} no debe ningún ejercicio")
    if not pedidos:
        return debidos
    pedidos = sorted(set(pedidos))
    ajenos = [a for a in pedidos if a not in debidos]
    if ajenos:
        raise EstadoInvalido(
            f"--anios: nada que cobrar del ejercicio {ajenos[0]} en la cuenta {cuenta} (ya pagado o no adeudado); "
            f"se deben: {', '.join(map(str, debidos))}"
        )
    if pedidos != debidos[: len(pedidos)]:
        raise EstadoInvalido(
            f"--anios: los ejercicios se pagan del más antiguo al más reciente; pague primero "
            f"{', '.join(str(a) for a in debidos if a not in pedidos and a < pedidos[-1])}"
        )
    return pedidos


def cobrar(
    terminal: Terminal,
    sesion: Sesion,
    padron: str,
    cuenta: str,
    pagos: list[Pago],
    anios: list[int] | None = None,
    reloj: Reloj = reloj_sistema,
) -> tuple[recibos.Emitido, Cuenta, list[int]]:
    """One receipt through the normal charge path, one line per year and concept, each linked to the account
    and its year in the receipt's transaction; a year already paid (checked again under the write lock) is
    refused."""
    sesion.exigir("cobrar", *caja.QUIEN_COBRA)
    registro = buscar(terminal.bd, padron, cuenta)
    hoy = reloj().date()
    debidos = anios_debidos(
        registro, pagados(terminal.bd, padron, registro.cuenta), terminal.motor.catalogos[0].ejercicio, hoy.year
    )
    elegidos = elegir_anios(debidos, anios, registro.cuenta)
    tabla = inpc.tabla(terminal.bd)
    por_linea: list[int] = []

    def cotizador(fecha: dt.date) -> list[Cotizacion]:
        por_linea.clear()
        lineas: list[Cotizacion] = []
        for a in elegidos:
            cotizado = cotizar_anio(terminal.motor, registro, a, fecha, tabla)
            lineas += cotizado.cotizaciones
            por_linea.extend([a] * len(cotizado.cotizaciones))
        return lineas

    def vincular(conexion: Connection, recibo_id: int) -> None:
        vinculos.exigir_en(conexion, padron, registro.cuenta)  # again under the write lock
        ya = {int(f[0]) for f in conexion.execute(SQL_PAGADOS_ALCHEMY, {"p": padron, "c": registro.cuenta})}
        repetidos = sorted(ya & set(elegidos))
        if repetidos:
            raise EstadoInvalido(f"CUENTA: nada que cobrar: el ejercicio {repetidos[0]} ya se pagó")
        conexion.execute(
            text("INSERT INTO recibo_cuenta (recibo_id, linea, padron, cuenta, ejercicio) VALUES (:r, :n, :p, :c, :e)"),
            [{"r": recibo_id, "n": n, "p": padron, "c": registro.cuenta, "e": a} for n, a in enumerate(por_linea, 1)],
        )

    # A roll imported before names were sanitized may still carry ESC/GS: stripped here (as on any printed
    # text) instead of refusing the taxpayer at the window; the account key itself is left exact.
    contribuyente = {
        "nombre": imprimible(registro.titular, LONGITUDES["nombre"]),
        "domicilio": imprimible(registro.domicilio, LONGITUDES["domicilio"]),
    }
    contribuyente["cuenta_catastral" if padron == PREDIAL else "licencia"] = registro.cuenta
    emitido = recibos.cobrar(
        terminal, sesion, [], pagos, contribuyente, reloj=reloj, cotizador=cotizador, vincular=vincular
    )
    return emitido, registro, elegidos
