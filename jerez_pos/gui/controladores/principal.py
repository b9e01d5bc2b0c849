"""The app's controller: screens and navigation, function keys, the status bar, and how errors are shown.

Errors: a typed ``ErrorJerez`` is a Spanish sentence and is shown as it is (in place when a screen knows
where, otherwise in a dialog). Anything else is a bug: the details go to ``errores.log`` in the data home
and the cashier sees a calm message; the receipt being charged survives because it is saved as a draft.
"""

from __future__ import annotations

import datetime as dt
import logging
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QMessageBox, QWidget

from jerez_pos.core.errores import ErrorJerez
from jerez_pos.gui import apariencia
from jerez_pos.gui import mensajes as M
from jerez_pos.gui.apariencia import Apariencia
from jerez_pos.gui.ayuda import DialogoAyuda, texto_ayuda
from jerez_pos.gui.controladores.sincronizacion import ControlSincronizacion
from jerez_pos.gui.formato import dinero, fecha, fecha_hora
from jerez_pos.gui.servicios import Estado, Servicios
from jerez_pos.gui.trabajador import Trabajador
from jerez_pos.gui.vistas.ventana import VentanaPrincipal

registro = logging.getLogger("jerez_pos.gui")
TECLAS = ("F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "F10", "F11", "F12", "Esc")
DESTINOS = {"F10": "cobro", "F5": "recibos", "F9": "corte", "F7": "inspector", "F8": "administracion"}
NAVEGABLES = ("cobro", "recibos", "corte", "inspector", "administracion", "supervisor")
PERMITIDOS = {
    "inspector": ("inspector", "supervisor"),
    "administracion": ("administrador", "supervisor"),
    "supervisor": ("supervisor",),
}


class Pantalla(Protocol):
    @property
    def vista(self) -> QWidget: ...

    def manejar(self, tecla: str) -> bool: ...

    def al_mostrar(self) -> None: ...


def sin_campo(error: BaseException) -> str:
    """``"usuario: está bloqueado…"`` → ``"Está bloqueado…"``: in place, the field is already visible."""
    texto = getattr(error, "mensaje", None) or str(error)
    cabeza, signo, resto = texto.partition(": ")
    if signo and " " not in cabeza.strip() and not getattr(error, "mensaje", None):
        texto = resto
    return texto[:1].upper() + texto[1:]


class Principal(QObject):
    def __init__(self, servicios: Servicios, trabajador: Trabajador | None = None) -> None:
        super().__init__()
        self.servicios = servicios
        self.trabajador = trabajador or Trabajador(self)
        self.trabajador.falla.connect(self.mostrar_falla)
        self.ventana = VentanaPrincipal()
        self.pantallas: dict[str, Pantalla] = {}
        self.estado: Estado | None = None
        self.sesion: Any = None
        self.turno: Any = None
        self.ultimo_dialogo: QMessageBox | None = None
        self.ultimo_registro: Path | None = None
        self.dialogo_ayuda: DialogoAyuda | None = None
        for tecla in TECLAS:
            atajo = QShortcut(QKeySequence(tecla), self.ventana)
            atajo.setContext(Qt.ShortcutContext.WindowShortcut)
            atajo.activated.connect(lambda t=tecla: self.tecla(t))
        v = self.ventana
        v.ir_cobro.clicked.connect(lambda: self.tecla("F10"))
        v.ir_recibos.clicked.connect(lambda: self.tecla("F5"))
        v.ir_corte.clicked.connect(lambda: self.tecla("F9"))
        v.ir_inspector.clicked.connect(lambda: self.tecla("F7"))
        v.ir_admin.clicked.connect(lambda: self.tecla("F8"))
        v.salir.clicked.connect(self.cerrar_sesion)
        v.ir_inicio.clicked.connect(self.ir_inicio)
        self.apariencia = Apariencia()
        v.letra_menos.clicked.connect(lambda: self.cambiar_apariencia(self.apariencia.menos()))
        v.letra_mas.clicked.connect(lambda: self.cambiar_apariencia(self.apariencia.mas()))
        v.contraste.clicked.connect(lambda: self.cambiar_apariencia(self.apariencia.alternar_contraste()))
        for secuencia, accion in (
            ("Ctrl+-", lambda: self.cambiar_apariencia(self.apariencia.menos())),
            ("Ctrl++", lambda: self.cambiar_apariencia(self.apariencia.mas())),
            ("Ctrl+=", lambda: self.cambiar_apariencia(self.apariencia.mas())),
            ("Ctrl+Shift+C", lambda: self.cambiar_apariencia(self.apariencia.alternar_contraste())),
        ):
            atajo = QShortcut(QKeySequence(secuencia), self.ventana)
            atajo.setContext(Qt.ShortcutContext.WindowShortcut)
            atajo.activated.connect(accion)
        inicio = QShortcut(QKeySequence("Ctrl+I"), self.ventana)
        inicio.setContext(Qt.ShortcutContext.WindowShortcut)
        inicio.activated.connect(self.ir_inicio)
        v.navegacion_visible(False)
        self.sincronizacion = ControlSincronizacion(self)

    # -- screens -----------------------------------------------------------------------------------------
    def registrar(self, nombre: str, pantalla: Pantalla) -> None:
        self.pantallas[nombre] = pantalla
        self.ventana.pantallas.addWidget(pantalla.vista)

    @property
    def actual(self) -> str:
        vista = self.ventana.pantallas.currentWidget()
        return next((n for n, p in self.pantallas.items() if p.vista is vista), "")

    def ir(self, nombre: str) -> None:
        pantalla = self.pantallas[nombre]
        self.ventana.pantallas.setCurrentWidget(pantalla.vista)
        rol = self.sesion.rol if self.sesion else ""
        self.ventana.navegacion_visible(nombre in NAVEGABLES, rol)
        pantalla.al_mostrar()

    def tecla(self, tecla: str) -> None:
        actual = self.actual
        rol = self.sesion.rol if self.sesion else ""
        if tecla == "F1":
            self.ayuda()  # F1 is the help on every screen, Cobro too (its search tab is F10, «Cobro» itself)
            return
        if actual == "turno" and tecla == "Esc" and rol == "supervisor":
            self.ir("supervisor")  # the supervisor's float is optional: Esc goes home, it never signs out
            return
        if actual and self.pantallas[actual].manejar(tecla):
            return
        if self.sesion is None or actual in ("acceso", "turno", "pago"):
            return
        destino = DESTINOS.get(tecla)
        if destino in ("corte", "inspector") and self.turno is None:
            return
        if destino == "cobro" and self.turno is None and rol == "supervisor":
            self.ir("turno")  # «Mi caja»: the supervisor opens a float only to charge
            return
        if destino and not self.puede_ir(destino):
            return
        if destino and destino != actual:
            self.ir(destino)
        elif tecla == "Esc" and actual in ("recibos", "corte", "inspector", "administracion"):
            self.ir(self.inicio())

    def puede_ir(self, destino: str) -> bool:
        rol = self.sesion.rol if self.sesion else ""
        return destino in self.pantallas and rol in PERMITIDOS.get(destino, (rol,))

    def ir_inicio(self) -> None:
        """Ctrl+I / «Inicio»: back to the role's home (not from the login, the float or a payment)."""
        if self.sesion is not None and self.actual not in ("acceso", "turno", "pago", "asistente"):
            self.ir(self.inicio())

    def inicio(self) -> str:
        """Where each role starts: the inspector on the route, the supervisor on everyone's shifts, the
        administrator in Administración."""
        rol = self.sesion.rol if self.sesion else ""
        if rol == "supervisor" and "supervisor" in self.pantallas:
            return "supervisor"
        if rol == "inspector" and self.turno is not None and "inspector" in self.pantallas:
            return "inspector"
        if rol == "administrador" and "administracion" in self.pantallas:
            return "administracion"
        return "cobro"

    # -- F1 ----------------------------------------------------------------------------------------------
    def ayuda(self) -> None:
        """F1: one key map for every screen, this screen's keys first; it scrolls, so it fits any screen."""
        if self.dialogo_ayuda is None:
            self.dialogo_ayuda = DialogoAyuda(self.ventana)
        d = self.dialogo_ayuda
        d.texto.setHtml(texto_ayuda(self.actual))
        d.resize(min(760, self.ventana.width() - 40), max(self.ventana.height() - 80, 300))
        d.open()
        d.texto.setFocus()

    # -- screen settings ---------------------------------------------------------------------------------
    def cargar_apariencia(self) -> None:
        """At start: the normal look is already what ``aplicacion()`` set, so only a saved change restyles."""
        guardada = apariencia.leer(self.servicios.directorio())
        self._aplicar(guardada, estilo=guardada != Apariencia())

    def cambiar_apariencia(self, nueva: Apariencia) -> None:
        """A−/A+/contrast: applied at once and kept in the terminal's ``ajustes.toml``."""
        try:
            apariencia.guardar(self.servicios.directorio(), nueva)
        except (OSError, ValueError) as exc:
            self.registrar_falla(f"no se pudo guardar la apariencia: {exc}")
        self._aplicar(nueva)

    def _aplicar(self, nueva: Apariencia, estilo: bool = True) -> None:
        self.apariencia = nueva
        if estilo:
            apariencia.aplicar(nueva)
        self.ventana.contraste.setChecked(nueva.contraste)
        self.ventana.letra_menos.setEnabled(nueva.letra > apariencia.MINIMO)
        self.ventana.letra_mas.setEnabled(nueva.letra < apariencia.MAXIMO)
        self.ventana.ajustar_marca()  # a larger letter may no longer leave room for the full name

    # -- session -----------------------------------------------------------------------------------------
    def al_entrar(self, sesion: Any, turno: Any) -> None:
        self.sesion = sesion
        self.turno = turno
        self.actualizar_estado()
        self.sincronizacion.al_entrar()
        if turno is None and sesion.rol in ("cajero", "inspector"):
            self.ir("turno")
        else:
            self.ir(self.inicio())

    def al_abrir_turno(self, turno: Any) -> None:
        self.turno = turno
        self.actualizar_estado()
        rol = self.sesion.rol if self.sesion else ""
        self.ir("cobro" if rol == "supervisor" else self.inicio())  # the supervisor opened it to charge

    def al_cerrar_turno(self) -> None:
        self.turno = None
        self.actualizar_estado()

    def al_instalar(self, usuario: str) -> None:
        """The wizard finished: the login waits with the new administrator's name typed."""
        self.cargar_estado()
        acceso = self.pantallas["acceso"]
        acceso.vista.usuario.setText(usuario)  # type: ignore[attr-defined]
        self.ir("acceso")
        self.dialogo(QMessageBox.Icon.Information, M.ASISTENTE_TITULO, M.ASISTENTE_LISTO.format(usuario))

    def revisar_instalacion(self) -> None:
        """A data home without an administrator opens the first-run wizard instead of the login."""

        def decidir(falta: bool) -> None:
            if falta and "asistente" in self.pantallas and self.sesion is None:
                self.ir("asistente")

        self.trabajador.enviar(self.servicios.necesita_instalacion, decidir)

    def cerrar_sesion(self) -> None:
        self.trabajador.enviar(self.servicios.salir)
        self.sesion = None
        self.turno = None
        self.actualizar_estado()
        self.ir("acceso")

    # -- status bar --------------------------------------------------------------------------------------
    def cargar_estado(self) -> None:
        self.trabajador.enviar(self.servicios.estado, self._al_estado)

    def _al_estado(self, estado: Estado) -> None:
        self.estado = estado
        self.actualizar_estado()
        self.actualizar_impresora()

    def actualizar_impresora(self) -> None:
        def mostrar(e: Any) -> None:
            texto = M.IMPRESORA_ESTADO.format(destino=e.destino) if e.configurada else M.IMPRESORA_NO
            self.ventana.estado_impresora.setText(
                texto + (M.IMPRESORA_PENDIENTES.format(e.pendientes) if e.pendientes else "")
            )

        self.trabajador.enviar(self.servicios.estado_impresora, mostrar, lambda e, t: None, etiqueta="impresora")

    def imprimir_recibo(self, folio: str, texto: str, en_pantalla: Callable[[str], None] | None = None) -> None:
        """Right after the commit: print the original; a failure leaves it pending and says so.

        With ``en_pantalla`` a good print is only noted there (the change stays big on the payment screen);
        a pending print still opens a dialog, because the cashier must act on it."""

        def listo(resultado: Any) -> None:
            self.actualizar_impresora()
            if en_pantalla is not None:
                en_pantalla(resultado.mensaje())
                if resultado.impreso:
                    return
            self.dialogo(QMessageBox.Icon.Information, M.PAGO_TITULO, f"{texto}\n\n{resultado.mensaje()}")

        def fallo(error: BaseException, _detalle: str) -> None:
            self.actualizar_impresora()
            motivo = sin_campo(error) if isinstance(error, ErrorJerez) else type(error).__name__
            if en_pantalla is not None:
                en_pantalla(M.IMPRESION_FALLO.format(motivo))
            self.dialogo(QMessageBox.Icon.Information, M.PAGO_TITULO, f"{texto}\n\n{M.IMPRESION_FALLO.format(motivo)}")

        self.trabajador.enviar(lambda: self.servicios.imprimir(folio), listo, fallo)

    def actualizar_estado(self) -> None:
        v = self.ventana
        if self.estado is not None:
            e = self.estado
            v.estado_catalogo.setText(
                M.CATALOGO_UMA.format(catalogo=e.catalogo, uma=dinero(e.uma), desde=fecha(e.uma_desde))
            )
            v.estado_catalogo.setToolTip(v.estado_catalogo.text())
            terminal = M.TERMINAL_ESTADO.format(nombre=e.terminal, serie=e.serie) if e.serie else ""
            v.estado_terminal.setText(terminal + (M.TERMINAL_DEMO if e.demo else ""))
            v.estado_terminal.setVisible(bool(terminal))
            v.aviso.setText("  ".join(e.avisos))
            v.aviso.setVisible(bool(e.avisos))
            v.banda_demo.setVisible(e.demo)
        if self.sesion is None:
            v.estado_usuario.setText(M.SIN_USUARIO)
        else:
            rol = M.ROLES.get(self.sesion.rol, self.sesion.rol)
            v.estado_usuario.setText(M.USUARIO_ESTADO.format(usuario=self.sesion.usuario, rol=rol))
        if self.turno is None:
            v.estado_turno.setText(M.SIN_TURNO)
        else:
            v.estado_turno.setText(M.TURNO_ESTADO.format(id=self.turno.id, desde=fecha_hora(self.turno.abierto_en)))

    # -- errors ------------------------------------------------------------------------------------------
    def mostrar_error(self, error: BaseException, detalle: str = "") -> None:
        """For failures a screen did not place next to a field."""
        if not isinstance(error, ErrorJerez):
            self.mostrar_falla(error, detalle)
            return
        self.dialogo(QMessageBox.Icon.Warning, M.ERROR_TITULO, sin_campo(error))

    def mostrar_falla(self, error: BaseException, detalle: str = "") -> None:
        if isinstance(error, ErrorJerez):
            self.mostrar_error(error)
            return
        ruta = self.registrar_falla(detalle or "".join(traceback.format_exception(error)))
        self.dialogo(QMessageBox.Icon.Critical, M.FALLA_TITULO, M.FALLA_TEXTO.format(ruta=ruta))

    def registrar_falla(self, detalle: str) -> str:
        try:
            ruta = self.servicios.directorio() / "errores.log"
            ruta.parent.mkdir(parents=True, exist_ok=True)
            with ruta.open("a", encoding="utf-8") as archivo:
                archivo.write(f"--- {dt.datetime.now().isoformat(timespec='seconds')} (escritorio)\n{detalle}\n")
        except OSError:
            registro.exception("no se pudo escribir el registro de errores")
            return M.FALLA_SIN_REGISTRO
        self.ultimo_registro = ruta
        return str(ruta)

    @staticmethod
    def icono_info() -> QMessageBox.Icon:
        return QMessageBox.Icon.Information

    def dialogo(self, icono: QMessageBox.Icon, titulo: str, texto: str) -> None:
        # open(), not exec(): never a nested event loop that would stall the worker's answers.
        dialogo = QMessageBox(icono, titulo, texto, QMessageBox.StandardButton.Ok, self.ventana)
        dialogo.button(QMessageBox.StandardButton.Ok).setText(M.ACEPTAR)
        if self.ultimo_dialogo is not None:
            self.ultimo_dialogo.deleteLater()
        self.ultimo_dialogo = dialogo
        dialogo.open()
