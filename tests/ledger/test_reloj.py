"""The clock: read under the write lock, a few seconds of jitter tolerated without dating backwards, a
future-dated link or a jumped clock refused until a supervisor's signed liberación, checked by ``verificar``."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from apoyo import CLAVE, Libro, Reloj, nuevo_libro
from sqlalchemy import text
from test_cli_libro import correr

from jerez_pos import config
from jerez_pos.ledger import identidad, recibos, reloj, usuarios
from jerez_pos.ledger.comun import EstadoInvalido, SinPermiso
from jerez_pos.ledger.pagos import Pago
from jerez_pos.ledger.terminal import Terminal
from jerez_pos.ledger.verificacion import todo_bien, verificar

ACTA = ("A85-II", {})
EFECTIVO = [Pago("efectivo", Decimal("200"))]


def _llave(libro: Libro):  # type: ignore[no-untyped-def]
    return identidad.llave_privada(libro.terminal.directorio, identidad.exigir_identidad(libro.terminal.bd))


def _cobrar(libro: Libro, momento: Reloj) -> recibos.Emitido:
    return recibos.cobrar(libro.terminal, libro.cajero, [ACTA], EFECTIVO, reloj=momento)


def test_segundos_de_diferencia_no_fechan_hacia_atras(libro: Libro) -> None:
    momento = Reloj(dt.datetime(2026, 3, 1, 12, 0, 10))
    assert _cobrar(libro, momento).fecha == "2026-03-01T12:00:10"
    momento.ahora = dt.datetime(2026, 3, 1, 12, 0, 7)  # another process's clock, 3 s behind
    assert _cobrar(libro, momento).fecha == "2026-03-01T12:00:10"
    momento.ahora = dt.datetime(2026, 3, 1, 12, 0, 4)  # beyond the tolerance: a clock that went back
    with pytest.raises(recibos.RelojAtrasado, match="reloj liberar"):
        _cobrar(libro, momento)
    assert todo_bien(verificar(libro.terminal.bd))


def test_recibo_a_futuro_no_bloquea_para_siempre(libro: Libro) -> None:
    futuro = Reloj(dt.datetime(2099, 1, 1, 9, 0))
    hoy = Reloj(dt.datetime(2026, 3, 2, 10, 0))
    _cobrar(libro, futuro)  # the first receipt has nothing to be compared with: a clock set to 2099
    with pytest.raises(recibos.RelojAtrasado):
        _cobrar(libro, hoy)
    with pytest.raises(recibos.RelojAtrasado):  # voids are chained too
        recibos.anular(libro.terminal, libro.supervisor, "JRZ1-1", "error de captura", reloj=hoy)
    with pytest.raises(SinPermiso):
        reloj.liberar(libro.terminal.bd, _llave(libro), libro.cajero, "la hora es buena", reloj=hoy)
    with pytest.raises(Exception, match="--motivo"):
        reloj.liberar(libro.terminal.bd, _llave(libro), libro.supervisor, " ", reloj=hoy)
    from jerez_pos.diagnostico import diagnostico

    ruta = config.ruta_bd(libro.terminal.directorio)
    assert diagnostico.reloj(ruta, hoy.ahora).veredicto is diagnostico.Veredicto.MAL
    hecho = reloj.liberar(libro.terminal.bd, _llave(libro), libro.supervisor, "reloj corregido hoy", reloj=hoy)
    assert diagnostico.reloj(ruta, hoy.ahora).veredicto is diagnostico.Veredicto.BIEN  # the same rule as charging
    assert (hecho.eslabon, hecho.fecha_punta, hecho.fecha) == (1, "2099-01-01T09:00:00", "2026-03-02T10:00:00")
    assert _cobrar(libro, hoy).fecha == "2026-03-02T10:00:00"
    assert recibos.anular(libro.terminal, libro.supervisor, "JRZ1-1", "error de captura", reloj=hoy) == "JRZ1-1"
    with pytest.raises(recibos.RelojAtrasado):  # the liberación covered one link, not every later time
        _cobrar(libro, Reloj(dt.datetime(2026, 3, 2, 9, 0)))
    resultado = verificar(libro.terminal.bd)
    assert todo_bien(resultado), resultado["detalle"]
    with libro.terminal.bd.connect() as conexion:
        acciones = [f[0] for f in conexion.execute(text("SELECT accion FROM auditoria"))]
        assert "liberación del reloj" in acciones
        with pytest.raises(Exception, match="solo anexar"):
            conexion.execute(text("UPDATE reloj_liberacion SET fecha = '2026-01-01T00:00:00'"))
        with pytest.raises(Exception, match="solo anexar"):
            conexion.execute(text("DELETE FROM reloj_liberacion"))


def test_sin_nada_que_liberar_se_rechaza(libro: Libro) -> None:
    momento = Reloj(dt.datetime(2026, 3, 1, 9, 0))
    _cobrar(libro, momento)
    with pytest.raises(EstadoInvalido, match="nada que liberar"):
        reloj.liberar(libro.terminal.bd, _llave(libro), libro.supervisor, "por si acaso", reloj=momento)


def test_reloj_muy_adelantado_requiere_supervisor(libro: Libro, tmp_path: Path) -> None:
    _cobrar(libro, Reloj(dt.datetime(2026, 3, 1, 9, 0)))
    adelantado = Reloj(dt.datetime(2026, 4, 16, 9, 0))  # 46 days later
    with pytest.raises(reloj.RelojAdelantado, match="45 días"):
        _cobrar(libro, adelantado)
    reloj.liberar(libro.terminal.bd, _llave(libro), libro.supervisor, "volvimos de vacaciones", reloj=adelantado)
    assert _cobrar(libro, adelantado).fecha == "2026-04-16T09:00:00"
    assert todo_bien(verificar(libro.terminal.bd))
    # The limit is a setting of the data home.
    (libro.terminal.directorio / "ajustes.toml").write_text("[reloj]\ndias_adelanto = 90\n", encoding="utf-8")
    assert _cobrar(libro, Reloj(dt.datetime(2026, 7, 10, 9, 0))).folio == "JRZ1-3"
    (libro.terminal.directorio / "ajustes.toml").write_text("[reloj]\ndias_adelanto = 0\n", encoding="utf-8")
    with pytest.raises(Exception, match="dias_adelanto"):
        _cobrar(libro, Reloj(dt.datetime(2026, 7, 10, 9, 1)))


def test_fecha_hacia_atras_sin_liberacion_rompe_la_verificacion(libro: Libro) -> None:
    _cobrar(libro, Reloj(dt.datetime(2026, 3, 1, 9, 0)))
    _cobrar(libro, Reloj(dt.datetime(2026, 3, 1, 9, 5)))
    ruta = config.ruta_bd(libro.terminal.directorio)
    libro.terminal.bd.dispose()
    conexion = sqlite3.connect(ruta)
    conexion.row_factory = sqlite3.Row
    try:
        assert reloj.revisar_orden(conexion, identidad.exigir_identidad(libro.terminal.bd)) == []
        # A liberación whose signature does not verify authorizes nothing: forge one with another key.
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        conexion.execute("DROP TRIGGER recibo_sin_update")
        conexion.execute("UPDATE recibo SET fecha = '2026-03-01T08:00:00' WHERE numero = 2")
        punta = conexion.execute("SELECT hash FROM recibo WHERE numero = 1").fetchone()[0]
        conexion.execute(
            "INSERT INTO reloj_liberacion (eslabon, hash_punta, fecha_punta, fecha, supervisor_id, motivo, firma) "
            "VALUES (1, ?, '2026-03-01T09:00:00', '2026-03-01T08:00:00', 1, 'falsa', ?)",
            (punta, Ed25519PrivateKey.generate().sign(b"x")),
        )
        conexion.commit()
        fallas = reloj.revisar_orden(conexion, identidad.exigir_identidad(libro.terminal.bd))
    finally:
        conexion.close()
    assert len(fallas) == 1 and "sin una liberación del reloj firmada" in fallas[0]


def _cobrar_en_bucle(home: str, usuario: str, veces: int, salida: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    from argon2 import PasswordHasher

    usuarios.HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    terminal = Terminal(Path(home), respaldo_diario=False)
    sesion = usuarios.autenticar(terminal.bd, usuario, CLAVE)
    errores = []
    for _ in range(veces):
        try:
            recibos.cobrar(terminal, sesion, [ACTA], EFECTIVO)
        except Exception as exc:  # every failure is reported to the test
            errores.append(f"{type(exc).__name__}: {exc}")
    salida.put(errores)


def test_dos_procesos_cobrando_nunca_ven_reloj_atrasado(tmp_path: Path) -> None:
    libro = nuevo_libro(tmp_path / "home")
    libro.terminal.bd.dispose()
    contexto = multiprocessing.get_context("spawn")
    salida = contexto.Queue()
    procesos = [
        contexto.Process(target=_cobrar_en_bucle, args=(str(tmp_path / "home"), nombre, 60, salida))
        for nombre in ("ana", "beto")
    ]
    for proceso in procesos:
        proceso.start()
    errores = [salida.get(timeout=300) for _ in procesos]
    for proceso in procesos:
        proceso.join(timeout=60)
    assert errores == [[], []]
    resultado = verificar(libro.terminal.bd)
    assert todo_bien(resultado) and resultado["recibos"] == 120


def test_cli_recibo_a_futuro_y_liberacion(tmp_path: Path) -> None:
    home = tmp_path / "home"
    libro = nuevo_libro(home)
    recibos.cobrar(
        libro.terminal, libro.cajero, [ACTA], EFECTIVO, reloj=Reloj(dt.datetime.now() + dt.timedelta(days=3))
    )
    libro.terminal.bd.dispose()
    cajera = {"JEREZ_POS_USUARIO": "ana", "JEREZ_POS_CONTRASENA": CLAVE}
    cobro = correr(home, "cobrar", "A85-II", "--pago", "efectivo=200", **cajera)
    assert cobro.returncode == 2 and len(cobro.stderr.strip().splitlines()) == 1
    assert "reloj liberar" in cobro.stderr and "Traceback" not in cobro.stderr
    negado = correr(home, "reloj", "liberar", "--motivo", "hora correcta", **cajera)
    assert negado.returncode == 2 and "supervisor" in negado.stderr
    sin_motivo = correr(home, "reloj", "liberar", "--motivo", "x", JEREZ_POS_USUARIO="sara", JEREZ_POS_CONTRASENA=CLAVE)
    assert sin_motivo.returncode == 2 and "--motivo" in sin_motivo.stderr
    hecho = correr(
        home, "reloj", "liberar", "--motivo", "hora correcta", JEREZ_POS_USUARIO="sara", JEREZ_POS_CONTRASENA=CLAVE
    )
    assert hecho.returncode == 0, hecho.stderr
    otra = correr(
        home, "reloj", "liberar", "--motivo", "hora correcta", JEREZ_POS_USUARIO="sara", JEREZ_POS_CONTRASENA=CLAVE
    )
    assert otra.returncode == 2 and "nada que liberar" in otra.stderr
    cobro = correr(home, "cobrar", "A85-II", "--pago", "efectivo=200", **cajera)
    assert cobro.returncode == 0, cobro.stderr
    assert correr(home, "verificar").returncode == 0
