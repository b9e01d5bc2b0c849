"""Load a catalog directory, validating everything before anything is returned.

A malformed file rejects the whole catalog with every problem named (file, line, field): a half-loaded law
would charge some concepts and silently lose others.
"""

from __future__ import annotations

import csv
import io
import re
import tomllib
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from jerez_pos.catalogo.conceptos import leer_concepto
from jerez_pos.catalogo.fuente import Fuente, fuente_de
from jerez_pos.catalogo.lector import Campos, Problemas, Ubicador
from jerez_pos.core.errores import CatalogoInvalido, ErrorEntrada
from jerez_pos.core.modelo import Catalogo, Concepto, Giro, Modificador, ReglaVinculo
from jerez_pos.core.modificadores import TIPOS
from jerez_pos.core.numeros import leer_entero, leer_numero

RUBRO_PADRON = "Derechos › Derechos por Prestación de Servicios › Padrón Municipal de Comercio y Servicios"
ALCOHOL = ("", "cerveza", "vinos_licores", "etilico", "cabaret")
CONSUMO = ("", "local", "envase_cerrado")
SI_NO_VACIO = ("", "si", "no")


Origen = Path | str | Mapping[str, str] | Fuente


def _toml(fuente: Fuente, ruta: Path, problemas: Problemas) -> dict[str, Any]:
    try:
        return tomllib.loads(fuente.texto(fuente.relativa(ruta)))
    except tomllib.TOMLDecodeError as exc:
        problemas.agregar(ruta, None, "(sintaxis)", str(exc))
    except (OSError, UnicodeDecodeError) as exc:
        problemas.agregar(ruta, None, "(archivo)", f"no se puede leer como texto UTF-8: {exc}")
    return {}


def _csv(fuente: Fuente, ruta: str) -> io.StringIO:
    return io.StringIO(fuente.texto(ruta), newline="")


def rubros_validos(directorio: Origen) -> set[str]:
    fuente = fuente_de(directorio)
    if not fuente.existe("rubros.txt"):
        return set()
    return {
        linea.strip()
        for linea in fuente.texto("rubros.txt").splitlines()
        if linea.strip() and not linea.startswith("#")
    }


def leer_conceptos(directorio: Origen, problemas: Problemas, solo: Path | None = None) -> dict[str, Concepto]:
    fuente = fuente_de(directorio)
    rubros = rubros_validos(fuente)
    conceptos: dict[str, Concepto] = {}
    archivos = fuente.listar("conceptos/*.toml")
    for ruta in archivos:
        if solo is not None and ruta.resolve() != solo.resolve():
            continue
        datos = _toml(fuente, ruta, problemas)
        ubicador = Ubicador(ruta, fuente.texto(fuente.relativa(ruta)).splitlines())
        for crudo in datos.get("concepto", []):
            clave = str(crudo.get("clave", ""))
            linea = ubicador.linea_de(f'"{clave}"') if clave else None
            campos = Campos(crudo, ruta, linea, problemas)
            for concepto in leer_concepto(crudo, campos, ruta.name):
                if rubros and concepto.rubro and concepto.rubro not in rubros:
                    campos._mal("rubro", f"«{concepto.rubro}» no está en rubros.txt")
                if concepto.clave in conceptos:
                    otro = conceptos[concepto.clave].archivo
                    campos._mal("clave", f"«{concepto.clave}» repetida (también en {otro})")
                conceptos[concepto.clave] = concepto
    return conceptos


def leer_giros(directorio: Origen, problemas: Problemas, tabla: str = "A114-III") -> tuple[Giro, ...]:
    fuente = fuente_de(directorio)
    ruta = Path("giros.csv")
    if not fuente.existe("giros.csv"):
        return ()
    giros = []
    with _csv(fuente, "giros.csv") as f:
        for linea, fila in enumerate(csv.DictReader(f), start=2):

            def mal(campo: str, mensaje: str, _linea: int = linea) -> None:
                problemas.agregar(ruta, _linea, campo, mensaje)

            try:
                numero = leer_entero(fila["numero"], "numero")
                uma = leer_numero(fila["uma"], "uma")
            except (KeyError, ValueError, ArithmeticError, AttributeError, ErrorEntrada):
                mal("numero/uma", "número de giro o factor UMA ilegible")
                continue
            for campo, opciones in (("alcohol", ALCOHOL), ("consumo", CONSUMO), ("gas", SI_NO_VACIO)):
                if (fila.get(campo) or "") not in opciones:
                    admitidos = ", ".join(o or "(vacío)" for o in opciones)
                    mal(campo, f"«{fila.get(campo)}» no es válido; se admite: {admitidos}")
            giros.append(
                Giro(
                    numero,
                    (fila.get("giro") or "").strip(),
                    uma,
                    fila.get("alcohol") or "",
                    fila.get("consumo") or "",
                    fila.get("gas") or "",
                    fila.get("impacto") or "",
                    tabla,
                )
            )
    numeros = [g.numero for g in giros]
    if numeros != list(range(1, len(numeros) + 1)):
        problemas.agregar(ruta, None, "numero", "los giros deben ir numerados 1, 2, 3… sin huecos ni repetidos")
    return tuple(giros)


def concepto_de_giro(giro: Giro) -> Concepto:
    return Concepto(
        clave=giro.clave,
        descripcion=f"Empadronamiento o refrendo anual: {giro.nombre}",
        fundamento=f"{giro.fundamento}, giro {giro.numero}",
        rubro=RUBRO_PADRON,
        periodicidad="anual",
        forma="uma_fija",
        monto=giro.uma,
        archivo="giros.csv",
    )


def leer_estructura(directorio: Origen, problemas: Problemas) -> dict[int, tuple[str, str, str]]:
    """``estructura.csv``: articulo,titulo,capitulo,seccion, taken from the law's own headings."""
    fuente = fuente_de(directorio)
    ruta = Path("estructura.csv")
    if not fuente.existe("estructura.csv"):
        return {}
    estructura: dict[int, tuple[str, str, str]] = {}
    with _csv(fuente, "estructura.csv") as f:
        for linea, fila in enumerate(csv.DictReader(f), start=2):
            try:
                estructura[int(fila["articulo"])] = (fila["titulo"], fila["capitulo"], fila["seccion"])
            except (KeyError, ValueError, TypeError):
                problemas.agregar(ruta, linea, "articulo", "se espera articulo,titulo,capitulo,seccion")
    return estructura


def leer_vinculos(directorio: Origen, problemas: Problemas) -> tuple[ReglaVinculo, ...]:
    fuente = fuente_de(directorio)
    ruta = Path("vinculos.toml")
    if not fuente.existe("vinculos.toml"):
        return ()
    reglas = []
    for i, r in enumerate(_toml(fuente, ruta, problemas).get("regla", [])):
        f = Campos(r, ruta, None, problemas, f"regla[{i}].")
        parametros = f.tabla("parametros")
        reglas.append(
            ReglaVinculo(
                cuando={k: str(v) for k, v in f.tabla("cuando").items()},
                claves=f.lista_textos("claves"),
                motivo=f.texto("motivo"),
                parametros={k: {n: str(x) for n, x in v.items()} for k, v in parametros.items() if isinstance(v, dict)},
                elegir_una=f.texto("elegir", obligatorio=False, opciones=("una", "todas")) == "una",
                opcional=f.booleano("opcional"),
            )
        )
    return tuple(reglas)


def leer_modificadores(directorio: Origen, problemas: Problemas) -> tuple[Modificador, ...]:
    fuente = fuente_de(directorio)
    ruta = Path("modificadores.toml")
    if not fuente.existe("modificadores.toml"):
        return ()
    resultado = []
    for i, m in enumerate(_toml(fuente, ruta, problemas).get("modificador", [])):
        f = Campos(m, ruta, None, problemas, f"modificador[{i}].")
        datos = {k: v for k, v in f.tabla("datos").items()}
        h = f.hija(datos, "datos.")
        meses_crudos = f.tabla("meses")
        hm = f.hija(meses_crudos, "meses.")
        resultado.append(
            Modificador(
                id=f.texto("id"),
                tipo=f.texto("tipo", opciones=TIPOS),
                descripcion=f.texto("descripcion"),
                fundamento=f.texto("fundamento"),
                aplica_a=f.lista_textos("aplica_a"),
                datos={k: h.numero(k) or Decimal("0") for k in datos},
                meses={int(k): hm.numero(k) or Decimal("0") for k in meses_crudos},
                requiere_autorizacion=f.booleano("requiere_autorizacion"),
                excluye=f.lista_textos("excluye"),
            )
        )
    return tuple(resultado)


def cargar(directorio: Origen) -> Catalogo:
    """A catalog from a directory or from a mapping ``relative/path → text``: the same checks for both."""
    origen = fuente_de(directorio)
    problemas = Problemas()
    if not origen.existe("catalogo.toml"):
        donde = directorio if isinstance(directorio, (Path, str)) else "el catálogo"
        raise CatalogoInvalido([f"{donde}: falta catalogo.toml (¿es un directorio de catálogo?)"])
    cabecera = _toml(origen, Path("catalogo.toml"), problemas)
    f = Campos(cabecera, Path("catalogo.toml"), None, problemas)
    municipio, publicado, fuente = f.texto("municipio"), f.texto("publicado"), f.texto("fuente")
    ejercicio, version = cabecera.get("ejercicio"), cabecera.get("version")
    if not isinstance(ejercicio, int) or not isinstance(version, int):
        problemas.agregar("catalogo.toml", None, "ejercicio/version", "deben ser enteros")
        ejercicio, version = 0, 0
    conceptos = leer_conceptos(origen, problemas)
    tabla_giros = cabecera.get("tabla_giros", "A114-III")
    if not isinstance(tabla_giros, str) or not re.fullmatch(r"A\d+-[IVXL]+", tabla_giros):
        problemas.agregar("catalogo.toml", None, "tabla_giros", "clave de la tabla de giros, p. ej. A114-III")
        tabla_giros = "A114-III"
    giros = leer_giros(origen, problemas, tabla_giros)
    for giro in giros:
        conceptos[giro.clave] = concepto_de_giro(giro)
    vinculos = leer_vinculos(origen, problemas)
    modificadores = leer_modificadores(origen, problemas)
    estructura = leer_estructura(origen, problemas)
    for regla in vinculos:
        for clave in regla.claves:
            if clave != "A114-III-{numero}" and clave not in conceptos:
                problemas.agregar("vinculos.toml", None, "claves", f"«{clave}» no existe en el catálogo")
    if problemas:
        raise CatalogoInvalido(problemas.lista)
    return Catalogo(
        municipio, ejercicio, version, publicado, fuente, conceptos, giros, vinculos, modificadores, estructura
    )
