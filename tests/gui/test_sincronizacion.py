"""Sync in the status bar: the loop starts after login when a central server is configured, its state
(pending receipts, last sync, error in Spanish) reaches the status bar through the signal bridge, and
"Sincronizar ahora" wakes it. One test runs the real client over the demo ledger against an in-process
central (its HTTP service called directly, no sockets)."""

from __future__ import annotations

import datetime as dt
import hashlib

from PySide6.QtCore import Qt

from jerez_pos import config
from jerez_pos.gui import mensajes as M
from jerez_pos.ledger.identidad import ARCHIVO_LLAVE
from jerez_pos.sync.cliente import Resultado
from tests.gui.teclado import entrar

URL = "http://127.0.0.1:9"  # never contacted: the tests hand the loop their own client


def _fijar_servidor(home, url: str = URL) -> None:
    from jerez_pos.ledger import identidad
    from jerez_pos.ledger.terminal import Terminal
    from jerez_pos.sync.libro import AlmacenLibro

    terminal = Terminal(home, respaldo_diario=False)
    almacen = AlmacenLibro(config.ruta_bd(home), identidad.exigir_identidad(terminal.bd), home)
    almacen.fijar("servidor", url)
    almacen.cerrar()
    terminal.bd.dispose()


class ClienteGuionado:
    """First cycle: the central is unreachable; every later cycle: two batches, then nothing pending."""

    def __init__(self) -> None:
        self.llamadas = 0

    def sincronizar(self, max_lotes=None, al_lote=None) -> Resultado:
        self.llamadas += 1
        if self.llamadas == 1:
            return Resultado(pendientes=3, error="no se pudo contactar a la central: ConnectError")
        if al_lote is not None:
            al_lote(Resultado(enviados=2, confirmados=2, pendientes=1))
        return Resultado(enviados=3, confirmados=3, pendientes=0)


def test_estado_en_la_barra_y_sincronizar_ahora(abrir_escritorio, home_demo, qtbot):
    _fijar_servidor(home_demo)
    app = abrir_escritorio(home_demo)
    control = app.principal.sincronizacion
    cliente = ClienteGuionado()
    control.fabrica = lambda _directorio: lambda: cliente
    control.intervalo = 3600  # only "Sincronizar ahora" can start the second cycle
    v = app.ventana
    assert not control.activa and v.sincronizar.isHidden()
    entrar(app, qtbot, "demo-cajero")
    qtbot.waitUntil(lambda: "Sin sincronizar" in v.estado_sincronizacion.text(), timeout=5000)
    texto = v.estado_sincronizacion.text()
    assert "no se pudo contactar a la central" in texto and "3 pendientes" in texto
    assert v.estado_sincronizacion.property("clase") == "estado-error"
    assert "Última sincronización completa: nunca" in v.estado_sincronizacion.toolTip()
    assert v.sincronizar.isVisible() and cliente.llamadas == 1
    qtbot.mouseClick(v.sincronizar, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: v.estado_sincronizacion.text().startswith("Sincronizado a las"), timeout=5000)
    assert "0 pendientes" in v.estado_sincronizacion.text() and cliente.llamadas == 2
    assert v.estado_sincronizacion.property("clase") == "estado"
    assert control.ultimo is not None and control.ultimo.confirmados == 3
    app.principal.cerrar_sesion()  # receipts still pending must still travel: logout keeps the loop
    assert control.activa
    entrar(app, qtbot, "demo-cajero")  # a second login does not start a second loop
    assert control.activa and cliente.llamadas == 2
    assert control.detener(5) and not control.activa
    assert v.estado_sincronizacion.text() == M.SINCRONIZACION_NO and v.sincronizar.isHidden()


def test_sin_central_no_arranca(cajero, qtbot):
    control = cajero.principal.sincronizacion
    qtbot.waitUntil(lambda: cajero.ventana.estado_sincronizacion.text() == M.SIN_CENTRAL, timeout=5000)
    assert not control.activa and cajero.ventana.sincronizar.isHidden()


def test_error_de_configuracion_en_espanol(abrir_escritorio, home_demo, qtbot):
    """The real client factory over a home whose signing key went missing: the loop survives, says why."""
    _fijar_servidor(home_demo)
    (home_demo / ARCHIVO_LLAVE).unlink()
    app = abrir_escritorio(home_demo)
    app.principal.sincronizacion.intervalo = 3600
    entrar(app, qtbot, "demo-cajero")
    etiqueta = app.ventana.estado_sincronizacion
    qtbot.waitUntil(lambda: "Sin sincronizar" in etiqueta.text(), timeout=10000)
    assert "llave de firma" in etiqueta.toolTip()


def _central_en_proceso(home):
    """A central (SQLite file) with the demo terminal enrolled under its own series and key."""
    from jerez_pos.central import bd
    from jerez_pos.central import modelos as m
    from jerez_pos.central.servicio import Servicio
    from jerez_pos.ledger import identidad
    from jerez_pos.ledger.terminal import Terminal
    from jerez_pos.sync.cliente import RespuestaHttp

    terminal = Terminal(home, respaldo_diario=False)
    ident = identidad.exigir_identidad(terminal.bd)
    terminal.bd.dispose()
    motor = bd.abrir(f"sqlite:///{home / 'central.sqlite3'}")  # a file: parallel batches, one connection each
    m.METADATA.create_all(motor)
    ahora = dt.datetime.now(dt.UTC).isoformat()
    with motor.begin() as conexion:
        conexion.execute(
            m.terminal.insert().values(
                serie=ident.serie,
                delegacion="Demostración",
                codigo_hash=hashlib.sha256(b"prueba").hexdigest(),
                llave_publica=ident.llave_publica,
                estado="activa",
                creada_en=ahora,
                inscrita_en=ahora,
            )
        )
    servicio = Servicio(motor)

    def transporte(metodo, ruta, cuerpo, encabezados):
        r = servicio.atender(metodo, ruta, {}, {k.lower(): v for k, v in encabezados.items()}, cuerpo)
        return RespuestaHttp(r.estado, r.cuerpo, {k.lower(): v for k, v in r.encabezados.items()})

    return motor, transporte


def test_cliente_real_lleva_los_recibos_a_la_central(abrir_escritorio, home_demo, qtbot):
    import sqlalchemy as sa

    from jerez_pos.central import modelos as m
    from jerez_pos.ledger import identidad
    from jerez_pos.ledger.terminal import Terminal
    from jerez_pos.sync.cliente import Sincronizador
    from jerez_pos.sync.libro import AlmacenLibro
    from tests.gui.test_fase2 import _cobrar_acta

    _fijar_servidor(home_demo)
    motor, transporte = _central_en_proceso(home_demo)

    def fabrica(directorio):
        def crear():
            terminal = Terminal(directorio, respaldo_diario=False)
            ident = identidad.exigir_identidad(terminal.bd)
            almacen = AlmacenLibro(config.ruta_bd(directorio), ident, directorio)
            llave = identidad.llave_privada(directorio, ident)
            return Sincronizador(almacen, transporte, llave, ident.serie, espera_tope=0.1)

        return crear

    app = abrir_escritorio(home_demo)
    control = app.principal.sincronizacion
    control.fabrica = fabrica
    control.intervalo = 3600
    entrar(app, qtbot, "demo-cajero")
    etiqueta = app.ventana.estado_sincronizacion
    qtbot.waitUntil(lambda: etiqueta.text().startswith("Sincronizado"), timeout=10000)
    folios = [_cobrar_acta(app, qtbot, nombre) for nombre in ("Ana Ruiz", "Luis Soto")]
    control.sincronizar_ahora()
    qtbot.waitUntil(lambda: control.ultimo is not None and control.ultimo.confirmados >= 2, timeout=10000)
    qtbot.waitUntil(lambda: etiqueta.text().startswith("Sincronizado"), timeout=10000)
    assert "0 pendientes" in etiqueta.text()
    with motor.connect() as conexion:
        en_central = conexion.execute(sa.select(sa.func.count()).select_from(m.registro)).scalar_one()
    assert en_central >= len(folios)
