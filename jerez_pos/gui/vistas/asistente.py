"""First-run wizard: five short pages in one centered card (municipality, terminal, admin, printer, backups)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QStackedWidget, QVBoxLayout, QWidget

from jerez_pos.gui import mensajes as M
from jerez_pos.gui.vistas.acceso import _centrar
from jerez_pos.gui.vistas.comunes import CampoConError, boton, etiqueta, tarjeta


def _pagina(*widgets: QWidget) -> QWidget:
    pagina = QWidget()
    capa = QVBoxLayout(pagina)
    capa.setContentsMargins(0, 0, 0, 0)
    for w in widgets:
        capa.addWidget(w)
    capa.addStretch(1)
    return pagina


class VistaAsistente(QWidget):
    def __init__(self) -> None:
        super().__init__()
        marco, capa = tarjeta("tarjeta-acceso")
        marco.setFixedWidth(560)
        capa.addWidget(etiqueta(M.MUNICIPIO, "marca"))
        capa.addWidget(etiqueta(M.ASISTENTE_TITULO, "titulo"))
        self.paso = etiqueta("", "paso")
        capa.addWidget(self.paso)
        self.municipio = CampoConError(M.ASISTENTE_MUNICIPIO)
        self.municipio.editor.setText(M.MUNICIPIO_PREDETERMINADO)  # type: ignore[attr-defined]
        self.delegacion = CampoConError(M.ASISTENTE_DELEGACION, pista="Cabecera municipal")
        self.terminal = CampoConError(M.ASISTENTE_TERMINAL, pista="Caja 1")
        self.serie = CampoConError(M.ASISTENTE_SERIE, pista="JRZ1")
        self.usuario = CampoConError(M.ASISTENTE_USUARIO, pista="admin")
        self.nombre = CampoConError(M.ASISTENTE_NOMBRE)
        self.contrasena = CampoConError(M.CONTRASENA)
        self.confirmacion = CampoConError(M.ASISTENTE_CONFIRMAR)
        for campo in (self.contrasena, self.confirmacion):
            campo.editor.setEchoMode(QLineEdit.EchoMode.Password)  # type: ignore[attr-defined]
        self.impresora = CampoConError(M.IMPRESORA, pista="red:192.168.1.50")
        self.ancho = QComboBox()
        self.ancho.addItem("80 mm (48 columnas)", 80)
        self.ancho.addItem("58 mm (32 columnas)", 58)
        self.probar = boton(M.PROBAR_IMPRESORA)
        self.resultado_prueba = etiqueta("", "nota", ajustar=True)
        self.respaldo = CampoConError(M.ASISTENTE_RESPALDO, pista="E:/respaldos-jerez")
        self.paginas = QStackedWidget()
        self.campos: list[list[CampoConError]] = [
            [self.municipio, self.delegacion],
            [self.terminal, self.serie],
            [self.usuario, self.nombre, self.contrasena, self.confirmacion],
            [self.impresora],
            [self.respaldo],
        ]
        extras: list[list[QWidget]] = [
            [],
            [etiqueta(M.ASISTENTE_SERIE_NOTA, "nota", ajustar=True)],
            [],
            [
                CampoConError(M.ANCHO_PAPEL, self.ancho),
                etiqueta(M.ASISTENTE_IMPRESORA_NOTA, "nota", ajustar=True),
                self.probar,
                self.resultado_prueba,
            ],
            [etiqueta(M.ASISTENTE_RESPALDO_NOTA, "nota", ajustar=True)],
        ]
        for campos, otros in zip(self.campos, extras, strict=True):
            self.paginas.addWidget(_pagina(*campos, *otros))
        capa.addWidget(self.paginas)
        self.error = etiqueta("", "error-grande", ajustar=True)
        self.error.hide()
        capa.addWidget(self.error)
        fila = QHBoxLayout()
        self.anterior = boton(M.ANTERIOR)
        self.siguiente = boton(M.SIGUIENTE, "primario")
        self.terminar = boton(M.TERMINAR, "cobrar")
        fila.addWidget(self.anterior)
        fila.addStretch(1)
        fila.addWidget(self.siguiente)
        fila.addWidget(self.terminar)
        capa.addLayout(fila)
        self.setLayout(_centrar(marco))
