"""Refusing code guessing: after a few wrong enrollment codes from one client address, that address waits.

In memory, per server process (the central runs one): a restart forgets the count, which costs a guesser
nothing it could use; a 100-bit code is out of reach anyway. What the limit buys is that a scan shows up as
a stream of 429s instead of thousands of cheap tries. The address is uvicorn's ``request.client``: behind a
trusted reverse proxy (``FORWARDED_ALLOW_IPS``) it is the forwarded one; behind an untrusted one every
terminal shares the proxy's address and the limit, which is why it is generous to a person typing.
"""

from __future__ import annotations

import datetime as dt
import math
import threading
from collections import OrderedDict, deque

from jerez_pos.central.validacion import ErrorHttp
from jerez_pos.core.texto import cantidad

MAXIMO = 5
VENTANA = dt.timedelta(minutes=15)
MAX_ORIGENES = 10_000  # memory bound: the oldest address is forgotten first


class LimiteIntentos:
    def __init__(self, maximo: int = MAXIMO, ventana: dt.timedelta = VENTANA) -> None:
        self.maximo = maximo
        self.ventana = ventana
        self._fallos: OrderedDict[str, deque[dt.datetime]] = OrderedDict()
        self._cerrojo = threading.Lock()

    def _vigentes(self, origen: str, ahora: dt.datetime) -> deque[dt.datetime]:
        fallos = self._fallos.get(origen, deque())
        while fallos and fallos[0] <= ahora - self.ventana:
            fallos.popleft()
        return fallos

    def revisar(self, origen: str, ahora: dt.datetime) -> None:
        """429 with ``Retry-After`` while ``origen`` has used up its wrong codes in the window."""
        with self._cerrojo:
            fallos = self._vigentes(origen, ahora)
            if len(fallos) < self.maximo:
                return
            espera = max(1, math.ceil((fallos[0] + self.ventana - ahora).total_seconds()))
        minutos = max(1, math.ceil(espera / 60))
        raise ErrorHttp(
            429,
            "codigo",
            f"demasiados códigos de inscripción equivocados desde esta dirección; espere {cantidad(minutos, 'minuto')} "
            "y revise el código con la Tesorería",
            encabezados={"Retry-After": str(espera)},
        )

    def fallo(self, origen: str, ahora: dt.datetime) -> None:
        with self._cerrojo:
            fallos = self._vigentes(origen, ahora)
            fallos.append(ahora)
            self._fallos[origen] = fallos
            self._fallos.move_to_end(origen)
            while len(self._fallos) > MAX_ORIGENES:
                self._fallos.popitem(last=False)
