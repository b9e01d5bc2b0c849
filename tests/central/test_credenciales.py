"""Treasurer reports need a bearer token: created once from the command line, stored only as its hash,
listed and revoked; without it (or with a revoked one) every report route answers 401 ``WWW-Authenticate``."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest
import sqlalchemy as sa

from jerez_pos.central import bd, credenciales
from jerez_pos.central import modelos as m
from jerez_pos.central.servicio import Servicio
from tests.central.servidor_real import central as central_real
from tests.central.servidor_real import correr

AHORA = dt.datetime(2024, 6, 1, 12, 0, tzinfo=dt.UTC)
RUTAS = ["/v1/resumen", "/v1/resumen.csv", "/v1/faltantes"]


@pytest.fixture
def servicio() -> Servicio:
    motor = bd.abrir("sqlite://")
    bd.migrar(motor)
    return Servicio(motor, reloj=lambda: AHORA)


def _pedir(servicio: Servicio, ruta: str, autorizacion: str | None = None):
    encabezados = {} if autorizacion is None else {"authorization": autorizacion}
    return servicio.atender("GET", ruta, {}, encabezados, b"")


@pytest.mark.parametrize("ruta", RUTAS)
def test_reportes_sin_credencial_responden_401_en_espanol(servicio, ruta):
    respuesta = _pedir(servicio, ruta)
    assert respuesta.estado == 401
    assert respuesta.encabezados["WWW-Authenticate"].startswith("Bearer")
    assert "tesorería" in respuesta.json()["error"]
    for malo in ("Bearer", "Bearer jpc_inventado", "Basic dXN1YXJpbzpjbGF2ZQ==", "jpc_x", "Bearer " + "a" * 5000):
        negado = _pedir(servicio, ruta, malo)
        assert negado.estado == 401, malo
        assert negado.encabezados["WWW-Authenticate"].startswith("Bearer")


def test_token_abre_los_reportes_hasta_que_se_revoca(servicio):
    nuevo = credenciales.crear(servicio.motor, "  tesorero   municipal ", AHORA)
    assert nuevo.nombre == "tesorero municipal" and nuevo.token.startswith(credenciales.PREFIJO)
    with servicio.motor.connect() as conexion:
        guardado = conexion.execute(sa.select(m.token_central)).one()
    assert guardado.hash == hashlib.sha256(nuevo.token.encode()).hexdigest()
    assert nuevo.token not in repr(tuple(guardado))  # only the hash is stored
    for ruta in RUTAS:
        assert _pedir(servicio, ruta, f"Bearer {nuevo.token}").estado == 200
        cabeza = servicio.atender("HEAD", ruta, {}, {"authorization": f"Bearer {nuevo.token}"}, b"")
        assert cabeza.estado == 200  # HEAD is GET without the body, and asks the same credential
        assert servicio.atender("HEAD", ruta, {}, {}, b"").estado == 401
        assert _pedir(servicio, ruta, f"bearer   {nuevo.token}  ").estado == 200  # scheme is case-insensitive
    assert credenciales.credencial_valida(servicio.motor, {"authorization": f"Bearer {nuevo.token}"}) == (
        "tesorero municipal"
    )
    otro = credenciales.crear(servicio.motor, "contralor", AHORA)
    credenciales.revocar(servicio.motor, nuevo.id, AHORA)
    revocado = _pedir(servicio, "/v1/resumen", f"Bearer {nuevo.token}")
    assert revocado.estado == 401 and 'error="invalid_token"' in revocado.encabezados["WWW-Authenticate"]
    assert _pedir(servicio, "/v1/resumen", f"Bearer {otro.token}").estado == 200
    listado = credenciales.listar(servicio.motor)
    assert [(t["nombre"], t["activo"]) for t in listado] == [("tesorero municipal", False), ("contralor", True)]
    assert all("token" not in t for t in listado)


def test_cli_token_crear_listar_revocar_contra_la_central_real(tmp_path):
    url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    creado = correr(tmp_path, "central", "token", "crear", "--db", url, "--nombre", "tesorero", "--json")
    assert creado.returncode == 0, creado.stderr
    token = json.loads(creado.stdout)["token"]
    listado = correr(tmp_path, "central", "token", "listar", "--db", url, "--json")
    assert listado.returncode == 0 and token not in listado.stdout
    assert json.loads(listado.stdout)[0]["activo"] is True
    import httpx

    with central_real(url, tmp_path) as base, httpx.Client(base_url=base, trust_env=False) as cliente:
        sin = cliente.get("/v1/resumen")
        assert sin.status_code == 401 and sin.headers["www-authenticate"].startswith("Bearer")
        assert sin.json()["error"].startswith("Authorization:")
        assert cliente.get("/v1/resumen", headers={"Authorization": f"Bearer {token}"}).status_code == 200
        revocado = correr(tmp_path, "central", "token", "revocar", "--db", url, "--id", "1")
        assert revocado.returncode == 0, revocado.stderr
        assert cliente.get("/v1/faltantes", headers={"Authorization": f"Bearer {token}"}).status_code == 401


@pytest.mark.parametrize(
    ("argumentos", "palabra"),
    [
        (["token", "crear", "--nombre", "   "], "--nombre"),
        (["token", "crear", "--nombre", "x" * 61], "--nombre"),
        (["token", "revocar", "--id", "7"], "--id"),
        (["token", "revocar", "--id", "siete"], "--id"),
        (["resumen", "--hasta", "9999-12-31"], "--hasta"),
        (["resumen", "--desde", "2024-02-30"], "--desde"),
        (["resumen", "--desde", "2024-06-02", "--hasta", "2024-06-01"], "--hasta"),
    ],
)
def test_cli_tokens_y_resumen_entrada_mala_sale_con_2_sin_escribir(tmp_path, argumentos, palabra):
    url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    corte = 1 if argumentos[0] == "resumen" else 2
    r = correr(tmp_path, "central", *argumentos[:corte], "--db", url, *argumentos[corte:])
    assert r.returncode == 2, r.stdout + r.stderr
    lineas = r.stderr.strip().splitlines()
    assert len(lineas) == 1 and palabra in lineas[0] and "Traceback" not in r.stderr
    if (tmp_path / "central.sqlite3").exists():
        motor = bd.abrir(url)
        with motor.connect() as conexion:
            assert conexion.execute(sa.select(sa.func.count()).select_from(m.token_central)).scalar_one() == 0
