"""The account card: the property or business, the owed years priced as ``jerez-pos adeudo`` prices them, and
the payments so far. The cashier marks years (all owed years are marked when the card opens) and Enter takes
them to Pago as one receipt, exactly the lines ``cobrar-adeudo`` issues.

Years are paid oldest first (the ledger enforces it), so the marks are always the oldest N years: marking a
year marks the older ones, unmarking it unmarks the newer ones.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QTableWidgetItem

from jerez_pos.core.dinero import CERO
from jerez_pos.core.errores import ErrorJerez
from jerez_pos.gui import mensajes as M
from jerez_pos.gui.borrador import Linea
from jerez_pos.gui.controladores.cuenta_borrador import BorradorCuenta
from jerez_pos.gui.controladores.principal import sin_campo
from jerez_pos.gui.controladores.recibos import llenar
from jerez_pos.gui.formato import dinero, fecha, fecha_hora
from jerez_pos.gui.vistas import cuentas_mensajes as C
from jerez_pos.gui.vistas.comunes import refrescar_estilo
from jerez_pos.gui.vistas.cuentas import VistaTarjeta
from jerez_pos.ledger.cuentas_padron import LLAVE, PREDIAL

if TYPE_CHECKING:
    from jerez_pos.gui.controladores.cobro import Cobro
    from jerez_pos.gui.controladores.principal import Principal
    from jerez_pos.gui.servicios_cuentas import ServiciosCuentas, TarjetaCuenta

MARCA = Qt.ItemDataRole.CheckStateRole


class PantallaTarjeta(QObject):
    def __init__(self, app: Principal, cobro: Cobro, servicio: ServiciosCuentas) -> None:
        super().__init__()
        self.app = app
        self.cobro = cobro
        self.servicio = servicio
        self.vista = VistaTarjeta()
        self.datos: TarjetaCuenta | None = None
        self.marcados = 0
        v = self.vista
        v.anios.installEventFilter(self)
        v.anios.itemChanged.connect(self._al_cambiar_marca)
        v.cobrar.clicked.connect(self.cobrar)
        v.estado_pdf.clicked.connect(self.estado_pdf)
        v.regresar.clicked.connect(lambda: self.manejar("Esc"))

    # -- screen ------------------------------------------------------------------------------------------
    def manejar(self, tecla: str) -> bool:
        if tecla == "Esc":
            self.app.ir("cobro")
        elif tecla == "F4":
            self.estado_pdf()
        elif tecla == "F12":
            self.cobrar()
        else:
            return False
        return True

    def al_mostrar(self) -> None:
        self.vista.anios.setFocus()

    def eventFilter(self, objeto: QObject, evento: QEvent) -> bool:
        if not isinstance(evento, QKeyEvent) or evento.type() != QEvent.Type.KeyPress:
            return False
        if evento.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.cobrar()
            return True
        if evento.key() == Qt.Key.Key_Space:
            self.alternar(self.vista.anios.currentRow())
            return True
        return False

    def abrir(self, padron: str, cuenta: str) -> None:
        v = self.vista
        self.datos = None
        v.titulo.setText(C.PADRON_TITULO[padron].format(cuenta))
        for w in (v.titular, v.domicilio, v.datos, v.pagado, v.marcados):
            w.setText("")
        v.anios_titulo.setText(C.TARJETA_CARGANDO)
        v.anios.setRowCount(0)
        v.historial.setRowCount(0)
        for w in (v.mensaje, v.avisos, v.al_corriente):
            w.hide()
        self.app.ir("cuenta")
        self.app.trabajador.enviar(
            lambda: self.servicio.tarjeta(padron, cuenta), self._al_tarjeta, self._al_fallar, etiqueta="tarjeta"
        )

    def _al_tarjeta(self, t: TarjetaCuenta) -> None:
        self.datos = t
        v = self.vista
        v.titulo.setText(C.PADRON_TITULO[t.padron].format(t.cuenta))
        v.titular.setText(t.titular)
        v.domicilio.setText(t.domicilio)
        v.datos.setText(self._datos_html(t))
        v.pagado.setText(C.PAGADO_HASTA.format(t.pagado_hasta))
        v.anios_titulo.setText(C.ANIOS_TITULO.format(fecha(t.fecha)))
        filas = [
            (str(a.ejercicio), *(dinero(x) for x in (a.impuesto, a.descuentos, a.actualizacion, a.recargos, a.total)))
            for a in t.anios
        ]
        v.anios.blockSignals(True)
        llenar(v.anios, filas, (1, 2, 3, 4, 5))
        for fila, a in enumerate(t.anios):  # the receipt lines of that year, as Pago will list them
            detalle = "\n".join(f"{c.clave}  {c.descripcion}: {dinero(c.total)}" for c in a.lineas)
            for columna in range(v.anios.columnCount()):
                item = v.anios.item(fila, columna)
                if item is not None:
                    item.setToolTip(detalle)
        v.anios.blockSignals(False)
        self.marcados = len(t.anios)
        self._pintar_marcas()
        v.al_corriente.setVisible(not t.anios)
        v.avisos.setText("\n".join(f"⚠ {a}" for a in t.advertencias))
        v.avisos.setVisible(bool(t.advertencias))
        historial = [
            (
                p.folio,
                fecha_hora(p.fecha),
                ", ".join(map(str, p.ejercicios)),
                dinero(p.importe),
                C.ANULADO if p.anulado else C.VIGENTE,
            )
            for p in t.historial
        ]
        llenar(v.historial, historial, (3,))
        v.historial_vacio.setVisible(not historial)
        if t.anios:
            v.anios.setCurrentCell(0, 0)
        v.anios.setFocus()

    @staticmethod
    def _datos_html(t: TarjetaCuenta) -> str:
        filas: list[tuple[str, str]] = []
        if t.padron == PREDIAL:
            for clave, titulo in C.CAMPOS_PREDIAL:
                if clave in t.datos:
                    filas.append((titulo, C.SI_NO.get(t.datos[clave], t.datos[clave])))
        else:
            filas.append((C.GIRO, f"{t.datos.get('giro', '')} — {t.giro_nombre}"))
        return (
            "<table>"
            + "".join(
                f"<tr><td style='padding:1px 10px 1px 0'><b>{html.escape(a)}</b></td><td>{html.escape(b)}</td></tr>"
                for a, b in filas
            )
            + "</table>"
        )

    def _al_fallar(self, error: BaseException, detalle: str) -> None:
        if not isinstance(error, ErrorJerez):
            self.app.mostrar_falla(error, detalle)
            return
        self._mensaje(sin_campo(error))

    def _mensaje(self, texto: str, clase: str = "error-grande") -> None:
        m = self.vista.mensaje
        m.setText(texto)
        m.setProperty("clase", clase)
        refrescar_estilo(m)
        m.setVisible(bool(texto))

    # -- marks -------------------------------------------------------------------------------------------
    def alternar(self, fila: int) -> None:
        """Space: marking a year marks the older ones; unmarking it unmarks the newer ones."""
        if self.datos is None or not 0 <= fila < len(self.datos.anios):
            return
        self.marcados = fila if fila < self.marcados else fila + 1
        self._pintar_marcas()

    def _al_cambiar_marca(self, item: QTableWidgetItem) -> None:
        if item.column() == 0:
            marcado = item.checkState() == Qt.CheckState.Checked
            if marcado != (item.row() < self.marcados):
                self.alternar(item.row())

    def _pintar_marcas(self) -> None:
        if self.datos is None:
            return
        v = self.vista
        v.anios.blockSignals(True)
        for fila in range(v.anios.rowCount()):
            item = v.anios.item(fila, 0)
            if item is not None:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if fila < self.marcados else Qt.CheckState.Unchecked)
        v.anios.blockSignals(False)
        elegidos = self.datos.anios[: self.marcados]
        importe = sum((a.total for a in elegidos), CERO)
        v.marcados.setText(C.MARCADOS.format(n=len(elegidos), total=len(self.datos.anios), importe=dinero(importe)))
        v.marcados.setVisible(bool(self.datos.anios))
        v.cobrar.setEnabled(bool(elegidos))
        self._mensaje("")

    # -- charge and PDF ----------------------------------------------------------------------------------
    def cobrar(self) -> None:
        t = self.datos
        if t is None:
            return
        if not t.anios:
            self._mensaje(C.NADA_QUE_COBRAR[t.padron].format(t.cuenta))
            return
        if self.marcados == 0:
            self._mensaje(C.NINGUNO_MARCADO)
            return
        if self.app.turno is None:
            rol = self.app.sesion.rol if self.app.sesion else ""
            self._mensaje(M.SIN_TURNO_ADMIN.format(rol))
            return
        previo = self.cobro.borrador
        if previo.lineas and not (isinstance(previo, BorradorCuenta) and previo.anios):
            self._mensaje(C.RECIBO_OCUPADO.format(len(previo.lineas)))
            return
        elegidos = t.anios[: self.marcados]
        lineas = [Linea(c.clave, dict(c.parametros), c) for a in elegidos for c in a.lineas]
        contribuyente = {"nombre": t.titular, "domicilio": t.domicilio}
        contribuyente["cuenta_catastral" if t.padron == PREDIAL else LLAVE[t.padron]] = t.cuenta
        self.cobro.borrador = BorradorCuenta(
            lineas, contribuyente, t.padron, t.cuenta, [a.ejercicio for a in elegidos], self.servicio
        )
        r = self.cobro.vista.recibo
        es_predial = t.padron == PREDIAL
        campos = (
            (r.nombre, t.titular),
            (r.rfc, ""),
            (r.cuenta, t.cuenta if es_predial else ""),
            (r.padron, "" if es_predial else t.cuenta),
        )
        for campo, valor in campos:
            campo.blockSignals(True)
            campo.setText(valor)
            campo.blockSignals(False)
        self.cobro._pintar_recibo()
        self.app.ir("pago")

    def estado_pdf(self) -> None:
        """F4: the estado de cuenta PDF (as ``jerez-pos adeudo … --pdf``)."""
        from jerez_pos.gui.controladores.pdf import guardar_pdf

        t = self.datos
        if t is None:
            return
        padron, cuenta = t.padron, t.cuenta
        nombre = f"estado-de-cuenta-{cuenta}-{t.fecha:%Y-%m-%d}.pdf"
        guardar_pdf(
            self.app,
            self.vista,
            C.PDF_TITULO_ESTADO,
            nombre,
            lambda ruta: self.servicio.estado_pdf(padron, cuenta, ruta),
            self._mensaje,
        )
