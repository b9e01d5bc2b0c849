"""One-line operations for Administración and the first-run wizard (no Qt; they run in the worker)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jerez_pos.gui.servicios_ejercicio import ServiciosEjercicio

if TYPE_CHECKING:
    from jerez_pos.catalogo.diferencias import Diferencias
    from jerez_pos.core.uma import ValorUma
    from jerez_pos.ledger.identidad import Identidad
    from jerez_pos.ledger.instalacion import Instalacion
    from jerez_pos.ledger.tarifas import Importacion
    from jerez_pos.ledger.usuarios import Cuenta
    from jerez_pos.printing.ajustes import Ajustes
    from jerez_pos.printing.conexiones import Estado


@dataclass(frozen=True)
class VersionCatalogo:
    id: str
    ejercicio: int
    version: int
    conceptos: int
    giros: int


@dataclass(frozen=True)
class DatosTerminal:
    municipio: str
    delegacion: str
    nombre: str
    serie: str
    demo: bool
    directorio: str
    respaldo: str
    servidor: str


@dataclass(frozen=True)
class Inscripcion:
    servidor: str
    serie: str
    delegacion: str


class ServiciosAdmin(ServiciosEjercicio):
    # -- users -----------------------------------------------------------------------------------------
    def usuarios(self) -> list[Cuenta]:
        from jerez_pos.ledger import usuarios

        return usuarios.listar(self.terminal.bd, self._sesion())

    def crear_usuario(self, usuario: str, rol: str, contrasena: str, nombre: str) -> int:
        from jerez_pos.ledger import usuarios

        return usuarios.crear(self.terminal.bd, usuario, rol, contrasena, por=self._sesion(), nombre=nombre)

    def restablecer(self, usuario: str, contrasena: str) -> None:
        from jerez_pos.ledger import usuarios

        usuarios.restablecer(self.terminal.bd, self._sesion(), usuario, contrasena)

    def desbloquear(self, usuario: str) -> None:
        from jerez_pos.ledger import usuarios

        usuarios.desbloquear(self.terminal.bd, self._sesion(), usuario)

    # -- UMA and catalogs ------------------------------------------------------------------------------
    def tabla_uma(self) -> list[ValorUma]:
        from jerez_pos.ledger import tarifas

        return sorted(tarifas.tabla_uma(self.terminal.bd).valores, key=lambda v: v.anio)

    def importar_uma(self, ruta: Path) -> tuple[int, list[str]]:
        """New versions written, and one warning per year whose published monthly/annual UMA is missing."""
        self._sesion().exigir("cambiar la tabla de UMA", "administrador")
        resultado = self.terminal.importar_uma(ruta, self._sesion().usuario)
        return resultado.nuevos, resultado.avisos

    def catalogos(self) -> list[VersionCatalogo]:
        return [
            VersionCatalogo(c.id, c.ejercicio, c.version, len(c.conceptos), len(c.giros))
            for c in self.terminal.motor.catalogos
        ]

    def diferencias(self, catalogo_id: str) -> Diferencias | None:
        """Against the catalog right before it (by year and version); None for the first one."""
        from jerez_pos.catalogo.diferencias import comparar

        todos = self.terminal.motor.catalogos
        indice = next(i for i, c in enumerate(todos) if c.id == catalogo_id)
        return comparar(todos[indice - 1], todos[indice]) if indice else None

    def importar_catalogo(self, directorio: Path) -> tuple[Importacion, Diferencias | None]:
        sesion = self._sesion()
        sesion.exigir("importar un catálogo", "administrador")
        resultado = self.terminal.importar_catalogo(directorio, sesion.usuario)
        return resultado, self.diferencias(resultado.catalogo)

    # -- terminal, printer, central server -------------------------------------------------------------
    def datos_terminal(self) -> DatosTerminal:
        from jerez_pos.ledger import arranque, identidad

        ident = identidad.exigir_identidad(self.terminal.bd)
        destinos = arranque.destinos_de_respaldo(self.terminal.directorio)
        return DatosTerminal(
            ident.municipio,
            ident.delegacion,
            ident.nombre,
            ident.serie,
            ident.demo,
            str(self.terminal.directorio),
            str(destinos[-1]) if len(destinos) > 1 else "",
            self.servidor(),
        )

    def ajustes_impresora(self) -> Ajustes:
        from jerez_pos.printing import ajustes

        return ajustes.leer(self.terminal.directorio)

    def guardar_impresora(self, destino: str, ancho: int) -> Ajustes:
        from jerez_pos.printing import ajustes

        self._sesion().exigir("configurar la impresora", "administrador")
        nuevos = ajustes.leer(self.terminal.directorio).con(destino.strip() or None, ancho)
        ajustes.guardar(self.terminal.directorio, nuevos)
        return nuevos

    def probar_impresora(self) -> Estado:
        from jerez_pos.printing import servicio

        return servicio.probar(self.terminal)

    def servidor(self) -> str:
        from jerez_pos.printing.ajustes import Ajustes, url_central

        return url_central(self.terminal.directorio, Ajustes()) or ""

    def guardar_servidor(self, url: str) -> None:
        from jerez_pos.core.errores import ErrorEntrada
        from jerez_pos.ledger import auditoria, identidad

        self._sesion().exigir("cambiar el servidor central", "administrador")
        url = url.strip()
        if not url.startswith(("https://", "http://")):
            raise ErrorEntrada("servidor", "escriba la dirección completa, p. ej. https://central.jerez.gob.mx")
        self._fijar_sincronizacion(identidad.exigir_identidad(self.terminal.bd), {"servidor": url})
        auditoria.registrar_aparte(self.terminal.bd, self._sesion().usuario, "servidor central", {"url": url})

    def _fijar_sincronizacion(self, ident: Any, valores: dict[str, str]) -> None:
        from jerez_pos import config
        from jerez_pos.sync.libro import AlmacenLibro

        almacen = AlmacenLibro(config.ruta_bd(self.terminal.directorio), ident, self.terminal.directorio)
        try:
            for clave, valor in valores.items():
                almacen.fijar(clave, valor)
        finally:
            almacen.cerrar()

    def inscribir(self, servidor: str, codigo: str) -> Inscripcion:
        """Enrolls this terminal with the central using the one-time code (the same steps as
        ``jerez-pos registrar``), and records who did it."""
        from jerez_pos.ledger import auditoria
        from jerez_pos.sync.inscripcion import inscribir

        sesion = self._sesion()
        sesion.exigir("inscribir la terminal en la central", "administrador")
        inscrita = inscribir(self.terminal, servidor, codigo)
        detalle = {"url": inscrita.servidor, "serie": inscrita.serie, "delegacion": inscrita.delegacion}
        auditoria.registrar_aparte(self.terminal.bd, sesion.usuario, "inscripción en la central", detalle)
        return Inscripcion(inscrita.servidor, inscrita.serie, inscrita.delegacion)

    # -- backups and audit -----------------------------------------------------------------------------
    def respaldar(self) -> Path:
        from jerez_pos.ledger import arranque, respaldo

        destino = arranque.destinos_de_respaldo(self.terminal.directorio)[-1]
        return respaldo.respaldar(self.terminal.bd, self._sesion(), destino)

    def restaurar(self, archivo: Path) -> Path:
        from jerez_pos.ledger import respaldo

        anterior = respaldo.restaurar(self.terminal.bd, self._sesion(), archivo, self.terminal.directorio / "respaldos")
        self.terminal.olvidar_motor()
        return anterior

    def auditoria(self, limite: int = 300) -> list[dict[str, Any]]:
        from jerez_pos.ledger import auditoria

        self._sesion().exigir("ver la bitácora", "administrador", "supervisor")
        return auditoria.eventos(self.terminal.bd, limite)

    # -- first run -------------------------------------------------------------------------------------
    def necesita_instalacion(self) -> bool:
        from jerez_pos.ledger import instalacion

        return instalacion.necesita_instalacion(self.terminal)

    def instalar(self, datos: Instalacion, servidor: str = "", codigo: str = "") -> Identidad:
        """The wizard's writes. With a central URL and code the terminal's identity (and series) comes from
        enrolling with the central instead of the typed name and series; the administrator's fields are
        checked first, so a typo there never spends the one-time code."""
        from jerez_pos.core.errores import ErrorJerez
        from jerez_pos.ledger import auditoria, instalacion
        from jerez_pos.sync.inscripcion import inscribir

        if not (servidor or codigo):
            return instalacion.instalar(self.terminal, datos)
        if not instalacion.necesita_instalacion(self.terminal):
            raise ErrorJerez("instalación: esta terminal ya tiene administrador; entre con su usuario")
        instalacion.validar(datos, ya_registrada=True)
        inscrita = inscribir(self.terminal, servidor, codigo)
        resultado = instalacion.instalar(self.terminal, datos)
        detalle = {"url": inscrita.servidor, "serie": inscrita.serie, "delegacion": inscrita.delegacion}
        auditoria.registrar_aparte(self.terminal.bd, datos.usuario.strip(), "inscripción en la central", detalle)
        return resultado

    def guardar_destino_impresora(self, destino: str, ancho: int) -> Ajustes:
        """The wizard's printer (no session yet: the administrator was created a moment ago)."""
        from jerez_pos.printing import ajustes

        nuevos = ajustes.Ajustes().con(destino.strip(), ancho)
        ajustes.guardar(self.terminal.directorio, nuevos)
        return nuevos

    def probar_destino(self, destino: str, ancho: int) -> Estado:
        """Wizard's test print: the settings typed so far, saved first so the test uses them."""
        from jerez_pos.printing import ajustes, servicio

        nuevos = ajustes.Ajustes().con(destino.strip(), ancho)
        ajustes.guardar(self.terminal.directorio, nuevos)
        return servicio.probar(self.terminal, ajustes=nuevos)

    # -- reports ---------------------------------------------------------------------------------------
    def reporte_dia_pdf(self, fecha: dt.date, ruta: Path) -> Path:
        """The treasurer's day report (as ``reporte dia --pdf``)."""
        from jerez_pos.ledger import reportes
        from jerez_pos.printing.pdf.reporte import reporte_pdf

        datos = reportes.dia(self.terminal.bd, self._sesion(), fecha)
        return reporte_pdf(self.terminal, datos, ruta)
