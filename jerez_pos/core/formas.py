"""The eleven tariff shapes of the law as functions of (concept, parameters, UMA).

Each returns the amount split into UMA multiples and pesos (Art. 57 III b mixes both), at full precision,
plus the human steps. Rounding happens later, once per line, in the engine.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from jerez_pos.core.dinero import CERO, techo
from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.core.modelo import Concepto, Tramo
from jerez_pos.core.texto import cantidad
from jerez_pos.core.uma import ValorUma

Valores = dict[str, Decimal | str]


@dataclass
class Resultado:
    uma: Decimal = CERO  # multiples of the daily UMA
    pesos: Decimal = CERO
    pasos: list[str] = field(default_factory=list)

    def suma(self, otro: Resultado) -> Resultado:
        return Resultado(self.uma + otro.uma, self.pesos + otro.pesos, self.pasos + otro.pasos)


def _num(valores: Valores, nombre: str, defecto: Decimal | None = None) -> Decimal:
    valor = valores.get(nombre, defecto)
    if not isinstance(valor, Decimal):
        raise ErrorEntrada(nombre, "falta el dato obligatorio")
    return valor


def _en_unidad(c: Concepto, monto: Decimal, paso: str) -> Resultado:
    if c.unidad == "pesos":
        return Resultado(pesos=monto, pasos=[paso])
    return Resultado(uma=monto, pasos=[paso])


def _fmt(c: Concepto, monto: Decimal) -> str:
    return f"${monto}" if c.unidad == "pesos" else f"{monto} UMA"


def _fija(c: Concepto, v: Valores, u: ValorUma) -> Resultado:
    assert c.monto is not None
    return _en_unidad(c, c.monto, _fmt(c, c.monto))


def _por_unidad(c: Concepto, v: Valores, u: ValorUma) -> Resultado:
    assert c.monto is not None
    total = c.monto
    factores = []
    for nombre in c.por:
        total *= _num(v, nombre)
        factores.append(f"{_num(v, nombre)} {nombre}")
    return _en_unidad(c, total, f"{_fmt(c, c.monto)} × " + " × ".join(factores))


def _limite(c: Concepto, limite: Decimal, u: ValorUma) -> Decimal:
    return limite * u.anual_publicada() if c.limites_en_uma_anual else limite


def elegir_tramo(c: Concepto, valor: Decimal, u: ValorUma) -> Tramo:
    primero = c.tramos[0]
    if primero.desde is not None and valor < _limite(c, primero.desde, u):
        raise ErrorEntrada(c.parametro or "cantidad", f"el mínimo del primer tramo es {primero.desde}")
    for tramo in c.tramos:
        if tramo.hasta is None or valor <= _limite(c, tramo.hasta, u):
            return tramo
    ultimo = c.tramos[-1]
    raise ErrorEntrada(c.parametro or "cantidad", f"{valor} rebasa el último tramo de la ley (hasta {ultimo.hasta})")


def cobrar_tramo(c: Concepto, tramo: Tramo, valor: Decimal | None) -> Resultado:
    anteriores = f"tramos anteriores completos {_fmt(c, tramo.acumulado)}"
    if tramo.acumulado and not tramo.monto:  # a marginal bracket that only charges its excess
        res = _en_unidad(c, tramo.acumulado, f"{tramo.descripcion}: {anteriores}")
    else:
        res = _en_unidad(c, tramo.monto, f"{tramo.descripcion}: {_fmt(c, tramo.monto)}")
        if tramo.acumulado:
            res = res.suma(_en_unidad(c, tramo.acumulado, anteriores))
    if tramo.excedente_monto is not None and tramo.excedente_sobre is not None and valor is not None:
        exceso = max(CERO, valor - tramo.excedente_sobre)
        if exceso:
            res = res.suma(
                _en_unidad(
                    c,
                    exceso * tramo.excedente_monto,
                    f"{exceso} excedentes × {_fmt(c, tramo.excedente_monto)}",
                )
            )
    return res


def _tramos(c: Concepto, v: Valores, u: ValorUma) -> Resultado:
    nombre = c.parametro or "cantidad"
    valor = v.get(nombre)
    if c.padre is not None:  # leaf: its own bracket; a quantity, if given, must belong to it
        tramo = c.tramos[0]
        if isinstance(valor, Decimal):
            if (tramo.hasta is not None and valor > _limite(c, tramo.hasta, u)) or (
                tramo.desde is not None and valor < _limite(c, tramo.desde, u)
            ):
                raise ErrorEntrada(nombre, f"{valor} no corresponde al tramo «{tramo.descripcion}» ({c.clave})")
            return _multiplicar(c, v, cobrar_tramo(c, tramo, valor))
        return _multiplicar(c, v, cobrar_tramo(c, tramo, None))
    valor_num = _num(v, nombre)
    return _multiplicar(c, v, cobrar_tramo(c, elegir_tramo(c, valor_num, u), valor_num))


def _multiplicar(c: Concepto, v: Valores, res: Resultado) -> Resultado:
    """``por`` on a bracketed tariff: the bracket's amount is owed per unit, point or lot."""
    for nombre in c.por:
        cuantos = _num(v, nombre)
        res = Resultado(res.uma * cuantos, res.pesos * cuantos, [*res.pasos, f"× {cuantos} {nombre}"])
    return res


def _base_mas_excedente(c: Concepto, v: Valores, u: ValorUma) -> Resultado:
    assert c.monto is not None and c.incluidas is not None and c.excedente_monto is not None
    valor = _num(v, c.parametro or "cantidad")
    res = _en_unidad(c, c.monto, f"base {_fmt(c, c.monto)} (hasta {c.incluidas})")
    exceso = max(CERO, valor - c.incluidas)
    if exceso:
        res = res.suma(_en_unidad(c, exceso * c.excedente_monto, f"{exceso} × {_fmt(c, c.excedente_monto)}"))
    return res


def _porcentaje(c: Concepto, v: Valores, u: ValorUma) -> Resultado:
    assert c.tasa is not None
    base = _num(v, "base")
    if c.tasa_minima is None:
        return Resultado(pesos=base * c.tasa / 100, pasos=[f"{c.tasa} % de ${base}"])
    tasa = _num(v, "tasa")  # Art. 19: chosen by the authority inside the legal range, with authorization
    return Resultado(pesos=base * tasa / 100, pasos=[f"{tasa} % de ${base} (rango legal {c.tasa_minima} a {c.tasa} %)"])


def _rango(c: Concepto, v: Valores, u: ValorUma) -> Resultado:
    nombre = "importe" if c.unidad == "pesos" else "unidades"
    elegido = _num(v, nombre)
    res = _en_unidad(c, elegido, f"{_fmt(c, elegido)} (rango legal {c.minimo} a {c.maximo})")
    return _multiplicar(c, v, res)


def _dia_adicional(c: Concepto, v: Valores, u: ValorUma) -> Resultado:
    assert c.monto is not None and c.adicional is not None
    dias = _num(v, "dias")
    # "incluidos = 0": a base fee plus the daily fee for every day, the first included (Art. 106 fr. I).
    incluidos = c.incluidas if c.incluidas is not None else Decimal("1")
    extra = max(CERO, dias - incluidos)
    multiplo = Decimal("1")
    for nombre in c.por:
        multiplo *= _num(v, nombre)
    total = (c.monto + extra * c.adicional) * multiplo
    if incluidos:
        paso = f"({_fmt(c, c.monto)} por {cantidad(int(incluidos), 'día')} + {extra} × {_fmt(c, c.adicional)})"
    else:
        paso = f"({_fmt(c, c.monto)} + {cantidad(int(extra), 'día')} × {_fmt(c, c.adicional)})"
    if c.por:
        paso += " × " + " × ".join(f"{_num(v, n)} {n}" for n in c.por)
    return _en_unidad(c, total, paso)


def _tabla_progresiva(c: Concepto, v: Valores, u: ValorUma) -> Resultado:
    base = _num(v, "base")
    fila = c.filas[0]
    for candidata in c.filas:
        if base >= candidata.limite_inferior:
            fila = candidata
    excedente = base - fila.limite_inferior
    impuesto = fila.cuota_fija + excedente * fila.tasa_marginal / 100
    paso = f"${fila.cuota_fija} + {fila.tasa_marginal} % × (${base} − ${fila.limite_inferior})"
    return Resultado(pesos=impuesto, pasos=[paso])


def _convenio(c: Concepto, v: Valores, u: ValorUma) -> Resultado:
    importe = _num(v, "importe")
    return Resultado(pesos=importe, pasos=[f"${importe} según {v.get('referencia', '')}"])


def _adicionales(c: Concepto, v: Valores) -> Resultado:
    res = Resultado()
    for a in c.adicionales:
        valor = v.get(a.parametro)
        if not isinstance(valor, Decimal) or valor == 0:
            continue
        unidades = techo(valor) if a.redondeo_arriba else valor
        res = res.suma(_en_unidad(c, unidades * a.monto, f"{a.descripcion}: {unidades} × {_fmt(c, a.monto)}"))
    return res


def _predial(c: Concepto, v: Valores, u: ValorUma) -> Resultado:
    from jerez_pos.core.predial import calcular_predial  # composite shape lives in its own module

    return calcular_predial(c, v)


CALCULOS: dict[str, Callable[[Concepto, Valores, ValorUma], Resultado]] = {
    "uma_fija": _fija,
    "pesos_fijos": _fija,
    "por_unidad": _por_unidad,
    "tramos": _tramos,
    "base_mas_excedente": _base_mas_excedente,
    "porcentaje": _porcentaje,
    "rango": _rango,
    "dia_adicional": _dia_adicional,
    "tabla_progresiva": _tabla_progresiva,
    "predial": _predial,
    "convenio": _convenio,
}


def calcular(c: Concepto, valores: Valores, uma: ValorUma) -> Resultado:
    return CALCULOS[c.forma](c, valores, uma).suma(_adicionales(c, valores))
