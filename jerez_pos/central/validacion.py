"""Validation of an uploaded batch: every field checked, the first problem reported with its path.

Errors are ``ErrorHttp`` with the HTTP status, the field path (``registros[3].firma``) and a Spanish
sentence; nothing is written until the whole batch passed.
"""

from __future__ import annotations

import itertools
import re
from typing import Any, NamedTuple

import orjson

from jerez_pos.core.documento import TIPOS, VersionDesconocida, version_conocida, version_de

MAX_REGISTROS = 1000
MAX_CUERPO = 8 * 1024 * 1024  # bytes; a 1000-record batch of ordinary receipts is about 1 MB
_HEX = re.compile(r"[0-9a-f]*\Z")
_FECHA = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\Z")
# Exactly the strings ``str(uuid.UUID(x)) == x`` accepts: lower-case hex in 8-4-4-4-12 groups.
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")
_MAX_SECUENCIA = 2**31 - 1
_IMPORTE = 2**50  # centavos; far above any real amount, below what a 64-bit column holds
_SERIE = re.compile(r"^[A-Z0-9]{1,12}$")


class ErrorHttp(Exception):
    """``encabezados`` travel with the reply (``WWW-Authenticate``, ``Retry-After``, ``Allow``)."""

    def __init__(
        self, estado: int, campo: str, mensaje: str, *, encabezados: dict[str, str] | None = None, **extra: Any
    ) -> None:
        super().__init__(f"{campo}: {mensaje}")
        self.estado = estado
        self.campo = campo
        self.mensaje = mensaje
        self.encabezados = encabezados or {}
        self.extra = extra

    def cuerpo(self) -> dict[str, Any]:
        return cuerpo_error(self.campo, self.mensaje, **self.extra)


def cuerpo_error(campo: str, mensaje: str, **extra: Any) -> dict[str, Any]:
    """Every refusal has the same shape: ``error`` (one Spanish sentence naming the field, for people and
    generic clients) and ``detail`` (field and message apart, what the terminal's sync client reads)."""
    texto = f"{campo}: {mensaje}"
    return {"error": texto, "detail": {"campo": campo, "mensaje": texto, **extra}}


def invalido(campo: str, mensaje: str) -> ErrorHttp:
    return ErrorHttp(422, campo, mensaje)


PROFUNDIDAD_MAXIMA = 16  # a batch nests 3 levels; anything much deeper is an attack on a parser or a dumper
PROFUNDIDAD_DOCUMENTO = 64  # the chain document inside a record (see ``_documento``)
_CONTENEDORES = (dict, list)


def profundidad_excedida(valor: Any, maximo: int = PROFUNDIDAD_MAXIMA) -> bool:
    """Whether a parsed JSON value nests lists/objects deeper than ``maximo``, without recursion.

    Level by level, each container visited once and only containers followed: a batch's thousand records
    hold scalars (their document travels as a string), so the walk costs a type check per field. Parsing
    itself is safe at any depth (orjson stops at 1024); the bound protects whatever walks or dumps the
    value afterwards in Python, whose recursion limit is about the same."""
    nivel = [valor]
    for _ in range(maximo):
        siguiente: list[Any] = []
        for contenedor in nivel:
            hijos = contenedor.values() if type(contenedor) is dict else contenedor if type(contenedor) is list else ()
            siguiente.extend(h for h in hijos if type(h) in _CONTENEDORES)
        if not siguiente:
            return False
        nivel = siguiente
    return True


def leer_json(cuerpo: bytes | str, campo: str = "cuerpo", maximo: int = PROFUNDIDAD_MAXIMA) -> Any:
    """The one JSON reader of the server: strict RFC 8259 in UTF-8 (orjson: no NaN, no lone surrogates,
    integers within 64 bits), then the nesting bound."""
    datos = _json_sin_limite(cuerpo, campo, maximo)
    _exigir_profundidad(datos, campo, maximo)
    return datos


def _json_sin_limite(cuerpo: bytes | str, campo: str, maximo: int) -> Any:
    """``leer_json`` without the nesting walk, for a caller that proves the shape flat some cheaper way."""
    try:
        return orjson.loads(cuerpo)
    except orjson.JSONDecodeError as error:
        if "depth" in str(error):
            raise invalido(campo, f"el JSON anida más de {maximo} niveles de listas u objetos") from None
        raise invalido(campo, "no es JSON válido en UTF-8") from None


def _exigir_profundidad(datos: Any, campo: str = "cuerpo", maximo: int = PROFUNDIDAD_MAXIMA) -> None:
    if profundidad_excedida(datos, maximo):
        raise invalido(campo, f"el JSON anida más de {maximo} niveles de listas u objetos")


class Entrante(NamedTuple):
    """A record as it arrived, parsed; ``crudo`` is kept for the conflict log. A named tuple, not a frozen
    dataclass: a batch builds a thousand of them and a tuple is several times cheaper to construct."""

    posicion: int
    uid: str
    secuencia: int
    tipo: str
    hash_previo: bytes
    hash: bytes
    firma: bytes
    documento: dict[str, Any]
    texto: bytes  # the document exactly as the terminal hashed it (UTF-8 of the canonical JSON)
    crudo: dict[str, Any]

    @property
    def campo(self) -> str:
        return f"registros[{self.posicion}]"


def entero(valor: Any, campo: str, minimo: int = 0, maximo: int = 2**62) -> int:
    if not isinstance(valor, int) or isinstance(valor, bool):
        raise invalido(campo, "debe ser un número entero")
    if not minimo <= valor <= maximo:
        raise invalido(campo, f"debe estar entre {minimo} y {maximo}")
    return valor


def texto(valor: Any, campo: str, maximo: int) -> str:
    if not isinstance(valor, str) or not valor.strip():
        raise invalido(campo, "debe ser un texto no vacío")
    if len(valor) > maximo:
        raise invalido(campo, f"no debe pasar de {maximo} caracteres")
    return valor


def hexadecimal(valor: Any, campo: str, octetos: int) -> bytes:
    if not isinstance(valor, str) or len(valor) != 2 * octetos or not _HEX.match(valor):
        raise invalido(campo, f"debe ser hexadecimal en minúsculas de {2 * octetos} caracteres")
    return bytes.fromhex(valor)


def fecha(valor: Any, campo: str) -> str:
    if not isinstance(valor, str) or not _FECHA.match(valor):
        raise invalido(campo, "debe ser una fecha AAAA-MM-DDTHH:MM:SS")
    return valor


def _documento_recibo(doc: dict[str, Any], campo: str, serie: str) -> None:
    if doc.get("serie") != serie:
        raise invalido(f"{campo}.serie", f"el recibo debe ser de la serie {serie} de esta terminal")
    entero(doc.get("numero"), f"{campo}.numero", 1, _MAX_SECUENCIA)
    fecha(doc.get("fecha"), f"{campo}.fecha")
    entero(doc.get("total_centavos"), f"{campo}.total_centavos", -_IMPORTE, _IMPORTE)
    lineas = doc.get("lineas")
    if not isinstance(lineas, list) or not lineas:
        raise invalido(f"{campo}.lineas", "debe ser una lista con al menos una línea")
    for i, linea in enumerate(lineas):
        donde = f"{campo}.lineas[{i}]"
        if not isinstance(linea, dict):
            raise invalido(donde, "debe ser un objeto")
        entero(linea.get("n"), f"{donde}.n", 1, 10_000)
        texto(linea.get("clave"), f"{donde}.clave", 40)
        texto(linea.get("rubro"), f"{donde}.rubro", 200)
        entero(linea.get("total_centavos"), f"{donde}.total_centavos", -_IMPORTE, _IMPORTE)


def _documento_anulacion(doc: dict[str, Any], campo: str) -> None:
    hexadecimal(doc.get("recibo_hash"), f"{campo}.recibo_hash", 32)
    fecha(doc.get("fecha"), f"{campo}.fecha")


def _lineas_en_regla(lineas: Any) -> bool:
    if type(lineas) is not list or not lineas:
        return False
    for x in lineas:
        if type(x) is not dict:
            return False
        n, clave, rubro, total = x.get("n"), x.get("clave"), x.get("rubro"), x.get("total_centavos")
        if not (
            type(n) is int
            and 1 <= n <= 10_000
            and type(clave) is str
            and 0 < len(clave) <= 40
            and clave.strip()
            and type(rubro) is str
            and 0 < len(rubro) <= 200
            and rubro.strip()
            and type(total) is int
            and -_IMPORTE <= total <= _IMPORTE
        ):
            return False
    return True


def _documento(texto: Any) -> tuple[dict[str, Any], bytes] | None:
    """The travelling document: a JSON text of an object, valid UTF-8 (no lone surrogates)."""
    if type(texto) is not str:
        return None
    try:
        datos = orjson.loads(texto)
        crudo = texto.encode("utf-8")
    except (orjson.JSONDecodeError, UnicodeEncodeError):
        return None
    if type(datos) is not dict:
        return None
    # Fewer opening brackets than the bound can't nest past it: a receipt of up to about 25 lines skips the
    # walk (one C count). The bound is looser than the envelope's: a document legitimately nests (lines,
    # quotes, tenders) and what it guards against is Python's recursion limit, a thousand levels away.
    if texto.count("[") + texto.count("{") > PROFUNDIDAD_DOCUMENTO and profundidad_excedida(
        datos, PROFUNDIDAD_DOCUMENTO
    ):
        return None
    return datos, crudo


def _en_regla(crudo: Any, serie: str) -> tuple[dict[str, Any], bytes] | None:
    """The same rules as ``_registro`` written as one pass of plain comparisons, for the batch hot path;
    returns the parsed document and its bytes when the record passes.

    It may only be stricter, never looser: when it says no, ``_registro`` runs and names the field (or
    accepts). A property test checks that everything accepted here is accepted there."""
    if type(crudo) is not dict:
        return None
    documento = _documento(crudo.get("documento"))
    return documento if documento is not None and _campos_en_regla(crudo, documento[0], serie) else None


_CAMPOS_REGISTRO = 7  # id, secuencia, tipo, hash_previo, hash, firma, documento


def _campos_en_regla(crudo: dict[str, Any], doc: dict[str, Any], serie: str) -> bool:
    uid, secuencia, tipo = crudo.get("id"), crudo.get("secuencia"), crudo.get("tipo")
    previo, hash_, firma = crudo.get("hash_previo"), crudo.get("hash"), crudo.get("firma")
    # Exactly the seven fields, each a scalar checked below: a record that passes nests nothing, which is
    # what lets ``lote`` skip the envelope's nesting walk.
    if not (
        len(crudo) == _CAMPOS_REGISTRO
        and type(uid) is str
        and _UUID.match(uid)
        and type(secuencia) is int
        and 1 <= secuencia <= _MAX_SECUENCIA
        and type(previo) is str
        and len(previo) == 64
        and type(hash_) is str
        and len(hash_) == 64
        and type(firma) is str
        and len(firma) == 128
        and _HEX.match(previo + hash_ + firma)
        and doc.get("tipo") == tipo
        and doc.get("eslabon") == secuencia
        and version_conocida(doc)
    ):
        return False
    fecha_doc = doc.get("fecha")
    if type(fecha_doc) is not str or not _FECHA.match(fecha_doc):
        return False
    if tipo == "recibo":
        numero, total = doc.get("numero"), doc.get("total_centavos")
        return (
            doc.get("serie") == serie
            and type(numero) is int
            and 1 <= numero <= _MAX_SECUENCIA
            and type(total) is int
            and -_IMPORTE <= total <= _IMPORTE
            and _lineas_en_regla(doc.get("lineas"))
        )
    recibo_hash = doc.get("recibo_hash")
    return tipo == "anulacion" and type(recibo_hash) is str and len(recibo_hash) == 64 and bool(_HEX.match(recibo_hash))


def _entrante(crudo: dict[str, Any], posicion: int, documento: dict[str, Any], texto: bytes) -> Entrante:
    return Entrante(
        posicion,
        crudo["id"],
        crudo["secuencia"],
        crudo["tipo"],
        bytes.fromhex(crudo["hash_previo"]),
        bytes.fromhex(crudo["hash"]),
        bytes.fromhex(crudo["firma"]),
        documento,
        texto,
        crudo,
    )


def _registro_detallado(crudo: Any, posicion: int, serie: str) -> Entrante:
    """The rules, one field at a time, each failure naming its field."""
    campo = f"registros[{posicion}]"
    if not isinstance(crudo, dict):
        raise invalido(campo, "debe ser un objeto")
    uid = crudo.get("id")
    if not isinstance(uid, str) or not _UUID.match(uid):
        raise invalido(f"{campo}.id", "debe ser un UUID en minúsculas con guiones")
    secuencia = entero(crudo.get("secuencia"), f"{campo}.secuencia", 1, _MAX_SECUENCIA)
    tipo = crudo.get("tipo")
    if tipo not in TIPOS:
        raise invalido(f"{campo}.tipo", f"debe ser uno de: {', '.join(TIPOS)}")
    leido = _documento(crudo.get("documento"))
    if leido is None:
        raise invalido(f"{campo}.documento", "debe ser el texto JSON (UTF-8) de un objeto: el documento de la cadena")
    documento, texto_documento = leido
    if documento.get("tipo") != tipo:
        raise invalido(f"{campo}.documento.tipo", f"debe coincidir con el tipo del registro ({tipo})")
    try:
        version_de(documento)
    except VersionDesconocida as error:
        raise invalido(f"{campo}.documento.version", error.mensaje) from None
    if documento.get("eslabon") != secuencia:
        raise invalido(f"{campo}.documento.eslabon", f"debe coincidir con la secuencia ({secuencia})")
    if tipo == "recibo":
        _documento_recibo(documento, f"{campo}.documento", serie)
    else:
        _documento_anulacion(documento, f"{campo}.documento")
    return Entrante(
        posicion,
        uid,
        secuencia,
        str(tipo),
        hexadecimal(crudo.get("hash_previo"), f"{campo}.hash_previo", 32),
        hexadecimal(crudo.get("hash"), f"{campo}.hash", 32),
        hexadecimal(crudo.get("firma"), f"{campo}.firma", 64),
        documento,
        texto_documento,
        crudo,
    )


def lote(cuerpo: bytes, serie: str, max_registros: int = MAX_REGISTROS) -> tuple[int, list[Entrante]]:
    """Parses ``{"punta": n, "registros": [...]}``; returns (terminal's claimed tip, records by sequence).

    The nesting bound is proven, not walked, for the usual batch: an envelope of exactly its two keys whose
    records all pass the fast check holds no container below a record. Anything else is walked before the
    detailed rules look at it."""
    datos = _json_sin_limite(cuerpo, "cuerpo", PROFUNDIDAD_MAXIMA)
    sobre: list[Any] = datos["registros"] if type(datos) is dict and type(datos.get("registros")) is list else []
    plano = 0 < len(sobre) <= max_registros and len(datos) == 2  # a non-empty sobre means datos is a dict
    rapidos = [_en_regla(c, serie) for c in sobre] if plano else []
    if not plano or None in rapidos:
        _exigir_profundidad(datos)
    if not isinstance(datos, dict):
        raise invalido("cuerpo", "debe ser un objeto con «punta» y «registros»")
    punta = entero(datos.get("punta"), "punta", 0, 2**31 - 1)
    crudos = datos.get("registros")
    if not isinstance(crudos, list) or not crudos:
        raise invalido("registros", "debe ser una lista con al menos un registro")
    if len(crudos) > max_registros:
        raise ErrorHttp(413, "registros", f"el lote trae {len(crudos)} registros; el máximo es {max_registros}")
    registros = [
        _entrante(crudo, i, *rapido) if rapido is not None else _registro_detallado(crudo, i, serie)
        for i, (crudo, rapido) in enumerate(zip(crudos, rapidos or [None] * len(crudos), strict=True))
    ]
    for anterior, siguiente in itertools.pairwise(registros):
        if siguiente.secuencia != anterior.secuencia + 1:
            raise invalido(
                f"{siguiente.campo}.secuencia",
                f"los registros de un lote van en secuencia consecutiva (tras {anterior.secuencia} sigue "
                f"{anterior.secuencia + 1}, no {siguiente.secuencia})",
            )
    vistos: set[str] = set()
    for registro in registros:
        if registro.uid in vistos:
            raise invalido(f"{registro.campo}.id", "el id se repite dentro del lote")
        vistos.add(registro.uid)
    if registros[-1].secuencia > punta:
        raise invalido("punta", f"debe ser al menos la última secuencia del lote ({registros[-1].secuencia})")
    return punta, registros


def serie_valida(serie: str) -> bool:
    return bool(_SERIE.match(serie))
