"""The attacks found against the earlier build, replayed against a real ``jerez-pos central`` (uvicorn):
each is a 4xx with a Spanish JSON ``error`` (or uvicorn's own refusal for a malformed HTTP message), never
a 5xx or a traceback, and nothing is written."""

from __future__ import annotations

import datetime as dt
import socket
from urllib.parse import urlsplit

import httpx
import pytest
import sqlalchemy as sa

from jerez_pos.central import bd, credenciales, terminales
from tests.central.fuzz_rutas import TABLAS
from tests.central.servidor_real import central


def _crudo(base: str, solicitud: bytes) -> bytes:
    """Sends bytes as they are (no client library fixing them up) and returns what comes back."""
    destino = urlsplit(base)
    with socket.create_connection((destino.hostname, destino.port), timeout=10) as s:
        s.sendall(solicitud)
        partes = []
        try:
            while parte := s.recv(65536):
                partes.append(parte)
        except (ConnectionResetError, TimeoutError):
            pass
    return b"".join(partes)


def _cuentas(motor: sa.Engine) -> list[int]:
    with motor.connect() as conexion:
        return [conexion.execute(sa.select(sa.func.count()).select_from(t)).scalar_one() for t in TABLAS]


@pytest.fixture(scope="module")
def servidor(tmp_path_factory):
    carpeta = tmp_path_factory.mktemp("central")
    url = f"sqlite:///{carpeta / 'central.sqlite3'}"
    motor = bd.abrir(url)
    bd.migrar(motor)
    ahora = dt.datetime.now(dt.UTC)
    terminales.crear(motor, "Ermita", ahora)
    token = credenciales.crear(motor, "tesorero", ahora).token
    with central(url, carpeta) as base, httpx.Client(base_url=base, trust_env=False) as cliente:
        yield cliente, base, motor, token


ANIDADO = b'{"codigo":' + b"[" * 2000 + b"]" * 2000 + b"}"
JSON = {"Content-Type": "application/json"}


@pytest.mark.parametrize(
    ("metodo", "ruta", "cuerpo", "encabezados", "con_token", "estado", "palabra"),
    [
        ("POST", "/v1/inscripcion", ANIDADO, JSON, False, 422, "anida"),
        ("POST", "/v1/inscripcion/consulta", ANIDADO, JSON, False, 422, "anida"),
        ("GET", "/v1/resumen?hasta=9999-12-31", b"", {}, True, 422, "fuera del rango"),
        ("GET", "/v1/resumen.csv?desde=0001-01-01", b"", {}, True, 422, "fuera del rango"),
        ("GET", "/v1/resumen?hasta=9999-12-31", b"", {}, False, 401, "tesorería"),
        ("GET", "/v1/resumen?desde=2024-06-02&hasta=2024-06-01", b"", {}, True, 422, "posterior"),
        ("GET", "/v1/resumen?desde=2024-06-01&desde=2024-01-01", b"", {}, True, 400, "más de una vez"),
        ("GET", "/v1/resumen?desde=2024-02-30", b"", {}, True, 422, "día del calendario"),
        ("POST", "/v1/inscripcion", b'{"codigo": "AB\xff\xfe"}', JSON, False, 422, "UTF-8"),
        ("POST", "/v1/inscripcion", b'{"codigo": "X"}', {"Content-Type": "text/plain"}, False, 415, "application/json"),
        ("DELETE", "/v1/lotes", b"", {}, False, 405, "sólo acepta POST"),
        ("BREW", "/v1/resumen", b"", {}, False, 405, "no se acepta"),
        ("GET", "/v1/verificar?folio=JRZ1-%C2%B2&codigo=abcdef12", b"", {}, False, 422, "folio"),
        ("GET", "/v1/faltantes", b"", {"X-Relleno": "x" * 20_000}, True, 431, "encabezados"),
    ],
)
def test_ataque_responde_4xx_en_espanol(servidor, metodo, ruta, cuerpo, encabezados, con_token, estado, palabra):
    cliente, _, motor, token = servidor
    antes = _cuentas(motor)
    enc = {**encabezados, **({"Authorization": f"Bearer {token}"} if con_token else {})}
    respuesta = cliente.request(metodo, ruta, content=cuerpo, headers=enc)
    assert respuesta.status_code == estado, respuesta.text[:300]
    assert respuesta.headers["content-type"].startswith("application/json")
    assert palabra in respuesta.json()["error"] and "Traceback" not in respuesta.text
    assert _cuentas(motor) == antes


def test_encabezados_enormes_y_http_roto_los_rechaza_uvicorn_sin_5xx(servidor):
    _, base, motor, _ = servidor
    antes = _cuentas(motor)
    enorme = b"GET /v1/faltantes HTTP/1.1\r\nHost: x\r\nX-Relleno: " + b"x" * 200_000 + b"\r\n\r\n"
    roto = b"GET /v1/faltantes HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n"
    for solicitud in (enorme, roto, b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + b"\x00" * 64):
        respuesta = _crudo(base, solicitud)
        if respuesta:  # uvicorn may also just close the connection
            estado = int(respuesta.split(b" ", 2)[1])
            assert 400 <= estado < 500, respuesta[:200]
            assert b"Traceback" not in respuesta
    assert _cuentas(motor) == antes
    assert httpx.get(f"{base}/v1/paquetes/ultimo", trust_env=False).status_code == 404  # still serving
