"""The supervisor's home: everyone's shifts, the chosen shift's corte and its close, the ways to voids,
reprints and the day's reports. Nothing here needs the supervisor's own cash float."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLineEdit, QWidget

from jerez_pos.gui import mensajes_roles as R
from jerez_pos.gui.vistas.comunes import CampoConError, ColumnasAjustadas, boton, dos_columnas, etiqueta, tarjeta
from jerez_pos.gui.vistas.recibos import tabla


class VistaSupervisor(QWidget):
    def __init__(self) -> None:
        super().__init__()
        capa, izquierda = dos_columnas(self)
        izquierda.addWidget(etiqueta(R.INICIO_SUPERVISOR, "titulo"))
        izquierda.addWidget(etiqueta(R.INICIO_SUPERVISOR_AYUDA, "nota", ajustar=True))
        self.turnos = tabla(R.COLUMNAS_TURNOS, 1)
        self.columnas = ColumnasAjustadas(self.turnos, (1, 4), (1, 1))
        self.turnos.verticalHeader().setDefaultSectionSize(32)
        izquierda.addWidget(self.turnos, 1)
        self.resumen_dia = etiqueta("", "subtitulo", ajustar=True)
        self.pendientes = etiqueta("", "nota", ajustar=True)
        izquierda.addWidget(self.resumen_dia)
        izquierda.addWidget(self.pendientes)
        accesos = QGridLayout()
        self.recibos = boton(R.IR_AUTORIZAR)
        self.reportes = boton(R.IR_REPORTES)
        self.mi_caja = boton(R.IR_MI_CAJA)
        accesos.addWidget(self.recibos, 0, 0, 1, 2)
        accesos.addWidget(self.reportes, 1, 0)
        accesos.addWidget(self.mi_caja, 1, 1)
        accesos.setColumnStretch(2, 1)
        izquierda.addLayout(accesos)
        capa.addLayout(izquierda, 3)

        marco, capa_corte = tarjeta("autorizacion")
        marco.setMaximumWidth(460)
        self.titulo_corte = etiqueta(R.SIN_TURNO_ELEGIDO, "subtitulo", ajustar=True)
        self.cifras = etiqueta("", "resumen", ajustar=True)
        capa_corte.addWidget(self.titulo_corte)
        capa_corte.addWidget(self.cifras)
        self.contrasena = CampoConError(R.MI_CONTRASENA_SUPERVISOR)
        self.contrasena.editor.setEchoMode(QLineEdit.EchoMode.Password)  # type: ignore[attr-defined]
        capa_corte.addWidget(self.contrasena)
        self.mensaje = etiqueta("", "nota", ajustar=True)
        capa_corte.addWidget(self.mensaje)
        capa_corte.addStretch(1)
        self.ver_corte = boton(R.VER_CORTE)
        self.cerrar = boton(R.CERRAR_CON_FIRMA, "cobrar")
        capa_corte.addWidget(self.ver_corte)
        capa_corte.addWidget(self.cerrar)
        capa.addWidget(marco, 2)
