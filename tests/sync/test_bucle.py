"""The GUI's background sync loop: status snapshots, progress callbacks, failures kept as Spanish text."""

from __future__ import annotations

import datetime as dt
import threading
import time

from fabrica import Fabrica
from simulacion import RedCaprichosa, Reloj, nuevo_motor

from jerez_pos.central import terminales
from jerez_pos.sync.bucle import BucleSincronizacion, EstadoSincronizacion
from jerez_pos.sync.cliente import Resultado, Sincronizador

FECHA = dt.datetime(2024, 6, 1, 10, 0)


def _esperar(condicion, segundos: float = 10.0) -> None:
    limite = time.monotonic() + segundos
    while time.monotonic() < limite:
        if condicion():
            return
        time.sleep(0.01)
    raise AssertionError("la condición no se cumplió a tiempo")


class ClienteGuionado:
    """Answers from a script: an exception, an offline result, then success."""

    def __init__(self) -> None:
        self.guion: list[object] = [
            RuntimeError("la base de la terminal está bloqueada"),
            Resultado(pendientes=4, error="no se pudo contactar a la central: ConnectError"),
            Resultado(enviados=4, confirmados=4, pendientes=0),
        ]
        self.llamadas = 0

    def sincronizar(self, max_lotes=None, al_lote=None) -> Resultado:
        paso = self.guion[min(self.llamadas, len(self.guion) - 1)]
        self.llamadas += 1
        if isinstance(paso, Exception):
            raise paso
        assert isinstance(paso, Resultado)
        if al_lote is not None and paso.confirmados:
            al_lote(Resultado(enviados=2, confirmados=2, pendientes=2))
        return paso


def test_fallas_se_muestran_en_espanol_y_el_bucle_se_recupera():
    cliente = ClienteGuionado()
    vistos: list[EstadoSincronizacion] = []
    bucle = BucleSincronizacion(lambda: cliente, intervalo=0.01, espera_tope=0.02, al_progresar=vistos.append)
    assert bucle.estado().texto() == "Sincronización aún no intentada"
    bucle.iniciar()
    try:
        _esperar(lambda: bucle.estado().ultimo_exito is not None)
    finally:
        assert bucle.detener(5)
    final = bucle.estado()
    assert final.error is None and final.pendientes == 0 and not final.activo and not final.en_curso
    assert final.ultimo_intento is not None and final.ultimo_exito is not None
    errores = [e.error for e in vistos if e.error]
    assert "error al sincronizar: la base de la terminal está bloqueada" in errores
    assert any(e.startswith("no se pudo contactar a la central") for e in errores)
    assert any(e.en_curso and e.confirmados == 2 and e.pendientes == 2 for e in vistos)  # per-batch progress
    assert "Sin sincronizar: no se pudo contactar" in next(e for e in vistos if e.pendientes == 4).texto()
    assert final.texto().startswith("Sincronizado a las ")


def test_detener_es_acotado_y_estado_se_lee_desde_otros_hilos():
    cliente = ClienteGuionado()
    cliente.guion = [Resultado(pendientes=0)]
    bucle = BucleSincronizacion(lambda: cliente, intervalo=3600)
    bucle.iniciar()
    bucle.iniciar()  # a second start is a no-op, not a second thread
    _esperar(lambda: cliente.llamadas == 1)
    lecturas = []
    hilos = [threading.Thread(target=lambda: lecturas.append(bucle.estado())) for _ in range(8)]
    for h in hilos:
        h.start()
    for h in hilos:
        h.join(5)
    assert len(lecturas) == 8
    bucle.sincronizar_ahora()  # wakes the loop from its hour-long sleep
    _esperar(lambda: cliente.llamadas == 2)
    inicio = time.monotonic()
    assert bucle.detener(5)
    assert time.monotonic() - inicio < 2
    assert [t.name for t in threading.enumerate()].count("sincronizacion") == 0


def test_bucle_con_la_central_real_en_proceso_lleva_todo():
    motor = nuevo_motor()
    reloj = Reloj()
    ahora = dt.datetime.fromtimestamp(reloj(), dt.UTC)
    alta = terminales.crear(motor, "Bucle", ahora)
    fabrica = Fabrica(alta.serie)
    terminales.inscribir(motor, alta.codigo, fabrica.publica, ahora)
    for _ in range(23):
        fabrica.recibo(FECHA)
    import random

    red = RedCaprichosa(random.Random(3), motor, reloj, hostil=False)
    vistos: list[EstadoSincronizacion] = []

    def crear() -> Sincronizador:
        # The simulated network is single-threaded: one batch in flight, as in the seeded simulation.
        return Sincronizador(
            fabrica.almacen, red, fabrica.llave, alta.serie, reloj=reloj, tam_lote=5, en_paralelo=False
        )

    bucle = BucleSincronizacion(crear, intervalo=0.01, al_progresar=vistos.append)
    bucle.iniciar()
    try:
        _esperar(lambda: bucle.estado().pendientes == 0 and bucle.estado().ultimo_exito is not None)
    finally:
        bucle.detener(5)
    progreso = [e.confirmados for e in vistos if e.en_curso and e.confirmados]
    assert progreso[:5] == [5, 10, 15, 20, 23]
    assert fabrica.almacen.cuantos_pendientes() == 0
