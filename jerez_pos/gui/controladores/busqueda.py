"""The left side of Cobro: search as you type, the "Por giro" picker and the catalog tree.

Typing sends at most one search per pause (debounce) and a newer search replaces the pending one in the
worker; an answer for text that is no longer in the box is dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QListWidgetItem, QTreeWidgetItem

from jerez_pos.core.numeros import es_digitos
from jerez_pos.gui import mensajes as M
from jerez_pos.gui.controladores.favoritos import Favoritos
from jerez_pos.gui.controladores.por_giro import PorGiro

if TYPE_CHECKING:
    from jerez_pos.gui.controladores.principal import Principal
    from jerez_pos.gui.servicios import Ficha
    from jerez_pos.gui.vistas.cobro import VistaCobro
    from jerez_pos.ledger.busqueda import Hallazgo

PAUSA_MS = 120
CLAVE = Qt.ItemDataRole.UserRole
GRUPO = Qt.ItemDataRole.UserRole + 2
Elegir = Callable[[str, dict[str, str], bool], None]
AgregarVarios = Callable[[list[tuple[str, dict[str, str]]]], None]


def numero_de_giro(clave: str) -> int | None:
    cabeza, _, numero = clave.rpartition("-")
    return int(numero) if cabeza == "A114-III" and es_digitos(numero) else None


class Busqueda(QObject):
    def __init__(self, app: Principal, vista: VistaCobro, elegir: Elegir, agregar_varios: AgregarVarios) -> None:
        super().__init__()
        self.app = app
        self.vista = vista
        self._elegir = elegir
        self._agregar_varios = agregar_varios
        self._fichas: list[Ficha] = []
        self.favoritos = Favoritos(app, vista.buscar)
        self.giro = PorGiro(app, vista, elegir, agregar_varios)
        b, g, c = vista.buscar, vista.giro, vista.catalogo
        self._pausa = self._temporizador(self._buscar)
        self._pausa_giro = self._temporizador(self.giro.buscar_giros)
        b.buscador.textChanged.connect(lambda _t: self._pausa.start())
        b.buscador.returnPressed.connect(self._elegir_primero)
        b.buscador.installEventFilter(self)
        b.resultados.itemActivated.connect(self._al_activar_resultado)
        g.buscador.textChanged.connect(lambda _t: self._pausa_giro.start())
        g.buscador.returnPressed.connect(lambda: self.giro.giro_primero(self._pausa_giro.isActive()))
        g.buscador.installEventFilter(self)
        c.modo.currentIndexChanged.connect(lambda _i: self._llenar_arbol())
        c.arbol.itemActivated.connect(self._al_activar_hoja)
        vista.pestanas.currentChanged.connect(self._al_cambiar_pestana)

    def _temporizador(self, accion: Callable[[], None]) -> QTimer:
        t = QTimer(self)
        t.setSingleShot(True)
        t.setInterval(PAUSA_MS)
        t.timeout.connect(accion)
        return t

    def eventFilter(self, objeto: QObject, evento: QEvent) -> bool:
        es_bajar = isinstance(evento, QKeyEvent) and evento.type() == QEvent.Type.KeyPress
        if es_bajar and evento.key() == Qt.Key.Key_Down:  # type: ignore[attr-defined]
            lista = self.vista.buscar.resultados if objeto is self.vista.buscar.buscador else self.vista.giro.giros
            if lista.count():
                lista.setFocus()
                lista.setCurrentRow(max(lista.currentRow(), 0))
                return True
        return False

    # -- tabs ---------------------------------------------------------------------------------------------
    def enfocar(self, pestana: int) -> None:
        self.vista.pestanas.setCurrentIndex(pestana)
        self._al_cambiar_pestana(pestana)

    def _al_cambiar_pestana(self, indice: int) -> None:
        if indice == 0:
            self.vista.buscar.buscador.setFocus()
            self.vista.buscar.buscador.selectAll()
            if not self.vista.buscar.buscador.text().strip():
                self.favoritos.mostrar()
        elif indice == 1:
            self.vista.giro.buscador.setFocus()
            self.vista.giro.buscador.selectAll()
        elif indice == 2:  # later tabs (the account search) focus themselves
            if not self._fichas:
                self.app.trabajador.enviar(self.app.servicios.fichas, self._al_fichas)
            self.vista.catalogo.arbol.setFocus()

    # -- search --------------------------------------------------------------------------------------------
    def _buscar(self) -> None:
        texto = self.vista.buscar.buscador.text()
        if not texto.strip():
            self.vista.buscar.resultados.clear()
            self.vista.buscar.estado.setText(M.ESCRIBA_PARA_BUSCAR)
            self.favoritos.mostrar()
            return
        self.app.trabajador.enviar(
            lambda: self.app.servicios.buscar(texto), lambda r: self._al_buscar(texto, r), etiqueta="buscar"
        )

    def _al_buscar(self, texto: str, hallazgos: list[Hallazgo]) -> None:
        if texto != self.vista.buscar.buscador.text():
            return  # the cashier kept typing; a newer answer is on its way
        lista = self.vista.buscar.resultados
        lista.clear()
        for h in hallazgos:
            tipo = M.TIPO_GIRO if h.tipo == "giro" else M.TIPO_CONCEPTO
            item = QListWidgetItem(f"{h.clave}  ·  {h.descripcion}")
            item.setData(CLAVE, h.clave)
            item.setData(GRUPO, h.tipo)
            item.setToolTip(f"{tipo}: {h.descripcion}")
            lista.addItem(item)
        if hallazgos:
            lista.setCurrentRow(0)
            self.vista.buscar.estado.setText(M.ESCRIBA_PARA_BUSCAR)
        else:
            self.vista.buscar.estado.setText(M.SIN_RESULTADOS.format(texto))

    def buscar_ahora(self) -> None:
        """Skip the pause (Enter typed before the answer came)."""
        self._pausa.stop()
        self._buscar()

    def _elegir_primero(self) -> None:
        lista = self.vista.buscar.resultados
        if self._pausa.isActive() or not lista.count():
            self._pausa.stop()
            texto = self.vista.buscar.buscador.text()

            def despues(r: list[Hallazgo]) -> None:
                self._al_buscar(texto, r)
                if self.vista.buscar.resultados.count():
                    self._al_activar_resultado(self.vista.buscar.resultados.item(0))

            self.app.trabajador.enviar(lambda: self.app.servicios.buscar(texto), despues, etiqueta="buscar")
            return
        self._al_activar_resultado(lista.currentItem() or lista.item(0))

    def _al_activar_resultado(self, item: QListWidgetItem) -> None:
        clave = str(item.data(CLAVE))
        numero = numero_de_giro(clave)
        if item.data(GRUPO) == "giro" and numero is not None:
            self.vista.pestanas.setCurrentIndex(1)
            self.vista.giro.buscador.blockSignals(True)
            self.vista.giro.buscador.setText(str(numero))
            self.vista.giro.buscador.blockSignals(False)
            self.cargar_giro(numero)
            return
        self._elegir(clave, {}, True)

    # -- por giro ---------------------------------------------------------------------------------------------
    def cargar_giro(self, numero: int) -> None:
        self.giro.cargar_giro(numero)

    def marcados(self) -> list[tuple[str, dict[str, str]]]:
        return self.giro.marcados()

    def agregar_marcados(self) -> None:
        self.giro.agregar_marcados()

    # -- catalog tree ----------------------------------------------------------------------------------------
    def _al_fichas(self, fichas: list[Ficha]) -> None:
        self._fichas = fichas
        self._llenar_arbol()

    def _llenar_arbol(self) -> None:
        arbol = self.vista.catalogo.arbol
        arbol.clear()
        modo = self.vista.catalogo.modo.currentData()
        nodos: dict[tuple[str, ...], QTreeWidgetItem] = {}
        for f in self._fichas:
            ruta: tuple[str, ...]
            if modo == "titulo" and f.ubicacion[0]:
                ruta = (*f.ubicacion, M.ARTICULO.format(f.clave.split("-")[0][1:]))
            elif modo == "rubro":
                ruta = tuple(f.rubro.split(" › "))
            else:
                ruta = self._ruta_articulo(f.clave)
            padre = None
            for nivel in range(1, len(ruta) + 1):
                nodo = nodos.get(ruta[:nivel])
                if nodo is None:
                    nodo = QTreeWidgetItem([ruta[nivel - 1]])
                    nodo.setFlags(Qt.ItemFlag.ItemIsEnabled)
                    (padre.addChild(nodo) if padre else arbol.addTopLevelItem(nodo))
                    nodos[ruta[:nivel]] = nodo
                padre = nodo
            hoja = QTreeWidgetItem([f"{f.clave} · {f.descripcion}"])
            hoja.setToolTip(0, f"{f.fundamento} · {f.rubro}")
            hoja.setData(0, CLAVE, f.clave)
            assert padre is not None
            padre.addChild(hoja)

    @staticmethod
    def _ruta_articulo(clave: str) -> tuple[str, ...]:
        partes = clave.split("-")
        ruta = [M.ARTICULO.format(partes[0][1:])]
        if len(partes) > 2:
            ruta.append(f"{partes[0]}-{partes[1]}")
        return tuple(ruta)

    def _al_activar_hoja(self, item: QTreeWidgetItem, _columna: int) -> None:
        if item.data(0, CLAVE):
            self._elegir(str(item.data(0, CLAVE)), {}, True)
        else:
            item.setExpanded(not item.isExpanded())
