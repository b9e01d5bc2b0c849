"""Inspector mode: walk the route, charge a stall's daily fee with one key, hand the cash to a cashier.

Three keystrokes at most: the next pending stall is already selected, so Enter charges it (↓/↑ first to
pick another). The receipt is a normal ledger receipt paid in exact cash (Art. 20 applied), printed like
any other; the route refreshes from the ledger so a voided receipt shows the stall pending again.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent

from jerez_pos.core.errores import ErrorJerez
from jerez_pos.gui import mensajes as M
from jerez_pos.gui.controladores.principal import sin_campo
from jerez_pos.gui.controladores.recibos import llenar
from jerez_pos.gui.formato import dinero, leer_monto
from jerez_pos.gui.vistas.comunes import refrescar_estilo
from jerez_pos.gui.vistas.inspector import VistaInspector

if TYPE_CHECKING:
    from jerez_pos.gui.controladores.principal import Principal
    from jerez_pos.ledger.padron import EnRuta

TIPOS = {"movil": "móvil", "fijo": "fijo", "semifijo": "semifijo"}


class Inspector(QObject):
    def __init__(self, app: Principal) -> None:
        super().__init__()
        self.app = app
        self.vista = VistaInspector()
        self.ruta: list[EnRuta] = []
        self._cobrando = False
        v = self.vista
        v.ruta.installEventFilter(self)
        v.ruta.itemActivated.connect(lambda _item: self.cobrar())
        v.tianguis.activated.connect(lambda _i: self.cargar())
        v.entregar.clicked.connect(self.entregar)
        v.reporte.clicked.connect(self.reporte_pdf)
        v.regresar.clicked.connect(lambda: app.ir("cobro"))
        for campo in v.campos_entrega:
            campo.editor.returnPressed.connect(self.entregar)  # type: ignore[attr-defined]

    def eventFilter(self, objeto: QObject, evento: QEvent) -> bool:
        es_tecla = isinstance(evento, QKeyEvent) and evento.type() == QEvent.Type.KeyPress
        if es_tecla and evento.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # type: ignore[attr-defined]
            self.cobrar()
            return True
        return False

    def manejar(self, tecla: str) -> bool:
        if tecla == "F2":
            self.vista.tianguis.setFocus()
            self.vista.tianguis.showPopup()
        elif tecla == "F3":
            self.app.ir("sin_refrendo")  # licences not renewed (gui/controladores/cuentas_refrendo.py)
        elif tecla == "F4":
            self.reporte_pdf()
        elif tecla == "F6":
            self.cargar()
        elif tecla == "F11":
            self.preparar_entrega()
        elif tecla == "F12":
            self.entregar()
        else:
            return False
        return True

    def al_mostrar(self) -> None:
        self.app.trabajador.enviar(self.app.servicios.tianguis, self._al_tianguis, self.app.mostrar_error)

    def _al_tianguis(self, nombres: list[str]) -> None:
        combo = self.vista.tianguis
        actual = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(M.TODOS_TIANGUIS, "")
        for nombre in nombres:
            combo.addItem(nombre, nombre)
        combo.setCurrentIndex(max(combo.findData(actual), 0))  # «Todos» first: the whole route
        combo.blockSignals(False)
        self.cargar()

    def cargar(self) -> None:
        tianguis = self.vista.tianguis.currentData() or None
        self.app.trabajador.enviar(lambda: self.app.servicios.ruta(tianguis), self._al_ruta, self.app.mostrar_error)
        self.app.trabajador.enviar(self.app.servicios.por_entregar, self._al_por_entregar, lambda e, t: None)

    def _al_ruta(self, ruta: list[EnRuta]) -> None:
        self.ruta = ruta
        filas = [
            (
                x.puesto.clave,
                x.puesto.titular,
                x.puesto.giro,
                x.puesto.ubicacion,
                TIPOS.get(x.puesto.tipo, x.puesto.tipo),
                f"{x.puesto.m2:f}",
                x.puesto.clave_cobro,
                M.PAGADO.format(x.folio) if x.folio else M.PENDIENTE,
            )
            for x in ruta
        ]
        tabla = self.vista.ruta
        llenar(tabla, filas, (5,))
        for fila, x in enumerate(ruta):
            if x.pagado:
                for columna in range(tabla.columnCount()):
                    tabla.item(fila, columna).setForeground(Qt.GlobalColor.darkGreen)  # type: ignore[union-attr]
        if not ruta:
            self.vista.resumen.setText(M.PADRON_VACIO)
            return
        siguiente = next((i for i, x in enumerate(ruta) if not x.pagado), 0)
        tabla.setCurrentCell(siguiente, 0)
        tabla.setFocus()

    def _al_por_entregar(self, monto: Decimal) -> None:
        pagados = sum(x.pagado for x in self.ruta)
        self.vista.resumen.setText(M.RUTA_RESUMEN.format(pagados=pagados, total=len(self.ruta), monto=dinero(monto)))
        self.vista.monto.editor.setText(f"{monto:.2f}" if monto else "")  # type: ignore[attr-defined]

    # -- charge -----------------------------------------------------------------------------------------
    def cobrar(self) -> None:
        fila = self.vista.ruta.currentRow()
        if self._cobrando or not 0 <= fila < len(self.ruta):
            return
        clave = self.ruta[fila].puesto.clave
        self._cobrando = True
        self.app.trabajador.enviar(
            lambda: self.app.servicios.cobrar_puesto(clave), lambda e: self._al_cobrar(clave, e), self._al_fallar
        )

    def _al_cobrar(self, clave: str, emitido: Any) -> None:
        self._cobrando = False
        texto = M.COBRADO_PUESTO.format(puesto=clave, folio=emitido.folio, total=dinero(emitido.a_pagar))
        self._aviso(self.vista.ultimo, texto, "exito")
        self.cargar()
        self.app.trabajador.enviar(
            lambda: self.app.servicios.imprimir(emitido.folio),
            lambda r: self.app.actualizar_impresora(),
            lambda e, t: self.app.actualizar_impresora(),
        )

    def _al_fallar(self, error: BaseException, detalle: str) -> None:
        self._cobrando = False
        if not isinstance(error, ErrorJerez):
            self.app.mostrar_falla(error, detalle)
            return
        self._aviso(self.vista.ultimo, sin_campo(error), "error-grande")
        self.cargar()

    # -- route report -----------------------------------------------------------------------------------
    def reporte_pdf(self) -> None:
        """Today's route of the logged-in inspector as a PDF (as ``reporte-ruta``), for the chosen tianguis."""
        import datetime as dt

        from jerez_pos.gui.controladores.pdf import guardar_pdf

        tianguis = self.vista.tianguis.currentData() or None

        def escribir(ruta: Path) -> Path:
            return self.app.servicios.ruta_pdf(tianguis, ruta)

        def aviso(texto: str, clase: str) -> None:
            self._aviso(self.vista.ultimo, texto, clase)

        nombre = f"ruta-{dt.date.today():%Y-%m-%d}.pdf"
        guardar_pdf(self.app, self.vista, M.PDF_TITULO_RUTA, nombre, escribir, aviso)

    # -- hand-over --------------------------------------------------------------------------------------
    def preparar_entrega(self) -> None:
        self.vista.propia.editor.setFocus()

    def entregar(self) -> None:
        v = self.vista
        valores = [c.editor.text().strip() for c in v.campos_entrega]  # type: ignore[attr-defined]
        monto = leer_monto(valores[0])
        for campo in v.campos_entrega:
            campo.mostrar_error("")
        if monto is None or monto <= 0:
            v.monto.mostrar_error(M.MONTO_INVALIDO)
            v.monto.editor.setFocus()
            return
        vacio = next((c for c, x in zip(v.campos_entrega, valores, strict=True) if not x), None)
        if vacio is not None:
            vacio.mostrar_error(M.OBLIGATORIO)
            vacio.editor.setFocus()
            return
        _, propia, cajero, contrasena = valores
        self.app.trabajador.enviar(
            lambda: self.app.servicios.entregar(propia, cajero, contrasena, monto),
            lambda n: self._al_entregar(n, cajero, monto),
            self._al_fallar_entrega,
        )

    def _al_entregar(self, numero: int, cajero: str, monto: Decimal) -> None:
        v = self.vista
        for campo in (v.propia, v.cajero_contrasena):
            campo.editor.clear()  # type: ignore[attr-defined]
        self._aviso(v.mensaje, M.ENTREGADO.format(numero, dinero(monto), cajero), "exito")
        self.cargar()

    def _al_fallar_entrega(self, error: BaseException, detalle: str) -> None:
        if not isinstance(error, ErrorJerez):
            self.app.mostrar_falla(error, detalle)
            return
        self._aviso(self.vista.mensaje, sin_campo(error), "error-grande")

    @staticmethod
    def _aviso(etiqueta: Any, texto: str, clase: str) -> None:
        etiqueta.setText(texto)
        etiqueta.setProperty("clase", clase)
        refrescar_estilo(etiqueta)
        etiqueta.show()
