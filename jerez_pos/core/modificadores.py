"""Modifiers of the law (discounts, surcharges, accessories) as kinds of rule; their rates are data.

Order of application, documented in INTERPRETACIONES.md:
1. surcharges that change the derecho itself (consumption on the premises +10 %, repeat offender ×2);
2. discounts and subsidies on that amount (Arts. 61, 74, 114, 141, 27, exemptions);
3. the UAZ tax (Art. 111) on the alcohol derecho actually paid;
4. actualización and recargos (Art. 14) on the contribution;
5. gastos de ejecución (Art. 16) on the resulting crédito fiscal;
6. bonificaciones of recargos and gastos de cobranza (Arts. 62 and 63), on what steps 4 and 5 charged.
Every line is rounded once, half-up, to centavos.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from jerez_pos.core.dinero import CERO, redondear
from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.core.modelo import Concepto, Modificador, Parametro
from jerez_pos.core.parametros import SI_NO

CIEN = Decimal("100")


def _si_no(nombre: str, texto: str) -> Parametro:
    return Parametro(nombre, texto, opciones=SI_NO, opcional=True)


def _porc(nombre: str, texto: str, maximo: Decimal | None) -> Parametro:
    return Parametro(nombre, texto, CERO, maximo, opcional=True)


def parametros_de(m: Modificador) -> list[Parametro]:
    d = m.datos
    tabla: dict[str, list[Parametro]] = {
        "subsidio_predial": [_si_no("vulnerable", "madre soltera, 60+, discapacidad, jubilado o pensionado")],
        "bonificacion_mercado": [_si_no("pago_anual", "pago del importe anual")],
        "subsidio_padron": [],
        "descuento_multa": [
            _porc("descuento_pronto_pago", "% de descuento por pago dentro de 5 días", d.get("porcentaje")),
            Parametro("dias_notificacion", "días desde la notificación", CERO, None, entero=True, opcional=True),
        ],
        "reincidencia": [_si_no("reincidente", "infractor reincidente")],
        "consumo_local": [_si_no("consumo_local", "consumo dentro del establecimiento")],
        "uaz": [],
        "recargos": [
            Parametro("meses_atraso", "meses o fracción de atraso", CERO, None, entero=True, opcional=True),
            _porc("factor_actualizacion", "factor de actualización INPC (4 decimales)", None),
            _si_no("parcialidades", "pago a plazos autorizado"),
        ],
        "gastos_ejecucion": [
            Parametro(
                "diligencias",
                "diligencias del procedimiento de ejecución",
                CERO,
                Decimal("3"),
                entero=True,
                opcional=True,
            )
        ],
        "bonificacion_tesorero": [_porc("bonificacion", "% de bonificación autorizada", d.get("porcentaje"))],
        "bonificacion_recargos": [
            _porc("bonificacion_recargos", "% de bonificación de recargos y gastos de cobranza", d.get("porcentaje"))
        ],
        "exencion": [_si_no("exento", "exención por escasos recursos comprobados")],
    }
    return tabla[m.tipo]


@dataclass
class Contexto:
    concepto: Concepto
    fecha: dt.date
    ejercicio: int
    uma_diaria: Decimal
    valores: dict[str, Decimal | str]
    derecho: Decimal  # the line after step-1 surcharges, before discounts
    neto: Decimal  # after discounts
    credito: Decimal  # after recargos
    accesorios: Decimal = CERO  # recargos and gastos de ejecución charged (steps 4 and 5), for step 6


Regla = Callable[[Modificador, Contexto], Decimal]


def _pct(base: Decimal, porcentaje: Decimal) -> Decimal:
    return base * porcentaje / CIEN


def _subsidio_predial(m: Modificador, c: Contexto) -> Decimal:
    porcentaje = m.meses.get(c.fecha.month, CERO) if c.fecha.year == c.ejercicio else CERO
    if c.valores.get("vulnerable") == "si":
        porcentaje += m.datos["adicional"]
    porcentaje = min(porcentaje, m.datos["tope"])
    descuento = _pct(c.derecho, porcentaje)
    predial = c.concepto.predial
    if predial is not None:  # Art. 59: "en ningún caso el entero" falls below the minimum, subsidy included
        descuento = min(descuento, max(CERO, c.derecho - predial.minimo_uma * c.uma_diaria))
    return -descuento


def _bonificacion_mercado(m: Modificador, c: Contexto) -> Decimal:
    if c.valores.get("pago_anual") == "si":
        return -_pct(c.derecho, m.datos["anual"]) if c.fecha.month == 1 else CERO
    return -_pct(c.derecho, m.datos["mensual"]) if c.fecha.day <= int(m.datos["dias"]) else CERO


def _subsidio_padron(m: Modificador, c: Contexto) -> Decimal:
    limite = dt.date(c.ejercicio, 3, 31)
    return -_pct(c.derecho, m.datos["porcentaje"]) if c.fecha.year == c.ejercicio and c.fecha < limite else CERO


def _descuento_multa(m: Modificador, c: Contexto) -> Decimal:
    porcentaje = c.valores.get("descuento_pronto_pago")
    if not isinstance(porcentaje, Decimal) or not porcentaje:
        return CERO
    dias = c.valores.get("dias_notificacion")
    if not isinstance(dias, Decimal):
        raise ErrorEntrada("dias_notificacion", "indique los días desde la notificación (Art. 141: dentro de 5)")
    if dias > m.datos["dias"]:
        raise ErrorEntrada("descuento_pronto_pago", f"sólo procede dentro de {m.datos['dias']} días de notificada")
    return -_pct(c.derecho, porcentaje)


def _reincidencia(m: Modificador, c: Contexto) -> Decimal:
    return _pct(c.derecho, m.datos["porcentaje"]) if c.valores.get("reincidente") == "si" else CERO


def _consumo_local(m: Modificador, c: Contexto) -> Decimal:
    return _pct(c.derecho, m.datos["porcentaje"]) if c.valores.get("consumo_local") == "si" else CERO


def _uaz(m: Modificador, c: Contexto) -> Decimal:
    return _pct(c.neto, m.datos["porcentaje"])


def _factor(c: Contexto) -> Decimal:
    factor = c.valores.get("factor_actualizacion")
    # Art. 14 V: a factor below 1 is applied as 1.
    return max(factor, Decimal("1")) if isinstance(factor, Decimal) else Decimal("1")


def _actualizacion(m: Modificador, c: Contexto) -> Decimal:
    return c.neto * (_factor(c) - 1)


def _recargos(m: Modificador, c: Contexto) -> Decimal:
    meses = c.valores.get("meses_atraso")
    if not isinstance(meses, Decimal) or not meses:
        return CERO
    tasa = m.datos["tasa_parcialidades"] if c.valores.get("parcialidades") == "si" else m.datos["tasa"]
    return _pct(c.neto * _factor(c), tasa * meses)


def _gastos_ejecucion(m: Modificador, c: Contexto) -> Decimal:
    diligencias = c.valores.get("diligencias")
    if not isinstance(diligencias, Decimal) or not diligencias:
        return CERO
    por_diligencia = _pct(c.credito, m.datos["porcentaje"])
    por_diligencia = max(por_diligencia, m.datos["minimo_uma"] * c.uma_diaria)
    por_diligencia = min(por_diligencia, m.datos["maximo_uma"] * c.uma_diaria)
    return por_diligencia * diligencias


def _bonificacion_tesorero(m: Modificador, c: Contexto) -> Decimal:
    porcentaje = c.valores.get("bonificacion")
    return -_pct(c.derecho, porcentaje) if isinstance(porcentaje, Decimal) else CERO


def _bonificacion_recargos(m: Modificador, c: Contexto) -> Decimal:
    porcentaje = c.valores.get("bonificacion_recargos")
    return -_pct(c.accesorios, porcentaje) if isinstance(porcentaje, Decimal) else CERO


def _exencion(m: Modificador, c: Contexto) -> Decimal:
    return -c.derecho if c.valores.get("exento") == "si" else CERO


# (step, rule); step 1 surcharges, 2 discounts, 3 UAZ, 4 recargos, 5 gastos de ejecución, 6 their bonificación.
REGLAS: dict[str, tuple[int, Regla]] = {
    "consumo_local": (1, _consumo_local),
    "reincidencia": (1, _reincidencia),
    "subsidio_predial": (2, _subsidio_predial),
    "bonificacion_mercado": (2, _bonificacion_mercado),
    "subsidio_padron": (2, _subsidio_padron),
    "descuento_multa": (2, _descuento_multa),
    "bonificacion_tesorero": (2, _bonificacion_tesorero),
    "exencion": (2, _exencion),
    "uaz": (3, _uaz),
    "recargos": (4, _recargos),
    "gastos_ejecucion": (5, _gastos_ejecucion),
    "bonificacion_recargos": (6, _bonificacion_recargos),
}
TIPOS = tuple(REGLAS)


def solicitado(m: Modificador, valores: dict[str, Decimal | str]) -> bool:
    """A modifier that needs authorization counts as requested only when its parameters were given."""
    return any(p.nombre in valores and valores[p.nombre] not in ("no", CERO) for p in parametros_de(m))


def aplicar(modificadores: list[Modificador], ctx: Contexto) -> list[tuple[Modificador, str, Decimal]]:
    """Apply in legal order; returns (modifier, line text, rounded amount) for every non-zero line."""
    lineas: list[tuple[Modificador, str, Decimal]] = []

    def paso(numero: int) -> Decimal:
        suma = CERO
        for m in modificadores:
            orden, regla = REGLAS[m.tipo]
            if orden != numero:
                continue
            if m.tipo == "recargos":
                partes = [("Actualización", _actualizacion(m, ctx)), ("Recargos", _recargos(m, ctx))]
            else:
                partes = [(m.descripcion, regla(m, ctx))]
            for texto, importe in partes:
                redondeado = redondear(importe)
                if redondeado:
                    lineas.append((m, texto, redondeado))
                    if texto != "Actualización":  # Arts. 62-63 bonify recargos, not the updated amount itself
                        suma += redondeado
                    else:
                        ctx.credito += redondeado
        return suma

    ctx.derecho += paso(1)
    ctx.neto = ctx.derecho + paso(2)
    paso(3)
    ctx.credito = ctx.neto
    recargos = paso(4)
    ctx.credito += recargos
    ctx.accesorios = recargos + paso(5)
    paso(6)
    return lineas
