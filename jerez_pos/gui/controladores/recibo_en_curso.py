"""The receipt side of Cobro: the table laid out as the ticket, removing a line or discarding the receipt
(each after a question), the contributor's data, and the draft saved after every change."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from jerez_pos.core.errores import ErrorJerez
from jerez_pos.core.texto import cantidad
from jerez_pos.gui import mensajes as M
from jerez_pos.gui import mensajes_cobro as MC
from jerez_pos.gui.borrador import Borrador, Linea, leer_json
from jerez_pos.gui.controladores.pregunta import preguntar
from jerez_pos.gui.controladores.recibo_previo import linea_elegida, pintar
from jerez_pos.gui.formato import dinero
from jerez_pos.gui.servicios_recibo import vista_previa

if TYPE_CHECKING:
    from jerez_pos.gui.controladores.principal import Principal
    from jerez_pos.gui.vistas.cobro import VistaCobro
    from jerez_pos.printing.lineas import LineaImpresa


class ReciboEnCurso:
    """Mixed into ``Cobro``, which owns these attributes and ``nueva_seleccion``."""

    app: Principal
    vista: VistaCobro
    borrador: Borrador
    pregunta: QMessageBox | None
    _version: int

    def nueva_seleccion(self) -> None:
        raise NotImplementedError

    def quitar(self) -> None:
        """Supr in the table, Ctrl+Supr anywhere: the selected line (the last one if none), after a question."""
        indice = linea_elegida(self.vista.recibo.tabla, len(self.borrador.lineas))
        if indice < 0:
            return
        linea = self.borrador.lineas[indice]
        cot = linea.cotizacion
        texto = MC.QUITAR_PREGUNTA.format(clave=cot.clave, descripcion=cot.descripcion[:120], importe=dinero(cot.total))

        def quitar() -> None:
            if indice < len(self.borrador.lineas) and self.borrador.lineas[indice] is linea:
                self.borrador.quitar(indice)
                self._pintar_recibo()
                self._guardar()

        self.pregunta = preguntar(self.vista, MC.QUITAR_TITULO, texto, quitar, self.pregunta)

    def descartar(self) -> None:
        """Ctrl+Mayús+Supr: the whole receipt in progress goes away (nothing was charged), after a question."""
        if not self.borrador.lineas:
            return
        lineas = cantidad(len(self.borrador.lineas), MC.LINEA, "líneas")
        texto = MC.DESCARTAR_PREGUNTA.format(lineas=lineas, total=dinero(self.borrador.total))

        def descartar() -> None:
            self.vaciar()
            self.nueva_seleccion()

        self.pregunta = preguntar(self.vista, MC.DESCARTAR_TITULO, texto, descartar, self.pregunta)

    def _pintar_recibo(self) -> None:
        r = self.vista.recibo
        self._version += 1
        version = self._version
        cotizaciones = [linea.cotizacion for linea in self.borrador.lineas]
        servicios = self.app.servicios
        self.app.trabajador.enviar(
            lambda: vista_previa(servicios, cotizaciones),
            lambda impresas: self._al_vista_previa(version, impresas),
            etiqueta="vista_previa",
        )
        vacio = not self.borrador.lineas
        r.vacio.setVisible(vacio)
        total = self.borrador.total
        r.total.setText(dinero(total))
        efectivo = self.borrador.total_efectivo
        r.efectivo.setText(
            f"{M.TOTAL_EFECTIVO}: {dinero(efectivo)}  ({M.AJUSTE_ART20} {dinero(efectivo - total)})"
            if not vacio
            else MC.SIN_LINEAS
        )
        r.cobrar.setEnabled(not vacio and self.app.turno is not None)
        r.quitar.setEnabled(not vacio)
        r.descartar.setEnabled(not vacio)

    def _al_vista_previa(self, version: int, impresas: tuple[LineaImpresa, ...]) -> None:
        if version == self._version:
            pintar(self.vista.recibo.tabla, impresas)

    def _al_cambiar_contribuyente(self) -> None:
        r = self.vista.recibo
        self.borrador.contribuyente = {
            k: v
            for k, v in (
                ("nombre", r.nombre.text()),
                ("rfc", r.rfc.text()),
                ("cuenta_catastral", r.cuenta.text()),
                ("padron", r.padron.text()),
            )
            if v.strip()
        }
        self._guardar()

    def _guardar(self) -> None:
        texto = self.borrador.a_json()
        self.app.trabajador.enviar(lambda: self.app.servicios.guardar_borrador(texto), etiqueta="borrador")

    def recuperar_borrador(self) -> None:
        """At start-up: price the saved lines again (the catalog may have changed) and show them."""
        servicios = self.app.servicios

        def recuperar() -> tuple[list[Linea], dict[str, str]]:
            lineas, contribuyente = leer_json(servicios.leer_borrador())
            hechas = []
            for clave, params in lineas:
                try:
                    hechas.append(Linea(clave, params, servicios.cotizar(clave, params)))
                except ErrorJerez:
                    continue  # a line the current catalog refuses is dropped, never charged blindly
            return hechas, contribuyente

        self.app.trabajador.enviar(recuperar, self._al_recuperar)

    def _al_recuperar(self, resultado: tuple[list[Linea], dict[str, str]]) -> None:
        lineas, contribuyente = resultado
        if not lineas and not contribuyente:
            return
        self.borrador = Borrador(lineas, contribuyente)
        r = self.vista.recibo
        for campo, clave in (
            (r.nombre, "nombre"),
            (r.rfc, "rfc"),
            (r.cuenta, "cuenta_catastral"),
            (r.padron, "padron"),
        ):
            campo.blockSignals(True)
            campo.setText(contribuyente.get(clave, ""))
            campo.blockSignals(False)
        self._pintar_recibo()

    def vaciar(self) -> None:
        self.borrador = Borrador()
        r = self.vista.recibo
        for campo in (r.nombre, r.rfc, r.cuenta, r.padron):
            campo.blockSignals(True)
            campo.clear()
            campo.blockSignals(False)
        self._pintar_recibo()
        self._guardar()
