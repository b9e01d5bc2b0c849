"""Enrollment codes expire (72 h by default), can be reissued, and guessing them is limited per client
address (429 with ``Retry-After``); ``jerez-pos registrar`` shows central's Spanish reason and exits 2."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import sqlalchemy as sa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from jerez_pos.central import bd, terminales
from jerez_pos.central import modelos as m
from jerez_pos.central.servicio import Servicio
from jerez_pos.sync import protocolo as p
from tests.central.servidor_real import central as central_real
from tests.central.servidor_real import correr

INICIO = dt.datetime(2024, 6, 1, 12, 0, tzinfo=dt.UTC)


class Reloj:
    def __init__(self) -> None:
        self.ahora = INICIO

    def __call__(self) -> dt.datetime:
        return self.ahora


@pytest.fixture
def reloj() -> Reloj:
    return Reloj()


@pytest.fixture
def servicio(reloj) -> Servicio:
    motor = bd.abrir("sqlite://")
    bd.migrar(motor)
    return Servicio(motor, reloj=reloj)


def _llave() -> str:
    return p.publica_cruda(Ed25519PrivateKey.generate()).hex()


def _pedir(servicio: Servicio, ruta: str, datos: dict, origen: str = "10.0.0.1"):
    return servicio.atender("POST", ruta, {}, {}, json.dumps(datos).encode(), origen)


def _terminal(servicio: Servicio, serie: str):
    with servicio.motor.connect() as conexion:
        return conexion.execute(sa.select(m.terminal).where(m.terminal.c.serie == serie)).one()


def test_codigo_vence_a_las_72_horas_sin_escribir_nada(servicio, reloj):
    alta = terminales.crear(servicio.motor, "Ermita", INICIO)
    assert alta.vence == "2024-06-04T12:00:00Z"
    reloj.ahora = INICIO + dt.timedelta(hours=71, minutes=59)
    assert _pedir(servicio, "/v1/inscripcion/consulta", {"codigo": alta.codigo}).estado == 200
    reloj.ahora = INICIO + dt.timedelta(hours=72)
    for ruta in ("/v1/inscripcion/consulta", "/v1/inscripcion"):
        vencido = _pedir(servicio, ruta, {"codigo": alta.codigo, "llave_publica": _llave()})
        assert vencido.estado == 410
        assert "venció el 2024-06-04T12:00:00Z" in vencido.json()["error"]
    fila = _terminal(servicio, alta.serie)
    assert fila.estado == "pendiente" and fila.llave_publica is None


def test_codigo_nuevo_reemplaza_al_anterior_y_la_reinscripcion_sirve_aunque_venza(servicio, reloj):
    alta = terminales.crear(servicio.motor, "Los Haro", INICIO, terminales.vigencia_horas(1))
    reloj.ahora = INICIO + dt.timedelta(hours=2)
    nuevo = terminales.codigo_nuevo(servicio.motor, alta.serie, reloj.ahora, terminales.vigencia_horas(24))
    assert nuevo.serie == alta.serie and nuevo.codigo != alta.codigo
    assert _pedir(servicio, "/v1/inscripcion/consulta", {"codigo": alta.codigo}).estado == 401
    llave = _llave()
    cuerpo = {"codigo": nuevo.codigo, "llave_publica": llave}
    assert _pedir(servicio, "/v1/inscripcion", cuerpo).estado == 200
    # The reply of an enrollment can be lost: the same key asking again after the term still gets it.
    reloj.ahora += dt.timedelta(days=30)
    assert _pedir(servicio, "/v1/inscripcion", cuerpo).json()["serie"] == alta.serie
    with pytest.raises(Exception, match="ya está activa"):
        terminales.codigo_nuevo(servicio.motor, alta.serie, reloj.ahora)


def test_cinco_codigos_equivocados_bloquean_la_direccion_con_429(servicio, reloj):
    alta = terminales.crear(servicio.motor, "Cabecera", INICIO)
    for n in range(5):
        malo = _pedir(servicio, "/v1/inscripcion/consulta", {"codigo": f"AAAA-BBBB-CCCC-DDDD-EEE{n}"})
        assert malo.estado == 401
        reloj.ahora += dt.timedelta(minutes=1)
    bloqueado = _pedir(servicio, "/v1/inscripcion", {"codigo": alta.codigo, "llave_publica": _llave()})
    assert bloqueado.estado == 429
    espera = int(bloqueado.encabezados["Retry-After"])
    assert 0 < espera <= 15 * 60
    assert "demasiados códigos" in bloqueado.json()["error"]
    assert _terminal(servicio, alta.serie).estado == "pendiente"  # the right code did not get through
    assert _pedir(servicio, "/v1/inscripcion/consulta", {"codigo": alta.codigo}, "10.0.0.2").estado == 200
    reloj.ahora += dt.timedelta(seconds=espera)
    assert _pedir(servicio, "/v1/inscripcion/consulta", {"codigo": alta.codigo}).estado == 200


@pytest.mark.parametrize(
    ("argumentos", "palabra"),
    [
        (["terminal-nueva", "--delegacion", "Ermita", "--vigencia-horas", "0"], "--vigencia-horas"),
        (["terminal-nueva", "--delegacion", "Ermita", "--vigencia-horas", "721"], "--vigencia-horas"),
        (["codigo-nuevo", "--serie", "NOEX9"], "--serie"),
    ],
)
def test_cli_codigos_entrada_mala_sale_con_2(tmp_path, argumentos, palabra):
    url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    r = correr(tmp_path, "central", argumentos[0], "--db", url, *argumentos[1:])
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1 and palabra in r.stderr, r.stderr
    if (tmp_path / "central.sqlite3").exists():
        with bd.abrir(url).connect() as conexion:
            assert conexion.execute(sa.select(sa.func.count()).select_from(m.terminal)).scalar_one() == 0


def test_registrar_con_codigo_vencido_o_tras_adivinar_muestra_el_motivo(tmp_path):
    url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    motor = bd.abrir(url)
    bd.migrar(motor)
    vencido = terminales.crear(motor, "Ermita", dt.datetime.now(dt.UTC) - dt.timedelta(hours=73))
    creado = correr(tmp_path, "central", "terminal-nueva", "--db", url, "--delegacion", "Haro", "--json")
    vigente = json.loads(creado.stdout)
    assert vigente["vence"] > dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    with central_real(url, tmp_path / "srv") as base:
        home = tmp_path / "terminal"
        r = correr(home, "registrar", "--servidor", base, "--codigo", vencido.codigo)
        assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1, r.stderr
        assert "venció" in r.stderr and "Traceback" not in r.stderr
        for n in range(4):  # with the expired one above, five wrong codes from this address
            r = correr(home, "registrar", "--servidor", base, "--codigo", f"ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZ{n}")
            assert r.returncode == 2 and "no existe" in r.stderr, r.stderr
        r = correr(home, "registrar", "--servidor", base, "--codigo", vigente["codigo"])
        assert r.returncode == 2 and "demasiados códigos" in r.stderr, r.stderr
    with motor.connect() as conexion:
        estados = conexion.execute(sa.select(m.terminal.c.estado)).scalars().all()
    assert estados == ["pendiente", "pendiente"]
