"""Administración › «Nuevo ejercicio»: the draft, its pending concepts and the two-person publication.

No Qt here: every call runs in the worker thread. ``construir_borrador`` reports progress through the
callback it is given (the controller passes a Qt signal's ``emit``, safe from another thread).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from jerez_pos.gui.servicios_base import ContextoServicios

if TYPE_CHECKING:
    from jerez_pos.catalogo.borrador.revision import Forma, Pendiente, Preparado
    from jerez_pos.ledger.ejercicio import Aprobacion, Preparacion


class ServiciosEjercicio(ContextoServicios):
    def ejercicio_siguiente(self) -> int:
        return max(c.ejercicio for c in self.terminal.motor.catalogos) + 1

    def construir_borrador(
        self, ley: Path, ejercicio: int, carpeta: Path, avance: Callable[[int, str], None]
    ) -> Preparado:
        """The draft of ``ejercicio`` from the law's text, on the newest catalog stored in this terminal."""
        from jerez_pos.catalogo.borrador.revision import construir
        from jerez_pos.ledger.ejercicio import exportar_vigente

        self._sesion().exigir("preparar el catálogo de un ejercicio nuevo", "administrador")
        with tempfile.TemporaryDirectory(prefix="jerez-base-") as temporal:
            base = exportar_vigente(self.terminal, Path(temporal))
            return construir(ley, base, ejercicio, carpeta, avance)

    def pendientes_borrador(self, carpeta: Path) -> list[Pendiente]:
        from jerez_pos.catalogo.borrador.revision import pendientes

        return pendientes(carpeta)

    def forma_pendiente(self, carpeta: Path, pendiente: Pendiente) -> Forma:
        from jerez_pos.catalogo.borrador.revision import forma_de

        return forma_de(carpeta, pendiente)

    def aplicar_forma(self, carpeta: Path, pendiente: Pendiente, forma: Forma, ejercicio: int) -> list[str]:
        """Empty when the shape was written; otherwise every problem the catalog loader found."""
        from jerez_pos.catalogo.borrador.revision import aplicar_forma
        from jerez_pos.ledger import tarifas

        self._sesion().exigir("definir conceptos del catálogo", "administrador")
        return aplicar_forma(carpeta, pendiente, forma, tarifas.tabla_uma(self.terminal.bd), ejercicio)

    def preparar_publicacion(self, carpeta: Path) -> Preparacion:
        from jerez_pos.ledger import ejercicio

        return ejercicio.preparar(self.terminal, self._sesion(), carpeta)

    def aprobar_publicacion(self, preparacion: Preparacion, usuario: str, contrasena: str) -> Publicada:
        """The second person's approval. With a central server set, the catalog then goes to the central's
        publication flow (pending there until a treasury user approves it); if it can't be sent, the local
        publication stands and the zip is left to upload by hand."""
        from jerez_pos.core.errores import ErrorJerez
        from jerez_pos.ledger import ejercicio
        from jerez_pos.printing.ajustes import Ajustes, url_central
        from jerez_pos.sync import publicacion

        inscrita = bool(url_central(self.terminal.directorio, Ajustes()))
        aprobacion = ejercicio.aprobar(self.terminal, preparacion, usuario, contrasena, enviar_a_central=inscrita)
        if aprobacion.paquete is None:
            return Publicada(aprobacion)
        try:
            central = publicacion.enviar(self.terminal, aprobacion.paquete, aprobacion.preparo, aprobacion.aprobo)
        except ErrorJerez as exc:
            return Publicada(aprobacion, aviso_central=str(exc))
        return Publicada(aprobacion, central_id=central)


@dataclass(frozen=True)
class Publicada:
    aprobacion: Aprobacion
    central_id: int | None = None  # the pending publication's number at the central
    aviso_central: str = ""  # why it could not be sent (the zip stays in publicaciones/)
