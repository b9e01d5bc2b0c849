"""First-run wizard: five short pages in one centered card (municipality, terminal, admin, printer, backups).

The terminal page offers two ways: a name and folio series typed here, or (checkbox) enrollment with the
central server, which assigns the series; only the chosen way's fields are shown.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from jerez_pos.gui import mensajes as M
from jerez_pos.gui.vistas.acceso import _centrar
from jerez_pos.gui.vistas.campo_texto import CampoTexto
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
        self.municipio = CampoTexto(M.ASISTENTE_MUNICIPIO)
        self.municipio.editor.setText(M.MUNICIPIO_PREDETERMINADO)
        self.delegacion = CampoTexto(M.ASISTENTE_DELEGACION, pista="Cabecera municipal")
        self.terminal = CampoTexto(M.ASISTENTE_TERMINAL, pista="Caja 1")
        self.serie = CampoTexto(M.ASISTENTE_SERIE, pista="JRZ1")
        self.con_central = QCheckBox(M.ASISTENTE_CON_CENTRAL)
        self.servidor = CampoTexto(M.SERVIDOR, pista="https://central.jerez.gob.mx")
        self.codigo = CampoTexto(M.CODIGO_INSCRIPCION, pista="ABCD-EFGH-JKLM-NPQR-STUV")
        self.nota_serie = etiqueta(M.ASISTENTE_SERIE_NOTA, "nota", ajustar=True)
        self.nota_central = etiqueta(M.ASISTENTE_CENTRAL_NOTA, "nota", ajustar=True)
        self.usuario = CampoTexto(M.ASISTENTE_USUARIO, pista="admin")
        self.nombre = CampoTexto(M.ASISTENTE_NOMBRE)
        self.contrasena = CampoTexto(M.CONTRASENA, contrasena=True)
        self.confirmacion = CampoTexto(M.ASISTENTE_CONFIRMAR, contrasena=True)
        self.impresora = CampoTexto(M.IMPRESORA, pista="red:192.168.1.50")
        self.ancho = QComboBox()
        self.ancho.addItem("80 mm (48 columnas)", 80)
        self.ancho.addItem("58 mm (32 columnas)", 58)
        self.probar = boton(M.PROBAR_IMPRESORA)
        self.resultado_prueba = etiqueta("", "nota", ajustar=True)
        self.respaldo = CampoTexto(M.ASISTENTE_RESPALDO, pista="E:/respaldos-jerez")
        self.paginas = QStackedWidget()
        self.campos: list[list[CampoTexto]] = [
            [self.municipio, self.delegacion],
            [self.terminal, self.serie, self.servidor, self.codigo],
            [self.usuario, self.nombre, self.contrasena, self.confirmacion],
            [self.impresora],
            [self.respaldo],
        ]
        ancho = CampoConError(M.ANCHO_PAPEL, self.ancho)
        nota_impresora = etiqueta(M.ASISTENTE_IMPRESORA_NOTA, "nota", ajustar=True)
        nota_respaldo = etiqueta(M.ASISTENTE_RESPALDO_NOTA, "nota", ajustar=True)
        terminal = (self.terminal, self.serie, self.nota_serie, self.con_central, self.servidor, self.codigo)
        contenidos: list[tuple[QWidget, ...]] = [
            tuple(self.campos[0]),
            (*terminal, self.nota_central),
            tuple(self.campos[2]),
            (self.impresora, ancho, nota_impresora, self.probar, self.resultado_prueba),
            (self.respaldo, nota_respaldo),
        ]
        for widgets in contenidos:
            self.paginas.addWidget(_pagina(*widgets))
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
        self.elegir_central(False)

    def elegir_central(self, central: bool) -> None:
        """Shows the fields of the chosen way to identify the terminal (typed series, or central enrollment)."""
        for w in (self.terminal, self.serie, self.nota_serie):
            w.setVisible(not central)
        for w in (self.servidor, self.codigo, self.nota_central):
            w.setVisible(central)
