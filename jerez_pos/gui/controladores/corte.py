"""Corte de caja: a blind count (the expected cash stays hidden until the cashier says the count is done),
then expected vs counted, the supervisor's sign-off when there is a variance, and the close.

"Done counting" (F11) records the count in the ledger before anything is revealed; changing a figure
afterwards and pressing F11 again records a recount, it never replaces the first count. Whether the
close needs a supervisor is the ledger's answer (any count of the shift with a variance), not this
screen's arithmetic on the figures currently typed."""

from __future__ import annotations

import html
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from jerez_pos.core.dinero import CERO, de_centavos
from jerez_pos.core.errores import ErrorEntrada, ErrorJerez
from jerez_pos.core.numeros import leer_entero
from jerez_pos.gui import mensajes as M
from jerez_pos.gui.controladores.principal import sin_campo
from jerez_pos.gui.formato import dinero
from jerez_pos.gui.vistas.comunes import refrescar_estilo
from jerez_pos.gui.vistas.corte import VistaCorte

if TYPE_CHECKING:
    from jerez_pos.gui.controladores.principal import Principal
    from jerez_pos.ledger import corte as libro

# Same list as the ledger's corte.DENOMINACIONES; repeated here so this screen loads without SQLAlchemy.
DENOMINACIONES = tuple(Decimal(x) for x in ("1000", "500", "200", "100", "50", "20", "10", "5", "2", "1", "0.50"))


def piezas_de(texto: str) -> int:
    try:
        return leer_entero(texto, "piezas", nombre="piezas") if texto.strip() else 0
    except ErrorEntrada:
        return 0


def _conteos(corte: libro.Corte) -> str:
    """Every count of the shift, in order, and the first one with a variance: what the supervisor signs."""
    renglones = "".join(
        "<br>"
        + html.escape(
            M.CONTEO_REGISTRADO.format(
                n=c.n, hora=c.registrado_en[11:16], contado=dinero(de_centavos(c.contado)), estado=c.descripcion()
            )
        )
        for c in corte.conteos
    )
    primero = next((c for c in corte.conteos if c.diferencia), None)
    aviso = (
        ""
        if primero is None
        else f"<br><b>{html.escape(M.CONTEO_CON_DIFERENCIA.format(n=primero.n, estado=primero.descripcion()))}</b>"
    )
    return f"<p><b>{M.CONTEOS_REGISTRADOS}</b>{renglones}{aviso}</p>"


class Corte(QObject):
    def __init__(self, app: Principal) -> None:
        super().__init__()
        self.app = app
        self.vista = VistaCorte([dinero(d) for d in DENOMINACIONES])
        self.preliminar: libro.Corte | None = None
        self.cerrado: libro.Corte | None = None  # the corte just closed and its count, for "Guardar PDF"
        self.registrando = False  # a count is on its way to the ledger
        self.conteo_cerrado: dict[Decimal, int] = {}
        v = self.vista
        for indice, piezas in enumerate(v.piezas):
            piezas.textChanged.connect(self._al_contar)
            piezas.returnPressed.connect(lambda i=indice: self._siguiente(i))
        v.revisar.clicked.connect(self.revisar)
        v.cerrar.clicked.connect(self.cerrar)
        v.pdf.clicked.connect(self.guardar_pdf)
        v.regresar.clicked.connect(lambda: app.ir("cobro"))

    def manejar(self, tecla: str) -> bool:
        if tecla == "F11":
            self.revisar()
            return True
        if tecla == "F12":
            self.cerrar()
            return True
        if tecla == "F4" and self.cerrado is not None:
            self.guardar_pdf()
            return True
        return False

    def _siguiente(self, indice: int) -> None:
        """Enter walks down the denominations; on the last one it reveals the result (like F11)."""
        if indice + 1 < len(self.vista.piezas):
            self.vista.piezas[indice + 1].setFocus()
        else:
            self.revisar()

    def al_mostrar(self) -> None:
        v = self.vista
        for piezas in v.piezas:
            piezas.blockSignals(True)
            piezas.clear()
            piezas.blockSignals(False)
        self.preliminar = None
        self.cerrado = None
        v.resultado.hide()
        v.panel_grafica.hide()
        v.firma.hide()
        v.mensaje.hide()
        v.pdf.hide()
        v.mensaje_pdf.setText("")
        v.cerrar.setEnabled(False)
        v.revisar.setEnabled(True)
        self._al_contar()
        v.piezas[0].setFocus()

    def conteo(self) -> dict[Decimal, int]:
        return {d: n for d, p in zip(DENOMINACIONES, self.vista.piezas, strict=True) if (n := piezas_de(p.text()))}

    def contado(self) -> Decimal:
        return sum((d * n for d, n in self.conteo().items()), CERO)

    def _al_contar(self) -> None:
        v = self.vista
        for d, piezas, subtotal in zip(DENOMINACIONES, v.piezas, v.subtotales, strict=True):
            subtotal.setText(dinero(d * piezas_de(piezas.text())))
        v.contado.setText(dinero(self.contado()))
        if self.preliminar is not None:  # the count changed after it was recorded: F11 records a recount
            self.preliminar = None
            v.resultado.hide()
            v.panel_grafica.hide()
            v.firma.hide()
            v.cerrar.setEnabled(False)
            v.mensaje.setProperty("clase", "nota")
            refrescar_estilo(v.mensaje)
            v.mensaje.setText(M.RECONTEO_PENDIENTE)
            v.mensaje.show()

    def revisar(self) -> None:
        # The figures already recorded (F11 pressed again with nothing changed) or a count still on its way
        # to the ledger: a second press would record the same count twice.
        if self.preliminar is not None or self.registrando or self.cerrado is not None:
            return
        self.registrando = True
        conteo = self.conteo()
        self.app.trabajador.enviar(
            lambda: self.app.servicios.registrar_conteo(conteo), self._al_preliminar, self._al_fallar
        )

    def _al_preliminar(self, corte: libro.Corte) -> None:
        self.registrando = False
        self.preliminar = corte
        v = self.vista
        v.mensaje.hide()
        esperado = de_centavos(corte.esperado)
        diferencia = de_centavos(corte.diferencia or 0)
        formas = "".join(
            f"<tr><td>{html.escape(M.FORMAS_PAGO.get(f, f))}</td><td align='right'>{dinero(de_centavos(c))}</td></tr>"
            for f, c in sorted(corte.por_forma.items())
        )
        por_rubro = sorted(corte.por_rubro.items(), key=lambda x: -x[1])
        v.grafica.mostrar([(r, c / 100, dinero(de_centavos(c))) for r, c in por_rubro])
        v.resumen.setText(
            f"<b>{M.RECIBOS_CORTE.format(recibos=corte.recibos, anulados=corte.anulados)}</b><br>"
            f"{M.FONDO_INICIAL}: {dinero(de_centavos(corte.fondo))} · {M.AJUSTE_ART20}: "
            f"{dinero(de_centavos(corte.ajuste_art20))}"
            f"<p><b>{M.POR_FORMA}</b></p><table width='100%'>{formas}</table>"
            f"{_conteos(corte)}"
        )
        v.esperado.setText(dinero(esperado))
        etiqueta = M.CUADRA if not diferencia else (M.SOBRANTE if diferencia > 0 else M.FALTANTE)
        v.diferencia.setText(f"{etiqueta} {dinero(abs(diferencia))}" if diferencia else etiqueta)
        v.diferencia.setProperty("clase", "cambio" if not diferencia else "falta")
        refrescar_estilo(v.diferencia)
        v.resultado.show()
        v.panel_grafica.show()
        v.firma.setVisible(bool(corte.requiere_supervisor))
        v.cerrar.setEnabled(True)
        (v.supervisor.editor if corte.requiere_supervisor else v.cerrar).setFocus()

    def cerrar(self) -> None:
        v = self.vista
        if self.preliminar is None:
            return
        firma = None
        if v.firma.isVisible():
            usuario = v.supervisor.editor.text().strip()
            contrasena = v.contrasena.editor.text()
            if not usuario or not contrasena:
                v.supervisor.mostrar_error(M.FALTAN_DATOS_ACCESO)
                v.supervisor.editor.setFocus()
                return
            firma = (usuario, contrasena)
        self.app.trabajador.enviar(lambda: self.app.servicios.cerrar_turno(firma), self._al_cerrar, self._al_fallar)

    def _al_cerrar(self, corte: libro.Corte) -> None:
        v = self.vista
        self.cerrado = corte
        self.conteo_cerrado = dict(corte.conteos[-1].piezas)
        texto = M.TURNO_CERRADO.format(
            contado=dinero(de_centavos(corte.contado or 0)),  # a closed corte always has its count
            esperado=dinero(de_centavos(corte.esperado)),
            diferencia=dinero(de_centavos(corte.diferencia or 0)),
        )
        v.cerrar.setEnabled(False)
        v.revisar.setEnabled(False)
        self.app.al_cerrar_turno()
        v.mensaje.setProperty("clase", "exito")
        refrescar_estilo(v.mensaje)
        v.mensaje.setText(texto)
        v.mensaje.show()
        v.pdf.show()
        v.pdf.setFocus()

    def guardar_pdf(self) -> None:
        from jerez_pos.gui.controladores.pdf import guardar_pdf

        corte, conteo = self.cerrado, dict(self.conteo_cerrado)
        if corte is None:
            return

        def escribir(ruta: Path) -> Path:
            return self.app.servicios.corte_pdf(corte, conteo, ruta)

        def aviso(texto: str, clase: str) -> None:
            etiqueta = self.vista.mensaje_pdf
            etiqueta.setText(texto)
            etiqueta.setProperty("clase", clase)
            refrescar_estilo(etiqueta)

        nombre = f"corte-turno-{corte.turno_id}.pdf"
        guardar_pdf(self.app, self.vista, M.PDF_TITULO_CORTE, nombre, escribir, aviso)

    def _al_fallar(self, error: BaseException, detalle: str) -> None:
        self.registrando = False
        if not isinstance(error, ErrorJerez):
            self.app.mostrar_falla(error, detalle)
            return
        v = self.vista
        v.mensaje.setProperty("clase", "error-grande")
        refrescar_estilo(v.mensaje)
        v.mensaje.setText(sin_campo(error))
        v.mensaje.show()
