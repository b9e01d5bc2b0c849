"""Administración › «Nuevo ejercicio»: four steps, one tab each (the law, its changes, the pending concepts,
the two-person publication). Every button has an Alt+letter key (the underlined letter)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QProgressBar,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from jerez_pos.core.modelo import FORMAS, PERIODICIDADES
from jerez_pos.core.texto import ConPlural
from jerez_pos.gui.vistas.comunes import CampoConError, boton, etiqueta, tarjeta

PESTANA = "Nuevo ejercicio"
PASO_LEY = "1 · Ley nueva"
PASO_CAMBIOS = "2 · Cambios"
PASO_PENDIENTES = "3 · Conceptos por definir"
PASO_PUBLICAR = "4 · Publicar"
AYUDA_LEY = (
    "Cargue el texto de la Ley de Ingresos nueva (.txt en UTF-8, tal como se extrae del Periódico Oficial). "
    "El borrador se arma sobre el catálogo vigente de esta terminal; nada se cobra con él hasta publicarlo."
)
ARCHIVO_LEY = "Texto de la ley nueva (.txt)"
EJERCICIO = "Ejercicio"
CARPETA_BORRADOR = "Carpeta nueva para el borrador"
EXAMINAR = "E&xaminar…"
ARMAR = "&Armar borrador"
LEYENDO = "Armando el borrador…"
RESUMEN = (
    "Borrador {ejercicio} sobre {base}: {conceptos} conceptos; cambios de monto: {cambios}; renumerados: "
    "{renumerados}; nuevos: {nuevos}; derogados: {derogados}; por revisar: {por_revisar}."
)
INFIEL = ConPlural("Atención: la revisión de fidelidad encontró {0:problema|problemas}; no publique este borrador.")
LEY_ANTERIOR = "Ley anterior"
LEY_NUEVA = "Ley nueva"
TARIFA = "Tarifa: {antes} → {despues}"
SIN_CAMBIOS = "La ley nueva no cambia ningún concepto."
SIN_PENDIENTES = "No queda ningún concepto por definir."
PENDIENTE = "{clave}  [{estado}]  {descripcion}"
ESTADOS = {"nuevo": "nuevo", "por_revisar": "por revisar"}
TEXTO_LEY = "Texto de la ley nueva"
MOTIVO = "Por qué quedó pendiente: {0}"
DESCRIPCION = "Descripción"
FORMA = "Forma de la tarifa"
UNIDAD = "Unidad"
UNIDADES = (("", "(la de la forma)"), ("uma", "UMA"), ("pesos", "pesos"))
MONTO = "Monto (factor de UMA o pesos)"
PERIODICIDAD = "Periodicidad"
OTROS = "Otros datos del concepto (formato del catálogo: fundamento, rubro, tramos, datos que pide…)"
APLICAR = "Apli&car forma"
FORMA_APLICADA = "{0}: forma guardada en el borrador; ya se puede cobrar una vez publicado."
FORMA_RECHAZADA = ConPlural(
    "{0}: la forma no pasó la validación del catálogo ({1:problema|problemas}); no se guardó nada:"
)
AYUDA_PUBLICAR = (
    "Publicar requiere dos personas: quien prepara (esta sesión, administrador) y otra persona, administrador o "
    "supervisor, que aprueba con su propia contraseña. Ambas quedan en la bitácora."
)
PREPARAR = "&Preparar publicación"
PREPARADA = ConPlural(
    "Preparada por {preparo}: {catalogo} ({por_verificar:concepto queda|conceptos quedan} en «verificar», "
    "sin cobrarse). "
    "Ahora otra persona aprueba."
)
APROBADOR = "Usuario que aprueba"
CONTRASENA = "Contraseña de quien aprueba"
APROBAR = "Apro&bar y publicar"
PUBLICADA = "{catalogo} publicado: preparó {preparo}, aprobó {aprobo}. Se cobra desde el 1 de enero de su ejercicio."
YA_PUBLICADA = "{catalogo} ya estaba cargado en esta terminal (preparó {preparo}, aprobó {aprobo})."
ENVIADA_CENTRAL = (
    " Enviado a la central como publicación pendiente n.º {0}: en la consola › Publicación otra persona de la "
    "Tesorería la aprueba para enviarla firmada a todas las terminales."
)
PAQUETE = " No se envió a la central ({aviso}). El paquete quedó en {zip}: súbalo en la consola › Publicación."
FALTA_BORRADOR = "Primero arme el borrador (paso 1)."
FALTA_PREPARAR = "Primero prepare la publicación."


def _pagina() -> tuple[QWidget, QVBoxLayout]:
    pagina = QWidget()
    capa = QVBoxLayout(pagina)
    capa.setContentsMargins(8, 8, 8, 8)
    return pagina, capa


def _solo_lectura() -> QPlainTextEdit:
    texto = QPlainTextEdit()
    texto.setReadOnly(True)
    return texto


class VistaNuevoEjercicio(QWidget):
    def __init__(self) -> None:
        super().__init__()
        capa = QVBoxLayout(self)
        capa.setContentsMargins(0, 0, 0, 0)
        self.pasos = QTabWidget()
        capa.addWidget(self.pasos)
        self._ley()
        self._cambios()
        self._pendientes()
        self._publicar()

    def _ley(self) -> None:
        pagina, capa = _pagina()
        capa.addWidget(etiqueta(AYUDA_LEY, "nota", ajustar=True))
        self.ley = CampoConError(ARCHIVO_LEY, pista="ley-ingresos-2025.txt")
        self.examinar = boton(EXAMINAR)
        self.ejercicio = CampoConError(EJERCICIO, pista="2025")
        self.carpeta = CampoConError(CARPETA_BORRADOR, pista="jerez-2025-borrador")
        rejilla = QGridLayout()
        rejilla.addWidget(self.ley, 0, 0)
        rejilla.addWidget(self.examinar, 0, 1, Qt.AlignmentFlag.AlignBottom)
        rejilla.addWidget(self.ejercicio, 1, 0)
        rejilla.addWidget(self.carpeta, 2, 0)
        capa.addLayout(rejilla)
        self.armar = boton(ARMAR, "primario")
        self.avance = QProgressBar()
        self.avance.setRange(0, 100)
        self.avance.setValue(0)
        self.estado = etiqueta("", "nota", ajustar=True)
        for w in (self.armar, self.avance, self.estado):
            capa.addWidget(w)
        capa.addStretch(1)
        self.pasos.addTab(pagina, PASO_LEY)

    def _cambios(self) -> None:
        pagina, capa = _pagina()
        self.resumen = etiqueta("", "subtitulo", ajustar=True)
        capa.addWidget(self.resumen)
        division = QSplitter(Qt.Orientation.Horizontal)
        self.renglones = QListWidget()
        division.addWidget(self.renglones)
        marco, derecha = tarjeta()
        self.tarifa = etiqueta("", "resumen", ajustar=True)
        self.frase_antes = _solo_lectura()
        self.frase_despues = _solo_lectura()
        derecha.addWidget(self.tarifa)
        lado = QHBoxLayout()
        for titulo, texto in ((LEY_ANTERIOR, self.frase_antes), (LEY_NUEVA, self.frase_despues)):
            columna = QVBoxLayout()
            columna.addWidget(etiqueta(titulo, "campo"))
            columna.addWidget(texto, 1)
            lado.addLayout(columna)
        derecha.addLayout(lado, 1)
        division.addWidget(marco)
        division.setSizes([300, 700])
        capa.addWidget(division, 1)
        self.pasos.addTab(pagina, PASO_CAMBIOS)

    def _pendientes(self) -> None:
        pagina, capa = _pagina()
        division = QSplitter(Qt.Orientation.Horizontal)
        self.pendientes = QListWidget()
        division.addWidget(self.pendientes)
        marco, editor = tarjeta()
        self.motivo = etiqueta("", "nota", ajustar=True)
        self.texto_ley = _solo_lectura()
        self.texto_ley.setMaximumHeight(110)
        self.descripcion = CampoConError(DESCRIPCION)
        self.forma = QComboBox()
        self.forma.addItems(list(FORMAS))
        self.unidad = QComboBox()
        for valor, texto in UNIDADES:
            self.unidad.addItem(texto, valor)
        self.monto = CampoConError(MONTO, pista="1.2500")
        self.periodicidad = QComboBox()
        self.periodicidad.addItems(list(PERIODICIDADES))
        self.otros = QPlainTextEdit()
        rejilla = QGridLayout()
        rejilla.addWidget(CampoConError(FORMA, self.forma), 0, 0)
        rejilla.addWidget(CampoConError(UNIDAD, self.unidad), 0, 1)
        rejilla.addWidget(self.monto, 1, 0)
        rejilla.addWidget(CampoConError(PERIODICIDAD, self.periodicidad), 1, 1)
        editor.addWidget(etiqueta(TEXTO_LEY, "campo"))
        editor.addWidget(self.texto_ley)
        editor.addWidget(self.motivo)
        editor.addWidget(self.descripcion)
        editor.addLayout(rejilla)
        editor.addWidget(etiqueta(OTROS, "campo"))
        editor.addWidget(self.otros, 1)
        self.aplicar = boton(APLICAR, "primario")
        self.resultado_forma = etiqueta("", "nota", ajustar=True)
        self.errores_forma = QListWidget()
        self.errores_forma.setProperty("clase", "errores")
        self.errores_forma.hide()
        for w in (self.aplicar, self.resultado_forma, self.errores_forma):
            editor.addWidget(w)
        division.addWidget(marco)
        division.setSizes([300, 700])
        capa.addWidget(division, 1)
        self.pasos.addTab(pagina, PASO_PENDIENTES)

    def _publicar(self) -> None:
        pagina, capa = _pagina()
        marco, columna = tarjeta()
        columna.addWidget(etiqueta(AYUDA_PUBLICAR, "nota", ajustar=True))
        self.preparar = boton(PREPARAR, "primario")
        self.preparada = etiqueta("", "nota", ajustar=True)
        self.aprobador = CampoConError(APROBADOR)
        self.contrasena = CampoConError(CONTRASENA)
        editor = self.contrasena.editor
        assert isinstance(editor, QLineEdit)
        editor.setEchoMode(QLineEdit.EchoMode.Password)
        self.aprobar = boton(APROBAR, "primario")
        self.publicada = etiqueta("", "nota", ajustar=True)
        for w in (self.preparar, self.preparada, self.aprobador, self.contrasena, self.aprobar, self.publicada):
            columna.addWidget(w)
        columna.addStretch(1)
        capa.addWidget(marco)
        self.pasos.addTab(pagina, PASO_PUBLICAR)

    def campo(self, campo: CampoConError) -> QLineEdit:
        editor = campo.editor
        assert isinstance(editor, QLineEdit)
        return editor
