"""Validation of an uploaded batch: every field checked, the first problem reported with its path.

Errors are ``ErrorHttp`` with the HTTP status, the field path (``registros[3].firma``) and a Spanish
sentence; nothing is written until the whole batch passed.
"""

from __future__ import annotations

import itertools
import json
import re
import uuid
from dataclasses import dataclass
from typing import Any

from jerez_pos.sync.protocolo import TIPOS

MAX_REGISTROS = 1000
MAX_CUERPO = 8 * 1024 * 1024  # bytes; a 1000-record batch of ordinary receipts is about 1 MB
_HEX = re.compile(r"^[0-9a-f]*$")
_FECHA = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$")
_SERIE = re.compile(r"^[A-Z0-9]{1,12}$")


class ErrorHttp(Exception):
    def __init__(self, estado: int, campo: str, mensaje: str, **extra: Any) -> None:
        super().__init__(f"{campo}: {mensaje}")
        self.estado = estado
        self.campo = campo
        self.mensaje = mensaje
        self.extra = extra

    def cuerpo(self) -> dict[str, Any]:
        return {"detail": {"campo": self.campo, "mensaje": f"{self.campo}: {self.mensaje}", **self.extra}}


def invalido(campo: str, mensaje: str) -> ErrorHttp:
    return ErrorHttp(422, campo, mensaje)


@dataclass(frozen=True)
class Entrante:
    """A record as it arrived, parsed; ``crudo`` is kept for the conflict log."""

    posicion: int
    uid: str
    secuencia: int
    tipo: str
    hash_previo: bytes
    hash: bytes
    firma: bytes
    documento: dict[str, Any]
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
    entero(doc.get("numero"), f"{campo}.numero", 1, 2**31 - 1)
    fecha(doc.get("fecha"), f"{campo}.fecha")
    entero(doc.get("total_centavos"), f"{campo}.total_centavos", -(2**50), 2**50)
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
        entero(linea.get("total_centavos"), f"{donde}.total_centavos", -(2**50), 2**50)


def _documento_anulacion(doc: dict[str, Any], campo: str) -> None:
    hexadecimal(doc.get("recibo_hash"), f"{campo}.recibo_hash", 32)
    fecha(doc.get("fecha"), f"{campo}.fecha")


def _registro(crudo: Any, posicion: int, serie: str) -> Entrante:
    campo = f"registros[{posicion}]"
    if not isinstance(crudo, dict):
        raise invalido(campo, "debe ser un objeto")
    uid = crudo.get("id")
    try:
        if not isinstance(uid, str) or str(uuid.UUID(uid)) != uid:
            raise ValueError
    except ValueError:
        raise invalido(f"{campo}.id", "debe ser un UUID en minúsculas con guiones") from None
    secuencia = entero(crudo.get("secuencia"), f"{campo}.secuencia", 1, 2**31 - 1)
    tipo = crudo.get("tipo")
    if tipo not in TIPOS:
        raise invalido(f"{campo}.tipo", f"debe ser uno de: {', '.join(TIPOS)}")
    documento = crudo.get("documento")
    if not isinstance(documento, dict):
        raise invalido(f"{campo}.documento", "debe ser un objeto")
    if documento.get("tipo") != tipo:
        raise invalido(f"{campo}.documento.tipo", f"debe coincidir con el tipo del registro ({tipo})")
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
        crudo,
    )


def lote(cuerpo: bytes, serie: str, max_registros: int = MAX_REGISTROS) -> tuple[int, list[Entrante]]:
    """Parses ``{"punta": n, "registros": [...]}``; returns (terminal's claimed tip, records by sequence)."""
    try:
        datos = json.loads(cuerpo)
    except (ValueError, UnicodeDecodeError):
        raise invalido("cuerpo", "no es JSON válido en UTF-8") from None
    if not isinstance(datos, dict):
        raise invalido("cuerpo", "debe ser un objeto con «punta» y «registros»")
    punta = entero(datos.get("punta"), "punta", 0, 2**31 - 1)
    crudos = datos.get("registros")
    if not isinstance(crudos, list) or not crudos:
        raise invalido("registros", "debe ser una lista con al menos un registro")
    if len(crudos) > max_registros:
        raise ErrorHttp(413, "registros", f"el lote trae {len(crudos)} registros; el máximo es {max_registros}")
    registros = [_registro(crudo, i, serie) for i, crudo in enumerate(crudos)]
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
