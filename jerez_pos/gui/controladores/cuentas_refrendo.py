"""The inspector's list of licences not renewed (F3 from the route): by address, each with its holder, giro and
what it owes today, as ``jerez-pos padron comercio sin-refrendo`` lists it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from jerez_pos.core.dinero import CERO
from jerez_pos.gui.controladores.recibos import llenar
from jerez_pos.gui.formato import dinero
from jerez_pos.gui.vistas import cuentas_mensajes as C
from jerez_pos.gui.vistas.cuentas import VistaSinRefrendo

if TYPE_CHECKING:
    from jerez_pos.gui.controladores.principal import Principal
    from jerez_pos.gui.servicios_cuentas import ServiciosCuentas
    from jerez_pos.ledger.cuentas_refrendo import SinRefrendo


class PantallaSinRefrendo(QObject):
    def __init__(self, app: Principal, servicio: ServiciosCuentas) -> None:
        super().__init__()
        self.app = app
        self.servicio = servicio
        self.vista = VistaSinRefrendo()
        self.lista: list[SinRefrendo] = []
        self.vista.regresar.clicked.connect(lambda: self.manejar("Esc"))

    def manejar(self, tecla: str) -> bool:
        if tecla == "Esc":
            self.app.ir("inspector")
        elif tecla == "F6":
            self.cargar()
        else:
            return False
        return True

    def al_mostrar(self) -> None:
        self.cargar()

    def cargar(self) -> None:
        anio = self.servicio.reloj().year
        self.vista.ayuda.setText(C.SIN_REFRENDO_AYUDA.format(anio=anio))
        self.vista.resumen.setText(C.SIN_REFRENDO_CARGANDO)
        self.app.trabajador.enviar(
            self.servicio.sin_refrendo, lambda r: self._al_cargar(r, anio), self.app.mostrar_error, etiqueta="refrendo"
        )

    def _al_cargar(self, lista: list[SinRefrendo], anio: int) -> None:
        self.lista = lista
        filas = [
            (x.domicilio, x.licencia, x.titular, f"{x.giro} {x.giro_nombre}", str(x.pagado_hasta), dinero(x.adeudo))
            for x in lista
        ]
        v = self.vista
        llenar(v.lista, filas, (4, 5))
        total = sum((x.adeudo for x in lista), CERO)
        v.resumen.setText(
            C.SIN_REFRENDO_RESUMEN.format(n=len(lista), total=dinero(total))
            if lista
            else C.SIN_REFRENDO_VACIO.format(anio=anio)
        )
        if lista:
            v.lista.setCurrentCell(0, 0)
        v.lista.setFocus()
