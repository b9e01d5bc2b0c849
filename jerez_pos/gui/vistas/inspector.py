"""Inspector: the day's route of stalls (paid / pending), the last receipt, and the hand-over form."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLineEdit, QWidget

from jerez_pos.gui import mensajes as M
from jerez_pos.gui import mensajes_roles as R
from jerez_pos.gui.vistas.comunes import (
    CampoConError,
    ColumnasAjustadas,
    boton,
    dos_columnas,
    etiqueta,
    filas_tactiles,
    tarjeta,
)
from jerez_pos.gui.vistas.recibos import tabla

ALTO_FILA = 36  # px at 100 %: the route is walked with a tablet


class VistaInspector(QWidget):
    def __init__(self) -> None:
        super().__init__()
        capa, izquierda = dos_columnas(self)
        izquierda.addWidget(etiqueta(M.INSPECTOR_TITULO, "titulo"))
        izquierda.addWidget(etiqueta(M.INSPECTOR_AYUDA, "nota", ajustar=True))
        fila = QHBoxLayout()
        fila.addWidget(etiqueta(M.TIANGUIS, "campo"))
        self.tianguis = QComboBox()
        self.tianguis.setMinimumWidth(280)
        fila.addWidget(self.tianguis)
        fila.addStretch(1)
        self.resumen = etiqueta("", "subtitulo")
        fila.addWidget(self.resumen)
        izquierda.addLayout(fila)
        self.ruta = tabla(R.COLUMNAS_RUTA, 1)
        self.columnas = ColumnasAjustadas(self.ruta, (1, 2, 3), (3, 2, 2))  # fee and state always whole
        filas_tactiles(self.ruta, ALTO_FILA)  # touch: a finger, not a mouse pointer
        izquierda.addWidget(self.ruta, 1)
        # Enter only asks: the fee and the stall are shown here and F12 charges (a double Enter charges nobody).
        self.confirmacion = QFrame()
        self.confirmacion.setProperty("clase", "autorizacion")
        capa_confirmar = QHBoxLayout(self.confirmacion)
        self.pregunta = etiqueta("", "aviso", ajustar=True)
        self.si_cobrar = boton(R.COBRAR_PUESTO, "cobrar")
        self.no_cobrar = boton(R.NO_COBRAR)
        capa_confirmar.addWidget(self.pregunta, 1)
        capa_confirmar.addWidget(self.no_cobrar)
        capa_confirmar.addWidget(self.si_cobrar)
        self.confirmacion.hide()
        izquierda.addWidget(self.confirmacion)
        marcas = QHBoxLayout()
        self.ausente = boton(R.MARCAR_AUSENTE)
        self.cerrado = boton(R.MARCAR_CERRADO)
        for b in (self.ausente, self.cerrado, self.si_cobrar, self.no_cobrar):
            b.setMinimumHeight(ALTO_FILA)
        marcas.addWidget(self.ausente)
        marcas.addWidget(self.cerrado)
        marcas.addStretch(1)
        izquierda.addLayout(marcas)
        self.ultimo = etiqueta("", "exito", ajustar=True)
        self.ultimo.hide()
        self.reporte = boton(M.REPORTE_RUTA)
        abajo = QHBoxLayout()
        abajo.addWidget(self.ultimo, 1)
        abajo.addStretch(0)
        abajo.addWidget(self.reporte)
        izquierda.addLayout(abajo)
        capa.addLayout(izquierda, 3)

        marco, capa_entrega = tarjeta("autorizacion")
        marco.setMaximumWidth(420)
        capa_entrega.addWidget(etiqueta(M.ENTREGA_TITULO, "subtitulo"))
        capa_entrega.addWidget(etiqueta(M.ENTREGA_AYUDA, "nota", ajustar=True))
        self.monto = CampoConError(M.ENTREGA_MONTO, pista="0.00")
        self.monto.editor.setProperty("clase", "monto")
        self.propia = CampoConError(M.MI_CONTRASENA)
        self.cajero = CampoConError(M.CAJERO_RECIBE)
        self.cajero_contrasena = CampoConError(M.CAJERO_CONTRASENA)
        for campo in (self.propia, self.cajero_contrasena):
            campo.editor.setEchoMode(QLineEdit.EchoMode.Password)  # type: ignore[attr-defined]
        self.campos_entrega = (self.monto, self.propia, self.cajero, self.cajero_contrasena)
        for campo in self.campos_entrega:
            capa_entrega.addWidget(campo)
        self.mensaje = etiqueta("", "nota", ajustar=True)
        capa_entrega.addWidget(self.mensaje)
        capa_entrega.addStretch(1)
        self.entregar = boton(M.ENTREGAR, "cobrar")
        self.regresar = boton(M.REGRESAR)
        capa_entrega.addWidget(self.entregar)
        capa_entrega.addWidget(self.regresar)
        capa.addWidget(marco, 2)
