"""Terminals at central: creation with a one-time enrollment code, enrollment, revocation, request auth."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from jerez_pos.central import modelos as m
from jerez_pos.central.bd import marca_utc
from jerez_pos.central.lotes import TerminalActiva
from jerez_pos.central.validacion import ErrorHttp
from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.sync import protocolo as p

_ALFABETO = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: the code is read aloud over the phone


@dataclass(frozen=True)
class Alta:
    serie: str
    delegacion: str
    codigo: str

    def a_dict(self) -> dict[str, str]:
        return {"serie": self.serie, "delegacion": self.delegacion, "codigo": self.codigo}


def _hash_codigo(codigo: str) -> str:
    limpio = codigo.strip().upper().replace("-", "").replace(" ", "")
    return hashlib.sha256(limpio.encode()).hexdigest()


def _prefijo(delegacion: str) -> str:
    sin_acentos = unicodedata.normalize("NFKD", delegacion).encode("ascii", "ignore").decode()
    letras = re.sub(r"[^A-Z]", "", sin_acentos.upper())
    return (letras or "T")[:4]


def crear(motor: Engine, delegacion: str, ahora: dt.datetime) -> Alta:
    """A new terminal in ``pendiente`` with its own folio series (prefix of the delegación + a number)."""
    delegacion = " ".join(delegacion.split())
    if not 1 <= len(delegacion) <= 120:
        raise ErrorEntrada("--delegacion", "el nombre debe tener de 1 a 120 caracteres")
    prefijo = _prefijo(delegacion)
    for _ in range(50):
        codigo = "-".join("".join(secrets.choice(_ALFABETO) for _ in range(4)) for _ in range(5))
        with motor.connect() as conexion:
            usadas = conexion.execute(sa.select(sa.func.count()).select_from(m.terminal)).scalar_one()
        serie = f"{prefijo}{int(usadas) + 1 + secrets.randbelow(3)}"
        try:
            with motor.begin() as conexion:
                conexion.execute(
                    sa.insert(m.terminal).values(
                        serie=serie,
                        delegacion=delegacion,
                        codigo_hash=_hash_codigo(codigo),
                        estado="pendiente",
                        creada_en=marca_utc(ahora),
                    )
                )
            return Alta(serie, delegacion, codigo)
        except IntegrityError:
            continue  # the series was taken by a concurrent creation: draw another number
    raise ErrorEntrada("--delegacion", "no se pudo asignar una serie libre; intente de nuevo")


def consultar(motor: Engine, codigo: str) -> dict[str, str]:
    with motor.connect() as conexion:
        fila = conexion.execute(
            sa.select(m.terminal.c.serie, m.terminal.c.delegacion).where(
                m.terminal.c.codigo_hash == _hash_codigo(codigo), m.terminal.c.estado == "pendiente"
            )
        ).first()
    if fila is None:
        raise ErrorHttp(401, "codigo", "el código de inscripción no existe o ya se usó")
    return {"serie": fila.serie, "delegacion": fila.delegacion}


def inscribir(motor: Engine, codigo: str, llave_publica: bytes, ahora: dt.datetime) -> dict[str, str]:
    """Binds the terminal's public key; the conditional UPDATE makes the code work exactly once."""
    datos = consultar(motor, codigo)
    with motor.begin() as conexion:
        cambiadas = conexion.execute(
            sa.update(m.terminal)
            .where(m.terminal.c.codigo_hash == _hash_codigo(codigo), m.terminal.c.estado == "pendiente")
            .values(llave_publica=llave_publica, estado="activa", inscrita_en=marca_utc(ahora))
        ).rowcount
    if cambiadas != 1:
        raise ErrorHttp(401, "codigo", "el código de inscripción no existe o ya se usó")
    return datos


def revocar(motor: Engine, serie: str) -> None:
    with motor.begin() as conexion:
        cambiadas = conexion.execute(
            sa.update(m.terminal).where(m.terminal.c.serie == serie).values(estado="revocada")
        ).rowcount
    if cambiadas != 1:
        raise ErrorEntrada("--serie", f"no existe la terminal {serie}")


def _encabezado(encabezados: Mapping[str, str], nombre: str) -> str:
    valor = encabezados.get(nombre.lower())
    if not valor:
        raise ErrorHttp(401, nombre, "la solicitud no está firmada por una terminal (falta el encabezado)")
    return valor


def autenticar(
    motor: Engine, encabezados: Mapping[str, str], metodo: str, ruta: str, cuerpo: bytes, ahora: dt.datetime
) -> TerminalActiva:
    """``encabezados`` with lower-case names. 401: unsigned, unknown, stale, bad digest or signature; 403: revoked."""
    serie = _encabezado(encabezados, p.H_TERMINAL)
    marca_texto = _encabezado(encabezados, p.H_MARCA)
    resumen = _encabezado(encabezados, p.H_DIGEST)
    firma_texto = _encabezado(encabezados, p.H_FIRMA)
    with motor.connect() as conexion:
        fila = conexion.execute(
            sa.select(m.terminal.c.id, m.terminal.c.llave_publica, m.terminal.c.estado).where(
                m.terminal.c.serie == serie
            )
        ).first()
    if fila is None or fila.llave_publica is None:
        raise ErrorHttp(401, p.H_TERMINAL, f"la terminal «{serie[:20]}» no está inscrita en la central")
    try:
        marca = int(marca_texto)
    except ValueError:
        raise ErrorHttp(401, p.H_MARCA, "debe ser un número entero de segundos") from None
    diferencia = marca - int(ahora.timestamp())
    if abs(diferencia) > p.VENTANA_SEGUNDOS:
        raise ErrorHttp(
            401,
            p.H_MARCA,
            f"la solicitud está fuera de la ventana de {p.VENTANA_SEGUNDOS} s (diferencia {diferencia} s); "
            f"corrija con {p.H_HORA_SERVIDOR}",
            hora_servidor=int(ahora.timestamp()),
        )
    if resumen != p.digest(cuerpo):
        raise ErrorHttp(401, p.H_DIGEST, "no corresponde al cuerpo de la solicitud")
    try:
        import base64

        firma = base64.b64decode(firma_texto, validate=True)
    except ValueError:
        raise ErrorHttp(401, p.H_FIRMA, "no es base64") from None
    llave = bytes(fila.llave_publica)
    if not p.firma_valida(llave, firma, p.cadena_firmada(metodo, ruta, serie, marca, resumen)):
        raise ErrorHttp(401, p.H_FIRMA, "la firma de la solicitud no es válida para esta terminal")
    if fila.estado != "activa":
        raise ErrorHttp(403, p.H_TERMINAL, f"la terminal {serie} está revocada; no se aceptan sus envíos")
    return TerminalActiva(int(fila.id), serie, llave)
