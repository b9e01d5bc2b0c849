"""``restaurar ARCHIVO`` through the real command: only this terminal's backup, an audited migration, and a
live ledger that is missing, empty or damaged (the administrator is then checked against the backup)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from apoyo import CLAVE, Libro, nuevo_libro
from test_cli_libro import correr

from jerez_pos import config
from jerez_pos.ledger import demo, identidad, recibos, respaldo, usuarios
from jerez_pos.ledger.pagos import Pago
from jerez_pos.ledger.terminal import Terminal

ADMIN = {"JEREZ_POS_USUARIO": "admin", "JEREZ_POS_CONTRASENA": CLAVE}
CAJERA = {"JEREZ_POS_USUARIO": "ana", "JEREZ_POS_CONTRASENA": CLAVE}


def _libro_con_respaldo(directorio: Path, recibos_antes: int = 2) -> tuple[Libro, Path]:
    libro = nuevo_libro(directorio)
    for _ in range(recibos_antes):
        recibos.cobrar(libro.terminal, libro.cajero, [("A85-II", {})], [Pago("efectivo", Decimal("200"))])
    copia = respaldo.respaldar(libro.terminal.bd, libro.admin, directorio.parent / f"usb-{directorio.name}")
    libro.terminal.bd.dispose()
    return libro, copia


def _auditoria(home: Path) -> list[tuple[str, str, dict[str, object]]]:
    conexion = sqlite3.connect(config.ruta_bd(home))
    try:
        filas = conexion.execute("SELECT usuario, accion, detalle FROM auditoria ORDER BY id").fetchall()
    finally:
        conexion.close()
    return [(u, a, json.loads(d) if d.startswith("{") else {}) for u, a, d in filas]


def _estado(home: Path) -> tuple[object, ...]:
    conexion = sqlite3.connect(config.ruta_bd(home))
    try:
        return (
            conexion.execute("SELECT serie, llave_publica, demo FROM terminal").fetchall(),
            conexion.execute("SELECT serie, numero, hash FROM recibo ORDER BY id").fetchall(),
        )
    finally:
        conexion.close()


def _cobro_cli(home: Path) -> str:
    cobro = correr(home, "cobrar", "A85-II", "--pago", "efectivo=200", "--json", **CAJERA)
    assert cobro.returncode == 0, cobro.stderr
    return str(json.loads(cobro.stdout)["folio"])


def _una_linea(resultado) -> str:  # type: ignore[no-untyped-def]
    assert resultado.returncode == 2, resultado.stdout + resultado.stderr
    lineas = resultado.stderr.strip().splitlines()
    assert len(lineas) == 1 and "Traceback" not in resultado.stderr, resultado.stderr
    return str(lineas[0])


def test_respaldo_de_otra_terminal_se_rechaza_y_nada_cambia(tmp_path: Path) -> None:
    _, propia = _libro_con_respaldo(tmp_path / "a")
    otra = nuevo_libro(tmp_path / "b")
    ajena = respaldo.respaldar(otra.terminal.bd, otra.admin, tmp_path / "usb-b")
    demo_home = tmp_path / "demo"
    terminal_demo = Terminal(demo_home, respaldo_diario=False)
    list(demo.emitir(terminal_demo, demo.preparar(terminal_demo), 2, 1))
    admin_demo = usuarios.autenticar(terminal_demo.bd, "demo-admin", demo.CONTRASENA)
    de_demo = respaldo.respaldar(terminal_demo.bd, admin_demo, tmp_path / "usb-demo")
    antes = _estado(tmp_path / "a")
    for archivo in (ajena, de_demo):
        linea = _una_linea(correr(tmp_path / "a", "restaurar", str(archivo), **ADMIN))
        assert "no se restauró" in linea and "JRZ1" in linea
    assert "demostración" in _una_linea(correr(tmp_path / "a", "restaurar", str(de_demo), **ADMIN))
    assert _estado(tmp_path / "a") == antes  # only the logins were added to its audit
    assert _cobro_cli(tmp_path / "a") == "JRZ1-3"  # still signs with its own key
    # The reverse: a real backup on the demo terminal.
    linea = _una_linea(
        correr(demo_home, "restaurar", str(propia), JEREZ_POS_USUARIO="demo-admin", JEREZ_POS_CONTRASENA="demo")
    )
    assert "demostración" in linea


def test_mudanza_de_terminal_con_motivo_y_llave_queda_auditada(tmp_path: Path) -> None:
    _, vieja = _libro_con_respaldo(tmp_path / "vieja")
    nueva = nuevo_libro(tmp_path / "nueva")  # the new PC was set up as a terminal of its own
    nueva.terminal.bd.dispose()
    llave = tmp_path / "vieja" / identidad.ARCHIVO_LLAVE
    sin_motivo = correr(tmp_path / "nueva", "restaurar", str(vieja), "--migrar-terminal", **ADMIN)
    assert "--motivo" in _una_linea(sin_motivo)
    sin_llave = correr(
        tmp_path / "nueva", "restaurar", str(vieja), "--migrar-terminal", "--motivo", "equipo nuevo", **ADMIN
    )
    assert "--llave" in _una_linea(sin_llave)
    otra_llave = tmp_path / "nueva" / identidad.ARCHIVO_LLAVE
    mala = correr(
        tmp_path / "nueva", "restaurar", str(vieja), "--migrar-terminal", "--motivo", "equipo nuevo", "--llave",
        str(otra_llave), **ADMIN,
    )  # fmt: skip
    assert "no es la llave" in _una_linea(mala)
    hecho = correr(
        tmp_path / "nueva", "restaurar", str(vieja), "--migrar-terminal", "--motivo", "equipo nuevo de la caja 1",
        "--llave", str(llave), **ADMIN,
    )  # fmt: skip
    assert hecho.returncode == 0, hecho.stderr
    assert _cobro_cli(tmp_path / "nueva") == "JRZ1-3"  # signs as the migrated terminal
    eventos = _auditoria(tmp_path / "nueva")
    migracion = [d for _, a, d in eventos if a == "migración de terminal"]
    assert migracion and migracion[0]["migracion"] == "equipo nuevo de la caja 1"
    assert any(a == "restauración" and d.get("autenticado_en") == "libro" for _, a, d in eventos)
    assert list((tmp_path / "nueva").glob(f"{identidad.ARCHIVO_LLAVE}.antes-*"))  # the old key kept
    assert correr(tmp_path / "nueva", "verificar").returncode == 0


def _vacia(ruta: Path) -> None:
    ruta.write_bytes(b"")


def _malformada(ruta: Path) -> None:
    datos = bytearray(ruta.read_bytes())
    datos[4096 : 4096 * 3] = b"\xa5" * (4096 * 2)
    ruta.write_bytes(bytes(datos))


def _sin_archivo(ruta: Path) -> None:
    ruta.unlink()


@pytest.mark.parametrize("danar", [_vacia, _malformada, _sin_archivo])
def test_restaura_sobre_base_danada_autenticando_con_el_respaldo(tmp_path: Path, danar) -> None:  # type: ignore[no-untyped-def]
    home = tmp_path / "home"
    _, copia = _libro_con_respaldo(home)
    for sufijo in ("-wal", "-shm"):
        Path(f"{config.ruta_bd(home)}{sufijo}").unlink(missing_ok=True)
    danar(config.ruta_bd(home))
    mala = correr(home, "restaurar", str(copia), JEREZ_POS_USUARIO="admin", JEREZ_POS_CONTRASENA="otra")
    assert "incorrectos" in _una_linea(mala)
    cajera = correr(home, "restaurar", str(copia), **CAJERA)
    assert "administrador" in _una_linea(cajera)
    hecho = correr(home, "restaurar", str(copia), **ADMIN)
    assert hecho.returncode == 0, hecho.stderr
    assert "se autenticó con el respaldo" in hecho.stdout
    assert correr(home, "verificar").returncode == 0
    eventos = _auditoria(home)
    assert any(a == "restauración" and d.get("autenticado_en") == "respaldo" for _, a, d in eventos)
    assert _cobro_cli(home) == "JRZ1-3"


def test_base_sana_autentica_con_ella_misma(tmp_path: Path) -> None:
    home = tmp_path / "home"
    libro, copia = _libro_con_respaldo(home)
    usuarios.restablecer(libro.terminal.bd, libro.admin, "admin", "nueva-clave")
    libro.terminal.bd.dispose()
    vieja = correr(home, "restaurar", str(copia), **ADMIN)  # the backup's password does not rule a healthy ledger
    assert "incorrectos" in _una_linea(vieja)
    hecho = correr(home, "restaurar", str(copia), JEREZ_POS_USUARIO="admin", JEREZ_POS_CONTRASENA="nueva-clave")
    assert hecho.returncode == 0, hecho.stderr
    resguardo = next((home / "respaldos").glob("antes-de-restaurar-*.sqlite3"))
    assert respaldo.revisar_copia(resguardo) == "ok"


def test_mensaje_de_base_danada_apunta_a_una_orden_que_funciona(tmp_path: Path) -> None:
    home = tmp_path / "home"
    _, copia = _libro_con_respaldo(home)
    shutil.copy(copia, tmp_path / "copia.sqlite3")
    _malformada(config.ruta_bd(home))
    linea = _una_linea(correr(home, "cobrar", "A85-II", "--pago", "efectivo=200", **CAJERA))
    assert "está dañado" in linea and "«jerez-pos restaurar ARCHIVO»" in linea
    assert correr(home, "restaurar", str(tmp_path / "copia.sqlite3"), **ADMIN).returncode == 0
    assert _cobro_cli(home) == "JRZ1-3"


def test_respaldo_de_un_programa_mas_nuevo_no_reemplaza_nada(tmp_path: Path) -> None:
    home = tmp_path / "home"
    _, copia = _libro_con_respaldo(home)
    conexion = sqlite3.connect(copia)
    conexion.execute("UPDATE alembic_version SET version_num = '9999'")
    conexion.commit()
    conexion.close()
    antes = _estado(home)
    linea = _una_linea(correr(home, "restaurar", str(copia), **ADMIN))
    assert "más nuevo que este programa" in linea
    assert _estado(home) == antes and _cobro_cli(home) == "JRZ1-3"
