"""``sinonimos``: the everyday names of a concept ("derecho de piso", "ISAI"), searched like its description.

They carry no numbers and no legal weight, so the loader only keeps them sane: a short list of distinct,
non-empty texts. Duplicates are compared with case and accents folded, the way the search sees them.
"""

from __future__ import annotations

from jerez_pos.catalogo.lector import Campos
from jerez_pos.core.texto import plano

MAXIMO_CARACTERES = 60
MAXIMO_SINONIMOS = 30


def leer_sinonimos(f: Campos) -> tuple[str, ...]:
    valor = f.datos.get("sinonimos", [])
    if not isinstance(valor, list) or not all(isinstance(v, str) for v in valor):
        f._mal("sinonimos", 'debe ser una lista de textos, p. ej. ["derecho de piso", "piso"]')
        return ()
    if len(valor) > MAXIMO_SINONIMOS:
        f._mal("sinonimos", f"tiene {len(valor)} textos; se admiten a lo más {MAXIMO_SINONIMOS}")
    vistos: set[str] = set()
    resultado = []
    for i, sinonimo in enumerate(valor):
        limpio = " ".join(sinonimo.split())
        if not limpio:
            f._mal(f"sinonimos[{i}]", "está vacío; escriba el nombre o quítelo de la lista")
            continue
        if len(limpio) > MAXIMO_CARACTERES:
            f._mal(
                f"sinonimos[{i}]",
                f"«{limpio[:20]}…» mide {len(limpio)} caracteres; se admiten hasta {MAXIMO_CARACTERES} caracteres",
            )
            continue
        if "|" in limpio:
            f._mal(f"sinonimos[{i}]", f"«{limpio}» contiene «|»; escriba sólo letras, números y espacios")
            continue
        if plano(limpio) in vistos:
            f._mal(f"sinonimos[{i}]", f"«{limpio}» está repetido (sin importar mayúsculas ni acentos)")
            continue
        vistos.add(plano(limpio))
        resultado.append(limpio)
    return tuple(resultado)
