"""A writer, a sync reader and a report reader at once: nobody ever sees "database is locked"."""

from __future__ import annotations

import threading
from decimal import Decimal

from apoyo import Libro

from jerez_pos.ledger import corte, recibos, reportes
from jerez_pos.ledger.comun import reloj_sistema
from jerez_pos.ledger.lectura import leer
from jerez_pos.ledger.pagos import Pago


def test_escritor_y_lectores_simultaneos(libro: Libro) -> None:
    errores: list[BaseException] = []
    listo = threading.Event()
    vistos: list[int] = []

    def protegido(funcion):  # type: ignore[no-untyped-def]
        def envoltura() -> None:
            try:
                funcion()
            except BaseException as exc:
                errores.append(exc)
                listo.set()

        return envoltura

    @protegido
    def escritor() -> None:
        for _ in range(150):
            recibos.cobrar(libro.terminal, libro.cajero, [("A85-II", {})], [Pago("efectivo", Decimal("200"))])
        listo.set()

    @protegido
    def sincronizador() -> None:  # what the sync issue will do: read the outbox and the receipts
        while not listo.is_set():
            with leer(libro.terminal.bd) as c:
                filas = c.execute(
                    "SELECT o.ref_id, r.hash FROM outbox o JOIN recibo r ON r.id = o.ref_id "
                    "WHERE o.tipo = 'recibo' ORDER BY o.id"
                ).fetchall()
                vistos.append(len(filas))

    @protegido
    def reportero() -> None:
        while not listo.is_set():
            reportes.dia(libro.terminal.bd, libro.supervisor, reloj_sistema().date())
            corte.preliminar(libro.terminal.bd, libro.cajero)

    hilos = [threading.Thread(target=f) for f in (escritor, sincronizador, reportero)]
    for hilo in hilos:
        hilo.start()
    for hilo in hilos:
        hilo.join(timeout=120)
    assert errores == []
    assert vistos and vistos == sorted(vistos)  # snapshots only ever grow
    assert corte.preliminar(libro.terminal.bd, libro.cajero).recibos == 150
