"""The parameter form, generated from the concept's parameter list: one row per parameter with its unit,
its allowed range and a place for the engine's validation message right under the field."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLineEdit, QToolButton, QVBoxLayout, QWidget

from jerez_pos.gui import mensajes as M
from jerez_pos.gui.formato import numero
from jerez_pos.gui.vistas.comunes import CampoConError, etiqueta

if TYPE_CHECKING:
    from jerez_pos.core.modelo import Parametro


def titulo_de(p: Parametro) -> str:
    return p.nombre.replace("_", " ").capitalize() + ("" if not p.opcional else f" ({M.OPCIONAL})")


def pista_de(p: Parametro) -> str:
    if p.opciones or p.texto_libre:
        return p.unidad
    partes = [p.unidad]
    if p.entero:
        partes.append(M.ENTERO)
    if p.minimo is not None and p.maximo is not None:
        partes.append(M.RANGO.format(minimo=numero(p.minimo), maximo=numero(p.maximo)))
    elif p.minimo is not None and p.minimo > 0:
        partes.append(M.MINIMO.format(numero(p.minimo)))
    elif p.maximo is not None:
        partes.append(M.MAXIMO.format(numero(p.maximo)))
    return " · ".join(partes)


class FormularioParametros(QWidget):
    cambiado = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._capa = QVBoxLayout(self)
        self._capa.setContentsMargins(0, 0, 0, 0)
        self._capa.setSpacing(6)
        self.campos: dict[str, CampoConError] = {}
        self._propios: list[str] = []
        self.nota = etiqueta(M.SIN_PARAMETROS, "nota", ajustar=True)
        self._capa.addWidget(self.nota)
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
                combo.addItem(opcion, opcion)
            indice = combo.findData(valor)
            combo.setCurrentIndex(max(indice, 0))
            combo.currentIndexChanged.connect(self.cambiado)
            return combo
        editor = QLineEdit(valor)
        if p.es_numero:
            # No QValidator on purpose: it would silently swallow a bad key, while the engine's message
            # under the field tells the cashier the allowed range.
            editor.setProperty("numero", True)
        editor.setPlaceholderText(pista_de(p))
        editor.textChanged.connect(self.cambiado)
        return editor

    def construir(self, propios: list[Parametro], extras: list[Parametro], valores: dict[str, str]) -> None:
        for campo in self.campos.values():
            campo.setParent(None)
            campo.deleteLater()
        self.campos = {}
        self._propios = [p.nombre for p in propios]
        for p in propios:
            campo = CampoConError(titulo_de(p), self._editor(p, valores.get(p.nombre, "")))
            campo.setToolTip(pista_de(p))
            campo.titulo.setText(f"{titulo_de(p)} · {pista_de(p)}")
            self.campos[p.nombre] = campo
            self._capa.insertWidget(self._capa.indexOf(self.plegar), campo)
        for p in extras:
            campo = CampoConError(f"{titulo_de(p)} · {pista_de(p)}", self._editor(p, valores.get(p.nombre, "")))
            self.campos[p.nombre] = campo
            self._capa_extras.addWidget(campo)
        self.nota.setVisible(not propios)
        self.plegar.setVisible(bool(extras))
        abrir = any(valores.get(p.nombre) for p in extras)
        self.plegar.setChecked(abrir)
        self._plegar(abrir)

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
        """The concept's first own parameter (modifier parameters are folded away and optional)."""
        return self.campos[self._propios[0]].editor if self._propios else None
