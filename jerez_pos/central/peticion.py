"""The envelope of a request checked before any route sees it: header and query sizes, repeated query
parameters or credential headers, and the body's content type.

Each refusal is a 4xx with a Spanish sentence, so a malformed request never reaches code that would have to
guess which of two ``desde`` or two ``Authorization`` the caller meant.
"""

from __future__ import annotations

from collections.abc import Iterable

from jerez_pos.central.validacion import ErrorHttp
from jerez_pos.sync import protocolo as p

MAX_ENCABEZADOS = 16 * 1024  # bytes of all header names and values together
MAX_NUM_ENCABEZADOS = 64
MAX_CONSULTA = 2048  # bytes of the query string
# A second copy of one of these would let a proxy and the server read different values.
_UNICOS = frozenset(
    n.lower()
    for n in ("authorization", "content-type", "content-length", p.H_TERMINAL, p.H_MARCA, p.H_DIGEST, p.H_FIRMA)
)
_TIPOS_JSON = ("application/json",)


def encabezados(pares: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Lower-case names → value; refuses oversized, too many, or repeated credential/body headers."""
    resultado: dict[str, str] = {}
    tamano = 0
    for cuantos, (nombre_original, valor) in enumerate(pares, 1):
        nombre = nombre_original.lower()
        tamano += len(nombre) + len(valor)
        if tamano > MAX_ENCABEZADOS or cuantos > MAX_NUM_ENCABEZADOS:
            raise ErrorHttp(
                431,
                "encabezados",
                f"la solicitud trae demasiados encabezados (máximo {MAX_NUM_ENCABEZADOS} y {MAX_ENCABEZADOS} bytes)",
            )
        if nombre in resultado and nombre in _UNICOS:
            raise ErrorHttp(400, nombre, "el encabezado aparece más de una vez; envíelo una sola vez")
        resultado[nombre] = valor
    return resultado


def consulta(texto: str, pares: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Query parameters by name; refuses a long query string and a parameter given twice."""
    if len(texto) > MAX_CONSULTA:
        raise ErrorHttp(414, "consulta", f"los parámetros de la dirección pasan de {MAX_CONSULTA} caracteres")
    resultado: dict[str, str] = {}
    for nombre, valor in pares:
        if nombre in resultado:
            raise ErrorHttp(400, nombre[:40], "el parámetro aparece más de una vez; envíelo una sola vez")
        resultado[nombre] = valor
    return resultado


def tipo_contenido(metodo: str, encabezados: dict[str, str], cuerpo: bytes) -> None:
    """A POST body must be JSON. A missing type is accepted (the terminal's own client always sends it;
    the protocol simulation does not), a different one is refused."""
    if metodo.upper() != "POST" or not cuerpo or "content-type" not in encabezados:
        return
    tipo = encabezados["content-type"].split(";", 1)[0].strip().lower()
    if tipo not in _TIPOS_JSON:
        raise ErrorHttp(415, "Content-Type", f"«{tipo[:40]}» no se acepta; el cuerpo debe ser application/json")
