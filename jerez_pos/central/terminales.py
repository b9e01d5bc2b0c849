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
from jerez_pos.central import sql
from jerez_pos.central.bd import marca_utc
from jerez_pos.central.lotes import TerminalActiva
from jerez_pos.central.validacion import ErrorHttp
from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.sync import protocolo as p

_ALFABETO = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: the code is read aloud over the phone
# A code travels by phone or paper: the shorter it lives, the less a leaked one is worth.
VIGENCIA = dt.timedelta(hours=p.VIGENCIA_CODIGO_HORAS)
VIGENCIA_MAXIMA_HORAS = 720


@dataclass(frozen=True)
class Alta:
    serie: str
    delegacion: str
    codigo: str
    vence: str = ""

    def a_dict(self) -> dict[str, str]:
        return {"serie": self.serie, "delegacion": self.delegacion, "codigo": self.codigo, "vence": self.vence}


def vigencia_horas(horas: int) -> dt.timedelta:
    if not 1 <= horas <= VIGENCIA_MAXIMA_HORAS:
        raise ErrorEntrada("--vigencia-horas", f"debe ser un número entero de horas entre 1 y {VIGENCIA_MAXIMA_HORAS}")
    return dt.timedelta(hours=horas)


def _codigo_nuevo() -> str:
    return "-".join("".join(secrets.choice(_ALFABETO) for _ in range(4)) for _ in range(5))


def _hash_codigo(codigo: str) -> str:
    limpio = codigo.strip().upper().replace("-", "").replace(" ", "")
    return hashlib.sha256(limpio.encode()).hexdigest()


def _prefijo(delegacion: str) -> str:
    sin_acentos = unicodedata.normalize("NFKD", delegacion).encode("ascii", "ignore").decode()
    letras = re.sub(r"[^A-Z]", "", sin_acentos.upper())
    return (letras or "T")[:4]


def crear(motor: Engine, delegacion: str, ahora: dt.datetime, vigencia: dt.timedelta = VIGENCIA) -> Alta:
    """A new terminal in ``pendiente`` with its own folio series (prefix of the delegación + a number); its
    code works until ``ahora + vigencia``."""
    delegacion = " ".join(delegacion.split())
    if not 1 <= len(delegacion) <= 120:
        raise ErrorEntrada("--delegacion", "el nombre debe tener de 1 a 120 caracteres")
    prefijo = _prefijo(delegacion)
    for _ in range(50):
        codigo = _codigo_nuevo()
        with motor.connect() as conexion:
            usadas = sql.consultar(conexion, "SELECT count(*) FROM terminal").scalar_one()
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
                        codigo_vence=marca_utc(ahora + vigencia),
                    )
                )
            return Alta(serie, delegacion, codigo, marca_utc(ahora + vigencia))
        except IntegrityError:
            continue  # the series was taken by a concurrent creation: draw another number
    raise ErrorEntrada("--delegacion", "no se pudo asignar una serie libre; intente de nuevo")


class CodigoVencido(ErrorHttp):
    def __init__(self, vence: str) -> None:
        super().__init__(
            410,
            "codigo",
            f"el código de inscripción venció el {vence} (UTC); pida a la Tesorería un código nuevo "
            "(jerez-pos central codigo-nuevo)",
        )


def _por_codigo(
    motor: Engine, codigo: str, llave_publica: bytes | None, ahora: dt.datetime | None = None
) -> dict[str, str] | None:
    """The terminal a code names, if the code is unused and in force, or if it was used by this very key (a
    repeated enrollment whose reply was lost on the way: answering again is what makes ``registrar``
    retryable, even after the code's term: the terminal is already enrolled)."""
    t = m.terminal
    with motor.connect() as conexion:
        fila = conexion.execute(
            sa.select(t.c.serie, t.c.delegacion, t.c.estado, t.c.llave_publica, t.c.codigo_vence).where(
                t.c.codigo_hash == _hash_codigo(codigo)
            )
        ).first()
    if fila is None:
        return None
    mismo = llave_publica is not None and fila.llave_publica is not None and bytes(fila.llave_publica) == llave_publica
    if fila.estado == "pendiente":
        if ahora is not None and fila.codigo_vence is not None and fila.codigo_vence <= marca_utc(ahora):
            raise CodigoVencido(fila.codigo_vence)
        return {"serie": fila.serie, "delegacion": fila.delegacion}
    if fila.estado == "activa" and mismo:
        return {"serie": fila.serie, "delegacion": fila.delegacion}
    return None


_SERIE = re.compile(r"[A-Z0-9]{1,12}")


def serie_propia(valor: object) -> str | None:
    """The series a terminal already issues receipts under (it was set up, or ran as a demo, before it was
    enrolled), or None for a new terminal: central adopts it instead of the one it drew, because receipts
    already signed under it cannot change series."""
    if valor is None:
        return None
    if not isinstance(valor, str) or not _SERIE.fullmatch(valor):
        raise ErrorHttp(422, "serie", "debe tener de 1 a 12 letras mayúsculas (A-Z) o dígitos (0-9)")
    return valor


def _serie_ocupada(motor: Engine, serie: str) -> ErrorHttp | None:
    with motor.connect() as conexion:
        fila = conexion.execute(sa.select(m.terminal.c.estado).where(m.terminal.c.serie == serie)).first()
    if fila is None:
        return None
    return ErrorHttp(
        409,
        "serie",
        f"esta terminal ya emite recibos con la serie {serie} y la central ya tiene otra terminal con esa serie "
        f"({fila.estado}); una serie no puede repetirse entre terminales",
    )


def consultar(
    motor: Engine,
    codigo: str,
    llave_publica: bytes | None = None,
    ahora: dt.datetime | None = None,
    propia: str | None = None,
) -> dict[str, str]:
    datos = _por_codigo(motor, codigo, llave_publica, ahora)
    if datos is None:
        raise ErrorHttp(401, "codigo", "el código de inscripción no existe o ya se usó")
    if propia is not None and propia != datos["serie"]:
        ocupada = _serie_ocupada(motor, propia)
        if ocupada is not None:
            raise ocupada
        datos = {**datos, "serie": propia}
    return datos


def inscribir(
    motor: Engine, codigo: str, llave_publica: bytes, ahora: dt.datetime, propia: str | None = None
) -> dict[str, str]:
    """Binds the terminal's public key; the conditional UPDATE makes the code work exactly once (for one key:
    the same key enrolling again gets the same answer, another key gets 401), and only while in force. A
    terminal that already has a series (``propia``) keeps it: the pending row takes it in the same UPDATE, and
    the unique series column refuses it if another terminal took it meanwhile."""
    datos = consultar(motor, codigo, llave_publica, ahora, propia)
    t = m.terminal
    valores: dict[str, object] = {"llave_publica": llave_publica, "estado": "activa", "inscrita_en": marca_utc(ahora)}
    if propia is not None:
        valores["serie"] = propia
    try:
        with motor.begin() as conexion:
            cambiadas = conexion.execute(
                sa.update(t)
                .where(
                    t.c.codigo_hash == _hash_codigo(codigo),
                    t.c.estado == "pendiente",
                    sa.or_(t.c.codigo_vence.is_(None), t.c.codigo_vence > marca_utc(ahora)),
                )
                .values(**valores)
            ).rowcount
    except IntegrityError:
        raise _serie_ocupada(motor, str(propia)) or ErrorHttp(409, "serie", "la serie ya está en uso") from None
    if cambiadas != 1 and _por_codigo(motor, codigo, llave_publica, ahora) is None:
        raise ErrorHttp(401, "codigo", "el código de inscripción no existe o ya se usó")
    return datos


def codigo_nuevo(motor: Engine, serie: str, ahora: dt.datetime, vigencia: dt.timedelta = VIGENCIA) -> Alta:
    """A fresh code for a terminal still ``pendiente`` (its code expired or was lost); the old one stops
    working. An enrolled terminal keeps its key: it is revoked and a new terminal created instead."""
    t = m.terminal
    codigo = _codigo_nuevo()
    with motor.begin() as conexion:
        fila = conexion.execute(sa.select(t.c.delegacion, t.c.estado).where(t.c.serie == serie)).first()
        if fila is None:
            raise ErrorEntrada("--serie", f"no existe la terminal {serie[:20]}")
        if fila.estado != "pendiente":
            raise ErrorEntrada("--serie", f"la terminal {serie} ya está {fila.estado}; su código ya no se usa")
        conexion.execute(
            sa.update(t)
            .where(t.c.serie == serie)
            .values(codigo_hash=_hash_codigo(codigo), codigo_vence=marca_utc(ahora + vigencia))
        )
    return Alta(serie, str(fila.delegacion), codigo, marca_utc(ahora + vigencia))


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
    with motor.connect() as conexion:  # every signed request passes here: a plain driver statement
        fila = sql.consultar(
            conexion, "SELECT id, llave_publica, estado FROM terminal WHERE serie = ?", (serie,)
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
