"""Administración, the system half: terminal data, printer, central server, backups and restore, audit log.

Restoring replaces the whole ledger, so it asks for the word RESTAURAR typed in place (no mouse-only
confirmation) and logs everyone out afterwards: the sessions belong to the database that was replaced.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from jerez_pos.core.errores import ErrorJerez
from jerez_pos.gui import mensajes as M
from jerez_pos.gui.controladores.principal import sin_campo
from jerez_pos.gui.controladores.recibos import leer_fecha, llenar
from jerez_pos.gui.formato import fecha, fecha_hora
from jerez_pos.gui.vistas.comunes import avisar

if TYPE_CHECKING:
    from jerez_pos.gui.controladores.principal import Principal
    from jerez_pos.gui.servicios_admin import DatosTerminal, Inscripcion
    from jerez_pos.gui.vistas.administracion import VistaAdministracion


class Sistema(QObject):
    def __init__(self, app: Principal, vista: VistaAdministracion) -> None:
        super().__init__()
        self.app = app
        self.vista = vista
        v = vista
        v.guardar_impresora.clicked.connect(self.guardar_impresora)
        v.probar_impresora.clicked.connect(self.probar_impresora)
        v.guardar_servidor.clicked.connect(self.guardar_servidor)
        v.inscribir.clicked.connect(self.inscribir)
        v.codigo.editor.returnPressed.connect(self.inscribir)  # type: ignore[attr-defined]
        v.respaldar.clicked.connect(self.respaldar)
        v.restaurar.clicked.connect(self.restaurar)
        v.confirmar_restaurar.editor.returnPressed.connect(self.restaurar)  # type: ignore[attr-defined]
        v.actualizar_bitacora.clicked.connect(self.cargar_bitacora)
        v.reporte_pdf.clicked.connect(self.reporte_pdf)
        v.fecha_reporte.editor.returnPressed.connect(self.reporte_pdf)  # type: ignore[attr-defined]

    def al_mostrar(self) -> None:
        self.app.trabajador.enviar(self.app.servicios.datos_terminal, self._al_terminal, self.app.mostrar_error)
        self.app.trabajador.enviar(self.app.servicios.ajustes_impresora, self._al_impresora, lambda e, t: None)
        self.cargar_bitacora()
        fecha_reporte = self.vista.fecha_reporte.editor
        if not fecha_reporte.text():  # type: ignore[attr-defined]
            fecha_reporte.setText(fecha(dt.date.today()))  # type: ignore[attr-defined]

    def _al_terminal(self, d: DatosTerminal) -> None:
        v = self.vista
        v.datos_terminal.setText(
            M.TERMINAL_DATOS.format(
                nombre=d.nombre,
                serie=d.serie,
                demo=M.TERMINAL_DEMO if d.demo else "",
                municipio=d.municipio,
                delegacion=d.delegacion,
                directorio=d.directorio,
            )
        )
        v.servidor.editor.setText(d.servidor)  # type: ignore[attr-defined]
        destinos = f"{d.directorio}/respaldos" + (f" · {d.respaldo}" if d.respaldo else "")
        v.destino_respaldo.setText(M.RESPALDO_DESTINO.format(destinos))

    def _al_impresora(self, ajustes: Any) -> None:
        v = self.vista
        v.impresora.editor.setText(str(ajustes.impresora) if ajustes.impresora else "")  # type: ignore[attr-defined]
        v.ancho.setCurrentIndex(max(v.ancho.findData(ajustes.ancho), 0))

    # -- printer and server -------------------------------------------------------------------------------
    def guardar_impresora(self) -> None:
        destino = self.vista.impresora.editor.text()  # type: ignore[attr-defined]
        ancho = int(self.vista.ancho.currentData())

        def listo(ajustes: Any) -> None:
            avisar(self.vista.mensaje_impresora, M.IMPRESORA_GUARDADA.format(ajustes.impresora or M.IMPRESORA_NO))
            self.app.actualizar_impresora()

        self.app.trabajador.enviar(
            lambda: self.app.servicios.guardar_impresora(destino, ancho),
            listo,
            self._fallo(self.vista.mensaje_impresora),
        )

    def probar_impresora(self) -> None:
        self.app.trabajador.enviar(
            self.app.servicios.probar_impresora,
            lambda estado: avisar(self.vista.mensaje_impresora, M.PRUEBA_OK.format(estado.value)),
            self._fallo(self.vista.mensaje_impresora),
        )

    def guardar_servidor(self) -> None:
        url = self.vista.servidor.editor.text()  # type: ignore[attr-defined]
        self.app.trabajador.enviar(
            lambda: self.app.servicios.guardar_servidor(url),
            lambda _r: self._al_servidor(url.strip()),
            self._fallo(self.vista.mensaje_servidor),
        )

    def _al_servidor(self, url: str) -> None:
        avisar(self.vista.mensaje_servidor, M.SERVIDOR_GUARDADO.format(url))
        self.app.sincronizacion.reiniciar()

    def inscribir(self) -> None:
        """Enrollment with the one-time code: the series the central assigned, or why not (in Spanish)."""
        v = self.vista
        url = v.servidor.editor.text().strip()  # type: ignore[attr-defined]
        codigo = v.codigo.editor.text().strip()  # type: ignore[attr-defined]
        faltante = next((c for c, x in ((v.servidor, url), (v.codigo, codigo)) if not x), None)
        for campo in (v.servidor, v.codigo):
            campo.mostrar_error(M.OBLIGATORIO if campo is faltante else "")
        if faltante is not None:
            faltante.editor.setFocus()
            return
        avisar(v.mensaje_servidor, M.INSCRIBIENDO.format(url), "nota")
        v.inscribir.setEnabled(False)

        def fallo(error: BaseException, detalle: str) -> None:
            v.inscribir.setEnabled(True)
            self._fallo(v.mensaje_servidor)(error, detalle)

        self.app.trabajador.enviar(lambda: self.app.servicios.inscribir(url, codigo), self._al_inscribir, fallo)

    def _al_inscribir(self, inscripcion: Inscripcion) -> None:
        v = self.vista
        v.inscribir.setEnabled(True)
        v.codigo.editor.clear()  # type: ignore[attr-defined]
        v.servidor.editor.setText(inscripcion.servidor)  # type: ignore[attr-defined]
        texto = M.INSCRITA.format(
            servidor=inscripcion.servidor, serie=inscripcion.serie, delegacion=inscripcion.delegacion
        )
        avisar(v.mensaje_servidor, texto)
        self.app.sincronizacion.reiniciar()  # the loop now runs against the central just enrolled with

    # -- backups ------------------------------------------------------------------------------------------
    def respaldar(self) -> None:
        self.app.trabajador.enviar(
            self.app.servicios.respaldar,
            lambda ruta: avisar(self.vista.mensaje_respaldo, M.RESPALDO_HECHO.format(ruta)),
            self._fallo(self.vista.mensaje_respaldo),
        )

    def restaurar(self) -> None:
        v = self.vista
        archivo = v.archivo_respaldo.editor.text().strip()  # type: ignore[attr-defined]
        if not archivo:
            v.archivo_respaldo.mostrar_error(M.OBLIGATORIO)
            v.archivo_respaldo.editor.setFocus()
            return
        v.archivo_respaldo.mostrar_error("")
        v.aviso_restaurar.setText(M.RESTAURAR_CONFIRMAR.format(archivo=archivo))
        v.aviso_restaurar.show()
        if v.confirmar_restaurar.editor.text().strip() != M.PALABRA_RESTAURAR:  # type: ignore[attr-defined]
            v.confirmar_restaurar.mostrar_error(M.RESTAURAR_FALTA)
            v.confirmar_restaurar.editor.setFocus()
            return
        v.confirmar_restaurar.mostrar_error("")
        v.confirmar_restaurar.editor.clear()  # type: ignore[attr-defined]

        self.app.sincronizacion.detener()  # its connections belong to the database being replaced

        def listo(anterior: Path) -> None:
            self.app.cerrar_sesion()
            self.app.dialogo(self.app.icono_info(), M.ADMIN_TITULO, M.RESTAURADO.format(anterior))

        def fallo(error: BaseException, detalle: str) -> None:
            self.app.sincronizacion.al_entrar()  # nothing was replaced: sync goes on
            self._fallo(v.mensaje_respaldo)(error, detalle)

        self.app.trabajador.enviar(lambda: self.app.servicios.restaurar(Path(archivo)), listo, fallo)

    # -- day report ---------------------------------------------------------------------------------------
    def reporte_pdf(self) -> None:
        from jerez_pos.gui.controladores.pdf import guardar_pdf

        campo = self.vista.fecha_reporte
        try:
            dia = leer_fecha(campo.editor.text()) or dt.date.today()  # type: ignore[attr-defined]
        except ValueError:
            campo.mostrar_error(M.FECHA_INVALIDA)
            campo.editor.setFocus()
            return
        campo.mostrar_error("")

        def escribir(ruta: Path) -> Path:
            return self.app.servicios.reporte_dia_pdf(dia, ruta)

        def aviso(texto: str, clase: str) -> None:
            avisar(self.vista.mensaje_reporte, texto, clase)

        nombre = f"reporte-{dia:%Y-%m-%d}.pdf"
        guardar_pdf(self.app, self.vista, M.PDF_TITULO_REPORTE, nombre, escribir, aviso)

    # -- audit log ----------------------------------------------------------------------------------------
    def cargar_bitacora(self) -> None:
        def mostrar(eventos: list[dict[str, Any]]) -> None:
            filas = [(fecha_hora(e["fecha"]), e["usuario"], e["accion"], str(e["detalle"])[:200]) for e in eventos]
            llenar(self.vista.bitacora, filas)

        self.app.trabajador.enviar(self.app.servicios.auditoria, mostrar, lambda e, t: None)

    def _fallo(self, etiqueta: Any) -> Any:
        def fallo(error: BaseException, detalle: str) -> None:
            if not isinstance(error, ErrorJerez):
                self.app.mostrar_falla(error, detalle)
                return
            avisar(etiqueta, sin_campo(error), "error-grande")

        return fallo
