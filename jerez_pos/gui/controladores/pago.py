"""Pago: tenders (cash, card, transfer, cheque, or a mix), the Art. 20 adjustment, the change, the commit.

The preview uses the ledger's own ``liquidar`` (a pure function: no database), so what the screen shows
is exactly what ``cobrar`` will record; the commit itself goes through the worker.

Enter in an amount still issues the receipt: the change is already on screen while typing, it stays there
big after the commit (until the next customer's first key), and the slip that hurts, a zero too many, is
caught by the ten-times check, which only F12 confirms. Asking on every Enter would cost every customer a
keystroke to guard against a mistake the screen already shows. Enter with every amount still empty is
exact cash (what F7 writes), so the commonest sale, a customer with the exact amount, costs one key here.
"""

from __future__ import annotations

import html
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit

from jerez_pos.core.dinero import CERO, ajuste_efectivo
from jerez_pos.core.errores import ErrorEntrada, ErrorJerez
from jerez_pos.gui import mensajes as M
from jerez_pos.gui import mensajes_roles as R
from jerez_pos.gui.controladores.cuenta_borrador import emision_cuenta
from jerez_pos.gui.controladores.principal import sin_campo
from jerez_pos.gui.formato import dinero, error_monto, leer_monto
from jerez_pos.gui.vistas.comunes import refrescar_estilo
from jerez_pos.gui.vistas.pago import VistaPago
from jerez_pos.ledger.pagos import Pago, liquidar

if TYPE_CHECKING:
    from jerez_pos.gui.controladores.cobro import Cobro
    from jerez_pos.gui.controladores.principal import Principal
    from jerez_pos.ledger.recibos import Emitido


class ControlPago(QObject):
    def __init__(self, app: Principal, cobro: Cobro, al_emitir: Any = None) -> None:
        super().__init__()
        self.app = app
        self.cobro = cobro
        self.al_emitir = al_emitir
        self.vista = VistaPago()
        self.ultimo_emitido: Emitido | None = None
        self.mostrando_cambio = False  # the receipt is issued; its change stays on screen until the next one
        self._enviando = False
        self._alto_avisado: Decimal | None = None  # the large cash amount already warned about
        v = self.vista
        for editor in self._editores():
            editor.textChanged.connect(self.actualizar)
            editor.installEventFilter(self)
        v.installEventFilter(self)
        for monto in (v.efectivo, v.tarjeta, v.transferencia, v.cheque):
            monto.returnPressed.connect(lambda: self.confirmar(con_enter=True))  # Enter confirms from any amount
        v.referencia_autorizacion.editor.returnPressed.connect(  # type: ignore[attr-defined]
            lambda: self.confirmar(con_enter=True)
        )
        v.regresar.clicked.connect(lambda: self.manejar("Esc"))
        v.exacto.clicked.connect(self.exacto)
        v.confirmar.clicked.connect(lambda: self.confirmar())

    def _editores(self) -> list[QLineEdit]:
        v = self.vista
        return [v.efectivo, v.tarjeta, v.ultimos4, v.autorizacion_banco, v.transferencia, v.referencia, v.cheque,
                v.banco, v.numero_cheque]  # fmt: skip

    def _montos(self) -> list[QLineEdit]:
        v = self.vista
        return [v.efectivo, v.tarjeta, v.transferencia, v.cheque]

    def eventFilter(self, objeto: QObject, evento: QEvent) -> bool:
        """While the change is on screen, the first key of the next customer starts the next receipt."""
        if not self.mostrando_cambio or evento.type() != QEvent.Type.KeyPress or not isinstance(evento, QKeyEvent):
            return False
        if evento.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.siguiente_recibo()
            return True
        texto = evento.text()
        if texto and texto.isprintable() and not evento.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.siguiente_recibo(texto)
            return True
        return False

    def siguiente_recibo(self, texto: str = "") -> None:
        """Leaves the change screen for Cobro; what was typed goes to the search box."""
        self.mostrando_cambio = False
        self.app.ir("cobro")
        if texto:
            buscador = self.cobro.vista.buscar.buscador
            buscador.setFocus()
            buscador.insert(texto)

    def manejar(self, tecla: str) -> bool:
        if self.mostrando_cambio:
            # Any key ends the change screen; the function keys then do what they do in Cobro.
            self.siguiente_recibo()
            if tecla not in ("Esc", "F12"):
                self.app.tecla(tecla)
            return True
        if tecla == "Esc":
            self.app.ir("cobro")
        elif tecla == "F7":
            self.exacto()
        elif tecla == "F12":
            self.confirmar()
        return True

    def al_mostrar(self) -> None:
        v = self.vista
        b = self.cobro.borrador
        self.mostrando_cambio = False
        self._alto_avisado = None
        self._modo_cambio(False)
        for editor in self._editores():
            editor.blockSignals(True)
            editor.clear()
            editor.blockSignals(False)
        v.contribuyente.setText(b.contribuyente.get("nombre") or M.CONTRIBUYENTE_PISTA)
        filas = "".join(
            f"<tr><td style='padding:2px 8px 2px 0'>{html.escape(x.cotizacion.clave)}</td>"
            f"<td style='padding:2px 8px'>{html.escape(x.cotizacion.descripcion)}</td>"
            f"<td align='right' style='padding:2px 0'>{dinero(x.cotizacion.total)}</td></tr>"
            for x in b.lineas
        )
        v.resumen.setText(f"<table width='100%'>{filas}</table>")
        v.total.setText(f"{M.TOTAL} {dinero(b.total)}")
        v.art20.setText(
            M.AJUSTE_TEXTO.format(
                total=dinero(b.total), ajuste=dinero(b.total_efectivo - b.total), efectivo=dinero(b.total_efectivo)
            )
            + "\n"
            + M.SIN_EFECTIVO_TEXTO.format(total=dinero(b.total))
        )
        motivos = b.requiere_autorizacion
        v.autorizacion.setVisible(bool(motivos))
        v.motivo_autorizacion.setText("\n".join(f"⚑ {m}" for m in motivos))
        v.error.hide()
        self.actualizar()
        v.efectivo.setFocus()

    def pagos(self) -> list[Pago]:
        v = self.vista
        resultado = []
        for forma, editor in (
            ("efectivo", v.efectivo),
            ("tarjeta", v.tarjeta),
            ("transferencia", v.transferencia),
            ("cheque", v.cheque),
        ):
            importe = leer_monto(editor.text())
            if importe is None or importe <= 0:
                continue
            resultado.append(
                Pago(
                    forma,
                    importe,
                    ultimos4=v.ultimos4.text().strip() if forma == "tarjeta" else "",
                    autorizacion=v.autorizacion_banco.text().strip() if forma == "tarjeta" else "",
                    referencia=v.referencia.text().strip() if forma == "transferencia" else "",
                    banco=v.banco.text().strip() if forma == "cheque" else "",
                    numero=v.numero_cheque.text().strip() if forma == "cheque" else "",
                )
            )
        return resultado

    def _modo_cambio(self, emitido: bool) -> None:
        """The issued receipt's screen: amounts read-only, the change and the folio, how to go on."""
        v = self.vista
        for editor in self._editores():
            editor.setReadOnly(emitido)
        for nota in (v.emitido, v.siguiente):
            nota.setVisible(emitido)
        if not emitido:
            v.impresion.hide()
        v.efectivo_alto.hide()
        v.exacto.setEnabled(not emitido)

    def actualizar(self) -> None:
        if self.mostrando_cambio:
            return
        v = self.vista
        v.efectivo_alto.hide()
        total = self.cobro.borrador.total
        pagos = self.pagos()
        sumas = {f: sum((p.importe for p in pagos if p.forma == f), CERO) for f in ("efectivo", "tarjeta",
                 "transferencia", "cheque")}  # fmt: skip
        v.desglose.setText(M.PAGO_PARTES.format(**{k: dinero(x) for k, x in sumas.items()}))
        editores = {"efectivo": v.efectivo, "tarjeta": v.tarjeta, "transferencia": v.transferencia, "cheque": v.cheque}
        ilegible = next((e for f, ed in editores.items() if (e := error_monto(ed.text(), f))), None)
        if ilegible:  # "1.000,50" is not silently ignored: the cashier sees how to write it
            self._cambio(M.FALTA, self._faltante(total, pagos), ilegible)
            return
        try:
            liquidacion = liquidar(total, pagos) if pagos else None
        except ErrorEntrada as exc:
            liquidacion = None
            self._cambio(M.FALTA, self._faltante(total, pagos), sin_campo(exc))
            return
        if liquidacion is None:
            self._cambio(M.FALTA, self.cobro.borrador.total_efectivo, "")
            return
        v.desglose.setText(
            v.desglose.text()
            + "\n"
            + M.LIQUIDACION.format(ajuste=dinero(liquidacion.ajuste), a_pagar=dinero(liquidacion.a_pagar))
        )
        self._cambio(M.CAMBIO, liquidacion.cambio, "")

    @staticmethod
    def _faltante(total: Decimal, pagos: list[Pago]) -> Decimal:
        exacto = sum((p.importe for p in pagos if p.forma != "efectivo"), CERO)
        efectivo = sum((p.importe for p in pagos if p.forma == "efectivo"), CERO)
        resto = max(total - exacto, CERO)
        return max((ajuste_efectivo(resto) if efectivo or not exacto else resto) - efectivo, CERO)

    def _cambio(self, titulo: str, monto: Decimal, detalle: str) -> None:
        v = self.vista
        v.cambio_titulo.setText(titulo)
        v.cambio.setText(dinero(monto))
        v.cambio.setProperty("clase", "cambio" if titulo == M.CAMBIO else "falta")
        refrescar_estilo(v.cambio)
        v.confirmar.setEnabled(titulo == M.CAMBIO and not self._enviando)
        v.error.setText(detalle)
        v.error.setVisible(bool(detalle))

    def exacto(self) -> None:
        """F7: the cash that settles the rest exactly (Art. 20 adjusted), no change."""
        v = self.vista
        otros = [p for p in self.pagos() if p.forma != "efectivo"]
        resto = self._faltante(self.cobro.borrador.total, otros)
        v.efectivo.setText(f"{resto:.2f}" if resto else "")
        v.efectivo.setFocus()

    def _efectivo_alto(self) -> Decimal | None:
        """The cash typed when it is ten times what is owed or more (a slip of a zero, a bill misread)."""
        total = self.cobro.borrador.total_efectivo
        efectivo = sum((p.importe for p in self.pagos() if p.forma == "efectivo"), CERO)
        return efectivo if total > 0 and efectivo >= total * 10 else None

    def confirmar(self, con_enter: bool = False) -> None:
        v = self.vista
        if self.mostrando_cambio:
            self.siguiente_recibo()
            return
        if con_enter and not self._enviando and not any(e.text().strip() for e in self._montos()):
            self.exacto()  # nothing typed: the exact amount, shown on screen before it is recorded
            self.actualizar()
        if self._enviando or not v.confirmar.isEnabled():
            self.actualizar()
            return
        alto = self._efectivo_alto()
        if alto is not None and (con_enter or self._alto_avisado != alto):
            self._alto_avisado = alto
            v.efectivo_alto.setText(
                R.EFECTIVO_ALTO.format(efectivo=dinero(alto), total=dinero(self.cobro.borrador.total_efectivo))
            )
            v.efectivo_alto.show()
            v.efectivo.setFocus()
            return
        autorizacion = None
        if v.autorizacion.isVisible():
            campos = (v.supervisor, v.supervisor_contrasena, v.motivo, v.referencia_autorizacion)
            valores = tuple(c.editor.text().strip() for c in campos)  # type: ignore[attr-defined]
            faltan = [c for c, x in zip(campos, valores, strict=True) if not x]
            for c in campos:
                c.mostrar_error("")
            if faltan:
                for c in faltan:
                    c.mostrar_error(M.FALTAN_DATOS_ACCESO if c is not v.motivo else M.MOTIVO)
                faltan[0].editor.setFocus()
                return
            autorizacion = valores
        b = self.cobro.borrador
        lineas, pagos, contribuyente = b.para_cobrar(), self.pagos(), dict(b.contribuyente)
        self._enviando = True
        v.confirmar.setEnabled(False)
        v.error.setText(M.EMITIENDO)
        v.error.show()
        self.app.trabajador.enviar(
            emision_cuenta(b, pagos)  # an account's years: issued as «cobrar-adeudo», linked to the account
            or (lambda: self.app.servicios.cobrar(lineas, pagos, contribuyente, autorizacion)),
            self._al_emitir,
            self._al_fallar,
        )

    def _al_emitir(self, emitido: Emitido) -> None:
        self._enviando = False
        self.ultimo_emitido = emitido
        contribuyente = self.cobro.borrador.contribuyente.get("nombre", "")
        self.cobro.vaciar()
        if self.al_emitir is not None:
            self.al_emitir(emitido, contribuyente)
        v = self.vista
        v.error.hide()
        self._cambio(M.CAMBIO, emitido.cambio, "")
        v.confirmar.setEnabled(False)
        self.mostrando_cambio = True
        self._modo_cambio(True)
        v.emitido.setText(R.EMITIDO_PANTALLA.format(folio=emitido.folio, total=dinero(emitido.a_pagar)))
        v.efectivo.setFocus()
        texto = M.EMITIDO.format(folio=emitido.folio, total=dinero(emitido.a_pagar), cambio=dinero(emitido.cambio))
        self.app.imprimir_recibo(emitido.folio, texto, self._al_imprimir)

    def _al_imprimir(self, texto: str) -> None:
        self.vista.impresion.setText(texto)
        self.vista.impresion.setVisible(self.mostrando_cambio)

    def _al_fallar(self, error: BaseException, detalle: str) -> None:
        self._enviando = False
        if not isinstance(error, ErrorJerez):
            self.vista.error.hide()
            self.app.mostrar_falla(error, detalle)
            self.actualizar()
            return
        self.actualizar()
        self.vista.error.setText(sin_campo(error))
        self.vista.error.show()
