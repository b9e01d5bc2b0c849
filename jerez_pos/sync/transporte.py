"""HTTP transport (httpx): one connection pool, environment proxies ignored, every failure → ``SinConexion``."""

from __future__ import annotations

import httpx

from jerez_pos.sync.cliente import RespuestaHttp, SinConexion


class TransporteHttp:
    def __init__(self, servidor: str, espera: float = 30.0, verificar_tls: bool | str = True) -> None:
        self.servidor = servidor.rstrip("/")
        # trust_env=False: a proxy configured on the PC must not see (or reroute) treasury traffic.
        self._cliente = httpx.Client(timeout=espera, trust_env=False, verify=verificar_tls)

    def __call__(self, metodo: str, ruta: str, cuerpo: bytes, encabezados: dict[str, str]) -> RespuestaHttp:
        try:
            respuesta = self._cliente.request(
                metodo,
                self.servidor + ruta,
                content=cuerpo or None,
                headers={"content-type": "application/json", **encabezados},
            )
        except httpx.HTTPError as exc:  # connect refused, reset, timeout, cut reply
            raise SinConexion(_en_espanol(exc, self.servidor)) from exc
        return RespuestaHttp(
            respuesta.status_code, respuesta.content, {k.lower(): v for k, v in respuesta.headers.items()}
        )

    def cerrar(self) -> None:
        self._cliente.close()


def _en_espanol(exc: Exception, servidor: str) -> str:
    """What a cashier or support person can act on, instead of the HTTP library's class name."""
    if isinstance(exc, httpx.ConnectError):
        return f"no se pudo conectar con la central {servidor} (¿hay red? ¿está encendido el servidor?)"
    if isinstance(exc, httpx.TimeoutException):
        return f"la central {servidor} no respondió a tiempo"
    return f"la conexión con la central {servidor} se cortó ({type(exc).__name__})"
