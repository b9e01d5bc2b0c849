"""Hostile requests for every route of the central, generated with hypothesis.

The routes come from ``Servicio.rutas()``: a route added later is fuzzed without touching this file. Each
request mixes a method, a path (the route, a mutation of it, or noise), query parameters (repeated keys,
dates out of range), headers (valid or broken credentials and terminal signatures, wrong content types)
and a body (random bytes, random JSON of any depth, or the right shape with wrong types inside).
"""

from __future__ import annotations

import datetime as dt
import json
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import orjson
import sqlalchemy as sa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fabrica import Fabrica
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jerez_pos.central import credenciales, terminales
from jerez_pos.central import modelos as m
from jerez_pos.central.app import crear_app
from jerez_pos.sync import protocolo as p

METODOS = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"]
TABLAS = [m.terminal, m.registro, m.linea, m.conflicto, m.paquete, m.token_central]
# What a framework says when the application did not answer itself: never acceptable in a reply.
INGLES = ("Not Found", "Method Not Allowed", "Internal Server Error", "Bad Request", "Field required", "Traceback")
CLAVES_CONSULTA = ["desde", "hasta", "folio", "codigo", "firma"] * 4
IMPRIMIBLE = st.characters(min_codepoint=32, max_codepoint=126)


@dataclass
class Objetivo:
    """The app in-process with one enrolled terminal (so signed requests reach the batch parser) and one
    treasury token (so report routes get past the credential check)."""

    cliente: TestClient
    motor: sa.Engine
    fabrica: Fabrica
    token: str
    rutas: list[tuple[str, str]]

    @classmethod
    def crear(cls, url: str) -> Objetivo:
        app = crear_app(url, Ed25519PrivateKey.generate(), revisar_firmas=False)
        servicio = app.state.servicio
        ahora = dt.datetime.now(dt.UTC)
        alta = terminales.crear(servicio.motor, "Cabecera", ahora)
        fabrica = Fabrica(alta.serie)
        terminales.inscribir(servicio.motor, alta.codigo, fabrica.publica, ahora)
        terminales.crear(servicio.motor, "Ermita", ahora)  # one pending enrollment for the code guesses
        token = credenciales.crear(servicio.motor, "tesorero", ahora).token
        cliente = TestClient(app, raise_server_exceptions=False, client=("10.1.2.3", 5000))
        return cls(cliente, servicio.motor, fabrica, token, servicio.rutas())

    def foto(self) -> tuple[Any, ...]:
        """Row counts of every table plus the terminals' mutable state: equal before and after a refusal."""
        with self.motor.connect() as conexion:
            cuentas = tuple(conexion.execute(sa.select(sa.func.count()).select_from(t)).scalar_one() for t in TABLAS)
            t = m.terminal
            estados = conexion.execute(
                sa.select(t.c.serie, t.c.estado, t.c.llave_publica, t.c.punta, t.c.codigo_hash).order_by(t.c.serie)
            ).all()
        return cuentas, tuple(tuple(e) for e in estados)


VALOR_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda hijos: st.lists(hijos, max_size=4) | st.dictionaries(st.text(max_size=8), hijos, max_size=4),
    max_leaves=25,
)


def _json(valor: Any) -> bytes:
    try:
        return orjson.dumps(valor)
    except TypeError:  # integers past 64 bits: the standard library writes them, orjson refuses
        return json.dumps(valor).encode()


@st.composite
def anidado(draw: st.DrawFn) -> bytes:
    profundidad = draw(st.integers(1, 5000))
    if draw(st.booleans()):
        return b"[" * profundidad + b"]" * profundidad
    return b'{"codigo":' * profundidad + b'"X"' + b"}" * profundidad


# Dates at the edges of what a date type holds (9999-12-31 + 1 day overflows) or of the calendar.
BORDES = ["9999-12-31", "0001-01-01", "1999-12-31", "2101-01-01", "2024-02-29", "2023-02-29", "2024-13-01"]
FECHAS = (
    st.sampled_from(BORDES)
    | st.dates().map(str)
    | st.sampled_from(["2024-6-1", "20240601", "2024-W01-1", "2024-06-01T00:00", "", "hoy", "٢٠٢٤-٠٦-٠١"])
)
FECHAS_ROTAS = st.sampled_from(["", "&hasta=%FF%FE", "&desde=%ZZ", "&desde=2024-06-01&desde=2024-06-02", "&hasta"])
_CLAVE = st.sampled_from(CLAVES_CONSULTA) | st.text(IMPRIMIBLE, max_size=10)
_VALOR = FECHAS | FECHAS | st.text(max_size=30)
# Mostly distinct keys, so the values reach the route; half the time the date filters with edge dates;
# sometimes a repeated key, which must be refused.
CONSULTA = (
    st.fixed_dictionaries({}, optional={"desde": FECHAS, "hasta": FECHAS}).map(lambda d: list(d.items()))
    | st.dictionaries(_CLAVE, _VALOR, max_size=3).map(lambda d: list(d.items()))
    | st.lists(st.tuples(_CLAVE, _VALOR), max_size=3)
)


def _registro_mutado(fabrica: Fabrica, campo: str, valor: Any, en_documento: bool) -> dict[str, Any]:
    registro = fabrica.recibo(dt.datetime(2024, 6, 1, 10, 0)).a_json()
    if en_documento:
        documento = json.loads(registro["documento"])
        documento[campo] = valor
        registro["documento"] = json.dumps(documento)
    else:
        registro[campo] = valor
    return registro


@st.composite
def cuerpo(draw: st.DrawFn, objetivo: Objetivo) -> bytes:
    forma = draw(st.sampled_from(["vacio", "bytes", "json", "anidado", "inscripcion", "lote", "utf8_malo"]))
    if forma == "vacio":
        return b""
    if forma == "bytes":
        return draw(st.binary(max_size=200))
    if forma == "json":
        return _json(draw(VALOR_JSON))
    if forma == "anidado":
        return draw(anidado())
    if forma == "utf8_malo":
        return b'{"codigo": "' + draw(st.binary(min_size=1, max_size=8)).replace(b'"', b"") + b'\xff\xfe"}'
    if forma == "inscripcion":
        codigo = draw(st.text(max_size=70) | VALOR_JSON)
        llave = draw(st.text("0123456789abcdef", min_size=64, max_size=64) | VALOR_JSON)
        return _json({"codigo": codigo, "llave_publica": llave})
    campo = draw(st.sampled_from(["id", "secuencia", "tipo", "hash_previo", "hash", "firma", "documento"]))
    en_documento = draw(st.booleans())
    if en_documento:
        campo = draw(st.sampled_from(["tipo", "serie", "numero", "eslabon", "fecha", "total_centavos", "lineas"]))
    registro = _registro_mutado(objetivo.fabrica, campo, draw(VALOR_JSON), en_documento)
    return _json({"punta": draw(st.integers(-5, 2**40) | VALOR_JSON), "registros": [registro]})


@st.composite
def encabezados(draw: st.DrawFn, objetivo: Objetivo, metodo: str, ruta: str, datos: bytes) -> dict[str, str]:
    resultado: dict[str, str] = {}
    autorizacion = draw(st.sampled_from(["ninguna", "token", "token", "token", "basura"]))
    if autorizacion == "token":
        resultado["Authorization"] = f"Bearer {objetivo.token}"
    elif autorizacion == "basura":
        resultado["Authorization"] = draw(st.text(IMPRIMIBLE, max_size=60))
    tipo = draw(st.sampled_from(["ninguno", "json", "otro"]))
    if tipo == "json":
        resultado["Content-Type"] = "application/json"
    elif tipo == "otro":
        resultado["Content-Type"] = draw(st.sampled_from(["text/plain", "application/x-www-form-urlencoded", "xml"]))
    relleno = draw(st.sampled_from(["nada"] * 8 + ["enorme", "muchos"]))
    if relleno == "enorme":
        resultado["X-Relleno"] = "x" * draw(st.integers(10_000, 40_000))
    elif relleno == "muchos":
        resultado.update({f"X-Extra-{i}": "1" for i in range(draw(st.integers(50, 90)))})
    firma = draw(st.sampled_from(["ninguna", "valida", "basura"]))
    if firma == "valida":
        resultado.update(
            p.encabezados_firmados(
                objetivo.fabrica.llave, objetivo.fabrica.serie, metodo, ruta, datos, int(time.time())
            )
        )
    elif firma == "basura":
        for nombre in (p.H_TERMINAL, p.H_MARCA, p.H_DIGEST, p.H_FIRMA):
            if draw(st.booleans()):
                resultado[nombre] = draw(st.text(IMPRIMIBLE, max_size=40))
    return resultado


def revisar(respuesta: Any, metodo: str) -> None:
    """Never a 5xx, never a traceback, and every refusal is JSON with a Spanish ``error``."""
    texto = respuesta.content.decode("utf-8", "replace")
    assert respuesta.status_code < 500, (respuesta.status_code, texto[:500])
    assert not any(frase in texto for frase in INGLES), texto[:500]
    if respuesta.status_code >= 400 and metodo != "HEAD":
        assert respuesta.headers["content-type"].startswith("application/json"), respuesta.headers
        error = respuesta.json()["error"]
        assert isinstance(error, str) and error.strip(), texto[:500]


def fuzz(objetivo: Objetivo, por_ruta: int) -> set[int]:
    """``por_ruta`` examples aimed at each route in turn (a new route gets its own share); returns the
    statuses seen."""
    assert {"/v1/inscripcion", "/v1/lotes", "/v1/resumen", "/v1/verificar"} <= {r for _, r in objetivo.rutas}
    vistos: set[int] = set()

    def una_solicitud(data: st.DataObject, metodo_ruta: str, ruta: str) -> None:
        metodo = data.draw(st.sampled_from([metodo_ruta] * 12 + METODOS))
        destino = data.draw(
            st.sampled_from(["ruta"] * 6 + ["sufijo", "ruido"]).flatmap(
                lambda d: (
                    st.just(ruta)
                    if d == "ruta"
                    else st.text(max_size=20).map(
                        lambda x: (ruta + "/" if d == "sufijo" else "/") + quote(x, safe="/%")
                    )
                )
            )
        )
        datos = data.draw(cuerpo(objetivo))
        consulta: Any = data.draw(CONSULTA)
        if data.draw(st.integers(0, 5)) == 0:  # a raw query string: broken escapes, invalid UTF-8, no "="
            destino += "?" + quote(data.draw(st.text(max_size=40)), safe="=&%") + data.draw(FECHAS_ROTAS)
            consulta = None
        enc = data.draw(encabezados(objetivo, metodo, destino, datos))
        antes = objetivo.foto()
        respuesta = objetivo.cliente.request(metodo, destino, params=consulta, headers=enc, content=datos)
        revisar(respuesta, metodo)
        vistos.add(respuesta.status_code)
        if respuesta.status_code >= 400:
            despues = objetivo.foto()
            conflicto = (
                respuesta.status_code == 422 and metodo != "HEAD" and respuesta.json()["detail"].get("conflicto")
            )
            if conflicto:  # a conflict is logged for the treasurer on purpose; nothing else may change
                despues = ((*despues[0][:3], antes[0][3], *despues[0][4:]), despues[1])
            assert despues == antes, (metodo, destino, respuesta.status_code, respuesta.text[:300])

    # One wrong method on each path, always: the router's 405 must not depend on what the draws hit.
    permitidos: dict[str, set[str]] = {}
    for metodo_ruta, ruta in objetivo.rutas:
        permitidos.setdefault(ruta, set()).add(metodo_ruta)
    for ruta, metodos in permitidos.items():
        ajeno = next(m for m in ("DELETE", "PATCH", "PUT") if m not in metodos)
        respuesta = objetivo.cliente.request(ajeno, ruta, headers={"Authorization": f"Bearer {objetivo.token}"})
        revisar(respuesta, ajeno)
        vistos.add(respuesta.status_code)

    for metodo_ruta, ruta in objetivo.rutas:

        @settings(
            max_examples=por_ruta,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        )
        @given(st.data())
        def contra_la_ruta(data: st.DataObject) -> None:
            una_solicitud(data, metodo_ruta, ruta)  # noqa: B023 (run before the loop moves on)

        contra_la_ruta()
    # The run reached past the router: wrong methods, unknown paths, missing credentials, bad fields.
    assert {401, 404, 405, 422} <= vistos, vistos
    return vistos
