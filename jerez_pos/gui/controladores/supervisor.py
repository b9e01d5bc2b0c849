"""The supervisor's home: everyone's shifts of the day, a cashier's corte seen and closed with the
supervisor's signature, and the ways to voids/reprints (F5) and the day's reports (F8).

It never needs the supervisor's own shift: the corte is the ledger's ``preliminar``/``cerrar`` for another
cashier (blind until that cashier records a count), and Esc here does nothing, so it can't sign anyone out.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent

from jerez_pos.core.dinero import de_centavos
from jerez_pos.core.errores import ErrorJerez
from jerez_pos.gui import mensajes as M
from jerez_pos.gui import mensajes_roles as R
from jerez_pos.gui.controladores.principal import sin_campo
from jerez_pos.gui.controladores.recibos import llenar
from jerez_pos.gui.formato import dinero, fecha_hora
from jerez_pos.gui.servicios_supervisor import cerrar_de, corte_de, impresiones_pendientes, turnos_del_dia
from jerez_pos.gui.vistas.comunes import refrescar_estilo
from jerez_pos.gui.vistas.supervisor import VistaSupervisor

if TYPE_CHECKING:
    from jerez_pos.gui.controladores.principal import Principal
    from jerez_pos.ledger.corte import Corte
    from jerez_pos.ledger.turnos import ResumenTurno


class InicioSupervisor(QObject):
    def __init__(self, app: Principal) -> None:
        super().__init__()
        self.app = app
        self.vista = VistaSupervisor()
        self.turnos: list[ResumenTurno] = []
        self.corte: Corte | None = None
        v = self.vista
        v.turnos.installEventFilter(self)
        v.turnos.itemActivated.connect(lambda _item: self.ver_corte())
        v.turnos.currentCellChanged.connect(lambda *_: self._olvidar_corte())
        v.ver_corte.clicked.connect(self.ver_corte)
        v.cerrar.clicked.connect(self.cerrar)
        v.contrasena.editor.returnPressed.connect(self.cerrar)  # type: ignore[attr-defined]
        v.recibos.clicked.connect(lambda: app.tecla("F5"))
        v.reportes.clicked.connect(lambda: app.tecla("F8"))
        v.mi_caja.clicked.connect(lambda: app.tecla("F10"))

    def eventFilter(self, objeto: QObject, evento: QEvent) -> bool:
        tecla = isinstance(evento, QKeyEvent) and evento.type() == QEvent.Type.KeyPress
        if tecla and evento.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # type: ignore[attr-defined]
            self.ver_corte()
            return True
        return False

    def manejar(self, tecla: str) -> bool:
        if tecla == "F11":
            self.ver_corte()
        elif tecla == "F12":
            self.cerrar()
        elif tecla == "F6":
            self.al_mostrar()
        elif tecla == "Esc":
            self.vista.turnos.setFocus()  # Esc never signs the supervisor out from the home screen
        else:
            return False
        return True

    def al_mostrar(self) -> None:
        servicios = self.app.servicios
        self.app.trabajador.enviar(lambda: turnos_del_dia(servicios), self._al_turnos, self.app.mostrar_error)
        self.app.trabajador.enviar(
            lambda: impresiones_pendientes(servicios),
            lambda n: self.vista.pendientes.setText(R.PENDIENTES_IMPRESION.format(n) if n else ""),
            lambda e, t: None,
        )

    def _al_turnos(self, turnos: list[ResumenTurno]) -> None:
        elegido = self._elegido()
        self.turnos = turnos
        filas = [
            (
                str(t.turno_id),
                t.cajero,
                fecha_hora(t.abierto_en),
                dinero(t.fondo),
                f"{R.plural(t.recibos, 'recibo', 'recibos')} · {dinero(t.cobrado)}",
                self._estado(t),
            )
            for t in turnos
        ]
        abiertos = sum(t.abierto for t in turnos)
        self.vista.resumen_dia.setText(
            R.RESUMEN_DIA.format(
                turnos=R.plural(len(turnos), "turno", "turnos"),
                abiertos=R.plural(abiertos, "abierto", "abiertos"),
                recibos=R.plural(sum(t.recibos for t in turnos), "recibo", "recibos"),
                cobrado=dinero(sum((t.cobrado for t in turnos), Decimal(0))),
            )
        )
        tabla = self.vista.turnos
        tabla.blockSignals(True)
        llenar(tabla, filas, (3, 4))
        tabla.blockSignals(False)
        ids = [t.turno_id for t in turnos]
        fila = ids.index(elegido.turno_id) if elegido and elegido.turno_id in ids else 0
        if turnos:
            tabla.setCurrentCell(fila, 0)
        tabla.setFocus()

    @staticmethod
    def _estado(t: ResumenTurno) -> str:
        if not t.abierto:
            return f"{R.TURNO_CERRADO_CORTE} {fecha_hora(t.cerrado_en or '')[-5:]}"
        return R.TURNO_CONTADO if t.conteos else R.TURNO_SIN_CONTEO

    def _elegido(self) -> ResumenTurno | None:
        fila = self.vista.turnos.currentRow()
        return self.turnos[fila] if 0 <= fila < len(self.turnos) else None

    def _olvidar_corte(self) -> None:
        self.corte = None
        v = self.vista
        t = self._elegido()
        v.titulo_corte.setText(R.CORTE_DE.format(turno=t.turno_id, cajero=t.cajero) if t else R.SIN_TURNO_ELEGIDO)
        v.cifras.setText("")
        v.mensaje.setText("")

    # -- the chosen shift's corte ------------------------------------------------------------------------
    def ver_corte(self) -> None:
        t = self._elegido()
        v = self.vista
        if t is None:
            self._aviso(R.SIN_TURNO_ELEGIDO, "error-grande")
            return
        v.titulo_corte.setText(R.CORTE_DE.format(turno=t.turno_id, cajero=t.cajero))
        if not t.abierto:
            v.cifras.setText(
                f"{R.TURNO_CERRADO_CORTE} · {R.plural(t.recibos, 'recibo', 'recibos')} · {dinero(t.cobrado)}"
            )
            return
        servicios = self.app.servicios
        self.app.trabajador.enviar(lambda: corte_de(servicios, t.cajero), self._al_corte, self._al_fallar)

    def _al_corte(self, corte: Corte) -> None:
        self.corte = corte
        v = self.vista
        recibos = R.recibos_y_anulados(corte.recibos, corte.anulados)
        if corte.ciego:
            v.cifras.setText(f"{M.FONDO_INICIAL} {dinero(de_centavos(corte.fondo))} · {recibos}\n{R.CORTE_SIN_CONTEO}")
        else:
            diferencia = corte.diferencia
            v.cifras.setText(
                R.CORTE_DETALLE.format(
                    fondo=dinero(de_centavos(corte.fondo)),
                    esperado=dinero(de_centavos(corte.esperado)),
                    contado=dinero(de_centavos(corte.contado)) if corte.contado is not None else "—",
                    diferencia=dinero(de_centavos(diferencia)) if diferencia is not None else "—",
                    recibos=recibos,
                )
            )
        v.contrasena.editor.setFocus()

    def cerrar(self) -> None:
        t = self._elegido()
        v = self.vista
        v.contrasena.mostrar_error("")
        if t is None or not t.abierto:
            self._aviso(R.SIN_TURNO_ELEGIDO, "error-grande")
            return
        contrasena = v.contrasena.editor.text()  # type: ignore[attr-defined]
        if not contrasena:
            v.contrasena.mostrar_error(M.OBLIGATORIO)
            v.contrasena.editor.setFocus()
            return
        servicios = self.app.servicios

        def listo(_corte: Corte) -> None:
            v.contrasena.editor.clear()  # type: ignore[attr-defined]
            self._aviso(R.CORTE_CERRADO_OK.format(turno=t.turno_id, cajero=t.cajero), "exito")
            self.al_mostrar()

        self.app.trabajador.enviar(lambda: cerrar_de(servicios, t.cajero, contrasena), listo, self._al_fallar)

    def _al_fallar(self, error: BaseException, detalle: str) -> None:
        if not isinstance(error, ErrorJerez):
            self.app.mostrar_falla(error, detalle)
            return
        self._aviso(sin_campo(error), "error-grande")

    def _aviso(self, texto: str, clase: str) -> None:
        m = self.vista.mensaje
        m.setText(texto)
        m.setProperty("clase", clase)
        refrescar_estilo(m)
