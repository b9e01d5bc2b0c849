"""The central server as a plain function of (method, path, query, headers, body) → response.

FastAPI (``app.py``) only carries bytes in and out of this object, and the protocol simulation calls it
directly, so the ten-thousand-seed simulation and production run the very same code path.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import orjson
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Engine

from jerez_pos.central import lotes, paquetes, reportes, terminales, validacion
from jerez_pos.central.bd import Reloj, marca_utc, reloj_utc
from jerez_pos.central.consola.sesiones import cookies_de, sesion_valida
from jerez_pos.central.contactos import Contactos
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


def _objeto(cuerpo: bytes) -> dict[str, Any]:
    try:
        datos = json.loads(cuerpo or b"{}")
    except (ValueError, UnicodeDecodeError):
        raise invalido("cuerpo", "no es JSON válido en UTF-8") from None
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
        token_admin: str | None = None,
    ) -> None:
        self.motor = motor
        self.llave_tesoreria = llave_tesoreria
        self.reloj = reloj
        self.max_registros = max_registros
        self.max_cuerpo = max_cuerpo
        self.token_admin = token_admin
        self._cerrojo = threading.Lock()
        self._en_curso = 0
        self._ultimo_fin = time.monotonic()
        self._contactos = Contactos(motor)
        self._rutas: dict[tuple[str, str], Callable[..., Respuesta]] = {
            ("POST", "/v1/inscripcion/consulta"): self._consulta,
            ("POST", "/v1/inscripcion"): self._inscripcion,
            ("POST", "/v1/lotes"): self._lote,
            ("GET", "/v1/estado"): self._estado,
            ("GET", "/v1/paquetes/ultimo"): self._paquete,
            ("GET", "/v1/resumen"): self._resumen,
            ("GET", "/v1/resumen.csv"): self._resumen_csv,
            ("GET", "/v1/faltantes"): self._faltantes,
            ("GET", "/v1/verificar"): self._verificar,
        }

    def atender(
        self, metodo: str, ruta: str, consulta: Mapping[str, str], encabezados: Mapping[str, str], cuerpo: bytes
    ) -> Respuesta:
        """``encabezados`` with lower-case names (as ASGI gives them)."""
        with self._cerrojo:
            self._en_curso += 1
        try:
            return self._atender(metodo, ruta, consulta, encabezados, cuerpo)
        finally:
            with self._cerrojo:
                self._en_curso -= 1
                self._ultimo_fin = time.monotonic()

    def inactivo(self) -> float:
        """Seconds since the last request ended, 0 while one is being served (the signature reviewer waits)."""
        with self._cerrojo:
            return 0.0 if self._en_curso else time.monotonic() - self._ultimo_fin

    def _atender(
        self, metodo: str, ruta: str, consulta: Mapping[str, str], encabezados: Mapping[str, str], cuerpo: bytes
    ) -> Respuesta:
        ahora = self.reloj()
        try:
            if len(cuerpo) > self.max_cuerpo:
                raise ErrorHttp(413, "cuerpo", f"la solicitud pasa de {self.max_cuerpo} bytes; envíe lotes más chicos")
            manejador = self._rutas.get((metodo.upper(), ruta))
            if manejador is None:
                raise ErrorHttp(404, "ruta", f"no existe {metodo.upper()} {ruta}")
            respuesta = manejador(ruta=ruta, consulta=consulta, encabezados=encabezados, cuerpo=cuerpo)
        except ErrorHttp as error:
            respuesta = _json(error.estado, error.cuerpo())
        except ErrorEntrada as error:
            respuesta = _json(422, {"detail": {"campo": error.campo, "mensaje": str(error)}})
        respuesta.encabezados[p.H_HORA_SERVIDOR] = str(int(ahora.timestamp()))
        return respuesta

    # --- enrollment (authenticated by the one-time code, not by a key the server doesn't know yet)
    def _consulta(self, cuerpo: bytes, **_: Any) -> Respuesta:
        datos = _objeto(cuerpo)
        codigo = validacion.texto(datos.get("codigo"), "codigo", 64)
        llave = None
        if datos.get("llave_publica") is not None:
            llave = validacion.hexadecimal(datos.get("llave_publica"), "llave_publica", 32)
        return _json(200, terminales.consultar(self.motor, codigo, llave))

    def _inscripcion(self, cuerpo: bytes, **_: Any) -> Respuesta:
        datos = _objeto(cuerpo)
        codigo = validacion.texto(datos.get("codigo"), "codigo", 64)
        llave = validacion.hexadecimal(datos.get("llave_publica"), "llave_publica", 32)
        resultado = terminales.inscribir(self.motor, codigo, llave, self.reloj())
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

    def _estado(self, ruta: str, encabezados: Mapping[str, str], cuerpo: bytes, **_: Any) -> Respuesta:
        terminal = self._autenticar(ruta, "GET", encabezados, cuerpo)
        datos = reportes.faltantes(self.motor).get(terminal.serie, {})
        return _json(200, {"serie": terminal.serie, **datos})

    def _paquete(self, **_: Any) -> Respuesta:
        # Public: the package carries the treasury's signature, the transport does not need to vouch for it.
        sobre = paquetes.ultimo(self.motor)
        if sobre is None:
            raise ErrorHttp(404, "paquete", "la tesorería aún no publica paquetes de catálogo o UMA")
        return _json(200, sobre)

    # --- treasurer views
    def _exigir_admin(self, encabezados: Mapping[str, str]) -> None:
        if (
            self.token_admin is not None
            and encabezados.get("authorization") != f"Bearer {self.token_admin}"
            and sesion_valida(self.motor, cookies_de(encabezados.get("cookie")), self.reloj()) is None
        ):
            raise ErrorHttp(401, "Authorization", "esta consulta es sólo para la tesorería")

    def _resumen_datos(self, consulta: Mapping[str, str], encabezados: Mapping[str, str]) -> dict[str, Any]:
        self._exigir_admin(encabezados)
        desde = reportes.fecha_filtro(consulta.get("desde"), "desde")
        hasta = reportes.fecha_filtro(consulta.get("hasta"), "hasta")
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
