"""Inspector mode: walk the route, charge a stall's daily fee, mark it absent or closed, hand the cash over.

The next pending stall is already selected and every row shows its fee. Enter only asks ("¿Cobrar $12.00
al puesto T1-001?") and F12 charges: a double Enter never charges the next vendor. The receipt is a normal
ledger receipt paid in exact cash (Art. 20 applied), printed like any other; the route refreshes from the
ledger so a voided receipt shows the stall pending again. A / C mark the stall "ausente" / "cerrado" (a row
of the ledger, see ``ledger/visitas.py``); the same key again puts it back to pending.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent

from jerez_pos.core.errores import ErrorJerez
from jerez_pos.gui import mensajes as M
from jerez_pos.gui import mensajes_roles as R
from jerez_pos.gui.controladores.principal import sin_campo
from jerez_pos.gui.controladores.recibos import llenar
from jerez_pos.gui.formato import dinero, leer_monto
from jerez_pos.gui.servicios_ruta import FilaRuta, marcar_puesto, ruta_con_cuotas
from jerez_pos.gui.vistas.comunes import filas_tactiles, refrescar_estilo
from jerez_pos.gui.vistas.inspector import ALTO_FILA, VistaInspector

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
        self.filas: list[FilaRuta] = []
        self.por_confirmar: str | None = None  # the stall whose fee is shown, waiting for F12
        self._cobrando = False
        v = self.vista
        v.ruta.installEventFilter(self)
        v.ruta.itemActivated.connect(lambda _item: self.preguntar())
        v.ruta.currentCellChanged.connect(lambda *_: self.no_cobrar())
        v.si_cobrar.clicked.connect(self.cobrar)
        v.no_cobrar.clicked.connect(self.no_cobrar)
        v.ausente.clicked.connect(lambda: self.marcar("ausente"))
        v.cerrado.clicked.connect(lambda: self.marcar("cerrado"))
        v.tianguis.activated.connect(lambda _i: self.cargar())
        v.entregar.clicked.connect(self.entregar)
        v.reporte.clicked.connect(self.reporte_pdf)
        v.regresar.clicked.connect(lambda: app.ir("cobro"))
        for campo in v.campos_entrega:
            campo.editor.returnPressed.connect(self.entregar)  # type: ignore[attr-defined]

    def eventFilter(self, objeto: QObject, evento: QEvent) -> bool:
        es_tecla = isinstance(evento, QKeyEvent) and evento.type() == QEvent.Type.KeyPress
        if not es_tecla or not isinstance(evento, QKeyEvent):
            return False
        if evento.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.preguntar()
            return True
        if evento.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        if evento.key() == Qt.Key.Key_A:
            self.marcar("ausente")
            return True
        if evento.key() == Qt.Key.Key_C:
            self.marcar("cerrado")
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
            # F12 confirms what is pending: the charge shown, otherwise the hand-over.
            if self.por_confirmar is not None:
                self.cobrar()
            else:
                self.entregar()
        elif tecla == "Esc" and self.por_confirmar is not None:
            self.no_cobrar()
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
        servicios = self.app.servicios
        self.app.trabajador.enviar(lambda: ruta_con_cuotas(servicios, tianguis), self._al_ruta, self.app.mostrar_error)
        self.app.trabajador.enviar(self.app.servicios.por_entregar, self._al_por_entregar, lambda e, t: None)

    @staticmethod
    def _estado(f: FilaRuta) -> str:
        x = f.en_ruta
        if x.folio:
            return M.PAGADO.format(x.folio)
        return {"ausente": R.AUSENTE.upper(), "cerrado": R.CERRADO.upper()}.get(f.marca or "", M.PENDIENTE)

    def _al_ruta(self, filas: list[FilaRuta], enfocar: str | None = None) -> None:
        self.filas = filas
        self.ruta = [f.en_ruta for f in filas]
        renglones = [
            (
                f.en_ruta.puesto.clave,
                f.en_ruta.puesto.titular,
                f.en_ruta.puesto.giro,
                f.en_ruta.puesto.ubicacion,
                TIPOS.get(f.en_ruta.puesto.tipo, f.en_ruta.puesto.tipo),
                f"{f.en_ruta.puesto.m2:f}",
                f.en_ruta.puesto.clave_cobro,
                dinero(f.cuota),
                self._estado(f),
            )
            for f in filas
        ]
        tabla = self.vista.ruta
        tabla.blockSignals(True)
        llenar(tabla, renglones, (5, R.COLUMNA_CUOTA))
        for fila, f in enumerate(filas):
            color = Qt.GlobalColor.darkGreen if f.en_ruta.pagado else Qt.GlobalColor.gray if f.marca else None
            for columna in range(tabla.columnCount()):
                item = tabla.item(fila, columna)
                if item is not None:
                    item.setToolTip(item.text())
                    if color is not None:
                        item.setForeground(color)
        tabla.blockSignals(False)
        filas_tactiles(tabla, ALTO_FILA)  # the letter may have grown (A+) since the screen was built
        self.no_cobrar()
        if not filas:
            self.vista.resumen.setText(M.PADRON_VACIO)
            return
        claves = [f.en_ruta.puesto.clave for f in filas]
        if enfocar in claves:
            siguiente = claves.index(enfocar)
        else:  # the next stall still to visit: neither paid nor marked
            siguiente = next((i for i, f in enumerate(filas) if not f.en_ruta.pagado and not f.marca), 0)
        tabla.setCurrentCell(siguiente, 0)
        tabla.setFocus()

    def _al_por_entregar(self, monto: Decimal) -> None:
        pagados = sum(x.pagado for x in self.ruta)
        self.vista.resumen.setText(M.RUTA_RESUMEN.format(pagados=pagados, total=len(self.ruta), monto=dinero(monto)))
        self.vista.monto.editor.setText(f"{monto:.2f}" if monto else "")  # type: ignore[attr-defined]

    # -- charge -----------------------------------------------------------------------------------------
    def _fila_actual(self) -> FilaRuta | None:
        fila = self.vista.ruta.currentRow()
        return self.filas[fila] if 0 <= fila < len(self.filas) else None

    def preguntar(self) -> None:
        """Enter: shows the stall and its fee; only F12 (or «Cobrar») charges."""
        f = self._fila_actual()
        if self._cobrando or f is None:
            return
        v = self.vista
        puesto = f.en_ruta.puesto
        if f.en_ruta.pagado:
            self._aviso(v.ultimo, M.COBRADO_PUESTO.format(puesto=puesto.clave, folio=f.en_ruta.folio,
                        total=dinero(f.cuota)), "exito")  # fmt: skip
            return
        self.por_confirmar = puesto.clave
        v.pregunta.setText(
            R.CONFIRMAR_PUESTO.format(cuota=dinero(f.cuota), puesto=puesto.clave, titular=puesto.titular)
        )
        v.confirmacion.show()

    def no_cobrar(self) -> None:
        self.por_confirmar = None
        self.vista.confirmacion.hide()

    def cobrar(self) -> None:
        f = self._fila_actual()
        clave = self.por_confirmar
        if self._cobrando or f is None or clave is None or clave != f.en_ruta.puesto.clave:
            return
        self.no_cobrar()
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

    # -- marks ------------------------------------------------------------------------------------------
    def marcar(self, estado: str) -> None:
        """A / C: the selected stall is absent or closed today; the same mark again puts it back to pending."""
        f = self._fila_actual()
        if f is None or self._cobrando:
            return
        clave = f.en_ruta.puesto.clave
        nuevo = "pendiente" if f.marca == estado else estado
        servicios = self.app.servicios
        self.no_cobrar()

        def listo(_clave: str) -> None:
            texto = R.MARCA_QUITADA if nuevo == "pendiente" else R.MARCADO_PUESTO
            self._aviso(self.vista.ultimo, texto.format(puesto=clave, estado=nuevo), "exito")
            tianguis = self.vista.tianguis.currentData() or None
            self.app.trabajador.enviar(
                lambda: ruta_con_cuotas(servicios, tianguis),
                lambda filas: self._al_ruta(filas, enfocar=clave),
                self.app.mostrar_error,
            )

        self.app.trabajador.enviar(lambda: marcar_puesto(servicios, clave, nuevo), listo, self._al_fallar)

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
