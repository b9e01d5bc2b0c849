"""Cobro: the chosen concept (form, live quote, computation explained) and the running receipt.

Every change of a parameter re-quotes after a short pause; the engine's ``ErrorEntrada`` names the
field, and the message goes right under that field. F4 (or Enter in the form) quotes once more and adds
the line only when the quote succeeds, so a receipt never holds an invalid line. After adding, the
selection starts afresh (a second F4 cannot add the same line by accident), and the same concept with the
same data asks before it goes in twice. Ctrl+Supr removes the selected receipt line and Ctrl+Mayús+Supr
discards the whole receipt, from anywhere on the screen, each after a question.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLineEdit, QMessageBox

from jerez_pos.core.errores import ErrorEntrada, ErrorJerez
from jerez_pos.core.parametros import falta_alternativa
from jerez_pos.gui import mensajes as M
from jerez_pos.gui import mensajes_cobro as MC
from jerez_pos.gui.borrador import Borrador, Linea
from jerez_pos.gui.controladores.busqueda import Busqueda
from jerez_pos.gui.controladores.pregunta import preguntar
from jerez_pos.gui.controladores.principal import sin_campo
from jerez_pos.gui.controladores.recibo_en_curso import ReciboEnCurso
from jerez_pos.gui.formato import dinero
from jerez_pos.gui.vistas.cobro import VistaCobro

if TYPE_CHECKING:
    from jerez_pos.core.cotizacion import Cotizacion
    from jerez_pos.gui.controladores.principal import Principal
    from jerez_pos.gui.servicios import Detalle

PAUSA_COTIZAR_MS = 180
Falla = tuple[str, dict[str, str], ErrorJerez]  # the giro line whose quote failed
COLOR_AUTORIZACION = "#9a3412"


class Cobro(ReciboEnCurso, QObject):
    def __init__(self, app: Principal) -> None:
        super().__init__()
        self.app = app
        self.vista = VistaCobro()
        self.borrador = Borrador()
        self.detalle: Detalle | None = None
        self.cotizacion: Cotizacion | None = None
        self.busqueda = Busqueda(app, self.vista, self.elegir, self.agregar_varios)
        self.pregunta: QMessageBox | None = None
        self._pendiente: ErrorEntrada | None = None  # a field's message held until the cashier leaves it
        self._version = 0  # the receipt's changes: a late preview of an older receipt is dropped
        self._pausa = QTimer(self)
        self._pausa.setSingleShot(True)
        self._pausa.setInterval(PAUSA_COTIZAR_MS)
        self._pausa.timeout.connect(self.cotizar)
        c, r = self.vista.concepto, self.vista.recibo
        c.formulario.cambiado.connect(self._pausa.start)
        c.formulario.dejado.connect(self._al_dejar_campo)
        c.agregar.clicked.connect(self.agregar)
        c.agregar.setAutoDefault(True)
        r.quitar.clicked.connect(self.quitar)
        r.cobrar.clicked.connect(lambda: self.manejar("F12"))
        r.descartar.clicked.connect(self.descartar)
        for secuencia, destino, contexto, accion in (
            (QKeySequence(Qt.Key.Key_Delete), r.tabla, Qt.ShortcutContext.WidgetShortcut, self.quitar),
            (QKeySequence("Ctrl+Del"), self.vista, Qt.ShortcutContext.WidgetWithChildrenShortcut, self.quitar),
            (QKeySequence("Ctrl+Shift+Del"), self.vista, Qt.ShortcutContext.WidgetWithChildrenShortcut, self.descartar),
        ):
            atajo = QShortcut(secuencia, destino)
            atajo.setContext(contexto)
            atajo.activated.connect(accion)
        for campo in (r.nombre, r.rfc, r.cuenta, r.padron):
            campo.textChanged.connect(self._al_cambiar_contribuyente)
        self._pintar_recibo()

    # -- screen ------------------------------------------------------------------------------------------
    def al_mostrar(self) -> None:
        self.vista.recibo.cobrar.setEnabled(self.app.turno is not None)
        if not self.vista.concepto.formulario.isAncestorOf(self.vista.focusWidget()):
            self.busqueda.enfocar(self.vista.pestanas.currentIndex())

    def manejar(self, tecla: str) -> bool:
        acciones = {
            "F10": lambda: self.busqueda.enfocar(0),  # F10 is «Cobro» everywhere; here it lands on the search
            "F2": lambda: self.busqueda.enfocar(1),
            "F3": lambda: self.busqueda.enfocar(2),
            "F4": self.agregar,
            "F6": self.busqueda.agregar_marcados,
            "F12": self.cobrar,
            "Esc": self.atras,
        }
        accion = acciones.get(tecla)
        if accion is None:
            return False
        accion()
        return True

    def atras(self) -> None:
        """Esc: from the form back to the search box; in the search box, clear it."""
        foco = self.vista.focusWidget()
        buscador = self.vista.buscar.buscador
        if self.vista.pestanas.currentIndex() == 0 and foco is buscador:
            buscador.clear()
        else:
            self.busqueda.enfocar(self.vista.pestanas.currentIndex())

    # -- the chosen concept --------------------------------------------------------------------------------
    def elegir(self, clave: str, prellenado: dict[str, str], enfocar: bool = True) -> None:
        self.app.trabajador.enviar(
            lambda: self.app.servicios.detalle(clave, prellenado),
            lambda d: self._al_detalle(d, enfocar),
            etiqueta="detalle",
        )

    def _al_detalle(self, d: Detalle, enfocar: bool) -> None:
        self.detalle = d
        self.cotizacion = None
        c = self.vista.concepto
        k = d.concepto
        c.clave.setText(k.clave)
        c.clave.show()
        c.titulo.setText(k.descripcion)
        c.ficha.setText(f"{k.fundamento} · {k.rubro.split(' › ')[-1]} · {k.periodicidad}")
        c.ficha.setToolTip(k.rubro)
        c.formulario.construir(d.propios, d.de_modificadores, d.prellenado, k.forma)
        c.formulario.show()
        c.modificadores.setText(self._modificadores_html(d))
        c.modificadores.setVisible(bool(d.modificadores))
        self._avisos([])
        c.agregar.setEnabled(True)  # F4 quotes again before adding; a failed quote disables it
        self.cotizar()
        for campo in c.formulario.campos.values():
            if isinstance(campo.editor, QLineEdit):
                campo.editor.returnPressed.connect(self.agregar)  # Enter confirms, from any field
        if enfocar:
            destino = c.formulario.primer_editor()
            (destino or c.agregar).setFocus()
            if isinstance(destino, QLineEdit):
                destino.selectAll()

    @staticmethod
    def _modificadores_html(d: Detalle) -> str:
        filas = [f"<b>{html.escape(M.MODIFICADORES)}</b>"]
        for m in d.modificadores:
            requisito = (
                f"<span style='color:{COLOR_AUTORIZACION}; font-weight:600'>⚑ {M.REQUIERE_AUTORIZACION}</span>"
                if m.requiere_autorizacion
                else f"<span style='color:#4b5563'>{M.SIN_AUTORIZACION}</span>"
            )
            filas.append(f"• {html.escape(m.descripcion)} <i>({html.escape(m.fundamento)})</i> — {requisito}")
        return "<br>".join(filas)

    def _avisos(self, extra: list[str]) -> None:
        d = self.detalle
        avisos: list[str] = []
        if d is not None:
            if d.concepto.verificar:
                avisos.append(M.AVISO_VERIFICAR.format(" ".join(d.concepto.texto_fuente.split())[:160]))
            if d.concepto.nota:
                avisos.append(d.concepto.nota)
        avisos.extend(a for a in extra if a not in avisos)
        self.vista.concepto.avisos.setText("\n".join(f"⚠ {a}" for a in avisos))
        self.vista.concepto.avisos.setVisible(bool(avisos))

    def cotizar(self, y_agregar: bool = False) -> None:
        if self.detalle is None:
            return
        self._pausa.stop()
        clave = self.detalle.concepto.clave
        valores = self.vista.concepto.formulario.valores()
        falta = falta_alternativa(self.detalle.concepto.forma, valores)
        if falta is not None:  # e.g. predial without land data: the minimum would be charged for nothing
            self.mostrar_error_cotizacion(falta, enfocar=y_agregar, forzar=y_agregar)
            return
        self.vista.concepto.importe.setText(M.CALCULANDO)
        self.app.trabajador.enviar(
            lambda: self.app.servicios.cotizar(clave, valores),
            lambda cot: self._al_cotizar(cot, valores, y_agregar),
            lambda e, t: self._al_fallar_cotizar(e, t, y_agregar),
            etiqueta="cotizar",
        )

    def _al_cotizar(self, cot: Cotizacion, valores: dict[str, str], y_agregar: bool) -> None:
        if self.detalle is None or cot.clave != self.detalle.concepto.clave:
            return
        c = self.vista.concepto
        self.cotizacion = cot
        self._pendiente = None
        c.formulario.limpiar_errores()
        c.error.hide()
        c.marco_calculo.show()
        c.explicacion.setText(cot.explicacion)
        c.lineas_modificador.setText(
            "\n".join(f"{m.concepto} ({m.fundamento}): {dinero(m.importe)}" for m in cot.modificadores)
        )
        c.lineas_modificador.setVisible(bool(cot.modificadores))
        c.importe.setText(f"{M.IMPORTE_LINEA}: {dinero(cot.total)}")
        extra = [a for a in cot.advertencias if a not in (self.app.estado.avisos if self.app.estado else ())]
        extra += [M.AVISO_AUTORIZACION.format(r) for r in cot.requiere_autorizacion]
        self._avisos(extra)
        c.agregar.setEnabled(True)
        if y_agregar:
            self._agregar_linea(cot.clave, valores, cot)

    def _al_fallar_cotizar(self, error: BaseException, detalle: str, y_agregar: bool) -> None:
        if not isinstance(error, ErrorJerez):
            self.app.mostrar_falla(error, detalle)
            return
        self.mostrar_error_cotizacion(error, enfocar=y_agregar, forzar=y_agregar)

    def _al_dejar_campo(self, nombre: str) -> None:
        pendiente = self._pendiente
        if pendiente is not None and pendiente.campo == nombre and self.cotizacion is None:
            self.mostrar_error_cotizacion(pendiente, enfocar=False)

    def mostrar_error_cotizacion(self, error: ErrorJerez, enfocar: bool, forzar: bool = False) -> None:
        """A field's message shows once the cashier has left that field, or on F4 (``forzar``); until then the
        amount just says data are missing."""
        c = self.vista.concepto
        self.cotizacion = None
        c.formulario.limpiar_errores()
        c.marco_calculo.show()
        c.explicacion.setText("")
        c.lineas_modificador.hide()
        c.importe.setText(MC.FALTAN_DATOS)
        c.agregar.setEnabled(False)
        campo = error.campo if isinstance(error, ErrorEntrada) else ""
        self._pendiente = error if isinstance(error, ErrorEntrada) and campo in c.formulario.campos else None
        if self._pendiente is not None and not forzar and campo not in c.formulario.tocados:
            c.error.hide()
            c.marco_calculo.hide()
            return
        if campo and c.formulario.mostrar_error(campo, sin_campo(error)):
            c.error.hide()
            c.marco_calculo.hide()  # the message is under the field; an empty box would only distract
            if enfocar:
                c.formulario.campos[campo].editor.setFocus()
        else:
            c.error.setText(sin_campo(error))
            c.error.show()

    # -- the receipt -----------------------------------------------------------------------------------------
    def agregar(self) -> None:
        """F4 / Enter: quote with what is on screen; the line is added only if the quote succeeds. The same
        concept with the same data already on the receipt asks first: a double press is the usual cause."""
        if self.detalle is None:
            return
        clave, valores = self.detalle.concepto.clave, self.vista.concepto.formulario.valores()
        if not any(x.clave == clave and x.parametros == valores for x in self.borrador.lineas):
            self.cotizar(y_agregar=True)
            return
        texto = MC.DUPLICADO.format(clave=clave, descripcion=self.detalle.concepto.descripcion[:120])
        self.pregunta = preguntar(
            self.vista, MC.DUPLICADO_TITULO, texto, lambda: self.cotizar(y_agregar=True), self.pregunta
        )

    def _agregar_linea(self, clave: str, valores: dict[str, str], cot: Cotizacion) -> None:
        self.borrador.agregar(Linea(clave, dict(valores), cot))
        self._pintar_recibo()
        self._guardar()
        self.nueva_seleccion()

    def nueva_seleccion(self) -> None:
        """After adding: nothing chosen, the search box empty and focused, ready for the next concept."""
        self.detalle = None
        self.cotizacion = None
        self._pausa.stop()
        c = self.vista.concepto
        c.clave.setText("")
        c.clave.hide()
        c.importe.setText("")
        c.titulo.setText(M.ELIJA_CONCEPTO)
        c.ficha.setText("")
        c.formulario.construir([], [], {})
        c.formulario.hide()
        c.marco_calculo.hide()
        c.modificadores.hide()
        c.avisos.hide()
        c.agregar.setEnabled(False)
        pestana = self.vista.pestanas.currentIndex()
        if pestana == 0:
            self.vista.buscar.buscador.clear()
        self.busqueda.enfocar(pestana)

    def agregar_varios(self, lineas: list[tuple[str, dict[str, str]]]) -> None:
        """The giro picker's marked concepts: all priced in one worker call; the first failure is shown."""
        servicios = self.app.servicios

        def cotizar_todas() -> tuple[list[Linea], Falla | None]:
            hechas: list[Linea] = []
            for clave, params in lineas:
                try:
                    hechas.append(Linea(clave, params, servicios.cotizar(clave, params)))
                except ErrorJerez as exc:
                    return hechas, (clave, params, exc)
            return hechas, None

        self.app.trabajador.enviar(cotizar_todas, self._al_agregar_varios)

    def _al_agregar_varios(self, resultado: tuple[list[Linea], Falla | None]) -> None:
        hechas, falla = resultado
        for linea in hechas:
            self.borrador.agregar(linea)
        self._pintar_recibo()
        self._guardar()
        if falla is not None:
            # Show the concept that failed: its own quote repeats the engine's message next to the field.
            clave, params, _error = falla
            self.elegir(clave, params)

    def cobrar(self) -> None:
        if not self.borrador.lineas:
            return
        if self.app.turno is None:
            rol = self.app.sesion.rol if self.app.sesion else ""
            self.app.mostrar_error(ErrorJerez(M.SIN_TURNO_ADMIN.format(rol)))
            return
        self.app.ir("pago")
