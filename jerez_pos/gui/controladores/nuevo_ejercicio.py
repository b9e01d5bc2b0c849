"""Administración › «Nuevo ejercicio»: build the draft in the worker with a progress bar, walk its changes with
both laws' words, define the pending concepts (the catalog loader judges each shape), publish by two people.

The draft folder is the single state: the pending list is re-read from it after every change, so what the
approver publishes is what the folder holds (``ledger.ejercicio`` checks its hash again before importing).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QLabel

from jerez_pos.core.errores import ErrorJerez
from jerez_pos.gui.controladores.principal import sin_campo
from jerez_pos.gui.vistas import nuevo_ejercicio as T
from jerez_pos.gui.vistas.comunes import CampoConError, avisar
from jerez_pos.gui.vistas.nuevo_ejercicio import VistaNuevoEjercicio

if TYPE_CHECKING:
    from jerez_pos.catalogo.borrador.revision import Forma, Pendiente, Preparado
    from jerez_pos.gui.controladores.principal import Principal
    from jerez_pos.gui.servicios_ejercicio import Publicada
    from jerez_pos.ledger.ejercicio import Preparacion


class _Avance(QObject):
    """Progress reported from the worker thread; the signal delivers it in the window's thread."""

    paso = Signal(int, str)


class NuevoEjercicio(QObject):
    def __init__(self, app: Principal, vista: VistaNuevoEjercicio) -> None:
        super().__init__()
        self.app = app
        self.vista = vista
        self.preparado: Preparado | None = None
        self.pendientes: list[Pendiente] = []
        self.preparacion: Preparacion | None = None
        self._avance = _Avance()
        self._avance.paso.connect(self._al_avanzar)
        v = vista
        v.examinar.clicked.connect(self._examinar)
        v.armar.clicked.connect(self.armar)
        for campo in (v.ley, v.ejercicio, v.carpeta):
            v.campo(campo).returnPressed.connect(self.armar)
        v.renglones.currentRowChanged.connect(self._al_elegir_renglon)
        v.pendientes.currentRowChanged.connect(self._al_elegir_pendiente)
        v.aplicar.clicked.connect(self.aplicar)
        v.preparar.clicked.connect(self.preparar)
        v.aprobar.clicked.connect(self.aprobar)
        v.campo(v.contrasena).returnPressed.connect(self.aprobar)

    def al_mostrar(self) -> None:
        if not self.vista.campo(self.vista.ejercicio).text():
            self.app.trabajador.enviar(
                self.app.servicios.ejercicio_siguiente,
                lambda anio: self.vista.campo(self.vista.ejercicio).setText(str(anio)),
                lambda _e, _d: None,  # no catalog loaded: the field stays empty and says so when used
            )

    # -- 1: the law ----------------------------------------------------------------------------------------
    def _examinar(self) -> None:
        ruta, _ = QFileDialog.getOpenFileName(self.vista, T.ARCHIVO_LEY, "", "Texto (*.txt)")
        if ruta:
            self.vista.campo(self.vista.ley).setText(ruta)

    def armar(self) -> None:
        v = self.vista
        for campo in (v.ley, v.ejercicio, v.carpeta):
            campo.mostrar_error("")
        ley, anio, carpeta = (v.campo(c).text().strip() for c in (v.ley, v.ejercicio, v.carpeta))
        faltan = [(c, m) for c, t, m in self._requeridos(ley, anio, carpeta) if not t]
        for campo, mensaje in faltan:
            campo.mostrar_error(mensaje)
        if faltan:
            return
        v.armar.setEnabled(False)
        v.avance.setValue(0)
        avisar(v.estado, T.LEYENDO, "nota")
        ejercicio = int(anio)
        avance = self._avance.paso.emit
        self.app.trabajador.enviar(
            lambda: self.app.servicios.construir_borrador(Path(ley), ejercicio, Path(carpeta), avance),
            self._al_armar,
            self._fallo_armar,
        )

    def _requeridos(self, ley: str, anio: str, carpeta: str) -> list[tuple[CampoConError, bool, str]]:
        v = self.vista
        return [
            (v.ley, bool(ley) and Path(ley).is_file(), "indique el archivo .txt con el texto de la ley nueva"),
            (v.ejercicio, anio.isdigit() and len(anio) == 4, "el año del ejercicio nuevo, p. ej. 2025"),
            (v.carpeta, bool(carpeta), "una carpeta nueva donde se escribe el borrador"),
        ]

    def _al_avanzar(self, porcentaje: int, texto: str) -> None:
        self.vista.avance.setValue(porcentaje)
        avisar(self.vista.estado, texto, "nota")

    def _al_armar(self, preparado: Preparado) -> None:
        v = self.vista
        v.armar.setEnabled(True)
        self.preparado = preparado
        self.preparacion = None
        i = preparado.informe
        resumen = T.RESUMEN.format(
            ejercicio=preparado.ejercicio,
            base=preparado.base,
            conceptos=i["conceptos"],
            cambios=len(i["cambios"]),
            renumerados=len(i["renumerados"]),
            nuevos=len(i["nuevos"]),
            derogados=len(i["derogados"]),
            por_revisar=len(i["por_revisar"]),
        )
        if preparado.infieles:
            resumen += " " + T.INFIEL.format(len(preparado.infieles))
        avisar(v.estado, resumen, "error-grande" if preparado.infieles else "exito")
        v.resumen.setText(resumen)
        v.renglones.clear()
        for r in preparado.renglones:
            clave = r.clave if r.clave_base in ("", r.clave) else f"{r.clave_base} → {r.clave}"
            v.renglones.addItem(f"{clave or r.clave_base}  [{r.estado}]  {r.descripcion[:70]}")
        if not preparado.renglones:
            v.renglones.addItem(T.SIN_CAMBIOS)
        else:
            v.renglones.setCurrentRow(0)
        self._mostrar_pendientes(preparado.pendientes)
        v.preparada.clear()
        v.publicada.clear()
        v.pasos.setCurrentIndex(1)
        v.renglones.setFocus()

    def _fallo_armar(self, error: BaseException, detalle: str) -> None:
        self.vista.armar.setEnabled(True)
        self.vista.avance.setValue(0)
        if not isinstance(error, ErrorJerez):
            self.app.mostrar_falla(error, detalle)
            return
        avisar(self.vista.estado, sin_campo(error), "error-grande")

    # -- 2: the changes --------------------------------------------------------------------------------------
    def _al_elegir_renglon(self, fila: int) -> None:
        if self.preparado is None or not 0 <= fila < len(self.preparado.renglones):
            return
        r = self.preparado.renglones[fila]
        self.vista.tarifa.setText(T.TARIFA.format(antes=r.antes or "—", despues=r.despues or "—"))
        self.vista.frase_antes.setPlainText(r.frase_antes or "—")
        self.vista.frase_despues.setPlainText(r.frase_despues or "—")

    # -- 3: the pending concepts -----------------------------------------------------------------------------
    def _mostrar_pendientes(self, pendientes: list[Pendiente]) -> None:
        v = self.vista
        self.pendientes = pendientes
        v.pendientes.clear()
        for p in pendientes:
            estado = T.ESTADOS.get(p.estado, p.estado)
            v.pendientes.addItem(T.PENDIENTE.format(clave=p.clave, estado=estado, descripcion=p.descripcion[:60]))
        if not pendientes:
            v.pendientes.addItem(T.SIN_PENDIENTES)
        else:
            v.pendientes.setCurrentRow(0)

    def _pendiente(self) -> Pendiente | None:
        fila = self.vista.pendientes.currentRow()
        return self.pendientes[fila] if 0 <= fila < len(self.pendientes) else None

    def _al_elegir_pendiente(self, _fila: int) -> None:
        pendiente = self._pendiente()
        if self.preparado is None or pendiente is None:
            return
        carpeta = self.preparado.carpeta
        self.vista.texto_ley.setPlainText(pendiente.texto_fuente)
        self.vista.motivo.setText(T.MOTIVO.format(pendiente.motivo) if pendiente.motivo else "")
        self.app.trabajador.enviar(
            lambda: self.app.servicios.forma_pendiente(carpeta, pendiente),
            self._llenar_forma,
            self.app.mostrar_error,
            etiqueta="forma-pendiente",
        )

    def _llenar_forma(self, forma: Forma) -> None:
        v = self.vista
        v.campo(v.descripcion).setText(forma.descripcion)
        v.forma.setCurrentIndex(max(v.forma.findText(forma.forma), 0))
        v.unidad.setCurrentIndex(max(v.unidad.findData(forma.unidad), 0))
        v.campo(v.monto).setText(forma.monto)
        v.periodicidad.setCurrentIndex(max(v.periodicidad.findText(forma.periodicidad), 0))
        v.otros.setPlainText(forma.otros)
        v.errores_forma.hide()  # the result line stays: it names its concept ("A105-I: forma guardada…")

    def aplicar(self) -> None:
        from jerez_pos.catalogo.borrador.revision import Forma

        v = self.vista
        pendiente = self._pendiente()
        if self.preparado is None or pendiente is None:
            avisar(v.resultado_forma, T.FALTA_BORRADOR, "error-grande")
            return
        forma = Forma(
            v.campo(v.descripcion).text(),
            v.forma.currentText(),
            str(v.unidad.currentData() or ""),
            v.campo(v.monto).text(),
            v.periodicidad.currentText(),
            v.otros.toPlainText(),
        )
        carpeta, ejercicio = self.preparado.carpeta, self.preparado.ejercicio

        def listo(problemas: list[str]) -> None:
            if problemas:
                avisar(v.resultado_forma, T.FORMA_RECHAZADA.format(pendiente.clave, len(problemas)), "error-grande")
                v.errores_forma.clear()
                v.errores_forma.addItems(problemas)
                v.errores_forma.show()
                return
            v.errores_forma.hide()
            avisar(v.resultado_forma, T.FORMA_APLICADA.format(pendiente.clave))
            self.preparacion = None  # the folder changed: a preparation made before no longer holds
            self.app.trabajador.enviar(
                lambda: self.app.servicios.pendientes_borrador(carpeta), self._mostrar_pendientes, self._fallo_forma
            )

        self.app.trabajador.enviar(
            lambda: self.app.servicios.aplicar_forma(carpeta, pendiente, forma, ejercicio), listo, self._fallo_forma
        )

    def _fallo_forma(self, error: BaseException, detalle: str) -> None:
        if not isinstance(error, ErrorJerez):
            self.app.mostrar_falla(error, detalle)
            return
        avisar(self.vista.resultado_forma, sin_campo(error), "error-grande")

    # -- 4: publication --------------------------------------------------------------------------------------
    def preparar(self) -> None:
        v = self.vista
        if self.preparado is None:
            avisar(v.preparada, T.FALTA_BORRADOR, "error-grande")
            return
        carpeta = self.preparado.carpeta

        def listo(preparacion: Preparacion) -> None:
            self.preparacion = preparacion
            texto = T.PREPARADA.format(
                preparo=preparacion.preparo, catalogo=preparacion.catalogo, por_verificar=preparacion.por_verificar
            )
            avisar(v.preparada, texto)
            v.campo(v.aprobador).setFocus()

        self.app.trabajador.enviar(
            lambda: self.app.servicios.preparar_publicacion(carpeta), listo, self._fallo_en(v.preparada)
        )

    def aprobar(self) -> None:
        v = self.vista
        preparacion = self.preparacion
        if preparacion is None:
            avisar(v.publicada, T.FALTA_PREPARAR, "error-grande")
            return
        usuario, contrasena = v.campo(v.aprobador).text().strip(), v.campo(v.contrasena).text()

        def listo(publicada: Publicada) -> None:
            a = publicada.aprobacion
            v.campo(v.contrasena).clear()
            plantilla = T.PUBLICADA if a.nuevo else T.YA_PUBLICADA
            texto = plantilla.format(catalogo=a.catalogo, preparo=a.preparo, aprobo=a.aprobo)
            if publicada.central_id is not None:
                texto += T.ENVIADA_CENTRAL.format(publicada.central_id)
            elif a.paquete is not None:
                texto += T.PAQUETE.format(aviso=publicada.aviso_central, zip=a.paquete)
            avisar(v.publicada, texto, "aviso" if publicada.aviso_central else "exito")
            self.preparacion = None
            self.app.cargar_estado()

        def fallo(error: BaseException, detalle: str) -> None:
            v.campo(v.contrasena).clear()
            self._fallo_en(v.publicada)(error, detalle)

        self.app.trabajador.enviar(
            lambda: self.app.servicios.aprobar_publicacion(preparacion, usuario, contrasena), listo, fallo
        )

    def _fallo_en(self, etiqueta: QLabel) -> Callable[[BaseException, str], None]:
        def fallo(error: BaseException, detalle: str) -> None:
            if not isinstance(error, ErrorJerez):
                self.app.mostrar_falla(error, detalle)
                return
            avisar(etiqueta, sin_campo(error), "error-grande")

        return fallo
