"""Recibos del turno: the receipts issued in this session and voiding one with a supervisor's credentials.

The ledger has no "list the shift's receipts" service yet, so the list holds what this window issued;
the shift's totals (receipts and voids) come from ``corte.preliminar``. Any folio can be voided by typing it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QTableWidgetItem

from jerez_pos.core.errores import ErrorJerez
from jerez_pos.gui import mensajes as M
from jerez_pos.gui.controladores.principal import sin_campo
from jerez_pos.gui.formato import dinero, fecha_hora
from jerez_pos.gui.vistas.recibos import VistaRecibos

if TYPE_CHECKING:
    from jerez_pos.gui.controladores.principal import Principal


class Recibos(QObject):
    def __init__(self, app: Principal) -> None:
        super().__init__()
        self.app = app
        self.vista = VistaRecibos()
        self.emitidos: list[dict[str, Any]] = []
        v = self.vista
        v.tabla.currentCellChanged.connect(self._al_seleccionar)
        v.anular.clicked.connect(self.anular)
        v.regresar.clicked.connect(lambda: app.ir("cobro"))
        for campo in (v.folio, v.supervisor, v.contrasena, v.motivo):
            campo.editor.returnPressed.connect(self.anular)  # type: ignore[attr-defined]

    def agregar(self, emitido: Any, contribuyente: str) -> None:
        self.emitidos.insert(
            0,
            {
                "folio": emitido.folio,
                "fecha": emitido.fecha,
                "contribuyente": contribuyente or M.CONTRIBUYENTE_PISTA,
                "conceptos": ", ".join(x["clave"] for x in emitido.lineas),
                "total": emitido.a_pagar,
                "anulado": False,
            },
        )

    def manejar(self, tecla: str) -> bool:
        if tecla == "F8":
            self.anular()
            return True
        return False

    def al_mostrar(self) -> None:
        self._pintar()
        self.vista.mensaje.setText("")
        if self.app.turno is not None:
            self.app.trabajador.enviar(self.app.servicios.corte_preliminar, self._al_resumen, lambda e, t: None)
        (self.vista.tabla if self.emitidos else self.vista.folio.editor).setFocus()

    def _al_resumen(self, corte: Any) -> None:
        self.vista.nota.setText(M.RECIBOS_NOTA.format(recibos=corte.recibos, anulados=corte.anulados))

    def _pintar(self) -> None:
        tabla = self.vista.tabla
        tabla.setRowCount(len(self.emitidos))
        for fila, r in enumerate(self.emitidos):
            estado = M.ANULADO if r["anulado"] else M.VIGENTE
            valores = (
                r["folio"],
                fecha_hora(r["fecha"]),
                r["contribuyente"],
                r["conceptos"],
                dinero(r["total"]),
                estado,
            )
            for columna, valor in enumerate(valores):
                item = QTableWidgetItem(valor)
                if columna == 4:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                tabla.setItem(fila, columna, item)
        if self.emitidos and tabla.currentRow() < 0:
            tabla.setCurrentCell(0, 0)

    def _al_seleccionar(self, fila: int, *_: int) -> None:
        if 0 <= fila < len(self.emitidos):
            self.vista.folio.editor.setText(self.emitidos[fila]["folio"])  # type: ignore[attr-defined]

    def anular(self) -> None:
        v = self.vista
        campos = (v.folio, v.supervisor, v.contrasena, v.motivo)
        valores = [c.editor.text().strip() for c in campos]  # type: ignore[attr-defined]
        for campo, valor in zip(campos, valores, strict=True):
            campo.mostrar_error("" if valor else M.FALTAN_DATOS_ACCESO if campo is not v.motivo else M.MOTIVO)
        vacio = next((c for c, x in zip(campos, valores, strict=True) if not x), None)
        if vacio is not None:
            vacio.editor.setFocus()
            return
        folio, usuario, contrasena, motivo = valores
        self.app.trabajador.enviar(
            lambda: self.app.servicios.anular(folio, usuario, contrasena, motivo), self._al_anular, self._al_fallar
        )

    def _al_anular(self, folio: str) -> None:
        for r in self.emitidos:
            if r["folio"] == folio:
                r["anulado"] = True
        v = self.vista
        for campo in (v.contrasena, v.motivo):
            campo.editor.clear()  # type: ignore[attr-defined]
        v.mensaje.setText(M.ANULADO_OK.format(folio))
        self.al_mostrar()
        v.mensaje.setText(M.ANULADO_OK.format(folio))

    def _al_fallar(self, error: BaseException, detalle: str) -> None:
        if not isinstance(error, ErrorJerez):
            self.app.mostrar_falla(error, detalle)
            return
        texto = str(error)
        destino = {"FOLIO": self.vista.folio, "--motivo": self.vista.motivo, "usuario": self.vista.supervisor}
        campo = destino.get(texto.partition(":")[0], self.vista.supervisor)
        campo.mostrar_error(sin_campo(error))
        campo.editor.setFocus()
