"""Console users: the ``central usuarios`` command (real processes) and the sign-in rules (real SQLite file)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from jerez_pos.central import bd
from jerez_pos.central.consola import modelos as mc
from jerez_pos.central.consola import sesiones, usuarios
from tests.central.navegador import jerez

CLAVE = "una-contraseña-larga"
T0 = dt.datetime(2024, 5, 6, 12, 0, tzinfo=dt.UTC)


def _usuarios(home: Path, url: str, *args: str, contrasena: str | None = CLAVE):
    entorno = {"JEREZ_POS_CONTRASENA": contrasena} if contrasena is not None else {}
    return jerez(home, "central", "usuarios", *args, "--db", url, entorno=entorno)


def test_orden_usuarios_crear_listar_bloquear_restablecer(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'central.db'}"
    assert _usuarios(tmp_path, url, "crear", "--usuario", "Ana.Lopez", "--rol", "tesorero").returncode == 0
    assert _usuarios(tmp_path, url, "crear", "--usuario", "contra", "--rol", "auditor").returncode == 0
    listado = _usuarios(tmp_path, url, "listar", "--json")
    filas = json.loads(listado.stdout)
    assert [(f["usuario"], f["rol"], f["bloqueado"], f["bloqueado_hasta"]) for f in filas] == [
        ("ana.lopez", "tesorero", False, None),
        ("contra", "auditor", False, None),
    ]
    assert _usuarios(tmp_path, url, "bloquear", "--usuario", "ana.lopez").returncode == 0
    motor = bd.abrir(url)
    with pytest.raises(usuarios.AccesoDenegado, match="bloqueada"):
        usuarios.autenticar(motor, "ana.lopez", CLAVE, T0)
    nueva = "otra-contraseña-larga"
    assert _usuarios(tmp_path, url, "restablecer", "--usuario", "ana.lopez", contrasena=nueva).returncode == 0
    assert usuarios.autenticar(motor, "ana.lopez", nueva, T0).rol == "tesorero"
    with motor.connect() as conexion:
        acciones = conexion.execute(sa.select(mc.auditoria_consola.c.accion)).scalars().all()
    assert acciones == ["crear_usuario", "crear_usuario", "bloquear_usuario", "restablecer_usuario"]


@pytest.mark.parametrize(
    ("args", "contrasena", "mensaje"),
    [
        (("crear", "--usuario", "ana", "--rol", "jefe"), CLAVE, "rol: «jefe» no es un rol"),
        (("crear", "--usuario", "a", "--rol", "tesorero"), CLAVE, "usuario: de 3 a 40 caracteres"),
        (("crear", "--usuario", "ana", "--rol", "tesorero"), "corta", "contraseña: debe tener de 10 a 128"),
        (("crear", "--usuario", "ana", "--rol", "tesorero"), None, "defina JEREZ_POS_CONTRASENA"),
        (("bloquear", "--usuario", "nadie"), CLAVE, "no existe el usuario «nadie»"),
        (("restablecer", "--usuario", "nadie"), CLAVE, "no existe el usuario «nadie»"),
    ],
)
def test_orden_usuarios_rechaza_entrada_mala(
    tmp_path: Path, args: tuple[str, ...], contrasena: str | None, mensaje: str
) -> None:
    url = f"sqlite:///{tmp_path / 'central.db'}"
    hecho = _usuarios(tmp_path, url, *args, contrasena=contrasena)
    assert hecho.returncode == 2
    assert len(hecho.stderr.strip().splitlines()) == 1 and mensaje in hecho.stderr
    motor = bd.abrir(url)
    bd.migrar(motor)
    with motor.connect() as conexion:
        assert conexion.execute(sa.select(sa.func.count()).select_from(mc.usuario_consola)).scalar_one() == 0


def test_usuario_repetido_se_rechaza(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'central.db'}"
    assert _usuarios(tmp_path, url, "crear", "--usuario", "ana", "--rol", "tesorero").returncode == 0
    hecho = _usuarios(tmp_path, url, "crear", "--usuario", "ana", "--rol", "auditor")
    assert hecho.returncode == 2 and "ya existe el usuario «ana»" in hecho.stderr


@pytest.fixture
def motor(tmp_path: Path) -> sa.Engine:
    motor = bd.abrir(f"sqlite:///{tmp_path / 'central.db'}")
    bd.migrar(motor)
    usuarios.crear(motor, "ana", "tesorero", CLAVE, T0)
    return motor


def test_bloqueo_tras_cinco_fallos_y_por_quince_minutos(motor: sa.Engine) -> None:
    for _ in range(usuarios.MAX_FALLOS - 1):
        with pytest.raises(usuarios.AccesoDenegado, match="incorrectos"):
            usuarios.autenticar(motor, "ana", "equivocada!", T0)
    with pytest.raises(usuarios.AccesoDenegado, match="demasiados intentos"):
        usuarios.autenticar(motor, "ana", "equivocada!", T0)
    with pytest.raises(usuarios.AccesoDenegado, match="demasiados intentos"):  # even the right password
        usuarios.autenticar(motor, "ana", CLAVE, T0 + dt.timedelta(minutes=14))
    assert usuarios.autenticar(motor, "ana", CLAVE, T0 + dt.timedelta(minutes=15, seconds=1)).usuario == "ana"


def test_un_acierto_reinicia_la_cuenta_de_fallos(motor: sa.Engine) -> None:
    for _ in range(usuarios.MAX_FALLOS - 1):
        with pytest.raises(usuarios.AccesoDenegado):
            usuarios.autenticar(motor, "ana", "equivocada!", T0)
    usuarios.autenticar(motor, "ana", CLAVE, T0)
    with pytest.raises(usuarios.AccesoDenegado, match="incorrectos"):
        usuarios.autenticar(motor, "ana", "equivocada!", T0)


def test_usuario_inexistente_misma_respuesta(motor: sa.Engine) -> None:
    with pytest.raises(usuarios.AccesoDenegado) as nadie:
        usuarios.autenticar(motor, "nadie", CLAVE, T0)
    with pytest.raises(usuarios.AccesoDenegado) as mala:
        usuarios.autenticar(motor, "ana", "equivocada!", T0)
    assert str(nadie.value) == str(mala.value)


def test_sesion_caduca_por_inactividad_y_por_tiempo(motor: sa.Engine) -> None:
    token = sesiones.abrir(motor, "ana", T0)
    assert sesiones.sesion_valida(motor, {sesiones.COOKIE_SESION: token}, T0) == "ana"
    assert sesiones.sesion_valida(motor, {sesiones.COOKIE_SESION: token + "x"}, T0) is None
    # Used every 20 minutes it lives until the absolute limit.
    momento = T0
    while momento + dt.timedelta(minutes=20) < T0 + dt.timedelta(hours=sesiones.HORAS_MAXIMAS):
        momento += dt.timedelta(minutes=20)
        assert sesiones.sesion_valida(motor, {sesiones.COOKIE_SESION: token}, momento) == "ana"
    assert sesiones.sesion_valida(motor, {sesiones.COOKIE_SESION: token}, T0 + dt.timedelta(hours=10)) is None
    otra = sesiones.abrir(motor, "ana", T0)
    assert sesiones.sesion_valida(motor, {sesiones.COOKIE_SESION: otra}, T0 + dt.timedelta(minutes=31)) is None


def test_bloquear_termina_las_sesiones(motor: sa.Engine) -> None:
    token = sesiones.abrir(motor, "ana", T0)
    usuarios.bloquear(motor, "ana")
    assert sesiones.sesion_valida(motor, {sesiones.COOKIE_SESION: token}, T0) is None
    with motor.connect() as conexion:
        guardado = conexion.execute(sa.select(mc.sesion_consola.c.token_hash)).scalars().all()
    assert token not in guardado  # only the digest would ever be stored


def test_entrar_barre_las_sesiones_caducas(motor: sa.Engine) -> None:
    vieja = sesiones.abrir(motor, "ana", T0)
    viva = sesiones.abrir(motor, "ana", T0 + dt.timedelta(minutes=20))
    sesiones.abrir(motor, "ana", T0 + dt.timedelta(minutes=40))
    with motor.connect() as conexion:
        assert conexion.execute(sa.select(sa.func.count()).select_from(mc.sesion_consola)).scalar_one() == 2
    momento = T0 + dt.timedelta(minutes=41)
    assert sesiones.sesion_valida(motor, {sesiones.COOKIE_SESION: viva}, momento) == "ana"
    assert sesiones.sesion_valida(motor, {sesiones.COOKIE_SESION: vieja}, momento) is None
