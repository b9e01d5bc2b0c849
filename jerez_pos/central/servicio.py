"""The central server as a plain function of (method, path, query, headers, body) → response.

FastAPI (``app.py``) only carries bytes in and out of this object, and the protocol simulation calls it
directly, so the ten-thousand-seed simulation and production run the very same code path.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import orjson
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Engine

from jerez_pos.central import (
    credenciales,
    lotes,
    paquetes,
    peticion,
    publicacion_terminal,
    reportes,
    terminales,
    validacion,
)
from jerez_pos.central.bd import Reloj, marca_utc, reloj_utc
from jerez_pos.central.contactos import Contactos
from jerez_pos.central.intentos import LimiteIntentos
from jerez_pos.central.punta import punta as punta_central
from jerez_pos.central.validacion import ErrorHttp, invalido
from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.sync import protocolo as p


@dataclass
class Respuesta:
    estado: int
    cuerpo: bytes
    tipo: str = "application/json"
    encabezados: dict[str, str] = field(default_factory=dict)

    def json(self) -> Any:
        return json.loads(self.cuerpo)


def _json(estado: int, datos: Any) -> Respuesta:
    # UTF-8 without escapes, like json.dumps(ensure_ascii=False), several times faster: a batch reply lists a
    # thousand results.
    return Respuesta(estado, orjson.dumps(datos, option=orjson.OPT_NON_STR_KEYS))


MAX_CUERPO_INSCRIPCION = 4096  # a code and a key: a few hundred bytes


def _objeto(cuerpo: bytes) -> dict[str, Any]:
    if len(cuerpo) > MAX_CUERPO_INSCRIPCION:
        raise ErrorHttp(413, "cuerpo", f"la solicitud de inscripción pasa de {MAX_CUERPO_INSCRIPCION} bytes")
    datos = validacion.leer_json(cuerpo or b"{}")
    if not isinstance(datos, dict):
        raise invalido("cuerpo", "debe ser un objeto JSON")
    return datos


class Servicio:
    def __init__(
        self,
        motor: Engine,
        llave_tesoreria: Ed25519PrivateKey | None = None,
        reloj: Reloj = reloj_utc,
        max_registros: int = validacion.MAX_REGISTROS,
        max_cuerpo: int = validacion.MAX_CUERPO,
        limite: LimiteIntentos | None = None,
    ) -> None:
        self.motor = motor
        self.llave_tesoreria = llave_tesoreria
        self.reloj = reloj
        self.max_registros = max_registros
        self.max_cuerpo = max_cuerpo
        self.limite = limite or LimiteIntentos()
        self._cerrojo = threading.Lock()
        self._en_curso = 0
        self._ultimo_fin = time.monotonic()
        self._contactos = Contactos(motor)
        self._rutas: dict[tuple[str, str], Callable[..., Respuesta]] = {
            ("POST", "/v1/inscripcion/consulta"): self._consulta,
            ("POST", "/v1/inscripcion"): self._inscripcion,
            ("POST", "/v1/lotes"): self._lote,
            ("POST", publicacion_terminal.RUTA): self._publicacion,
            ("GET", "/v1/estado"): self._estado,
            ("GET", "/v1/paquetes/ultimo"): self._paquete,
            ("GET", "/v1/paquetes/siguiente"): self._paquete_siguiente,
            ("GET", "/v1/resumen"): self._resumen,
            ("GET", "/v1/resumen.csv"): self._resumen_csv,
            ("GET", "/v1/faltantes"): self._faltantes,
            ("GET", "/v1/verificar"): self._verificar,
        }

    def atender(
        self,
        metodo: str,
        ruta: str,
        consulta: Mapping[str, str],
        encabezados: Mapping[str, str],
        cuerpo: bytes,
        origen: str = "",
    ) -> Respuesta:
        """``encabezados`` with lower-case names (as ASGI gives them); ``origen`` the client's address."""
        with self._cerrojo:
            self._en_curso += 1
        try:
            return self._atender(metodo, ruta, consulta, encabezados, cuerpo, origen)
        finally:
            with self._cerrojo:
                self._en_curso -= 1
                self._ultimo_fin = time.monotonic()

    def inactivo(self) -> float:
        """Seconds since the last request ended, 0 while one is being served (the signature reviewer waits)."""
        with self._cerrojo:
            return 0.0 if self._en_curso else time.monotonic() - self._ultimo_fin

    def rutas(self) -> list[tuple[str, str]]:
        """(method, path) of every route: what the route fuzz test walks, so a new route is covered."""
        return sorted(self._rutas)

    def _manejador(self, metodo: str, ruta: str) -> Callable[..., Respuesta]:
        # HEAD is GET without the body (uptime checks use it); the HTTP server drops the body.
        manejador = self._rutas.get(("GET" if metodo == "HEAD" else metodo, ruta))
        if manejador is not None:
            return manejador
        permitidos = sorted(m for m, r in self._rutas if r == ruta)
        if permitidos:
            raise ErrorHttp(
                405,
                "método",
                f"{ruta} sólo acepta {', '.join(permitidos)}",
                encabezados={"Allow": ", ".join(permitidos)},
            )
        raise ErrorHttp(404, "ruta", f"no existe {metodo[:10]} {ruta[:80]}")

    def _atender(
        self,
        metodo: str,
        ruta: str,
        consulta: Mapping[str, str],
        encabezados: Mapping[str, str],
        cuerpo: bytes,
        origen: str,
    ) -> Respuesta:
        ahora = self.reloj()
        try:
            if len(cuerpo) > self.max_cuerpo:
                raise ErrorHttp(413, "cuerpo", f"la solicitud pasa de {self.max_cuerpo} bytes; envíe lotes más chicos")
            manejador = self._manejador(metodo.upper(), ruta)
            peticion.tipo_contenido(metodo, dict(encabezados), cuerpo)
            respuesta = manejador(ruta=ruta, consulta=consulta, encabezados=encabezados, cuerpo=cuerpo, origen=origen)
        except ErrorHttp as error:
            respuesta = _json(error.estado, error.cuerpo())
            respuesta.encabezados.update(error.encabezados)
        except ErrorEntrada as error:
            respuesta = _json(422, validacion.cuerpo_error(error.campo, error.mensaje))
        respuesta.encabezados[p.H_HORA_SERVIDOR] = str(int(ahora.timestamp()))
        return respuesta

    # --- enrollment (authenticated by the one-time code, not by a key the server doesn't know yet)
    def _con_codigo(self, origen: str, accion: Callable[[dt.datetime], dict[str, str]]) -> dict[str, str]:
        """Runs a code lookup under the guessing limit: an unknown or expired code counts against ``origen``."""
        ahora = self.reloj()
        self.limite.revisar(origen, ahora)
        try:
            return accion(ahora)
        except ErrorHttp as error:
            if error.estado in (401, 410):
                self.limite.fallo(origen, ahora)
            raise

    def _consulta(self, cuerpo: bytes, origen: str, **_: Any) -> Respuesta:
        datos = _objeto(cuerpo)
        codigo = validacion.texto(datos.get("codigo"), "codigo", 64)
        llave = None
        if datos.get("llave_publica") is not None:
            llave = validacion.hexadecimal(datos.get("llave_publica"), "llave_publica", 32)
        propia = terminales.serie_propia(datos.get("serie"))
        return _json(
            200,
            self._con_codigo(origen, lambda ahora: terminales.consultar(self.motor, codigo, llave, ahora, propia)),
        )

    def _inscripcion(self, cuerpo: bytes, origen: str, **_: Any) -> Respuesta:
        datos = _objeto(cuerpo)
        codigo = validacion.texto(datos.get("codigo"), "codigo", 64)
        llave = validacion.hexadecimal(datos.get("llave_publica"), "llave_publica", 32)
        propia = terminales.serie_propia(datos.get("serie"))
        resultado: dict[str, str] = self._con_codigo(
            origen, lambda ahora: terminales.inscribir(self.motor, codigo, llave, ahora, propia)
        )
        if self.llave_tesoreria is not None:
            resultado["llave_tesoreria"] = p.publica_cruda(self.llave_tesoreria).hex()
        return _json(200, resultado)

    # --- signed terminal requests
    def _autenticar(
        self, ruta: str, metodo: str, encabezados: Mapping[str, str], cuerpo: bytes
    ) -> lotes.TerminalActiva:
        terminal = terminales.autenticar(self.motor, encabezados, metodo, ruta, cuerpo, self.reloj())
        self._contactos.anotar(terminal.id, self.reloj())  # the console's "último contacto"
        return terminal

    def _lote(self, ruta: str, encabezados: Mapping[str, str], cuerpo: bytes, **_: Any) -> Respuesta:
        terminal = self._autenticar(ruta, "POST", encabezados, cuerpo)
        punta, registros = validacion.lote(cuerpo, terminal.serie, self.max_registros)
        ahora = self.reloj()
        resultados = lotes.recibir(self.motor, terminal, punta, registros, ahora)
        return _json(200, {"resultados": resultados, "recibido_en": marca_utc(ahora)})

    def _publicacion(self, ruta: str, encabezados: Mapping[str, str], cuerpo: bytes, **_: Any) -> Respuesta:
        terminal = self._autenticar(ruta, "POST", encabezados, cuerpo)
        return _json(200, publicacion_terminal.recibir(self.motor, terminal, cuerpo, self.reloj()))

    def _estado(self, ruta: str, encabezados: Mapping[str, str], cuerpo: bytes, **_: Any) -> Respuesta:
        terminal = self._autenticar(ruta, "GET", encabezados, cuerpo)
        datos = reportes.faltantes(self.motor).get(terminal.serie, {})
        return _json(200, {"serie": terminal.serie, **datos, **punta_central(self.motor, terminal.id)})

    def _paquete(self, **_: Any) -> Respuesta:
        # Public: the package carries the treasury's signature, the transport does not need to vouch for it.
        sobre = paquetes.ultimo(self.motor)
        if sobre is None:
            raise ErrorHttp(404, "paquete", "la tesorería aún no publica paquetes (catálogo, UMA o padrones)")
        return _json(200, sobre)

    def _paquete_siguiente(self, consulta: Mapping[str, str], **_: Any) -> Respuesta:
        # Public like ``ultimo``: the oldest package newer than ``version``, so a terminal that was offline
        # while a catalog and then a roll were published receives both, in order.
        texto = consulta.get("version", "0")
        if not (texto.isascii() and texto.isdigit() and len(texto) <= 9):
            raise invalido("version", "debe ser el número entero de la versión instalada (0 si ninguna)")
        sobre = paquetes.siguiente(self.motor, int(texto))
        if sobre is None:
            raise ErrorHttp(404, "paquete", "no hay paquetes más nuevos que la versión instalada")
        return _json(200, sobre)

    # --- treasurer views
    def _exigir_admin(self, encabezados: Mapping[str, str]) -> None:
        credenciales.exigir(self.motor, encabezados, self.reloj())

    def _resumen_datos(self, consulta: Mapping[str, str], encabezados: Mapping[str, str]) -> dict[str, Any]:
        self._exigir_admin(encabezados)
        desde = reportes.fecha_filtro(consulta.get("desde"), "desde")
        hasta = reportes.fecha_filtro(consulta.get("hasta"), "hasta")
        if desde and hasta and hasta < desde:
            raise invalido("hasta", "debe ser igual o posterior a «desde»")
        return reportes.resumen(self.motor, desde, hasta)

    def _resumen(self, consulta: Mapping[str, str], encabezados: Mapping[str, str], **_: Any) -> Respuesta:
        return _json(200, self._resumen_datos(consulta, encabezados))

    def _resumen_csv(self, consulta: Mapping[str, str], encabezados: Mapping[str, str], **_: Any) -> Respuesta:
        datos = self._resumen_datos(consulta, encabezados)
        return Respuesta(200, reportes.resumen_csv(datos).encode("utf-8"), "text/csv; charset=utf-8")

    def _faltantes(self, encabezados: Mapping[str, str], **_: Any) -> Respuesta:
        self._exigir_admin(encabezados)
        return _json(200, reportes.faltantes(self.motor))

    def _verificar(self, consulta: Mapping[str, str], **_: Any) -> Respuesta:
        folio, codigo, firma = consulta.get("folio", ""), consulta.get("codigo", ""), consulta.get("firma")
        return _json(200, reportes.verificar(self.motor, folio, codigo, firma, consulta))
