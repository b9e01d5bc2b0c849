"""A pretend network printer on the loopback address: answers DLE EOT like a real one, or stays silent."""

from __future__ import annotations

import socket
import threading

DLE_EOT = b"\x10\x04"


class ImpresoraDeRed:
    """Listens on 127.0.0.1 (a free port); ``impresora``/``papel`` are the status bytes it answers, or
    ``None`` to say nothing (a printer without a back channel). Everything else it receives is kept."""

    def __init__(self, impresora: int | None = 0x12, papel: int | None = 0x12) -> None:
        self.impresora, self.papel = impresora, papel
        self.recibido = bytearray()
        self._servidor = socket.create_server(("127.0.0.1", 0))
        self._servidor.settimeout(0.2)
        self.puerto = self._servidor.getsockname()[1]
        self._alto = threading.Event()
        self._hilo = threading.Thread(target=self._atender, daemon=True)
        self._hilo.start()

    def _atender(self) -> None:
        while not self._alto.is_set():
            try:
                cliente, _ = self._servidor.accept()
            except TimeoutError:
                continue
            with cliente:
                cliente.settimeout(0.2)
                self._conversar(cliente)

    def _conversar(self, cliente: socket.socket) -> None:
        for _ in range(200):  # bounded: at most ~40 s per connection
            try:
                datos = cliente.recv(65536)
            except TimeoutError:
                continue
            except OSError:
                return
            if not datos:
                return
            while DLE_EOT in datos:
                inicio = datos.index(DLE_EOT)
                self.recibido += datos[:inicio]
                n = datos[inicio + 2 : inicio + 3]
                respuesta = {b"\x01": self.impresora, b"\x04": self.papel}.get(n)
                if respuesta is not None:
                    cliente.sendall(bytes([respuesta]))
                datos = datos[inicio + 3 :]
            self.recibido += datos

    def cerrar(self) -> None:
        self._alto.set()
        self._hilo.join(timeout=5)
        self._servidor.close()
