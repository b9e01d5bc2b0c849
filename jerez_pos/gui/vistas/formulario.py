"""The data form, generated from the concept's data list: one row per datum, titled with the catalog's own words
(its unit text, with accents), its allowed range, and a place for the engine's message right under the field.

A message appears only once the cashier has left that field (or pressed F4): an empty form never greets the
cashier with errors. ``tocados`` holds the fields the cashier has left.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QComboBox, QLineEdit, QToolButton, QVBoxLayout, QWidget

from jerez_pos.core.parametros import ALTERNATIVAS_TEXTO, requeridos
from jerez_pos.gui import mensajes as M
from jerez_pos.gui.formato import numero
from jerez_pos.gui.vistas.comunes import CampoConError, etiqueta

if TYPE_CHECKING:
    from jerez_pos.core.modelo import Parametro

# What the cashier reads for a closed option; the value sent to the engine stays as the catalog writes it.
OPCIONES_LEGIBLES = {"si": "Sí", "no": "No"}
SIN_DECIMALES = "sin decimales"


def _legible(texto: str) -> str:
    texto = re.sub(r"\bm2\b", "m²", texto.replace("_", " "))
    return texto[:1].upper() + texto[1:]


def titulo_de(p: Parametro, obligatorio: bool = False) -> str:
    """The catalog's words for the datum ("M² construidos", "Lote baldío", "Días"), never the internal name."""
    opcional = p.opcional and not obligatorio
    return _legible(p.unidad or p.nombre) + (f" ({M.OPCIONAL})" if opcional else "")


def pista_de(p: Parametro) -> str:
    if p.opciones or p.texto_libre:
        return ""
    partes = []
    if p.entero:
        partes.append(SIN_DECIMALES)
    if p.minimo is not None and p.maximo is not None:
        partes.append(M.RANGO.format(minimo=numero(p.minimo), maximo=numero(p.maximo)))
    elif p.minimo is not None and p.minimo > 0:
        partes.append(M.MINIMO.format(numero(p.minimo)))
    elif p.maximo is not None:
        partes.append(M.MAXIMO.format(numero(p.maximo)))
    return " · ".join(partes)


def _con_pista(p: Parametro, obligatorio: bool) -> str:
    pista = pista_de(p)
    return f"{titulo_de(p, obligatorio)} · {pista}" if pista else titulo_de(p, obligatorio)


class FormularioParametros(QWidget):
    cambiado = Signal()
    dejado = Signal(str)  # the cashier left this field: its message may show now

    def __init__(self) -> None:
        super().__init__()
        self._capa = QVBoxLayout(self)
        self._capa.setContentsMargins(0, 0, 0, 0)
        self._capa.setSpacing(6)
        self.campos: dict[str, CampoConError] = {}
        self.tocados: set[str] = set()
        self._propios: list[str] = []
        self.nota = etiqueta(M.SIN_PARAMETROS, "nota", ajustar=True)
        self.requisito = etiqueta("", "nota", ajustar=True)
        self.requisito.hide()
        self._capa.addWidget(self.nota)
        self._capa.addWidget(self.requisito)
        self.plegar = QToolButton()
        self.plegar.setText("▸ " + M.MODIFICADORES_PARAMETROS)
        self.plegar.setCheckable(True)
        self.plegar.setProperty("clase", "plegable")
        self.plegar.toggled.connect(self._plegar)
        self._extras = QWidget()
        self._capa_extras = QVBoxLayout(self._extras)
        self._capa_extras.setContentsMargins(12, 0, 0, 0)
        self._capa.addWidget(self.plegar)
        self._capa.addWidget(self._extras)
        self._extras.hide()
        self.plegar.hide()

    def _plegar(self, abierto: bool) -> None:
        self._extras.setVisible(abierto)
        self.plegar.setText(("▾ " if abierto else "▸ ") + M.MODIFICADORES_PARAMETROS)

    def _editor(self, p: Parametro, valor: str) -> QWidget:
        if p.opciones:
            combo = QComboBox()
            if p.opcional:
                combo.addItem(M.NINGUNO, "")
            for opcion in p.opciones:
                combo.addItem(OPCIONES_LEGIBLES.get(opcion, _legible(opcion)), opcion)
            indice = combo.findData(valor)
            combo.setCurrentIndex(max(indice, 0))
            combo.currentIndexChanged.connect(self.cambiado)
            combo.activated.connect(lambda _i, n=p.nombre: self._dejar(n))
            return combo
        editor = QLineEdit(valor)
        if p.es_numero:
            # No QValidator on purpose: it would silently swallow a bad key, while the engine's message
            # under the field tells the cashier the allowed range.
            editor.setProperty("numero", True)
        editor.setPlaceholderText(pista_de(p))
        editor.textChanged.connect(self.cambiado)
        editor.editingFinished.connect(lambda n=p.nombre: self._dejar(n))
        return editor

    def _dejar(self, nombre: str) -> None:
        self.tocados.add(nombre)
        self.dejado.emit(nombre)

    def eventFilter(self, objeto: QObject, evento: QEvent) -> bool:
        # A combo box has no editingFinished: leaving it counts like leaving a line edit.
        if evento.type() == QEvent.Type.FocusOut and isinstance(objeto, QComboBox):
            nombre = next((n for n, c in self.campos.items() if c.editor is objeto), None)
            if nombre is not None:
                self._dejar(nombre)
        return False

    def construir(
        self, propios: list[Parametro], extras: list[Parametro], valores: dict[str, str], forma: str = ""
    ) -> None:
        for campo in self.campos.values():
            campo.setParent(None)
            campo.deleteLater()
        self.campos = {}
        self.tocados = set()
        self._propios = [p.nombre for p in propios]
        obligatorios = requeridos(forma)
        for p in propios:
            campo = self._campo(p, valores, p.nombre in obligatorios)
            self._capa.insertWidget(self._capa.indexOf(self.plegar), campo)
        for p in extras:
            self._capa_extras.addWidget(self._campo(p, valores, False))
        self.nota.setVisible(not propios)
        requisito = ALTERNATIVAS_TEXTO.get(forma, "")
        self.requisito.setText(requisito[:1].upper() + requisito[1:] + ("." if requisito else ""))
        self.requisito.setVisible(bool(requisito))
        self.plegar.setVisible(bool(extras))
        abrir = any(valores.get(p.nombre) for p in extras)
        self.plegar.setChecked(abrir)
        self._plegar(abrir)

    def _campo(self, p: Parametro, valores: dict[str, str], obligatorio: bool) -> CampoConError:
        campo = CampoConError(_con_pista(p, obligatorio), self._editor(p, valores.get(p.nombre, "")))
        campo.titulo.setWordWrap(True)  # a long title wraps: the form never scrolls sideways
        campo.setToolTip(_con_pista(p, obligatorio))
        if isinstance(campo.editor, QComboBox):
            campo.editor.installEventFilter(self)
        self.campos[p.nombre] = campo
        return campo

    def valores(self) -> dict[str, str]:
        resultado: dict[str, str] = {}
        for nombre, campo in self.campos.items():
            editor = campo.editor
            texto = editor.currentData() if isinstance(editor, QComboBox) else editor.text()  # type: ignore[attr-defined]
            if texto and str(texto).strip():
                resultado[nombre] = str(texto).strip()
        return resultado

    def mostrar_error(self, campo: str, mensaje: str) -> bool:
        """Puts the message under the field it names; False when no field has that name."""
        destino = self.campos.get(campo)
        if destino is None:
            return False
        if not destino.isVisible() and not self._extras.isVisible():
            self.plegar.setChecked(True)
        destino.mostrar_error(mensaje)
        return True

    def limpiar_errores(self) -> None:
        for campo in self.campos.values():
            campo.mostrar_error("")

    def primer_editor(self) -> QWidget | None:
        """The concept's first own datum (modifier data are folded away and optional)."""
        return self.campos[self._propios[0]].editor if self._propios else None
