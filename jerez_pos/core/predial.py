"""Art. 57 composite predial: base + urban land by zone (vacant lots pay more) + construction by use and
type + rural hectares, never below the Art. 59 minimum. The interpretations are in INTERPRETACIONES.md."""

from __future__ import annotations

from decimal import Decimal

from jerez_pos.core.dinero import CERO
from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.core.formas import Resultado, Valores
from jerez_pos.core.modelo import Concepto


def _dec(v: Valores, nombre: str) -> Decimal:
    valor = v.get(nombre, CERO)
    return valor if isinstance(valor, Decimal) else CERO


def calcular_predial(c: Concepto, v: Valores) -> Resultado:
    t = c.predial
    assert t is not None
    res = Resultado(uma=t.base_uma, pasos=[f"base {t.base_uma} UMA"])

    m2_terreno = _dec(v, "m2_terreno")
    if m2_terreno:
        zona = v.get("zona")
        if not isinstance(zona, str):
            raise ErrorEntrada("zona", "indique la zona urbana (I a VIII) para cobrar el terreno")
        factor = t.zonas[zona]
        terreno = factor * m2_terreno
        res = res.suma(Resultado(uma=terreno, pasos=[f"terreno zona {zona}: {m2_terreno} m² × {factor} UMA"]))
        if v.get("baldio") == "si":
            tantos = t.baldio_tantos.get(zona, CERO)
            if tantos:
                res = res.suma(
                    Resultado(
                        uma=terreno * tantos,
                        pasos=[f"lote baldío: {tantos} {'tanto' if tantos == 1 else 'tantos'} más"],
                    )
                )

    m2_constr = _dec(v, "m2_construccion")
    if m2_constr:
        uso, tipo = v.get("uso"), v.get("tipo_construccion")
        if not isinstance(uso, str) or not isinstance(tipo, str):
            raise ErrorEntrada("tipo_construccion", "indique uso (habitacional|productivo) y tipo (A-D)")
        factor = t.construccion[uso][tipo]
        res = res.suma(
            Resultado(uma=factor * m2_constr, pasos=[f"construcción {uso} tipo {tipo}: {m2_constr} m² × {factor} UMA"])
        )

    for nombre, factor, texto in (
        ("hectareas_riego_gravedad", t.riego_gravedad_ha, "riego por gravedad"),
        ("hectareas_riego_bombeo", t.riego_bombeo_ha, "riego por bombeo"),
    ):
        ha = _dec(v, nombre)
        if ha:
            res = res.suma(Resultado(uma=factor * ha, pasos=[f"{texto}: {ha} ha × {factor} UMA"]))

    temporal = _dec(v, "hectareas_temporal")
    if temporal:
        por_ha = t.temporal_pesos_ha_hasta if temporal <= t.temporal_limite_ha else t.temporal_pesos_ha_mas
        res = res.suma(Resultado(pesos=por_ha * temporal, pasos=[f"temporal: {temporal} ha × ${por_ha}"]))

    if res.uma < t.minimo_uma and not res.pesos:
        res = Resultado(uma=t.minimo_uma, pasos=[*res.pasos, f"mínimo Art. 59: {t.minimo_uma} UMA"])
    return res
