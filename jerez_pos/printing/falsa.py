"""A printer that fails on purpose: offline, out of paper, unknown status, or dropping the job mid-way.

For tests and for rehearsing the cashier's pending-print workflow without hardware. It behaves like a
network printer (a connection with a back channel), so an unreadable status holds the print.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jerez_pos.printing.conexiones import Destino, Estado, ImpresoraNoDisponible


@dataclass
class ImpresoraFalsa:
    estado_actual: Estado = Estado.EN_LINEA
    falla_al_enviar: bool = False  # status says online, then the cable is pulled
    destino: Destino = field(default_factory=lambda: Destino("red", "impresora-falsa", 9100))
    trabajos: list[bytes] = field(default_factory=list)
    consultas: int = 0

    def estado(self) -> Estado:
        self.consultas += 1
        return self.estado_actual

    def enviar(self, datos: bytes) -> None:
        if self.falla_al_enviar or not self.estado_actual.imprimible:
            raise ImpresoraNoDisponible(f"impresora: se perdió la conexión con {self.destino}")
        self.trabajos.append(datos)
