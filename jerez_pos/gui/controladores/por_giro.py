"""The "Por giro" picker: the giro's concepts, each with its amount; only what the law makes due is ticked.

Alternatives (renewal or new licence, area brackets, the advert's content) are never ticked in advance: the
cashier marks the one that applies, and they behave like radio buttons. The total of the marked rows is in
sight all the time, and F6 asks once, listing every marked line and its amount, before adding them.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QListWidgetItem, QMessageBox, QTreeWidgetItem

from jerez_pos.core.numeros import es_digitos
from jerez_pos.core.texto import cantidad
from jerez_pos.gui import mensajes as M
from jerez_pos.gui import mensajes_cobro as MC
from jerez_pos.gui.controladores.pregunta import preguntar
from jerez_pos.gui.formato import dinero
from jerez_pos.gui.servicios_giro import GiroCotizado, cotizar_giro

if TYPE_CHECKING:
    from jerez_pos.core.modelo import Giro
    from jerez_pos.gui.controladores.principal import Principal
    from jerez_pos.gui.vistas.cobro import VistaCobro

CLAVE = Qt.ItemDataRole.UserRole
PARAMETROS = Qt.ItemDataRole.UserRole + 1
GRUPO = Qt.ItemDataRole.UserRole + 2
IMPORTE = Qt.ItemDataRole.UserRole + 3
Elegir = Callable[[str, dict[str, str], bool], None]
AgregarVarios = Callable[[list[tuple[str, dict[str, str]]]], None]


class PorGiro(QObject):
    def __init__(self, app: Principal, vista: VistaCobro, elegir: Elegir, agregar_varios: AgregarVarios) -> None:
        super().__init__()
        self.app = app
        self.vista = vista
        self._elegir = elegir
        self._agregar_varios = agregar_varios
        self.giro_actual: GiroCotizado | None = None
        self.pregunta: QMessageBox | None = None
        g = vista.giro
        g.giros.itemActivated.connect(lambda item: self.cargar_giro(int(item.data(CLAVE))))
        g.sugerencias.itemChanged.connect(self._al_marcar)
        g.sugerencias.currentItemChanged.connect(self._al_mover_sugerencia)
        g.sugerencias.itemActivated.connect(self._al_activar_sugerencia)
        g.agregar_marcados.clicked.connect(self.agregar_marcados)

    # -- choosing the giro ---------------------------------------------------------------------------------
    def buscar_giros(self) -> None:
        texto = self.vista.giro.buscador.text()
        self.app.trabajador.enviar(
            lambda: self.app.servicios.giros(texto), lambda r: self._al_giros(texto, r), etiqueta="giros"
        )

    def _al_giros(self, texto: str, giros: list[Giro]) -> None:
        if texto != self.vista.giro.buscador.text():
            return
        lista = self.vista.giro.giros
        lista.clear()
        for giro in giros:
            item = QListWidgetItem(f"{giro.numero} · {giro.nombre}")
            item.setData(CLAVE, giro.numero)
            lista.addItem(item)
        if giros:
            lista.setCurrentRow(0)

    def giro_primero(self, pendiente: bool) -> None:
        texto = self.vista.giro.buscador.text().strip()
        lista = self.vista.giro.giros
        if es_digitos(texto):
            self.cargar_giro(int(texto))
        elif lista.count() and not pendiente:
            self.cargar_giro(int((lista.currentItem() or lista.item(0)).data(CLAVE)))

    def cargar_giro(self, numero: int) -> None:
        servicios = self.app.servicios
        self.app.trabajador.enviar(lambda: cotizar_giro(servicios, numero), self._al_giro, etiqueta="por_giro")

    def _al_giro(self, datos: GiroCotizado) -> None:
        self.giro_actual = datos
        g = self.vista.giro
        g.titulo.setText(M.GIRO_SUGERENCIAS.format(numero=datos.giro.numero, nombre=datos.giro.nombre))
        arbol = g.sugerencias
        arbol.blockSignals(True)
        arbol.clear()
        grupos: dict[int, QTreeWidgetItem] = {}
        primero: QTreeWidgetItem | None = None
        for f in datos.filas:
            padre = None
            if f.grupo is not None:
                padre = grupos.get(f.grupo)
                if padre is None:
                    articulo = f.motivo.split(":")[0]
                    comun = datos.encabezados.get(f.grupo, "")
                    texto = f"{articulo}: {comun}" if comun else articulo
                    padre = QTreeWidgetItem([MC.GIRO_GRUPO.format(texto=texto)])
                    padre.setToolTip(0, f.motivo)
                    padre.setFlags(Qt.ItemFlag.ItemIsEnabled)
                    padre.setFirstColumnSpanned(True)
                    arbol.addTopLevelItem(padre)
                    padre.setExpanded(True)
                    grupos[f.grupo] = padre
            importe = dinero(f.importe) if f.importe is not None else MC.GIRO_SIN_IMPORTE
            item = QTreeWidgetItem([f.texto, importe])
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            nota = MC.GIRO_DEBIDO if f.debida else MC.GIRO_ELEGIBLE
            item.setToolTip(0, f"{f.clave} · {f.descripcion}\n\n{f.motivo}\n\n{nota}")
            item.setToolTip(1, f.falta or nota)
            item.setData(0, CLAVE, f.clave)
            item.setData(0, PARAMETROS, dict(f.parametros))
            item.setData(0, GRUPO, f.grupo)
            item.setData(0, IMPORTE, f.importe)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Checked if f.debida else Qt.CheckState.Unchecked)
            (padre.addChild(item) if padre else arbol.addTopLevelItem(item))
            primero = primero or item
        arbol.blockSignals(False)
        self._pintar_total()
        if primero is not None:
            arbol.setCurrentItem(primero)
        arbol.setFocus()

    # -- marking -------------------------------------------------------------------------------------------
    def _al_marcar(self, item: QTreeWidgetItem, _columna: int) -> None:
        """Alternatives of one group behave like radio buttons: the cashier charges one of them."""
        padre = item.parent()
        if padre is not None and item.checkState(0) == Qt.CheckState.Checked:
            self.vista.giro.sugerencias.blockSignals(True)
            for i in range(padre.childCount()):
                hermano = padre.child(i)
                if hermano is not None and hermano is not item:
                    hermano.setCheckState(0, Qt.CheckState.Unchecked)
            self.vista.giro.sugerencias.blockSignals(False)
        self._pintar_total()

    def _items(self) -> list[QTreeWidgetItem]:
        arbol = self.vista.giro.sugerencias
        resultado = []
        pila = [x for i in range(arbol.topLevelItemCount()) if (x := arbol.topLevelItem(i)) is not None]
        while pila:
            item = pila.pop(0)
            pila[0:0] = [x for i in range(item.childCount()) if (x := item.child(i)) is not None]
            if item.data(0, CLAVE):
                resultado.append(item)
        return resultado

    def _marcados(self) -> list[QTreeWidgetItem]:
        return [i for i in self._items() if i.checkState(0) == Qt.CheckState.Checked]

    def marcados(self) -> list[tuple[str, dict[str, str]]]:
        return [(str(i.data(0, CLAVE)), dict(i.data(0, PARAMETROS) or {})) for i in self._marcados()]

    def _total(self, items: list[QTreeWidgetItem]) -> Decimal:
        return sum((i.data(0, IMPORTE) for i in items if isinstance(i.data(0, IMPORTE), Decimal)), Decimal(0))

    def _pintar_total(self) -> None:
        marcados = self._marcados()
        self.vista.giro.marcado.setText(
            MC.GIRO_MARCADO.format(conceptos=cantidad(len(marcados), MC.CONCEPTO), total=dinero(self._total(marcados)))
            if marcados
            else MC.GIRO_NADA_MARCADO
        )

    def _al_mover_sugerencia(self, actual: QTreeWidgetItem | None, _anterior: object) -> None:
        if actual is not None and actual.data(0, CLAVE):
            self._elegir(str(actual.data(0, CLAVE)), dict(actual.data(0, PARAMETROS) or {}), False)

    def _al_activar_sugerencia(self, item: QTreeWidgetItem, _columna: int) -> None:
        if item.data(0, CLAVE):
            self._elegir(str(item.data(0, CLAVE)), dict(item.data(0, PARAMETROS) or {}), True)

    def agregar_marcados(self) -> None:
        """F6: one question lists every marked line and its amount; yes adds exactly those lines."""
        items = self._marcados()
        if not items:
            self.vista.giro.marcado.setText(MC.GIRO_NADA_MARCADO)
            return
        lineas = [(str(i.data(0, CLAVE)), dict(i.data(0, PARAMETROS) or {})) for i in items]
        texto = "\n".join(
            MC.GIRO_CONFIRMAR_LINEA.format(
                clave=i.data(0, CLAVE),
                texto=i.text(0),
                importe=dinero(i.data(0, IMPORTE)) if i.data(0, IMPORTE) is not None else MC.GIRO_SIN_IMPORTE,
            )
            for i in items
        )
        self.pregunta = preguntar(
            self.vista,
            MC.GIRO_CONFIRMAR_TITULO,
            MC.GIRO_CONFIRMAR.format(lineas=texto, total=dinero(self._total(items))),
            lambda: self._agregar_varios(lineas),
            self.pregunta,
        )
