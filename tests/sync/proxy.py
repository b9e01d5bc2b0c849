"""A hostile TCP relay on loopback for the end-to-end test: each accepted connection gets a fate.

- ``pasar``: relayed both ways; the connection is closed after the first complete reply, so the next request
  of a keep-alive client opens a new connection and meets its own fate.
- ``soltar``: closed at once, before anything reaches the server (a dropped request).
- ``cortar``: the request reaches the server, the reply is cut after a random number of bytes (0 = the reply
  never arrives although the server committed).
- ``matar_antes`` / ``matar_despues``: the server process is killed right after the request was forwarded /
  when its reply starts (so the commit happened and the reply is lost).

Fates come from a seeded ``random.Random``; everything is bounded by socket timeouts.
"""

from __future__ import annotations

import contextlib
import random
import socket
import threading
from collections import Counter
from collections.abc import Callable

DESTINOS = ("pasar", "soltar", "cortar", "matar_antes", "matar_despues")


def _largo_respuesta(inicio: bytes) -> int | None:
    """Length of the first HTTP reply (headers + Content-Length body), once its headers are in."""
    fin = inicio.find(b"\r\n\r\n")
    if fin < 0:
        return None
    for linea in inicio[:fin].split(b"\r\n")[1:]:
        nombre, _, valor = linea.partition(b":")
        if nombre.strip().lower() == b"content-length":
            return fin + 4 + int(valor.strip())
    return None


class Proxy:
    def __init__(
        self,
        puerto_destino: int,
        semilla: int,
        matar: Callable[[], bool],
        pesos: tuple[float, ...] = (0.5, 0.15, 0.2, 0.075, 0.075),
        forzados: dict[int, str] | None = None,
    ) -> None:
        self.puerto_destino = puerto_destino
        self.rng = random.Random(semilla)
        self.matar = matar  # kills the server; False when the test's kill budget is spent
        self.pesos = pesos
        self.forzados = forzados or {}
        self.hostil = True
        self.cuenta: Counter[str] = Counter()
        self._candado = threading.Lock()
        self._n = 0
        self._fin = threading.Event()
        self._escucha = socket.create_server(("127.0.0.1", 0))
        self._escucha.settimeout(0.2)
        self.puerto = int(self._escucha.getsockname()[1])
        self._hilo = threading.Thread(target=self._aceptar, daemon=True)
        self._hilo.start()

    def cerrar(self) -> None:
        self._fin.set()
        self._hilo.join(5)
        self._escucha.close()

    def _destino(self) -> str:
        with self._candado:
            self._n += 1
            if not self.hostil:
                destino = "pasar"
            else:
                destino = self.forzados.get(self._n) or self.rng.choices(DESTINOS, self.pesos)[0]
            self.cuenta[destino] += 1
            return destino

    def _aceptar(self) -> None:
        while not self._fin.is_set():
            try:
                cliente, _ = self._escucha.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self._atender, args=(cliente, self._destino()), daemon=True).start()

    def _atender(self, cliente: socket.socket, destino: str) -> None:
        cliente.settimeout(30)
        if destino == "soltar":
            cliente.close()
            return
        try:
            servidor = socket.create_connection(("127.0.0.1", self.puerto_destino), timeout=30)
        except OSError:
            cliente.close()
            return
        corte = self.rng.randrange(0, 400) if destino == "cortar" else None
        subida = threading.Thread(target=self._subir, args=(cliente, servidor, destino), daemon=True)
        subida.start()
        enviados = 0
        largo: int | None = None
        recibido = b""
        try:
            while True:
                datos = servidor.recv(65536)
                if not datos:
                    break
                if largo is None:
                    recibido += datos
                    largo = _largo_respuesta(recibido)
                if destino == "matar_despues":
                    if not self.matar():
                        self.cuenta["matar_sin_cupo"] += 1
                    break
                if corte is not None and enviados + len(datos) >= corte:
                    cliente.sendall(datos[: corte - enviados])
                    break
                cliente.sendall(datos)
                enviados += len(datos)
                if largo is not None and enviados >= largo:
                    break
        except OSError:
            pass
        finally:
            for extremo in (cliente, servidor):
                with contextlib.suppress(OSError):
                    extremo.shutdown(socket.SHUT_RDWR)
                extremo.close()
        subida.join(5)

    def _subir(self, cliente: socket.socket, servidor: socket.socket, destino: str) -> None:
        try:
            while True:
                datos = cliente.recv(65536)
                if not datos:
                    break
                servidor.sendall(datos)
                if destino == "matar_antes":
                    destino = "pasar"
                    self.matar()
        except OSError:
            pass
        with contextlib.suppress(OSError):
            servidor.shutdown(socket.SHUT_WR)
