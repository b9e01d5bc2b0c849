"""The fee engine: prices a concept at a date against the catalog of that fiscal year and the UMA in force.

Pure: it receives catalogs and the UMA table as values and returns a ``Cotizacion``; it opens no files.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from typing import Any

from jerez_pos.core import modificadores as mods
from jerez_pos.core.cotizacion import Cotizacion, LineaModificador
from jerez_pos.core.dinero import CERO, ajuste_efectivo, pesos, redondear
from jerez_pos.core.errores import ConceptoDesconocido, ErrorEntrada, TarifaPorVerificar
from jerez_pos.core.formas import calcular
from jerez_pos.core.modelo import Catalogo, Concepto, Modificador, Parametro
from jerez_pos.core.parametros import especificacion, leer
from jerez_pos.core.uma import TablaUma

FUENTE_LEY = "Ley de Ingresos {anio} de Jerez"
MAX_COTIZACIONES = 1024  # answers kept per engine; past it they are forgotten all at once


class Motor:
    def __init__(self, catalogos: list[Catalogo], uma: TablaUma, confirmadas: set[str] | None = None) -> None:
        if not catalogos:
            raise ValueError("no hay catálogo cargado")
        self._catalogos = sorted(catalogos, key=lambda c: (c.ejercicio, c.version))
        self._cotizaciones: dict[tuple[Any, ...], Cotizacion] = {}  # see ``cotizar``
        self.uma = uma
        # Keys whose damaged source value an administrator has confirmed (recorded in the ledger).
        self.confirmadas = set(confirmadas or ())
        # A concept's parameters depend only on its catalog: worked out once per concept, not on every charge.
        self._parametros: dict[tuple[str, str], tuple[Parametro, ...]] = {}
        # Likewise the modifiers that apply to a concept: an account's arrears price many years per account.
        self._modificadores: dict[tuple[str, str], tuple[Modificador, ...]] = {}

    @property
    def catalogos(self) -> list[Catalogo]:
        return list(self._catalogos)

    def catalogo_para(self, fecha: dt.date) -> tuple[Catalogo, list[str]]:
        del_anio = [c for c in self._catalogos if c.ejercicio == fecha.year]
        if del_anio:
            return del_anio[-1], []
        anteriores = [c for c in self._catalogos if c.ejercicio < fecha.year]
        if not anteriores:
            raise ErrorEntrada("fecha", f"no hay catálogo para {fecha.year} ni para años anteriores")
        elegido = anteriores[-1]
        aviso = (
            f"No existe catálogo para {fecha.year}; se aplica el del ejercicio {elegido.ejercicio} "
            f"({elegido.id}). Verifique si hay una ley más reciente."
        )
        return elegido, [aviso]

    def concepto(self, clave: str, fecha: dt.date) -> Concepto:
        catalogo, _ = self.catalogo_para(fecha)
        buscada = clave.strip()
        concepto = catalogo.conceptos.get(buscada)
        if concepto is None:  # keys are typed by people: accept "a85-ii" for "A85-II"
            minusculas = buscada.lower()
            concepto = next((c for k, c in catalogo.conceptos.items() if k.lower() == minusculas), None)
        if concepto is None:
            raise ConceptoDesconocido(clave)
        return concepto

    def modificadores_de(self, concepto: Concepto, catalogo: Catalogo) -> list[Modificador]:
        llave = (catalogo.id, concepto.clave)
        guardados = self._modificadores.get(llave)
        if guardados is None:
            guardados = self._modificadores[llave] = tuple(m for m in catalogo.modificadores if m.aplica(concepto))
        return list(guardados)

    def parametros(self, clave: str, fecha: dt.date) -> list[Parametro]:
        catalogo, _ = self.catalogo_para(fecha)
        concepto = self.concepto(clave, fecha)
        guardados = self._parametros.get((catalogo.id, concepto.clave))
        if guardados is not None:
            return list(guardados)
        propios = especificacion(concepto)
        nombres = {p.nombre for p in propios}
        for m in self.modificadores_de(concepto, catalogo):
            for p in mods.parametros_de(m):
                if p.nombre not in nombres:
                    propios.append(p)
                    nombres.add(p.nombre)
        self._parametros[(catalogo.id, concepto.clave)] = tuple(propios)
        return propios

    def cotizar(self, clave: str, crudos: dict[str, str], fecha: dt.date, causado: dt.date | None = None) -> Cotizacion:
        """The price of ``clave`` (see ``_cotizar``). The engine is pure and its catalogs, UMA and confirmations
        never change after it is built (new tariffs build a new engine), so a repeated question (the same
        concept and parameters on the same day: the counter's everyday charge) gets the answer already
        worked out. Refusals are never remembered: they are worked out again each time."""
        try:
            llave = (clave, tuple(sorted(crudos.items())), fecha, causado)
            guardada = self._cotizaciones.get(llave)
        except TypeError:  # a parameter value that can't be a key: price it every time
            return self._cotizar(clave, crudos, fecha, causado)
        if guardada is None:
            guardada = self._cotizar(clave, crudos, fecha, causado)
            if len(self._cotizaciones) >= MAX_COTIZACIONES:
                self._cotizaciones.clear()
            self._cotizaciones[llave] = guardada
        return replace(guardada, parametros=dict(guardada.parametros))  # its one mutable field: the caller's own

    def _cotizar(
        self, clave: str, crudos: dict[str, str], fecha: dt.date, causado: dt.date | None = None
    ) -> Cotizacion:
        """``fecha`` is the day of payment; ``causado`` the day the obligation arose, when it is earlier (a 2024
        licence paid in 2025). Art. 15: arrears are charged under the law in force when they arose, so the tariff
        and its UMA come from ``causado``; discounts by payment date and recargos look at ``fecha``."""
        origen = causado if causado is not None and causado < fecha else fecha
        catalogo, advertencias = self.catalogo_para(origen)
        if origen.year != fecha.year:
            advertencias.insert(0, f"Obligación del ejercicio {origen.year}: se cobra con la ley de ese año (Art. 15)")
        concepto = self.concepto(clave, origen)
        if concepto.verificar:
            if concepto.clave not in self.confirmadas:
                raise TarifaPorVerificar(concepto.clave, concepto.texto_fuente)
            advertencias.append(f"{concepto.clave}: tarifa de fuente dañada, valor confirmado por un administrador")
        valores = leer(self.parametros(clave, origen), crudos, concepto.clave)
        uma = self.uma.vigente(origen)
        resultado = calcular(concepto, valores, uma)
        importe = redondear(resultado.uma * uma.diaria + resultado.pesos)

        autorizaciones: list[str] = []
        if concepto.requiere_autorizacion:
            autorizaciones.append(f"Art. 19: monto elegido dentro del rango legal ({concepto.clave})")
        aplicables = self.modificadores_de(concepto, catalogo)
        # The fiscal year is the obligation's: a previous law applied by fallback still prices this year's tax.
        ctx = mods.Contexto(concepto, fecha, origen.year, uma.diaria, valores, importe, importe, importe)
        lineas = []
        for m, texto, monto in mods.aplicar(aplicables, ctx):
            necesita = m.requiere_autorizacion and mods.solicitado(m, valores)
            if necesita:
                autorizaciones.append(f"{m.fundamento}: {m.descripcion}")
            lineas.append(
                LineaModificador(
                    texto, f"{m.fundamento}, {FUENTE_LEY.format(anio=catalogo.ejercicio)}", monto, m.id, necesita
                )
            )
        total = max(CERO, importe + sum((linea.importe for linea in lineas), CERO))
        if concepto.nota:
            advertencias.append(concepto.nota)
        return Cotizacion(
            clave=concepto.clave,
            descripcion=concepto.descripcion,
            fundamento=f"{concepto.fundamento}, {FUENTE_LEY.format(anio=catalogo.ejercicio)}",
            rubro=concepto.rubro,
            forma=concepto.forma,
            fecha=fecha,
            catalogo=catalogo.id,
            uma=uma.diaria if resultado.uma else None,
            unidades_uma=resultado.uma if resultado.uma else None,
            importe=importe,
            modificadores=tuple(lineas),
            total=total,
            total_efectivo=ajuste_efectivo(total),
            explicacion=_explicar(concepto, resultado.pasos, resultado.uma, resultado.pesos, uma.diaria, importe),
            advertencias=tuple(advertencias),
            parametros={k: str(v) for k, v in valores.items()},
            requiere_autorizacion=tuple(autorizaciones),
        )

    def ejemplo(self, concepto: Concepto) -> dict[str, str]:
        return dict(concepto.ejemplo)

    def con_confirmacion(self, clave: str) -> Motor:
        return Motor(self._catalogos, self.uma, self.confirmadas | {clave})


def _explicar(
    c: Concepto, pasos: list[str], unidades: Decimal, en_pesos: Decimal, diaria: Decimal, importe: Decimal
) -> str:
    partes = []
    detalle = " + ".join(pasos)
    if unidades:
        # One step that already ends in the UMA total ("De 6 a 15 aparatos: 3.6750 UMA") needs no "= …".
        simple = len(pasos) == 1 and pasos[0].endswith(f"{unidades} UMA")
        texto_uma = detalle if simple else f"{detalle} = {unidades} UMA"
        partes.append(f"{texto_uma} × {pesos(diaria)}")
        if en_pesos:
            partes.append(f"{pesos(en_pesos)}")
    else:
        partes.append(detalle)
    return f"{' + '.join(partes)} = {pesos(importe)}, {c.fundamento}"


def hoja_de(concepto: Concepto, tramo_clave: str) -> Concepto:
    """Leaf concept of one bracket (``A31-II-a``) derived from its parent (``A31-II``)."""
    tramo = next(t for t in concepto.tramos if t.clave == tramo_clave)
    return replace(
        concepto,
        clave=tramo.clave,
        descripcion=f"{concepto.descripcion}: {tramo.descripcion}",
        fundamento=fundamento_de_clave(tramo.clave),
        tramos=(tramo,),
        padre=concepto.clave,
        ejemplo={nombre: "1" for nombre in concepto.por},
    )


def fundamento_de_clave(clave: str) -> str:
    """``A84-I-a-2`` → ``Art. 84 fr. I inc. a) num. 2`` (the key scheme of FORMATO.md read back)."""
    partes = clave.split("-")
    texto = f"Art. {partes[0][1:]}"
    etiquetas = ("fr.", "inc.", "num.")
    for i, parte in enumerate(partes[1:]):
        if i == 1 and len(parte) == 1 and parte.isalpha():
            texto += f" inc. {parte})"
        elif i < len(etiquetas):
            texto += f" {etiquetas[i]} {parte}"
        else:
            texto += f" {parte}"
    return texto
