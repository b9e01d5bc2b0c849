"""The terminal's rezago and collection-efficiency reports: reads the roll, the account receipts and the INPC
once, prices every owed year with ``ledger.cuentas.cotizar_anio`` (the code behind ``adeudo``) and hands plain
rows to the pure aggregation in ``core.reportes_cuentas``.

A year's price depends only on the account's data, the year and the date, never on who owns it: accounts
with the same data share one quote (a memo), which is what makes a 50,000-account roll a matter of seconds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine

from jerez_pos.core import reportes_cuentas as rc
from jerez_pos.core.cuentas import Anio, Inpc, vencimiento
from jerez_pos.core.dinero import CERO, de_centavos
from jerez_pos.core.errores import ErrorEntrada, ErrorJerez
from jerez_pos.core.motor import Motor
from jerez_pos.ledger import cuentas, cuentas_padron, inpc
from jerez_pos.ledger.comun import Sesion
from jerez_pos.ledger.lectura import leer
from jerez_pos.ledger.reportes import QUIEN_CONSULTA

if TYPE_CHECKING:  # central reuses the row builders without a terminal
    from jerez_pos.ledger.terminal import Terminal

POR = {cuentas_padron.PREDIAL: "zona", cuentas_padron.COMERCIO: "giro"}
HECTAREAS = ("hectareas_riego_gravedad", "hectareas_riego_bombeo", "hectareas_temporal")
# Per-account notes (the document proving a vulnerable owner) belong on that account's receipt, not in a
# report's warnings, where 50,000 of them would bury the general ones.
NOTA_DE_CUENTA = "Art. 61: condición de grupo vulnerable acreditada"

# Receipts and voids are read as of the end of the report's day: a later void does not unpay a year then.
SQL_PAGADOS_AL = (
    "SELECT rc.cuenta, rc.ejercicio FROM recibo_cuenta rc JOIN recibo r ON r.id = rc.recibo_id "
    "WHERE rc.padron = :p AND r.fecha < :h "
    "AND NOT EXISTS (SELECT 1 FROM anulacion a WHERE a.recibo_id = rc.recibo_id AND a.fecha < :h)"
)
SQL_COBRADO = (
    "SELECT rc.cuenta, sum(l.total_centavos) FROM recibo_cuenta rc "
    "JOIN recibo_linea l ON l.recibo_id = rc.recibo_id AND l.n = rc.linea "
    "JOIN recibo r ON r.id = rc.recibo_id "
    "WHERE rc.padron = :p AND rc.ejercicio = :e AND r.fecha < :h "
    "AND NOT EXISTS (SELECT 1 FROM anulacion a WHERE a.recibo_id = rc.recibo_id AND a.fecha < :h) "
    "GROUP BY rc.cuenta"
)


class Cotizador:
    """``cotizar_anio`` with a memo keyed by everything it reads from the account (not its owner or
    address), for one date and one INPC table. The equality with ``adeudo`` account by account is tested in
    ``tests/ledger/test_reportes_cuentas_adeudo.py``."""

    def __init__(self, motor: Motor, fecha: dt.date, tabla: Inpc) -> None:
        self.motor, self.fecha, self.tabla = motor, fecha, tabla
        self.primer = motor.catalogos[0].ejercicio
        self._memo: dict[Hashable, tuple[rc.AnioRezago, tuple[str, ...]]] = {}

    def anio(self, cuenta: cuentas_padron.Cuenta, ejercicio: int) -> tuple[rc.AnioRezago, tuple[str, ...]]:
        """The year's parts and its general warnings (per-account notes left out)."""
        clave: Hashable
        if ejercicio < self.primer:
            # A debt carried from the previous system is priced from its amount alone (``cuentas._historico``:
            # the concept, A57 or the giro's refrendo, the year and the amount), never from the property's data,
            # so every account owing the same amount for that year shares one quote.
            clave = (cuenta.padron, cuenta.datos.get("giro"), ejercicio, cuenta.adeudos[ejercicio])
        else:
            datos = tuple(sorted((k, v) for k, v in cuenta.datos.items() if k != "propietario_id"))
            clave = (cuenta.padron, ejercicio, datos)
        guardado = self._memo.get(clave)
        if guardado is None:
            try:
                anio = cuentas.cotizar_anio(self.motor, cuenta, ejercicio, self.fecha, self.tabla)
            except ErrorJerez as exc:
                # A report over 50,000 accounts names the one the law could not price, instead of a bare reason.
                raise ErrorEntrada("CUENTA", f"{cuenta.cuenta}, ejercicio {ejercicio}: {exc}") from None
            guardado = self._memo[clave] = (_anio_rezago(anio), _generales(anio.advertencias))
        return guardado


def fin_del_dia(fecha: dt.date) -> str:
    return (fecha + dt.timedelta(days=1)).isoformat()


def pagados_al(bd: Engine, padron: str, fecha: dt.date) -> dict[str, set[int]]:
    """Years each account has paid by receipt as of the end of ``fecha``."""
    pagados: dict[str, set[int]] = {}
    with leer(bd) as c:
        for cuenta, ejercicio in c.execute(SQL_PAGADOS_AL, {"p": padron, "h": fin_del_dia(fecha)}):
            pagados.setdefault(cuenta, set()).add(int(ejercicio))
    return pagados


class Grupos:
    """Predial by Art. 57 zone (rustic land, which has none, apart); comercio by giro number and name (the
    name from the catalog in force at the report's date, looked up once per giro)."""

    def __init__(self, motor: Motor, fecha: dt.date) -> None:
        self.catalogo = motor.catalogo_para(fecha)[0]
        self._nombres: dict[str, str] = {}

    def de(self, cuenta: cuentas_padron.Cuenta) -> str:
        if cuenta.padron == cuentas_padron.PREDIAL:
            if "zona" in cuenta.datos:
                return cuenta.datos["zona"]
            return "Rústico" if any(k in cuenta.datos for k in HECTAREAS) else "Sin zona"
        numero = cuenta.datos["giro"]
        nombre = self._nombres.get(numero)
        if nombre is None:
            giro = self.catalogo.giro(int(numero))
            nombre = self._nombres[numero] = f"{numero} {giro.nombre}" if giro is not None else numero
        return nombre


def _anio_rezago(anio: Anio) -> rc.AnioRezago:
    partes = anio.partes()
    return rc.AnioRezago(
        anio.ejercicio,
        partes["impuesto"],
        partes["descuentos"],
        partes["actualizacion"],
        partes["recargos"],
        anio.total,
    )


def _generales(avisos: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(a for a in avisos if not a.startswith(NOTA_DE_CUENTA))


def validar_padron(padron: str, por: str | None) -> str:
    if padron not in POR:
        raise ErrorEntrada("PADRÓN", f"«{padron}» no es un padrón de cuentas; use predial o comercio")
    if por is not None and por != POR[padron]:
        raise ErrorEntrada("--por", f"el padrón de {padron} se agrupa por {POR[padron]}; «{por}» no aplica")
    return POR[padron]


def filas_rezago_de(
    motor: Motor, tabla: Inpc, padron: Iterable[cuentas_padron.Cuenta], pagados: dict[str, set[int]], fecha: dt.date
) -> list[rc.FilaRezago]:
    """One row per account of ``padron`` with the years it owes at ``fecha``, given the years each account has
    paid: the terminal feeds its ledger, central its published roll and ``cuenta_pago``."""
    cotizador = Cotizador(motor, fecha, tabla)
    grupos = Grupos(motor, fecha)
    filas = []
    for cuenta in padron:
        debidos = cuentas.anios_debidos(cuenta, pagados.get(cuenta.cuenta, set()), cotizador.primer, fecha.year)
        anios = [cotizador.anio(cuenta, e) for e in debidos]
        filas.append(
            rc.FilaRezago(
                cuenta.cuenta,
                cuenta.titular,
                cuenta.domicilio,
                grupos.de(cuenta),
                tuple(a for a, _ in anios),
                tuple(x for _, avisos in anios for x in avisos),
            )
        )
    return filas


def _vista(
    terminal: Terminal, padron: str, fecha: dt.date
) -> tuple[Motor, Inpc, list[cuentas_padron.Cuenta], dict[str, set[int]]]:
    """What the row builders take, from the terminal's ledger: engine, INPC, the roll and the years paid."""
    bd = terminal.bd
    return terminal.motor, inpc.tabla(bd), cuentas_padron.cuentas(bd, padron), pagados_al(bd, padron, fecha)


def filas_rezago(terminal: Terminal, padron: str, fecha: dt.date) -> list[rc.FilaRezago]:
    return filas_rezago_de(*_vista(terminal, padron, fecha), fecha)


def rezago(terminal: Terminal, sesion: Sesion, padron: str, fecha: dt.date, por: str | None = None) -> dict[str, Any]:
    """Who owes what at ``fecha`` (receipts and voids as of that day's end), by zone or giro."""
    sesion.exigir("consultar reportes", *QUIEN_CONSULTA)
    agrupacion = validar_padron(padron, por)
    return rc.rezago(filas_rezago(terminal, padron, fecha), padron, fecha, agrupacion)


def validar_ejercicio(motor: Motor, ejercicio: int, fecha: dt.date) -> None:
    primer = motor.catalogos[0].ejercicio
    if ejercicio < primer:
        raise ErrorEntrada("--ejercicio", f"no hay catálogo de {ejercicio}; el primero es el de {primer}")
    if ejercicio > fecha.year:
        raise ErrorEntrada("--ejercicio", f"{ejercicio} es posterior al año en curso ({fecha.year})")


def filas_eficiencia_de(
    motor: Motor,
    tabla: Inpc,
    padron: Iterable[cuentas_padron.Cuenta],
    pagados: dict[str, set[int]],
    cobrado: dict[str, Decimal],
    ejercicio: int,
    fecha: dt.date,
) -> list[rc.FilaEficiencia]:
    """One row per account of ``padron`` for ``ejercicio``, given the years each account has paid and what the
    receipts took for that year (terminal and central each from their own data)."""
    validar_ejercicio(motor, ejercicio, fecha)
    # The roll's tax of the year is priced on its Art. 58 due date: without accessories and with the same
    # law the year is charged under (Art. 15).
    cotizador = Cotizador(motor, vencimiento(ejercicio), tabla)
    grupos = Grupos(motor, fecha)
    filas = []
    for cuenta in padron:
        pagada = ejercicio in pagados.get(cuenta.cuenta, set()) or (
            cuenta.pagado_hasta is not None and ejercicio <= cuenta.pagado_hasta
        )
        anio, avisos = cotizador.anio(cuenta, ejercicio)
        filas.append(
            rc.FilaEficiencia(
                cuenta.cuenta,
                grupos.de(cuenta),
                pagada,
                anio.impuesto,
                cobrado.get(cuenta.cuenta, CERO) if pagada else CERO,
                avisos,
            )
        )
    return filas


def filas_eficiencia(terminal: Terminal, padron: str, ejercicio: int, fecha: dt.date) -> list[rc.FilaEficiencia]:
    with leer(terminal.bd) as c:
        cobrado = {
            cuenta: de_centavos(int(centavos))
            for cuenta, centavos in c.execute(SQL_COBRADO, {"p": padron, "e": ejercicio, "h": fin_del_dia(fecha)})
        }
    return filas_eficiencia_de(*_vista(terminal, padron, fecha), cobrado, ejercicio, fecha)


def eficiencia(terminal: Terminal, sesion: Sesion, padron: str, ejercicio: int, fecha: dt.date) -> dict[str, Any]:
    """The share of the roll that has paid ``ejercicio`` as of ``fecha``, by count and by amount."""
    sesion.exigir("consultar reportes", *QUIEN_CONSULTA)
    validar_padron(padron, None)
    return rc.eficiencia(filas_eficiencia(terminal, padron, ejercicio, fecha), padron, ejercicio, fecha)
