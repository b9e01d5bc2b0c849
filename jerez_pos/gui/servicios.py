"""The GUI's one-line operations over the headless services (no Qt here; everything runs in the worker).

The controllers never touch the database: they send these methods to the worker and get values back.
Ledger modules are imported on first use, inside the worker, so the window shows before SQLAlchemy and
the catalog are loaded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from jerez_pos.gui.servicios_admin import ServiciosAdmin
from jerez_pos.gui.servicios_caja import ServiciosCaja

if TYPE_CHECKING:
    from jerez_pos.core.cotizacion import Cotizacion
    from jerez_pos.core.giros import Sugerencia
    from jerez_pos.core.modelo import Concepto, Giro, Modificador, Parametro
    from jerez_pos.ledger.busqueda import Hallazgo
    from jerez_pos.ledger.caja import Turno
    from jerez_pos.ledger.comun import Sesion
    from jerez_pos.ledger.corte import Corte
    from jerez_pos.ledger.favoritos import Sugerido
    from jerez_pos.ledger.pagos import Pago
    from jerez_pos.ledger.recibos import Emitido
    from jerez_pos.ledger.terminal import Terminal


@dataclass(frozen=True)
class Estado:
    """What the status bar shows."""

    catalogo: str
    uma: Decimal
    uma_desde: dt.date
    avisos: tuple[str, ...]
    terminal: str = ""
    serie: str = ""
    demo: bool = False


@dataclass(frozen=True)
class Detalle:
    """A concept ready to be charged: its own parameters, the modifiers' parameters and the warnings."""

    concepto: Concepto
    propios: list[Parametro]
    de_modificadores: list[Parametro]
    modificadores: list[Modificador]
    avisos: list[str]
    prellenado: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ConGiro:
    giro: Giro
    sugerencias: list[Sugerencia]
    descripciones: dict[str, str]


@dataclass(frozen=True)
class Ficha:
    """One concept in the browsing tree."""

    clave: str
    descripcion: str
    rubro: str
    fundamento: str
    ubicacion: tuple[str, str, str] = ("", "", "")  # título, capítulo, sección of the law


class Servicios(ServiciosCaja, ServiciosAdmin):
    def __init__(self, terminal: Terminal | Callable[[], Terminal]) -> None:
        self._terminal = terminal if not callable(terminal) else None
        self._fabrica = terminal if callable(terminal) else None
        self.sesion: Sesion | None = None

    # -- data home and catalog -------------------------------------------------------------------------
    @property
    def terminal(self) -> Terminal:
        if self._terminal is None:
            assert self._fabrica is not None
            self._terminal = self._fabrica()
        return self._terminal

    def directorio(self) -> Path:
        """The data home, even before the terminal is open (for the crash log)."""
        if self._terminal is not None:
            return self._terminal.directorio
        from jerez_pos import config

        return config.home()

    def hoy(self) -> dt.date:
        return dt.date.today()

    def estado(self) -> Estado:
        from jerez_pos.ledger import identidad

        motor = self.terminal.motor
        catalogo, avisos = motor.catalogo_para(self.hoy())
        uma = motor.uma.vigente(self.hoy())
        ident = identidad.leer_identidad(self.terminal.bd)
        return Estado(
            catalogo.id,
            uma.diaria,
            uma.vigente_desde,
            tuple(avisos),
            ident.nombre if ident else "",
            ident.serie if ident else "",
            bool(ident and ident.demo),
        )

    def buscar(self, texto: str) -> list[Hallazgo]:
        return self.terminal.buscar(texto, 40)

    def sugeridos(self) -> list[Sugerido]:
        """Favourites, then the most charged of the last 30 days: what the empty search list shows."""
        from jerez_pos.ledger import busqueda, favoritos

        t = self.terminal
        busqueda.preparar(t.bd)  # it runs when Cobro opens: the first keystroke then finds the index ready
        return favoritos.sugeridos(t.bd, t.directorio, t.catalogo(self.hoy()), 40, hoy=self.hoy())

    def alternar_favorito(self, clave: str) -> bool:
        """Mark or unmark; True when the concept is now a favourite."""
        from jerez_pos.ledger import favoritos

        t = self.terminal
        if clave in favoritos.listar(t.directorio):
            favoritos.quitar(t.directorio, clave)
            return False
        favoritos.agregar(t.directorio, t.catalogo(self.hoy()), clave)
        return True

    def detalle(self, clave: str, prellenado: dict[str, str] | None = None) -> Detalle:
        from jerez_pos.core.parametros import especificacion

        motor = self.terminal.motor
        fecha = self.hoy()
        catalogo, avisos = motor.catalogo_para(fecha)
        concepto = motor.concepto(clave, fecha)
        propios = especificacion(concepto)
        nombres = {p.nombre for p in propios}
        extra = [p for p in motor.parametros(concepto.clave, fecha) if p.nombre not in nombres]
        return Detalle(
            concepto, propios, extra, motor.modificadores_de(concepto, catalogo), avisos, dict(prellenado or {})
        )

    def cotizar(self, clave: str, parametros: dict[str, str]) -> Cotizacion:
        return self.terminal.cotizar(clave, parametros, self.hoy())

    def giros(self, texto: str) -> list[Giro]:
        return self.terminal.giros(texto)[:60] if texto.strip() else []

    def por_giro(self, numero: int) -> ConGiro:
        terminal = self.terminal
        giro = terminal.giro_unico(str(numero))
        sugerencias = terminal.por_giro(str(numero))
        catalogo = terminal.catalogo(self.hoy())
        descripciones = {s.clave: catalogo.conceptos[s.clave].descripcion for s in sugerencias}
        return ConGiro(giro, sugerencias, descripciones)

    def fichas(self) -> list[Ficha]:
        from jerez_pos.ledger.busqueda import orden_natural

        catalogo = self.terminal.catalogo(self.hoy())
        conceptos = sorted(catalogo.conceptos.values(), key=lambda c: orden_natural(c.clave))
        return [Ficha(c.clave, c.descripcion, c.rubro, c.fundamento, catalogo.ubicacion(c)) for c in conceptos]

    # -- users and shift -------------------------------------------------------------------------------
    def entrar(self, usuario: str, contrasena: str) -> tuple[Sesion, Turno | None]:
        """The session and its open shift (None: the cashier opens one first)."""
        from jerez_pos.ledger import caja, usuarios

        sesion = usuarios.autenticar(self.terminal.bd, usuario, contrasena)
        self.sesion = sesion
        return sesion, caja.turno_de(self.terminal.bd, sesion)

    def salir(self) -> None:
        self.sesion = None

    def _sesion(self) -> Sesion:
        from jerez_pos.ledger.comun import EstadoInvalido

        if self.sesion is None:
            raise EstadoInvalido("usuario: inicie sesión primero")
        return self.sesion

    def abrir_turno(self, fondo: Decimal) -> Turno:
        from jerez_pos.ledger import caja

        return caja.abrir(self.terminal.bd, self._sesion(), fondo)

    def supervisor(self, usuario: str, contrasena: str) -> Sesion:
        from jerez_pos.ledger import usuarios

        return usuarios.autenticar(self.terminal.bd, usuario, contrasena)

    # -- charging ----------------------------------------------------------------------------------------
    def cobrar(
        self,
        lineas: list[tuple[str, dict[str, str]]],
        pagos: list[Pago],
        contribuyente: dict[str, str],
        autorizacion: tuple[str, str, str, str] | None = None,
    ) -> Emitido:
        from jerez_pos.ledger import recibos

        autoriza = None
        if autorizacion is not None:
            usuario, contrasena, motivo, referencia = autorizacion
            autoriza = recibos.Autorizacion(self.supervisor(usuario, contrasena), motivo, referencia)
        return recibos.cobrar(self.terminal, self._sesion(), lineas, pagos, contribuyente, autoriza)

    def anular(self, folio: str, usuario: str, contrasena: str, motivo: str) -> str:
        from jerez_pos.ledger import recibos

        supervisor = self.supervisor(usuario, contrasena)
        return recibos.anular(self.terminal, supervisor, folio, motivo, solicitante=self._sesion())

    # -- corte ---------------------------------------------------------------------------------------------
    def corte_preliminar(self) -> Corte:
        from jerez_pos.ledger import corte

        return corte.preliminar(self.terminal.bd, self._sesion())

    def registrar_conteo(self, conteo: dict[Decimal, int]) -> Corte:
        """Records the count (it can't be edited afterwards) and returns the corte it reveals."""
        from jerez_pos.ledger import corte

        return corte.contar(self.terminal.bd, self._sesion(), conteo)

    def cerrar_turno(self, supervisor: tuple[str, str] | None = None) -> Corte:
        """Closes with the last recorded count."""
        from jerez_pos.ledger import corte

        firma = self.supervisor(*supervisor) if supervisor else None
        return corte.cerrar(self.terminal.bd, self._sesion(), supervisor=firma)

    # -- draft receipt ------------------------------------------------------------------------------------
    def guardar_borrador(self, texto: str) -> None:
        ruta = self.terminal.directorio / "borrador_recibo.json"
        temporal = ruta.with_suffix(".tmp")
        temporal.write_text(texto, encoding="utf-8")
        temporal.replace(ruta)  # atomic: a crash leaves the old draft or the new one

    def leer_borrador(self) -> str:
        ruta = self.terminal.directorio / "borrador_recibo.json"
        return ruta.read_text(encoding="utf-8") if ruta.exists() else ""
