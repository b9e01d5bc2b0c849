"""One ``[[concepto]]`` table → ``Concepto`` (plus the leaf concepts of its brackets)."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from typing import Any

from jerez_pos.catalogo.lector import Campos
from jerez_pos.catalogo.sinonimos import leer_sinonimos
from jerez_pos.core.modelo import (
    FORMAS,
    PERIODICIDADES,
    Adicional,
    Concepto,
    FilaProgresiva,
    Parametro,
    TablaPredial,
    Tramo,
    articulo_de,
)
from jerez_pos.core.motor import hoja_de

CLAVE = re.compile(r"^A\d+(-[A-Za-z0-9ñ_]+)*$")
_ARTICULO_FUNDAMENTO = re.compile(r"Art\.\s*(\d+)")

# Which fields each shape needs (beyond the common ones).
REQUERIDOS: dict[str, tuple[str, ...]] = {
    "uma_fija": ("monto",),
    "pesos_fijos": ("monto",),
    "por_unidad": ("monto", "por"),
    "tramos": ("parametro", "tramos"),
    "base_mas_excedente": ("monto", "incluidas", "excedente_monto", "parametro"),
    "porcentaje": (),
    "rango": ("minimo", "maximo"),
    "dia_adicional": ("monto", "adicional"),
    "tabla_progresiva": ("filas",),
    "predial": ("predial",),
    "convenio": (),
}


def _tramos(f: Campos) -> tuple[Tramo, ...]:
    tramos = []
    anterior: Decimal | None = None
    crudos = f.tablas("tramos")
    for i, t in enumerate(crudos):
        h = f.hija(t, f"tramos[{i}].")
        hasta = h.numero("hasta", obligatorio=False)
        if hasta is None and i != len(crudos) - 1:
            h._mal("hasta", "sólo el último tramo puede omitir su límite superior")
        if hasta is not None and anterior is not None and hasta <= anterior:
            h._mal("hasta", "los tramos deben ir en orden creciente")
        anterior = hasta if hasta is not None else anterior
        clave = h.texto("clave")
        if clave and not CLAVE.match(clave):
            h._mal("clave", f"«{clave}» no sigue el esquema A<art>-<FRACCIÓN>-<inciso>-<numeral>")
        tramos.append(
            Tramo(
                clave=clave,
                descripcion=h.texto("descripcion"),
                monto=h.numero("monto") or Decimal("0"),
                hasta=hasta,
                desde=h.numero("desde", obligatorio=False),
                excedente_monto=h.numero("excedente_monto", obligatorio=False),
                excedente_sobre=h.numero("excedente_sobre", obligatorio=False),
            )
        )
        if (tramos[-1].excedente_monto is None) != (tramos[-1].excedente_sobre is None):
            h._mal("excedente_sobre", "excedente_monto y excedente_sobre van juntos")
    if not tramos and "tramos" in f.datos:
        f._mal("tramos", "no hay tramos")
    if f.booleano("marginal"):
        return _acumular(f, tramos)
    return tuple(tramos)


def _acumular(f: Campos, tramos: list[Tramo]) -> tuple[Tramo, ...]:
    """A marginal table charges each bracket only for the units inside it, plus the full charge of every bracket
    below (its ``monto`` and, up to its ``hasta``, its excess): one more unit never costs less. Each bracket's
    excess must start where the previous bracket ends."""
    resultado: list[Tramo] = []
    acumulado = Decimal("0")
    for i, tramo in enumerate(tramos):
        if i and tramo.excedente_monto is not None and tramo.excedente_sobre != tramos[i - 1].hasta:
            f._mal(f"tramos[{i}].excedente_sobre", "en una tabla marginal empieza donde termina el tramo anterior")
        resultado.append(replace(tramo, acumulado=acumulado))
        acumulado += tramo.monto
        if tramo.excedente_monto is not None and tramo.excedente_sobre is not None and tramo.hasta is not None:
            acumulado += (tramo.hasta - tramo.excedente_sobre) * tramo.excedente_monto
    return tuple(resultado)


def _filas(f: Campos) -> tuple[FilaProgresiva, ...]:
    filas = []
    for i, fila in enumerate(f.tablas("filas")):
        h = f.hija(fila, f"filas[{i}].")
        filas.append(
            FilaProgresiva(
                h.numero("limite_inferior") or Decimal("0"),
                h.numero("cuota_fija") or Decimal("0"),
                h.numero("tasa_marginal") or Decimal("0"),
            )
        )
    return tuple(filas)


def _mapa(f: Campos, campo: str) -> dict[str, Decimal]:
    tabla = f.tabla(campo)
    h = f.hija(tabla, campo + ".")
    return {k: h.numero(k) or Decimal("0") for k in tabla}


def _predial(f: Campos) -> TablaPredial | None:
    datos = f.tabla("predial")
    if not datos:
        return None
    h = f.hija(datos, "predial.")
    construccion = h.tabla("construccion")
    return TablaPredial(
        base_uma=h.numero("base_uma") or Decimal("0"),
        minimo_uma=h.numero("minimo_uma") or Decimal("0"),
        zonas=_mapa(h, "zonas"),
        baldio_tantos=_mapa(h, "baldio_tantos"),
        construccion={uso: _mapa(h.hija(construccion, "construccion."), uso) for uso in construccion},
        riego_gravedad_ha=h.numero("riego_gravedad_ha") or Decimal("0"),
        riego_bombeo_ha=h.numero("riego_bombeo_ha") or Decimal("0"),
        temporal_limite_ha=h.numero("temporal_limite_ha") or Decimal("0"),
        temporal_pesos_ha_hasta=h.numero("temporal_pesos_ha_hasta") or Decimal("0"),
        temporal_pesos_ha_mas=h.numero("temporal_pesos_ha_mas") or Decimal("0"),
    )


def _parametros(f: Campos) -> tuple[Parametro, ...]:
    resultado = []
    for nombre, meta in f.tabla("parametros").items():
        if not isinstance(meta, dict):
            f._mal(f"parametros.{nombre}", "debe ser una tabla")
            continue
        h = f.hija(meta, f"parametros.{nombre}.")
        resultado.append(
            Parametro(
                nombre,
                h.texto("unidad", obligatorio=False) or nombre,
                h.numero("minimo", obligatorio=False),
                h.numero("maximo", obligatorio=False),
                entero=h.booleano("entero"),
            )
        )
    return tuple(resultado)


def _adicionales(f: Campos) -> tuple[Adicional, ...]:
    resultado = []
    for i, a in enumerate(f.tablas("adicionales")):
        h = f.hija(a, f"adicionales[{i}].")
        redondeo = h.texto("redondeo", obligatorio=False, opciones=("arriba", "exacto"))
        resultado.append(
            Adicional(
                h.texto("parametro"), h.numero("monto") or Decimal("0"), h.texto("descripcion"), redondeo == "arriba"
            )
        )
    return tuple(resultado)


def _primero(*valores: Decimal | None) -> Decimal | None:
    return next((v for v in valores if v is not None), None)


def leer_concepto(datos: dict[str, Any], f: Campos, archivo: str) -> list[Concepto]:
    clave = f.texto("clave")
    if clave and not CLAVE.match(clave):
        f._mal("clave", f"«{clave}» no sigue el esquema A<art>-<FRACCIÓN>-<inciso>-<numeral>")
    forma = f.texto("forma", opciones=FORMAS)
    unidad_defecto = "pesos" if forma in ("pesos_fijos", "porcentaje", "tabla_progresiva", "convenio") else "uma"
    unidad = f.texto("unidad", obligatorio=False, opciones=("uma", "pesos")) or unidad_defecto
    fundamento = f.texto("fundamento")
    m = _ARTICULO_FUNDAMENTO.search(fundamento)
    if clave and CLAVE.match(clave) and (m is None or int(m.group(1)) != articulo_de(clave)):
        f._mal("fundamento", f"«{fundamento}» no cita el artículo de la clave {clave}")
    for requerido in REQUERIDOS.get(forma, ()):
        if requerido not in datos:
            f._mal(requerido, f"la forma {forma} lo requiere")
    tasa = f.numero("tasa", obligatorio=False)
    tasa_millar = f.numero("tasa_millar", obligatorio=False)
    if forma == "porcentaje" and (tasa is None) == (tasa_millar is None):
        f._mal("tasa", "la forma porcentaje requiere tasa (por ciento) o tasa_millar (al millar), una sola")
    if tasa is None and tasa_millar is not None:
        tasa = tasa_millar / 10
    tasa_minima = f.numero("tasa_minima", obligatorio=False)
    if tasa_minima is not None and (tasa is None or not 0 <= tasa_minima < tasa):
        f._mal("tasa_minima", "va con tasa y debe ser menor que ella (rango que elige la autoridad)")
    verificar = f.booleano("verificar")
    texto_fuente = f.texto("texto_fuente", obligatorio=verificar)
    ejemplo = f.tabla("ejemplo")
    if not all(isinstance(v, str) for v in ejemplo.values()):
        f._mal("ejemplo", "los valores del ejemplo se escriben como texto entre comillas")
    concepto = Concepto(
        clave=clave,
        descripcion=f.texto("descripcion"),
        fundamento=fundamento,
        rubro=f.texto("rubro"),
        periodicidad=f.texto("periodicidad", opciones=PERIODICIDADES),
        forma=forma,
        unidad=unidad,  # type: ignore[arg-type]
        monto=f.numero("monto", obligatorio=False),
        minimo=f.numero("minimo", obligatorio=False),
        maximo=f.numero("maximo", obligatorio=False),
        adicional=f.numero("adicional", obligatorio=False),
        incluidas=_primero(f.numero("incluidas", obligatorio=False), f.numero("incluidos", obligatorio=False)),
        excedente_monto=f.numero("excedente_monto", obligatorio=False),
        tasa=tasa,
        tasa_minima=tasa_minima,
        parametro=f.texto("parametro", obligatorio=False) or None,
        por=f.lista_textos("por"),
        tramos=_tramos(f),
        limites_en_uma_anual=f.texto("limites_en", obligatorio=False, opciones=("uma_anual",)) == "uma_anual",
        filas=_filas(f),
        predial=_predial(f),
        adicionales=_adicionales(f),
        parametros=_parametros(f),
        ejemplo={k: str(v) for k, v in ejemplo.items()},
        verificar=verificar,
        texto_fuente=texto_fuente,
        nota=f.texto("nota", obligatorio=False),
        sinonimos=leer_sinonimos(f),
        archivo=archivo,
    )
    if concepto.minimo is not None and concepto.maximo is not None and concepto.minimo > concepto.maximo:
        f._mal("minimo", "el mínimo es mayor que el máximo")
    hojas = [hoja_de(concepto, t.clave) for t in concepto.tramos if t.clave and t.clave != clave]
    return [concepto, *hojas]
