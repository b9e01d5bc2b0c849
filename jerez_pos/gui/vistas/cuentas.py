"""Layout of the account screens: the «Cuenta / contribuyente» tab of Cobro, the account card, and the
inspector's list of licences not renewed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QListWidget, QVBoxLayout, QWidget

from jerez_pos.gui.vistas import cuentas_mensajes as C
from jerez_pos.gui.vistas.comunes import boton, dos_columnas, etiqueta, tarjeta
from jerez_pos.gui.vistas.recibos import tabla


class PanelCuentas(QWidget):
    """The search tab: one box, the matching accounts of both rolls."""

    def __init__(self) -> None:
        super().__init__()
        capa = QVBoxLayout(self)
        capa.setContentsMargins(8, 8, 8, 8)
        self.buscador = QLineEdit()
        self.buscador.setPlaceholderText(C.CUENTA_PISTA)
        self.buscador.setClearButtonEnabled(True)
        self.buscador.setProperty("clase", "buscador")
        self.estado = etiqueta(C.CUENTA_ESCRIBA, "nota", ajustar=True)
        self.resultados = QListWidget()
        self.resultados.setProperty("clase", "resultados")
        self.resultados.setWordWrap(True)
        self.resultados.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        capa.addWidget(self.buscador)
        capa.addWidget(self.estado)
        capa.addWidget(self.resultados, 1)


class VistaTarjeta(QWidget):
    """The account card: who and what, the owed years to mark, the total marked, and earlier payments."""

    def __init__(self) -> None:
        super().__init__()
        capa, izquierda = dos_columnas(self)
        self.titulo = etiqueta("", "titulo")
        self.titular = etiqueta("", "subtitulo", ajustar=True)
        self.domicilio = etiqueta("", "nota", ajustar=True)
        self.ayuda = etiqueta(C.TARJETA_AYUDA, "nota", ajustar=True)
        self.anios_titulo = etiqueta("", "campo")
        self.anios = tabla(C.COLUMNAS_ANIOS, 0)
        self.anios.verticalHeader().setDefaultSectionSize(32)
        self.al_corriente = etiqueta(C.AL_CORRIENTE, "exito", ajustar=True)
        self.al_corriente.hide()
        self.avisos = etiqueta("", "aviso", ajustar=True)
        self.avisos.hide()
        self.marcados = etiqueta("", "total")
        self.marcados.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.mensaje = etiqueta("", "error-grande", ajustar=True)
        self.mensaje.hide()
        for w in (self.titulo, self.titular, self.domicilio, self.ayuda, self.anios_titulo):
            izquierda.addWidget(w)
        izquierda.addWidget(self.anios, 1)
        for w in (self.al_corriente, self.avisos, self.marcados, self.mensaje):
            izquierda.addWidget(w)
        botones = QHBoxLayout()
        self.regresar = boton(C.REGRESAR)
        self.estado_pdf = boton(C.ESTADO_PDF)
        self.cobrar = boton(C.COBRAR_ANIOS, "cobrar")
        for b in (self.regresar, self.estado_pdf):
            botones.addWidget(b)
        botones.addWidget(self.cobrar, 1)
        izquierda.addLayout(botones)
        capa.addLayout(izquierda, 3)

        derecha = QVBoxLayout()
        marco, capa_datos = tarjeta("tarjeta")
        self.datos = etiqueta("", "nota", ajustar=True)
        self.datos.setTextFormat(Qt.TextFormat.RichText)
        self.pagado = etiqueta("", "subtitulo")
        capa_datos.addWidget(self.datos)
        capa_datos.addWidget(self.pagado)
        derecha.addWidget(marco)
        derecha.addWidget(etiqueta(C.HISTORIAL_TITULO, "campo"))
        self.historial = tabla(C.COLUMNAS_HISTORIAL, 2)
        self.historial.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.historial_vacio = etiqueta(C.HISTORIAL_VACIO, "nota", ajustar=True)
        derecha.addWidget(self.historial, 1)
        derecha.addWidget(self.historial_vacio)
        capa.addLayout(derecha, 2)


class VistaSinRefrendo(QWidget):
    def __init__(self) -> None:
        super().__init__()
        capa = QVBoxLayout(self)
        capa.setContentsMargins(16, 12, 16, 12)
        capa.addWidget(etiqueta(C.SIN_REFRENDO_TITULO, "titulo"))
        self.ayuda = etiqueta("", "nota", ajustar=True)
        self.resumen = etiqueta(C.SIN_REFRENDO_CARGANDO, "subtitulo", ajustar=True)
        self.lista = tabla(C.COLUMNAS_SIN_REFRENDO, 0)
        self.lista.verticalHeader().setDefaultSectionSize(32)
        self.regresar = boton(C.REGRESAR)
        for w in (self.ayuda, self.resumen):
            capa.addWidget(w)
        capa.addWidget(self.lista, 1)
        abajo = QHBoxLayout()
        abajo.addStretch(1)
        abajo.addWidget(self.regresar)
        capa.addLayout(abajo)
