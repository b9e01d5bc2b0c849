"""The change report between two catalogs, concept by concept, with the law's old and new sentence.

For the treasurer and the Cabildo: what each concept charged, what it charges now and the words of both laws.
A draft folder carries ``borrador.json`` (written by ``catalogo borrador``): with it, a renumbered concept is
paired with its old key instead of showing as one concept removed and another added.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from jerez_pos.catalogo.borrador import texto as t
from jerez_pos.catalogo.borrador.alinear import Articulo
from jerez_pos.catalogo.borrador.conceptos import leer_clave
from jerez_pos.catalogo.cargar import cargar
from jerez_pos.catalogo.diferencias import tarifa
from jerez_pos.core.modelo import Catalogo

ARCHIVO_BORRADOR = "borrador.json"


@dataclass(frozen=True)
class Renglon:
    clave_base: str
    clave: str
    estado: str  # cambio, renumerado, nuevo, derogado
    descripcion: str
    antes: str
    despues: str
    frase_antes: str
    frase_despues: str


class Frases:
    """The words of one part of a law (its article, fracción, inciso and numeral), cut for a report."""

    def __init__(self, ley: str) -> None:
        self._articulos = t.articulos(t.limpiar(ley))
        self._leidos: dict[str, Articulo] = {}

    def de(self, clave: str, largo: int = 420) -> str:
        partes = leer_clave(clave)
        if partes is None or partes.articulo not in self._articulos:
            return ""
        articulo = self._leidos.setdefault(partes.articulo, Articulo(partes.articulo, self._articulos[partes.articulo]))
        indices = articulo.indices(partes.ruta) or articulo.indices(())
        if not indices:
            return ""
        desde = articulo.tokens[indices.start].inicio
        hasta = articulo.tokens[indices.stop - 1].inicio + len(articulo.tokens[indices.stop - 1].texto)
        frase = " ".join(articulo.texto[desde:hasta].split())
        return frase if len(frase) <= largo else frase[: largo - 1] + "…"


def _renombres(nuevo_dir: Path) -> dict[str, str]:
    ruta = nuevo_dir / ARCHIVO_BORRADOR
    if not ruta.is_file():
        return {}
    datos = json.loads(ruta.read_text(encoding="utf-8"))
    return {str(k): str(v) for k, v in dict(datos.get("renombres", {})).items()}


def comparar_carpetas(base_dir: Path, nuevo_dir: Path) -> tuple[Catalogo, Catalogo, list[Renglon]]:
    base, nuevo = cargar(base_dir), cargar(nuevo_dir)
    frases_base = Frases((base_dir / "fuente" / "ley.txt").read_text(encoding="utf-8"))
    frases_nuevo = Frases((nuevo_dir / "fuente" / "ley.txt").read_text(encoding="utf-8"))
    renombres = _renombres(nuevo_dir)
    renglones: list[Renglon] = []
    pareados: set[str] = set()
    for clave, antes in base.conceptos.items():
        destino = renombres.get(clave, clave)
        despues = nuevo.conceptos.get(destino)
        if despues is None:
            renglones.append(
                Renglon(clave, "", "derogado", antes.descripcion, tarifa(antes), "", frases_base.de(clave), "")
            )
            continue
        pareados.add(destino)
        if destino == clave and tarifa(antes) == tarifa(despues) and antes.verificar == despues.verificar:
            continue
        estado = "renumerado" if destino != clave else "cambio"
        if despues.verificar and not antes.verificar:
            estado = "por revisar"
        renglones.append(
            Renglon(
                clave,
                destino,
                estado,
                despues.descripcion,
                tarifa(antes),
                tarifa(despues),
                frases_base.de(clave),
                frases_nuevo.de(destino),
            )
        )
    for clave, despues in nuevo.conceptos.items():
        if clave not in pareados:
            renglones.append(
                Renglon("", clave, "nuevo", despues.descripcion, "", tarifa(despues), "", frases_nuevo.de(clave))
            )
    return base, nuevo, renglones
