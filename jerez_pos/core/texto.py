"""Text that people type, and text that reaches a printer, a PDF or a log.

Search folding (``plano``): case and accents do not matter to a cashier typing fast ("cafeteria").

Sanitizing, in one place: a taxpayer's name or a payment reference is typed by anyone and printed on an ESC/POS
printer, where ESC (0x1B) and GS (0x1D) are commands (drawer kick, paper cut, code page switch); bidi overrides
and zero-width characters make a PDF or a log line say something other than what is stored. At the input
(``limpiar``) such characters are refused and lengths are bounded per field (``LONGITUDES``); at the output
(``imprimible``) they are stripped, as defence in depth for rows written before the rule existed.
Error messages quote input through ``corto`` so a 100 KB reference is never echoed back.
"""

from __future__ import annotations

import string
import unicodedata
from typing import Any

from jerez_pos.core.errores import ErrorEntrada

# Maximum length (characters, after NFC) per field; a field not listed gets ``LARGO_GENERAL``.
LONGITUDES: dict[str, int] = {
    "nombre": 200,
    "contribuyente": 200,
    "rfc": 13,
    "domicilio": 300,
    "cuenta_catastral": 40,
    "padron": 40,
    "referencia": 64,
    "autorizacion": 64,
    "ultimos4": 4,
    "banco": 64,
    "numero": 64,
    "motivo": 300,
    "nota": 300,
    "usuario": 64,
    "serie": 16,
    "municipio": 100,
    "delegacion": 100,
    "giro": 200,
}
LARGO_GENERAL = 200
PREFIJO = 20

# Unicode categories never allowed in stored text: controls (C0, C1, DEL), format characters (bidi overrides,
# zero-width spaces and joiners, BOM), surrogates, private use, unassigned, line and paragraph separators.
_PROHIBIDAS = frozenset(("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"))
_ESPACIOS = frozenset("\t\n\r\x0b\x0c\x85\u2028\u2029")


def plano(texto: str) -> str:
    descompuesto = unicodedata.normalize("NFKD", texto.casefold())
    return "".join(c for c in descompuesto if not unicodedata.combining(c))


def corto(texto: object, largo: int = PREFIJO) -> str:
    """At most ``largo`` characters of ``texto`` for an error message, controls made visible, "…" if cut."""
    crudo = texto if isinstance(texto, str) else str(texto)
    visible = "".join("�" if unicodedata.category(c) in _PROHIBIDAS else c for c in crudo[: largo + 1])
    return visible if len(crudo) <= largo else visible[:largo] + "…"


def _prohibido(c: str) -> bool:
    return unicodedata.category(c) in _PROHIBIDAS


def limpiar(texto: object, campo: str, *, nombre: str | None = None, obligatorio: bool = False) -> str:
    """Input text → NFC, trimmed, inner runs of spaces collapsed; refused if it carries control or invisible
    characters or is longer than the field allows. ``campo`` names the field in the message, ``nombre`` (or
    ``campo`` without dashes) picks the length."""
    if texto is None:
        texto = ""
    if not isinstance(texto, str):
        raise ErrorEntrada(campo, "se espera texto")
    clave = (nombre or campo).lstrip("-").replace("-", "_")
    maximo = LONGITUDES.get(clave, LARGO_GENERAL)
    if len(texto) > maximo * 4:  # do not even normalize a huge value
        raise ErrorEntrada(campo, f"«{corto(texto)}» es demasiado largo; máximo {maximo} caracteres")
    normal = unicodedata.normalize("NFC", texto)
    # isprintable() is false for every C* and Z* character but the space: a fast pass for ordinary text.
    malo = None if normal.isprintable() else next((c for c in normal if _prohibido(c) and c not in _ESPACIOS), None)
    if malo is not None:
        raise ErrorEntrada(
            campo,
            f"«{corto(normal)}» contiene un carácter de control o invisible (U+{ord(malo):04X}); "
            "escriba sólo letras, números, espacios y signos de puntuación",
        )
    limpio = " ".join(normal.split())
    if len(limpio) > maximo:
        raise ErrorEntrada(campo, f"«{corto(limpio)}» es demasiado largo; máximo {maximo} caracteres")
    if obligatorio and not limpio:
        raise ErrorEntrada(campo, "no puede quedar vacío")
    return limpio


def imprimible(texto: object, largo: int | None = None) -> str:
    """Output text (ticket, PDF, log): NFC, forbidden characters removed, line breaks and tabs as spaces.
    Never refuses and never collapses spaces (ticket columns are aligned with them): it is applied to stored
    rows and to whole rendered lines, which must still print."""
    crudo = texto if isinstance(texto, str) else "" if texto is None else str(texto)
    normal = unicodedata.normalize("NFC", crudo)
    limpio = "".join(" " if c in _ESPACIOS else c for c in normal if c in _ESPACIOS or not _prohibido(c))
    if largo is not None and len(limpio) > largo:
        return limpio[: max(largo - 1, 0)] + "…"
    return limpio


def imprimible_lineas(texto: object) -> str:
    """Like ``imprimible`` but keeps line breaks (multi-line notes in a PDF)."""
    crudo = texto if isinstance(texto, str) else "" if texto is None else str(texto)
    return "\n".join(imprimible(linea) for linea in crudo.splitlines())


def cantidad(numero: int, singular: str, plural: str | None = None) -> str:
    """``1 recibo``, ``3 recibos``: user texts never write «recibo(s)». ``plural`` when adding «s» is wrong."""
    return f"{numero} {singular if numero == 1 else (plural or singular + 's')}"


class _Contador(string.Formatter):
    def format_field(self, value: Any, format_spec: str) -> str:
        if "|" in format_spec:
            singular, _, plural = format_spec.partition("|")
            # A count not known yet ("…") reads with the plural: "… pendientes".
            return cantidad(value, singular, plural) if isinstance(value, int) else f"{value} {plural}"
        return str(super().format_field(value, format_spec))


_CONTADOR = _Contador()


class ConPlural(str):
    """A message whose ``{n:recibo|recibos}`` fields read «1 recibo» or «3 recibos» (``str.format`` as usual)."""

    __slots__ = ()

    def format(self, *args: object, **kwargs: object) -> str:
        return _CONTADOR.format(str(self), *args, **kwargs)
