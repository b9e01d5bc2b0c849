"""Which parameters a concept takes, and turning the caller's text into validated values.

The shape decides the parameters; the catalog may refine their unit text and legal bounds. Every refusal
names the parameter and what is allowed.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.core.modelo import Concepto, Parametro
from jerez_pos.core.numeros import leer_numero
from jerez_pos.core.texto import corto, limpiar

_CERO = Decimal("0")
_UNO = Decimal("1")

# Defaults for the standard parameter names (FORMATO.md): what a cashier types and the smallest value that makes sense.
ESTANDAR: dict[str, Parametro] = {
    p.nombre: p
    for p in (
        Parametro("cantidad", "unidades", _UNO, None, entero=True),
        Parametro("dias", "días", _UNO, None, entero=True),
        Parametro("horas", "horas", _UNO, None, entero=True),
        Parametro("meses", "meses", _UNO, None, entero=True),
        Parametro("m2", "m²", _CERO),
        Parametro("metros", "metros lineales", _CERO),
        Parametro("kg", "kilogramos", _CERO),
        Parametro("km", "kilómetros", _CERO),
        Parametro("hectareas", "hectáreas", _CERO),
        Parametro("base", "pesos", _CERO),
        Parametro("unidades", "UMA", _CERO),
        Parametro("importe", "pesos", Decimal("0.01")),
        Parametro("personas", "personas", _UNO, None, entero=True),
        Parametro("aparatos", "aparatos", _UNO, None, entero=True),
        Parametro("computadoras", "computadoras", _UNO, None, entero=True),
        Parametro("hojas", "hojas", _UNO, None, entero=True),
        Parametro("cabezas", "cabezas", _UNO, None, entero=True),
    )
}
SI_NO = ("si", "no")
ROMANOS_ZONA = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")


# Data the law needs that no single field's flag can say: Art. 57 taxes an urban lot by its zone and area and a
# rural one by its hectares, so the window asks for one of these sets (each complete). A padrón account lacking
# them is still priced at the Art. 59 minimum by the engine: the rule is for what a cashier types.
ALTERNATIVAS: dict[str, tuple[tuple[str, ...], ...]] = {
    "predial": (
        ("zona", "m2_terreno"),
        ("hectareas_riego_gravedad",),
        ("hectareas_riego_bombeo",),
        ("hectareas_temporal",),
    )
}
ALTERNATIVAS_TEXTO = {"predial": "indique la zona y los m² de terreno (predio urbano) o las hectáreas (predio rústico)"}


def requeridos(forma: str) -> set[str]:
    """The fields of a shape that belong to one of its required alternatives (they are not "optional")."""
    return {nombre for grupo in ALTERNATIVAS.get(forma, ()) for nombre in grupo}


def falta_alternativa(forma: str, crudos: dict[str, str]) -> ErrorEntrada | None:
    """None when one required set is complete; else the error, on the first field of the first set."""
    grupos = ALTERNATIVAS.get(forma)
    if not grupos or any(all(str(crudos.get(n, "")).strip() for n in g) for g in grupos):
        return None
    faltante = next((n for n in grupos[0] if not str(crudos.get(n, "")).strip()), grupos[0][0])
    return ErrorEntrada(faltante, ALTERNATIVAS_TEXTO[forma])


def _estandar(nombre: str) -> Parametro:
    return ESTANDAR.get(nombre, Parametro(nombre, nombre.replace("_", " "), _CERO))


def _predial() -> list[Parametro]:
    return [
        Parametro("zona", "zona urbana", opciones=ROMANOS_ZONA, opcional=True),
        Parametro("m2_terreno", "m² de terreno", _CERO, opcional=True),
        Parametro("m2_construccion", "m² construidos", _CERO, opcional=True),
        Parametro("tipo_construccion", "tipo de construcción", opciones=("A", "B", "C", "D"), opcional=True),
        Parametro("uso", "uso", opciones=("habitacional", "productivo"), opcional=True),
        Parametro("baldio", "lote baldío", opciones=SI_NO, opcional=True),
        Parametro("hectareas_riego_gravedad", "ha de riego por gravedad", _CERO, opcional=True),
        Parametro("hectareas_riego_bombeo", "ha de riego por bombeo", _CERO, opcional=True),
        Parametro("hectareas_temporal", "ha de temporal o agostadero", _CERO, opcional=True),
    ]


def _por_forma(c: Concepto) -> list[Parametro]:
    forma = c.forma
    if forma in ("uma_fija", "pesos_fijos"):
        return []
    if forma in ("por_unidad",):
        return [_estandar(n) for n in c.por]
    if forma == "dia_adicional":
        return [_estandar("dias")] + [_estandar(n) for n in c.por]
    if forma in ("tramos", "base_mas_excedente"):
        p = _estandar(c.parametro or "cantidad")
        # A leaf key is priced by its own bracket: the quantity is optional there.
        return [replace(p, opcional=c.padre is not None)] + [_estandar(n) for n in c.por]
    if forma == "porcentaje" and c.tasa_minima is not None:
        return [_estandar("base"), Parametro("tasa", "por ciento que fija la autoridad", c.tasa_minima, c.tasa)]
    if forma in ("porcentaje", "tabla_progresiva"):
        return [_estandar("base")]
    if forma == "rango":
        nombre = "importe" if c.unidad == "pesos" else "unidades"
        return [replace(_estandar(nombre), minimo=c.minimo, maximo=c.maximo)] + [_estandar(n) for n in c.por]
    if forma == "convenio":
        return [_estandar("importe"), Parametro("referencia", "contrato o convenio", texto_libre=True)]
    if forma == "predial":
        return _predial()
    raise ValueError(f"forma desconocida {forma}")


def especificacion(c: Concepto) -> list[Parametro]:
    """The parameters of a concept: those of its shape, refined by the catalog, then optional extras."""
    propios = {p.nombre: p for p in c.parametros}
    resultado = []
    for p in _por_forma(c):
        afinado = propios.get(p.nombre)
        if afinado is not None:
            p = replace(
                p,
                unidad=afinado.unidad or p.unidad,
                minimo=afinado.minimo if afinado.minimo is not None else p.minimo,
                maximo=afinado.maximo if afinado.maximo is not None else p.maximo,
                entero=afinado.entero or p.entero,
            )
        resultado.append(p)
    for a in c.adicionales:
        base = propios.get(a.parametro) or _estandar(a.parametro)
        resultado.append(replace(base, opcional=True, minimo=_CERO))
    return resultado


def _numero(p: Parametro, crudo: str) -> Decimal:
    valor = leer_numero(crudo, p.nombre, moneda=p.unidad == "pesos")
    if p.entero and valor != valor.to_integral_value():
        raise ErrorEntrada(p.nombre, f"debe ser un número entero ({p.unidad}); se recibió {corto(crudo)}")
    # The unit goes in parentheses: "1 aparatos" would read wrong, and the unit is the catalog's own plural.
    if p.minimo is not None and valor < p.minimo:
        raise ErrorEntrada(p.nombre, f"el mínimo permitido es {p.minimo} ({p.unidad}); se recibió {corto(crudo)}")
    if p.maximo is not None and valor > p.maximo:
        raise ErrorEntrada(p.nombre, f"el máximo permitido es {p.maximo} ({p.unidad}); se recibió {corto(crudo)}")
    return valor


def leer(especificados: list[Parametro], crudos: dict[str, str], clave: str) -> dict[str, Decimal | str]:
    """Validate the caller's ``nombre=valor`` pairs against the specification; nothing unknown passes."""
    por_nombre = {p.nombre: p for p in especificados}
    for nombre in crudos:
        if nombre not in por_nombre:
            permitidos = ", ".join(sorted(por_nombre)) or "ninguno"
            raise ErrorEntrada(corto(nombre), f"parámetro desconocido para {clave}; admite: {permitidos}")
    valores: dict[str, Decimal | str] = {}
    for p in especificados:
        crudo = crudos.get(p.nombre)
        if crudo is None or str(crudo).strip() == "":
            if not p.opcional:
                raise ErrorEntrada(p.nombre, f"falta el dato obligatorio «{p.unidad}» para {clave}")
            continue
        texto = str(crudo).strip()
        if p.texto_libre:
            valores[p.nombre] = limpiar(texto, p.nombre)
        elif p.opciones:
            normal = texto.lower() if p.opciones == SI_NO or p.nombre == "uso" else texto.upper()
            if normal not in p.opciones:
                permitidos = ", ".join(p.opciones)
                raise ErrorEntrada(p.nombre, f"«{corto(texto)}» no es válido; valores permitidos: {permitidos}")
            valores[p.nombre] = normal
        else:
            valores[p.nombre] = _numero(p, texto)
    return valores
