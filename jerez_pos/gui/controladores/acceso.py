"""Login (lockout message and caps-lock hint in place) and opening the shift with its float."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent

from jerez_pos.core.errores import ErrorJerez
from jerez_pos.gui import mensajes as M
from jerez_pos.gui.controladores.principal import Principal, sin_campo
from jerez_pos.gui.formato import leer_monto
from jerez_pos.gui.vistas.acceso import VistaAcceso, VistaTurno

if TYPE_CHECKING:
    from jerez_pos.ledger.caja import Turno
    from jerez_pos.ledger.comun import Sesion


def bloq_mayus_activo(evento: QKeyEvent) -> bool | None:
    """Qt has no portable caps-lock query: a letter typed in upper case without Shift (or lower case with
    Shift) tells us. None when the key says nothing (digits, arrows)."""
    texto = evento.text()
    if len(texto) != 1 or not texto.isalpha() or texto.lower() == texto.upper():
        return None
    shift = bool(evento.modifiers() & Qt.KeyboardModifier.ShiftModifier)
    return texto.isupper() != shift


class Acceso(QObject):
    def __init__(self, app: Principal) -> None:
        super().__init__()
        self.app = app
        self.vista = VistaAcceso()
        v = self.vista
        v.usuario.returnPressed.connect(v.contrasena.setFocus)
        v.contrasena.returnPressed.connect(self.entrar)
        v.entrar.clicked.connect(self.entrar)
        v.contrasena.installEventFilter(self)
        self._ocupado = False

    def eventFilter(self, objeto: QObject, evento: QEvent) -> bool:
        if evento.type() == QEvent.Type.KeyPress and isinstance(evento, QKeyEvent):
            activo = bloq_mayus_activo(evento)
            if activo is not None:
                self.vista.aviso_mayusculas.setVisible(activo)
        return False

    def manejar(self, tecla: str) -> bool:
        return tecla != "Esc"  # nothing else to reach before logging in

    def al_mostrar(self) -> None:
        v = self.vista
        v.contrasena.clear()
        v.error.hide()
        (v.contrasena if v.usuario.text() else v.usuario).setFocus()

    def entrar(self) -> None:
        v = self.vista
        usuario, contrasena = v.usuario.text().strip(), v.contrasena.text()
        if not usuario or not contrasena:
            self._error(M.FALTAN_DATOS_ACCESO)
            return
        if self._ocupado:
            return
        self._ocupado = True
        v.entrar.setEnabled(False)
        v.error.setText(M.VERIFICANDO)
        v.error.setProperty("clase", "nota")
        v.error.show()
        self.app.trabajador.enviar(
            lambda: self.app.servicios.entrar(usuario, contrasena), self._al_entrar, self._al_fallar
        )

    def _al_entrar(self, resultado: tuple[Sesion, Turno | None]) -> None:
        self._ocupado = False
        self.vista.entrar.setEnabled(True)
        self.vista.error.hide()
        self.vista.contrasena.clear()
        self.app.al_entrar(*resultado)

    def _al_fallar(self, error: BaseException, detalle: str) -> None:
        self._ocupado = False
        self.vista.entrar.setEnabled(True)
        if not isinstance(error, ErrorJerez):
            self.vista.error.hide()
            self.app.mostrar_falla(error, detalle)
            return
        self._error(sin_campo(error))
        self.vista.contrasena.selectAll()
        self.vista.contrasena.setFocus()

    def _error(self, texto: str) -> None:
        self.vista.error.setProperty("clase", "error-grande")
        self.vista.error.style().unpolish(self.vista.error)
        self.vista.error.style().polish(self.vista.error)
        self.vista.error.setText(texto)
        self.vista.error.show()


class AbrirTurno(QObject):
    def __init__(self, app: Principal) -> None:
        super().__init__()
        self.app = app
        self.vista = VistaTurno()
        self.vista.fondo.returnPressed.connect(self.abrir)
        self.vista.abrir.clicked.connect(self.abrir)
        self.vista.salir.clicked.connect(app.cerrar_sesion)

    def manejar(self, tecla: str) -> bool:
        if tecla == "Esc":
            self.app.cerrar_sesion()
        return True

    def al_mostrar(self) -> None:
        sesion = self.app.sesion
        self.vista.saludo.setText(M.USUARIO_ESTADO.format(usuario=sesion.usuario, rol=sesion.rol) if sesion else "")
        self.vista.campo_fondo.mostrar_error("")
        self.vista.fondo.setFocus()
        self.vista.fondo.selectAll()

    def abrir(self) -> None:
        fondo = leer_monto(self.vista.fondo.text())
        if fondo is None or fondo < 0:
            self.vista.campo_fondo.mostrar_error(M.FONDO_INVALIDO)
            return
        self.vista.campo_fondo.mostrar_error("")
        self.app.trabajador.enviar(lambda: self.app.servicios.abrir_turno(fondo), self.app.al_abrir_turno, self._fallo)

    def _fallo(self, error: BaseException, detalle: str) -> None:
        if isinstance(error, ErrorJerez):
            self.vista.campo_fondo.mostrar_error(sin_campo(error))
        else:
            self.app.mostrar_falla(error, detalle)
