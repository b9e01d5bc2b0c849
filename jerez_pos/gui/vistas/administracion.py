"""Administración: one tab per duty (users, UMA, catalogs, padrón, terminal, backups, audit log)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from jerez_pos.gui import mensajes as M
from jerez_pos.gui.vistas.comunes import CampoConError, boton, etiqueta, tarjeta
from jerez_pos.gui.vistas.nuevo_ejercicio import PESTANA as PESTANA_NUEVO_EJERCICIO
from jerez_pos.gui.vistas.nuevo_ejercicio import VistaNuevoEjercicio
from jerez_pos.gui.vistas.recibos import tabla

# As INEGI publishes them; the monthly and annual values are never derived from the daily one.
COLUMNAS_UMA = ("Año", "UMA diaria", "UMA mensual", "UMA anual", "Vigente desde")
NO_PUBLICADA = "falta"


def _pestana() -> tuple[QWidget, QHBoxLayout]:
    pagina = QWidget()
    capa = QHBoxLayout(pagina)
    capa.setContentsMargins(10, 10, 10, 10)
    capa.setSpacing(12)
    return pagina, capa


class ImportarArchivo(QWidget):
    """Path field, "Examinar…" and "Importar", with the result (or every error) under it."""

    def __init__(self, titulo: str, pista: str = "") -> None:
        super().__init__()
        capa = QVBoxLayout(self)
        capa.setContentsMargins(0, 0, 0, 0)
        self.ruta = CampoConError(titulo, pista=pista)
        fila = QHBoxLayout()
        self.examinar = boton(M.EXAMINAR)
        self.importar = boton(M.IMPORTAR, "primario")
        fila.addWidget(self.ruta, 1)
        fila.addWidget(self.examinar, 0, Qt.AlignmentFlag.AlignBottom)
        fila.addWidget(self.importar, 0, Qt.AlignmentFlag.AlignBottom)
        capa.addLayout(fila)
        self.resultado = etiqueta("", "nota", ajustar=True)
        self.errores = QListWidget()
        self.errores.setProperty("clase", "errores")
        self.errores.hide()
        self.resultado.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        capa.addWidget(self.resultado)
        capa.addWidget(self.errores, 1)
        capa.addStretch(0)

    @property
    def editor(self) -> QLineEdit:
        return self.ruta.editor  # type: ignore[return-value]


class VistaAdministracion(QWidget):
    def __init__(self) -> None:
        super().__init__()
        capa = QVBoxLayout(self)
        capa.setContentsMargins(16, 12, 16, 12)
        capa.addWidget(etiqueta(M.ADMIN_TITULO, "titulo"))
        self.pestanas = QTabWidget()
        capa.addWidget(self.pestanas, 1)
        self._usuarios()
        self._uma()
        self._catalogos()
        self.nuevo_ejercicio = VistaNuevoEjercicio()
        self.pestanas.addTab(self.nuevo_ejercicio, PESTANA_NUEVO_EJERCICIO)
        self._padron()
        self._terminal()
        self._respaldos()
        self._reportes()
        self._bitacora()

    def _usuarios(self) -> None:
        pagina, capa = _pestana()
        self.usuarios = tabla(M.COLUMNAS_USUARIOS, 1)
        capa.addWidget(self.usuarios, 3)
        marco, forma = tarjeta()
        self.usuario = CampoConError(M.USUARIO)
        self.nombre = CampoConError(M.NOMBRE)
        self.rol = QComboBox()
        for clave, texto in M.ROLES.items():
            self.rol.addItem(texto, clave)
        self.campo_rol = CampoConError(M.ROL, self.rol)
        self.contrasena = CampoConError(M.NUEVA_CONTRASENA)
        self.contrasena.editor.setEchoMode(QLineEdit.EchoMode.Password)  # type: ignore[attr-defined]
        for w in (self.usuario, self.nombre, self.campo_rol, self.contrasena):
            forma.addWidget(w)
        self.crear = boton(M.CREAR_USUARIO, "primario")
        self.restablecer = boton(M.RESTABLECER)
        self.desbloquear = boton(M.DESBLOQUEAR)
        for b in (self.crear, self.restablecer, self.desbloquear):
            forma.addWidget(b)
        self.mensaje_usuarios = etiqueta("", "nota", ajustar=True)
        forma.addWidget(self.mensaje_usuarios)
        forma.addStretch(1)
        capa.addWidget(marco, 2)
        self.pestanas.addTab(pagina, M.PESTANA_USUARIOS)

    def _uma(self) -> None:
        pagina, capa = _pestana()
        self.uma = tabla(COLUMNAS_UMA, 4)
        capa.addWidget(self.uma, 2)
        self.importar_uma = ImportarArchivo(M.ARCHIVO_CSV, "db/tarifas/uma.csv")
        capa.addWidget(self.importar_uma, 3)
        self.pestanas.addTab(pagina, M.PESTANA_UMA)

    def _catalogos(self) -> None:
        pagina, capa = _pestana()
        izquierda = QVBoxLayout()
        self.catalogos = tabla(M.COLUMNAS_CATALOGOS, 0)
        izquierda.addWidget(self.catalogos, 1)
        self.importar_catalogo = ImportarArchivo(M.CARPETA_CATALOGO, "db/tarifas/jerez-2025")
        izquierda.addWidget(self.importar_catalogo, 1)
        capa.addLayout(izquierda, 2)
        marco, derecha = tarjeta()
        self.titulo_diferencias = etiqueta("", "subtitulo", ajustar=True)
        self.diferencias = QListWidget()
        derecha.addWidget(self.titulo_diferencias)
        derecha.addWidget(self.diferencias, 1)
        capa.addWidget(marco, 3)
        self.pestanas.addTab(pagina, M.PESTANA_CATALOGOS)

    def _padron(self) -> None:
        pagina, capa = _pestana()
        columna = QVBoxLayout()
        columna.addWidget(etiqueta(M.PADRON_AYUDA, "nota", ajustar=True))
        self.importar_padron = ImportarArchivo(M.ARCHIVO_CSV, "padron.csv")
        columna.addWidget(self.importar_padron, 1)
        capa.addLayout(columna)
        self.pestanas.addTab(pagina, M.PESTANA_PADRON)

    def _terminal(self) -> None:
        pagina, capa = _pestana()
        marco, izquierda = tarjeta()
        self.datos_terminal = etiqueta("", "resumen", ajustar=True)
        self.datos_terminal.setTextFormat(Qt.TextFormat.RichText)
        izquierda.addWidget(self.datos_terminal)
        izquierda.addStretch(1)
        capa.addWidget(marco, 2)
        marco_imp, derecha = tarjeta()
        self.impresora = CampoConError(M.IMPRESORA, pista="red:192.168.1.50")
        self.ancho = QComboBox()
        self.ancho.addItem("80 mm (48 columnas)", 80)
        self.ancho.addItem("58 mm (32 columnas)", 58)
        self.campo_ancho = CampoConError(M.ANCHO_PAPEL, self.ancho)
        fila = QHBoxLayout()
        self.guardar_impresora = boton(M.GUARDAR, "primario")
        self.probar_impresora = boton(M.PROBAR_IMPRESORA)
        fila.addWidget(self.guardar_impresora)
        fila.addWidget(self.probar_impresora)
        self.mensaje_impresora = etiqueta("", "nota", ajustar=True)
        self.servidor = CampoConError(M.SERVIDOR, pista="https://central.jerez.gob.mx")
        self.codigo = CampoConError(M.CODIGO_INSCRIPCION, pista="ABCD-EFGH-JKLM-NPQR-STUV")
        self.guardar_servidor = boton(M.GUARDAR)
        self.inscribir = boton(M.INSCRIBIR, "primario")
        self.mensaje_servidor = etiqueta(M.SERVIDOR_NOTA, "nota", ajustar=True)
        for w in (self.impresora, self.campo_ancho):
            derecha.addWidget(w)
        derecha.addLayout(fila)
        derecha.addWidget(self.mensaje_impresora)
        central = QGridLayout()
        central.addWidget(self.servidor, 0, 0)
        central.addWidget(self.codigo, 0, 1)
        central.addWidget(self.guardar_servidor, 1, 0)
        central.addWidget(self.inscribir, 1, 1)
        derecha.addLayout(central)
        derecha.addWidget(self.mensaje_servidor)
        derecha.addStretch(1)
        capa.addWidget(marco_imp, 3)
        self.pestanas.addTab(pagina, M.PESTANA_TERMINAL)

    def _respaldos(self) -> None:
        pagina, capa = _pestana()
        marco, columna = tarjeta()
        self.destino_respaldo = etiqueta("", "nota", ajustar=True)
        self.respaldar = boton(M.RESPALDAR, "primario")
        self.archivo_respaldo = CampoConError(M.ARCHIVO_RESPALDO)
        self.confirmar_restaurar = CampoConError(M.PALABRA_RESTAURAR)
        self.aviso_restaurar = etiqueta("", "aviso", ajustar=True)
        self.aviso_restaurar.hide()
        self.restaurar = boton(M.RESTAURAR, "peligro")
        self.mensaje_respaldo = etiqueta("", "nota", ajustar=True)
        rejilla = QGridLayout()
        rejilla.addWidget(self.archivo_respaldo, 0, 0)
        rejilla.addWidget(self.confirmar_restaurar, 0, 1)
        for w in (self.destino_respaldo, self.respaldar):
            columna.addWidget(w)
        columna.addLayout(rejilla)
        for w in (self.aviso_restaurar, self.restaurar, self.mensaje_respaldo):
            columna.addWidget(w)
        columna.addStretch(1)
        capa.addWidget(marco)
        self.pestanas.addTab(pagina, M.PESTANA_RESPALDOS)

    def _reportes(self) -> None:
        pagina, capa = _pestana()
        marco, columna = tarjeta()
        columna.addWidget(etiqueta(M.REPORTE_AYUDA, "nota", ajustar=True))
        self.fecha_reporte = CampoConError(M.REPORTE_FECHA, pista="15/03/2024")
        self.reporte_pdf = boton(M.GUARDAR_PDF_REPORTE, "primario")
        self.mensaje_reporte = etiqueta("", "nota", ajustar=True)
        fila = QHBoxLayout()
        fila.addWidget(self.fecha_reporte)
        fila.addWidget(self.reporte_pdf, 0, Qt.AlignmentFlag.AlignBottom)
        fila.addStretch(1)
        columna.addLayout(fila)
        columna.addWidget(self.mensaje_reporte)
        columna.addStretch(1)
        capa.addWidget(marco)
        self.pestanas.addTab(pagina, M.PESTANA_REPORTES)

    def _bitacora(self) -> None:
        pagina, capa = _pestana()
        columna = QVBoxLayout()
        self.bitacora = tabla(M.COLUMNAS_BITACORA, 3)
        self.actualizar_bitacora = boton(M.ACTUALIZAR)
        columna.addWidget(self.bitacora, 1)
        columna.addWidget(self.actualizar_bitacora, 0, Qt.AlignmentFlag.AlignRight)
        capa.addLayout(columna)
        self.pestanas.addTab(pagina, M.PESTANA_BITACORA)
