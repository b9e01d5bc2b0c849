"""Cobro's search list before anything is typed: favourites (★) and the most charged; Ctrl+D marks one.

The action lives on the search panel (box and list), so the cashier marks the highlighted result without
leaving the keyboard; the right-click menu of the list offers the same action.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QListWidgetItem

from jerez_pos.gui import mensajes as M

if TYPE_CHECKING:
    from jerez_pos.gui.controladores.principal import Principal
    from jerez_pos.gui.vistas.cobro import PanelBuscar
    from jerez_pos.ledger.favoritos import Sugerido

CLAVE = Qt.ItemDataRole.UserRole
GRUPO = Qt.ItemDataRole.UserRole + 2


class Favoritos(QObject):
    def __init__(self, app: Principal, panel: PanelBuscar) -> None:
        super().__init__()
        self.app = app
        self.panel = panel
        self.accion = QAction(M.FAVORITO_ACCION, panel)
        self.accion.setShortcut(QKeySequence("Ctrl+D"))
        self.accion.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.accion.triggered.connect(self.alternar)
        panel.addAction(self.accion)
        panel.resultados.addAction(self.accion)
        panel.resultados.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def mostrar(self, aviso: str = "") -> None:
        """Fill the list when the search box is empty; a late answer after typing started is dropped."""
        self.app.trabajador.enviar(
            self.app.servicios.sugeridos, lambda s: self._al_sugeridos(s, aviso), etiqueta="buscar"
        )

    def _al_sugeridos(self, sugeridos: list[Sugerido], aviso: str) -> None:
        if self.panel.buscador.text().strip():
            return
        lista = self.panel.resultados
        lista.clear()
        for s in sugeridos:
            marca = "★ " if s.motivo == "favorito" else ""
            item = QListWidgetItem(f"{marca}{s.clave}  ·  {s.descripcion}")
            item.setData(CLAVE, s.clave)
            item.setData(GRUPO, s.tipo)
            item.setToolTip(M.VECES_COBRADO.format(s.veces) if s.veces else s.descripcion)
            lista.addItem(item)
        self.panel.estado.setText(aviso or (M.SUGERIDOS if sugeridos else M.ESCRIBA_PARA_BUSCAR))

    def alternar(self) -> None:
        item = self.panel.resultados.currentItem() or self.panel.resultados.item(0)
        if item is None:
            self.panel.estado.setText(M.FAVORITO_ELIJA)
            return
        clave = str(item.data(CLAVE))

        def listo(ahora: bool) -> None:
            aviso = (M.FAVORITO_AGREGADO if ahora else M.FAVORITO_QUITADO).format(clave)
            self.panel.estado.setText(aviso)
            if not self.panel.buscador.text().strip():
                self.mostrar(aviso)

        self.app.trabajador.enviar(lambda: self.app.servicios.alternar_favorito(clave), listo)
