"""The worker: one thread, calls in order, results and errors by signal, stale work replaced."""

from __future__ import annotations

import threading

from jerez_pos.gui.trabajador import Trabajador


def test_orden_errores_y_reemplazo(qtbot):
    trabajador = Trabajador()
    hilos, resultados, errores = set(), [], []
    evento = threading.Event()

    def lento():
        evento.wait(5)
        return "lento"

    trabajador.enviar(lento, resultados.append)
    for n in range(5):
        trabajador.enviar(lambda n=n: hilos.add(threading.get_ident()) or n, resultados.append, etiqueta="buscar")
    trabajador.enviar(lambda: 1 / 0, al_fallar=lambda e, t: errores.append((e, t)))
    evento.set()
    qtbot.waitUntil(lambda: trabajador.pendientes == 0, timeout=5000)
    assert resultados == ["lento", 4]  # the older searches were replaced before they ran
    assert hilos and threading.get_ident() not in hilos
    assert isinstance(errores[0][0], ZeroDivisionError) and "Traceback" in errores[0][1]
    trabajador.detener()
