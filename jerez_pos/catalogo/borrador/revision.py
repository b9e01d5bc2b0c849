"""Reviewing a draft before it is published: building it with progress, and the concepts a person must define.

The draft (``armar`` + ``escribir``) leaves every concept it is not sure of as ``verificar`` (refused at the
charge). Here a person defines or confirms one: the shape editor's fields become the concept's block in its
file, and the block is accepted only if the whole draft still loads with the catalog loader (``cargar``, the
same checks as ``catalogo importar``) and its example prices (``validar.ejemplos_sin_cotizar``). Nothing is
written when a check fails, so the draft folder is always a loadable catalog.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jerez_pos.catalogo.borrador import texto as t
from jerez_pos.catalogo.borrador.armar import armar
from jerez_pos.catalogo.borrador.escribir import bloques, clave_de, escribir
from jerez_pos.catalogo.borrador.informe import Renglon, comparar_carpetas
from jerez_pos.catalogo.cargar import cargar
from jerez_pos.catalogo.fidelidad import revisar
from jerez_pos.catalogo.validar import ejemplos_sin_cotizar
from jerez_pos.core.errores import CatalogoInvalido, ErrorEntrada, ErrorJerez
from jerez_pos.core.uma import TablaUma

Avance = Callable[[int, str], None]
NUEVO = "nuevo"
POR_REVISAR = "por_revisar"
# The fields the shape editor shows on their own; the rest of the block is edited as catalog text.
CAMPOS_FORMA = ("descripcion", "forma", "unidad", "monto", "periodicidad")
_QUITAR_AL_CONFIRMAR = ("verificar", "texto_fuente")


@dataclass(frozen=True)
class Pendiente:
    clave: str
    archivo: str  # relative to the draft folder: "conceptos/nuevos.toml"
    estado: str  # NUEVO or POR_REVISAR
    descripcion: str
    texto_fuente: str  # the new law's words for it
    motivo: str


@dataclass(frozen=True)
class Forma:
    """What the shape editor shows and sends back."""

    descripcion: str
    forma: str
    unidad: str  # "uma", "pesos" or "" (the shape's default)
    monto: str
    periodicidad: str
    otros: str  # the rest of the block (fundamento, rubro, tramos, parámetros…) in the catalog's format


@dataclass(frozen=True)
class Preparado:
    carpeta: Path
    ejercicio: int
    base: str
    informe: dict[str, Any]  # as ``catalogo borrador --json``
    renglones: list[Renglon]  # as ``catalogo diferencias``: each change with both laws' words
    pendientes: list[Pendiente]
    infieles: list[str]  # the fidelity check's complaints (none expected)


def _leer_ley(ruta: Path) -> str:
    try:
        ley = ruta.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ErrorEntrada("ley", "el archivo no está en UTF-8; guárdelo como texto UTF-8") from None
    except OSError as exc:
        raise ErrorEntrada("ley", f"no se puede leer «{ruta.name}» ({exc.strerror})") from None
    if not t.tiene_articulos(ley):
        raise ErrorEntrada("ley", "el texto no tiene artículos («ARTÍCULO 1.»); ¿es el decreto de la Ley de Ingresos?")
    return ley


def construir(ley: Path, base: Path, ejercicio: int, salida: Path, avance: Avance | None = None) -> Preparado:
    """``catalogo borrador`` step by step, reporting progress (0–100) between the slow parts."""
    paso = avance or (lambda _p, _t: None)
    if not 2000 <= ejercicio <= 2100:
        raise ErrorEntrada("ejercicio", "un año entre 2000 y 2100")
    if salida.exists() and (not salida.is_dir() or any(salida.iterdir())):
        raise ErrorEntrada("carpeta", f"«{salida}» ya existe y no está vacía; indique una carpeta nueva")
    paso(5, "Leyendo el texto de la ley")
    texto = _leer_ley(ley)
    paso(15, "Alineando la ley nueva con el catálogo anterior")
    borrador = armar(texto, base, ejercicio)
    paso(60, "Escribiendo el catálogo del borrador")
    try:
        escribir(borrador, base, salida)
        paso(75, "Validando el borrador con el cargador del catálogo")
        catalogo = cargar(salida)
    except CatalogoInvalido as exc:
        raise ErrorJerez(f"el borrador no pasó la validación del catálogo: {exc.problemas[0]}") from None
    except OSError as exc:
        raise ErrorJerez(f"carpeta: no se pudo escribir en {salida} ({exc.strerror})") from None
    infieles = revisar(catalogo, salida / "fuente" / "ley.txt")
    informe = borrador.a_dict(len(catalogo.conceptos))
    (salida / "informe.json").write_text(json.dumps(informe, ensure_ascii=False, indent=1), encoding="utf-8")
    paso(85, "Comparando con la ley anterior, concepto por concepto")
    _, _, renglones = comparar_carpetas(base, salida)
    paso(100, "Borrador listo")
    return Preparado(salida, ejercicio, borrador.base.id, informe, renglones, pendientes(salida), infieles)


def pendientes(carpeta: Path) -> list[Pendiente]:
    """Every concept of the draft still ``verificar``, with the law's words and why the tool left it."""
    informe: dict[str, Any] = {}
    if (carpeta / "informe.json").is_file():
        informe = json.loads((carpeta / "informe.json").read_text(encoding="utf-8"))
    nuevos = set(informe.get("nuevos", []))
    motivos = dict(informe.get("motivos", {}))
    resultado = []
    for ruta in sorted((carpeta / "conceptos").glob("*.toml")):
        for bloque in bloques(ruta.read_text(encoding="utf-8"), "[[concepto]]"):
            datos = _datos(bloque)
            if datos is None or datos.get("verificar") is not True:
                continue
            clave = str(datos.get("clave", ""))
            resultado.append(
                Pendiente(
                    clave,
                    ruta.relative_to(carpeta).as_posix(),
                    NUEVO if clave in nuevos else POR_REVISAR,
                    str(datos.get("descripcion", "")),
                    str(datos.get("texto_fuente", "")),
                    str(motivos.get(clave, "")),
                )
            )
    return resultado


def _datos(bloque: str) -> dict[str, Any] | None:
    if not bloque.startswith("[[concepto]]"):
        return None
    try:
        concepto = tomllib.loads(bloque).get("concepto", [])
    except tomllib.TOMLDecodeError:
        return None
    return dict(concepto[0]) if concepto else None


def _bloque(carpeta: Path, pendiente: Pendiente) -> tuple[Path, str, str]:
    ruta = carpeta / pendiente.archivo
    texto = ruta.read_text(encoding="utf-8")
    for bloque in bloques(texto, "[[concepto]]"):
        if bloque.startswith("[[concepto]]") and clave_de(bloque) == pendiente.clave:
            return ruta, texto, bloque
    raise ErrorJerez(f"{pendiente.clave}: ya no está en {pendiente.archivo}; vuelva a abrir el borrador")


def forma_de(carpeta: Path, pendiente: Pendiente) -> Forma:
    """The editor's fields, read from the concept's block as the draft wrote it."""
    _, _, bloque = _bloque(carpeta, pendiente)
    datos = _datos(bloque) or {}
    otros = []
    encabezado = True
    for linea in bloque.rstrip("\n").split("\n")[1:]:
        if linea.startswith("["):
            encabezado = False
        nombre = linea.split("=", 1)[0].strip()
        if encabezado and nombre in ("clave", *CAMPOS_FORMA, *_QUITAR_AL_CONFIRMAR):
            continue
        otros.append(linea)
    return Forma(
        str(datos.get("descripcion", "")),
        str(datos.get("forma", "")),
        str(datos.get("unidad", "")),
        str(datos.get("monto", "")),
        str(datos.get("periodicidad", "")),
        "\n".join(otros).strip("\n"),
    )


def _texto_de(forma: Forma, clave: str) -> str:
    """The block as the catalog writes it. Values are only quoted here: what they may be is the loader's call."""
    lineas = ["[[concepto]]", f"clave = {json.dumps(clave)}"]
    for campo in CAMPOS_FORMA:
        valor = getattr(forma, campo).strip()
        if valor or campo not in ("unidad", "monto"):  # an empty unit or amount is simply absent
            lineas.append(f"{campo} = {json.dumps(valor, ensure_ascii=False)}")
    # Scalars come before the concept's sub-tables ([concepto.parametros.x], [[concepto.tramos]]).
    otros = forma.otros.strip("\n")
    return "\n".join(lineas) + ("\n" + otros if otros else "") + "\n\n"


def aplicar_forma(carpeta: Path, pendiente: Pendiente, forma: Forma, uma: TablaUma, ejercicio: int) -> list[str]:
    """Writes the defined shape (no longer ``verificar``) if the whole draft still loads and its example
    prices; otherwise returns every problem, named by file, line and field, and writes nothing."""
    ruta, texto, bloque = _bloque(carpeta, pendiente)
    nuevo_bloque = _texto_de(forma, pendiente.clave)
    nuevo_texto = texto.replace(bloque, nuevo_bloque, 1)
    archivos = {
        p.relative_to(carpeta).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(carpeta.rglob("*"))
        if p.is_file() and p.suffix in (".toml", ".csv", ".txt")
    }
    archivos[pendiente.archivo] = nuevo_texto
    try:
        catalogo = cargar(archivos)
    except CatalogoInvalido as exc:
        return list(exc.problemas)
    concepto = catalogo.conceptos.get(pendiente.clave)
    if concepto is None:
        return [f"{pendiente.archivo}: {pendiente.clave}: la clave no se puede cambiar aquí"]
    # January of the new year: the new law with the UMA already published (the new one starts 1 February).
    problemas = ejemplos_sin_cotizar(catalogo, uma, [concepto], dt.date(ejercicio, 1, 15))
    if problemas:
        return problemas
    temporal = ruta.with_name(ruta.name + ".nuevo")
    temporal.write_text(nuevo_texto, encoding="utf-8")
    os.replace(temporal, ruta)  # never a half-written file
    return []
