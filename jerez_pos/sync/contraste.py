"""Syncing the terminal's ledger: acknowledgements checked against the ledger, the ledger against central.

Before each run (``SincronizadorLibro.sincronizar``):
1. ``AlmacenLibro.reconciliar`` drops acknowledgements whose outbox row no longer carries the acknowledged
   link (a restore happened), so receipts charged since are sent, never taken as already sent.
2. Central's high-water mark for this terminal (``GET /v1/estado``: ``ultima_secuencia``, ``ultimo_hash``) is
   compared with the ledger. Central ahead of the ledger means central holds receipts this ledger lost (an
   older backup was restored): the cashier is told to run ``restaurar --ultimo`` and nothing is sent, since
   what the ledger holds under those sequences now is other content. A different hash at central's last
   sequence is a fork: told the same way, nothing sent. Offline, or an older central without the mark: the
   batches go as before (central refuses conflicting content on its own and records it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from jerez_pos.core.texto import cantidad
from jerez_pos.sync.cliente import Resultado, SinConexion, Sincronizador
from jerez_pos.sync.libro import AlmacenLibro

RUTA_ESTADO = "/v1/estado"
ORDEN_RECUPERAR = "jerez-pos restaurar --ultimo"


@dataclass
class ResultadoLibro(Resultado):
    desacuerdo: str | None = None  # the ledger disagrees with central: nothing was sent
    reconciliados: int = 0  # acknowledgements dropped because the ledger changed under them

    def a_dict(self) -> dict[str, int]:
        datos: dict[str, int] = {**super().a_dict(), "reconciliados": self.reconciliados}
        return datos


def comparar(punta_libro: int, hash_en: Callable[[int], bytes | None], central: dict[str, object]) -> str | None:
    """The cashier's message when ledger and central disagree, or None."""
    secuencia, texto = central.get("ultima_secuencia"), central.get("ultimo_hash")
    if not isinstance(secuencia, int) or isinstance(secuencia, bool) or secuencia <= 0 or not isinstance(texto, str):
        return None
    try:
        hash_central = bytes.fromhex(texto)
    except ValueError:
        return None
    if secuencia > punta_libro:
        return (
            f"sincronización: la central tiene {cantidad(secuencia - punta_libro, 'registro')} de esta terminal "
            f"que este libro ya no tiene (la central llega al eslabón {secuencia}, el libro al {punta_libro}); "
            f"se restauró un respaldo anterior. Recupere lo perdido con «{ORDEN_RECUPERAR}»; no se envió nada"
        )
    if hash_en(secuencia) != hash_central:
        return (
            f"sincronización: el eslabón {secuencia} de este libro no es el que tiene la central (otro contenido "
            f"con el mismo número); recupere el libro con «{ORDEN_RECUPERAR}» y avise a la tesorería; no se envió nada"
        )
    return None


class SincronizadorLibro(Sincronizador):
    almacen: AlmacenLibro

    def contrastar(self) -> str | None:
        try:
            respuesta = self.solicitar("GET", RUTA_ESTADO)
        except SinConexion:
            return None
        datos = respuesta.json() if respuesta.estado == 200 else None
        if not isinstance(datos, dict):
            return None
        return comparar(self.almacen.punta(), self.almacen.hash_en, datos)

    def sincronizar(
        self, max_lotes: int | None = None, al_lote: Callable[[Resultado], None] | None = None
    ) -> ResultadoLibro:
        reconciliados = self.almacen.reconciliar()
        desacuerdo = self.contrastar()
        if desacuerdo is not None:
            resultado = ResultadoLibro(error=desacuerdo, desacuerdo=desacuerdo, reconciliados=reconciliados)
            resultado.pendientes = self.almacen.cuantos_pendientes()
            return resultado
        base = super().sincronizar(max_lotes, al_lote)
        return ResultadoLibro(**vars(base), reconciliados=reconciliados)
