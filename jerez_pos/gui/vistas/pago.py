"""Pago: what is owed (with the Art. 20 adjustment shown), the tenders, and the change in big type."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLineEdit, QScrollArea, QVBoxLayout, QWidget

from jerez_pos.gui import mensajes as M
from jerez_pos.gui import mensajes_roles as R
from jerez_pos.gui.vistas.comunes import CampoConError, boton, etiqueta, tarjeta


def _monto() -> QLineEdit:
    editor = QLineEdit()
    editor.setAlignment(Qt.AlignmentFlag.AlignRight)
    editor.setProperty("clase", "monto")
    editor.setPlaceholderText("0.00")
    return editor


class VistaPago(QWidget):
    def __init__(self) -> None:
        super().__init__()
        capa = QHBoxLayout(self)
        capa.setContentsMargins(16, 12, 16, 12)
        capa.setSpacing(16)

        izquierda, capa_izq = tarjeta()
        capa_izq.addWidget(etiqueta(M.PAGO_TITULO, "titulo"))
        self.contribuyente = etiqueta("", "subtitulo", ajustar=True)
        self.resumen = etiqueta("", "resumen", ajustar=True)
        self.resumen.setTextFormat(Qt.TextFormat.RichText)
        capa_izq.addWidget(self.contribuyente)
        capa_izq.addWidget(self.resumen, 1)
        self.total = etiqueta("", "total")
        self.art20 = etiqueta("", "nota", ajustar=True)
        capa_izq.addWidget(self.total)
        capa_izq.addWidget(self.art20)
        capa.addWidget(izquierda, 5)

        lado = QVBoxLayout()
        # The tenders and the change scroll when the window is short (1366×768 at 125 %: 564 points high)
        # instead of squeezing the big change into a cut line; the buttons stay in sight below.
        contenido = QWidget()
        derecha = QVBoxLayout(contenido)
        derecha.setContentsMargins(0, 0, 0, 0)
        desplazable = QScrollArea()
        desplazable.setWidget(contenido)
        desplazable.setWidgetResizable(True)
        desplazable.setFrameShape(QFrame.Shape.NoFrame)
        desplazable.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        lado.addWidget(desplazable, 1)
        formas, capa_formas = tarjeta()
        rejilla = QGridLayout()
        rejilla.setHorizontalSpacing(10)
        rejilla.setVerticalSpacing(4)
        self.efectivo = _monto()
        self.efectivo.setProperty("clase", "monto-grande")
        self.tarjeta = _monto()
        self.ultimos4 = QLineEdit()
        self.ultimos4.setMaxLength(4)
        self.ultimos4.setPlaceholderText(M.ULTIMOS4)
        self.autorizacion_banco = QLineEdit()
        self.autorizacion_banco.setPlaceholderText(M.AUTORIZACION_BANCO)
        self.transferencia = _monto()
        self.referencia = QLineEdit()
        self.referencia.setPlaceholderText(M.REFERENCIA)
        self.cheque = _monto()
        self.banco = QLineEdit()
        self.banco.setPlaceholderText(M.BANCO)
        self.numero_cheque = QLineEdit()
        self.numero_cheque.setPlaceholderText(M.NUMERO_CHEQUE)
        rejilla.addWidget(etiqueta(M.EFECTIVO, "campo-grande"), 0, 0)
        rejilla.addWidget(self.efectivo, 0, 1, 1, 3)
        formas_pago: tuple[tuple[str, QLineEdit, list[QLineEdit]], ...] = (
            (M.TARJETA, self.tarjeta, [self.ultimos4, self.autorizacion_banco]),
            (M.TRANSFERENCIA, self.transferencia, [self.referencia]),
            (M.CHEQUE, self.cheque, [self.banco, self.numero_cheque]),
        )
        # One row per tender, its details beside the amount: the screen fits 1366×705 at 125 %.
        for renglon, (titulo, monto, datos) in enumerate(formas_pago, start=1):
            rejilla.addWidget(etiqueta(titulo, "campo"), renglon, 0)
            rejilla.addWidget(monto, renglon, 1)
            for columna, dato in enumerate(datos, start=2):
                rejilla.addWidget(dato, renglon, columna, 1, 2 if len(datos) == 1 else 1)
        for columna in (1, 2, 3):
            rejilla.setColumnStretch(columna, 1)
        capa_formas.addLayout(rejilla)
        self.desglose = etiqueta("", "nota", ajustar=True)
        capa_formas.addWidget(self.desglose)
        derecha.addWidget(formas)

        cambio, capa_cambio = tarjeta("caja-cambio")
        self.cambio_titulo = etiqueta(M.CAMBIO, "cambio-etiqueta")
        self.cambio = etiqueta("$0.00", "cambio")
        self.cambio.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        # After the commit the change stays here, big, until the next receipt starts (never a small dialog).
        self.emitido = etiqueta("", "cambio-etiqueta", ajustar=True)
        self.siguiente = etiqueta(R.SIGUIENTE_CLIENTE, "nota", ajustar=True)
        self.impresion = etiqueta("", "nota", ajustar=True)
        capa_cambio.addWidget(self.cambio_titulo)
        capa_cambio.addWidget(self.cambio)
        for nota in (self.emitido, self.siguiente, self.impresion):
            nota.hide()
            capa_cambio.addWidget(nota)
        derecha.addWidget(cambio)
        # Cash of ten times the total or more: said in place, confirmed only with F12 (a second Enter won't).
        self.efectivo_alto = etiqueta("", "aviso", ajustar=True)
        self.efectivo_alto.hide()
        derecha.addWidget(self.efectivo_alto)

        self.autorizacion, capa_aut = tarjeta("autorizacion")
        capa_aut.addWidget(etiqueta(M.SUPERVISOR_TITULO, "subtitulo"))
        self.motivo_autorizacion = etiqueta("", "aviso", ajustar=True)
        capa_aut.addWidget(self.motivo_autorizacion)
        rejilla_aut = QGridLayout()
        self.supervisor = CampoConError(M.SUPERVISOR)
        self.supervisor_contrasena = CampoConError(M.SUPERVISOR_CONTRASENA)
        self.supervisor_contrasena.editor.setEchoMode(QLineEdit.EchoMode.Password)  # type: ignore[attr-defined]
        self.motivo = CampoConError(M.MOTIVO)
        self.referencia_autorizacion = CampoConError(M.REFERENCIA_AUTORIZACION)
        rejilla_aut.addWidget(self.supervisor, 0, 0)
        rejilla_aut.addWidget(self.supervisor_contrasena, 0, 1)
        rejilla_aut.addWidget(self.motivo, 1, 0)
        rejilla_aut.addWidget(self.referencia_autorizacion, 1, 1)
        capa_aut.addLayout(rejilla_aut)
        derecha.addWidget(self.autorizacion)
        self.autorizacion.hide()

        self.error = etiqueta("", "error-grande", ajustar=True)
        self.error.hide()
        derecha.addWidget(self.error)
        derecha.addStretch(1)
        self.desplazable = desplazable
        botones = QHBoxLayout()
        self.regresar = boton(M.REGRESAR)
        self.exacto = boton(M.EXACTO)
        self.confirmar = boton(M.CONFIRMAR_PAGO, "cobrar")
        botones.addWidget(self.regresar)
        botones.addWidget(self.exacto)
        botones.addWidget(self.confirmar, 1)
        lado.addLayout(botones)
        capa.addLayout(lado, 6)
