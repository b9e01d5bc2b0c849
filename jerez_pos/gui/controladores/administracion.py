"""Administración: users and roles, the UMA table, catalog versions and what changed, the padrón import.

Terminal data, printer, central server, backups and the audit log are in ``sistema.py`` (same screen).
Imports (UMA, catalog, padrón) are all-or-nothing in the services; a rejected file lists every problem.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QListWidgetItem

from jerez_pos.core.errores import CatalogoInvalido, ErrorJerez
from jerez_pos.gui import mensajes as M
from jerez_pos.gui.controladores.nuevo_ejercicio import NuevoEjercicio
from jerez_pos.gui.controladores.principal import sin_campo
from jerez_pos.gui.controladores.recibos import llenar
from jerez_pos.gui.controladores.sistema import Sistema
from jerez_pos.gui.formato import dinero, fecha, fecha_hora
from jerez_pos.gui.vistas.administracion import NO_PUBLICADA, ImportarArchivo, VistaAdministracion
from jerez_pos.gui.vistas.comunes import avisar

if TYPE_CHECKING:
    from jerez_pos.catalogo.diferencias import Diferencias
    from jerez_pos.gui.controladores.principal import Principal
    from jerez_pos.gui.servicios_admin import VersionCatalogo


class Administracion(QObject):
    def __init__(self, app: Principal) -> None:
        super().__init__()
        self.app = app
        self.vista = VistaAdministracion()
        self.cuentas: list[Any] = []
        self.versiones: list[VersionCatalogo] = []
        self.sistema = Sistema(app, self.vista)
        self.nuevo_ejercicio = NuevoEjercicio(app, self.vista.nuevo_ejercicio)
        v = self.vista
        v.crear.clicked.connect(self.crear_usuario)
        v.restablecer.clicked.connect(self.restablecer)
        v.desbloquear.clicked.connect(self.desbloquear)
        v.usuarios.currentCellChanged.connect(self._al_elegir_usuario)
        v.catalogos.currentCellChanged.connect(self._al_elegir_catalogo)
        self._importador(v.importar_uma, self.importar_uma, carpeta=False)
        self._importador(v.importar_catalogo, self.importar_catalogo, carpeta=True)
        self._importador(v.importar_padron, self.importar_padron, carpeta=False)

    def _importador(self, parte: ImportarArchivo, accion: Any, carpeta: bool) -> None:
        parte.importar.clicked.connect(accion)
        parte.editor.returnPressed.connect(accion)

        def examinar() -> None:
            if carpeta:
                ruta = QFileDialog.getExistingDirectory(self.vista, M.CARPETA_CATALOGO)
            else:
                ruta, _ = QFileDialog.getOpenFileName(self.vista, M.ARCHIVO_CSV, "", "CSV (*.csv)")
            if ruta:
                parte.editor.setText(ruta)

        parte.examinar.clicked.connect(examinar)

    def manejar(self, tecla: str) -> bool:
        return False

    def al_mostrar(self) -> None:
        self.cargar_usuarios()
        self.cargar_uma()
        self.cargar_catalogos()
        self.sistema.al_mostrar()
        self.nuevo_ejercicio.al_mostrar()

    # -- users ------------------------------------------------------------------------------------------
    def cargar_usuarios(self) -> None:
        self.app.trabajador.enviar(self.app.servicios.usuarios, self._al_usuarios, self._fallo_usuarios)

    def _al_usuarios(self, cuentas: list[Any]) -> None:
        self.cuentas = cuentas

        def estado(c: Any) -> str:
            if c.bloqueado_hasta:
                return M.BLOQUEADO.format(fecha_hora(c.bloqueado_hasta))
            return M.ACTIVO if c.activo else M.INACTIVO

        llenar(self.vista.usuarios, [(c.usuario, c.nombre, M.ROLES.get(c.rol, c.rol), estado(c)) for c in cuentas])

    def _al_elegir_usuario(self, fila: int, *_: int) -> None:
        if 0 <= fila < len(self.cuentas):
            cuenta = self.cuentas[fila]
            self.vista.usuario.editor.setText(cuenta.usuario)  # type: ignore[attr-defined]
            self.vista.nombre.editor.setText(cuenta.nombre)  # type: ignore[attr-defined]
            self.vista.rol.setCurrentIndex(max(self.vista.rol.findData(cuenta.rol), 0))

    def _datos_usuario(self) -> tuple[str, str, str, str]:
        v = self.vista
        return (
            v.usuario.editor.text().strip(),  # type: ignore[attr-defined]
            str(v.rol.currentData()),
            v.contrasena.editor.text(),  # type: ignore[attr-defined]
            v.nombre.editor.text().strip(),  # type: ignore[attr-defined]
        )

    def crear_usuario(self) -> None:
        usuario, rol, contrasena, nombre = self._datos_usuario()
        self._usuarios_hacer(
            lambda: self.app.servicios.crear_usuario(usuario, rol, contrasena, nombre), M.USUARIO_CREADO.format(usuario)
        )

    def restablecer(self) -> None:
        usuario, _, contrasena, _ = self._datos_usuario()
        self._usuarios_hacer(
            lambda: self.app.servicios.restablecer(usuario, contrasena), M.CONTRASENA_RESTABLECIDA.format(usuario)
        )

    def desbloquear(self) -> None:
        usuario = self._datos_usuario()[0]
        self._usuarios_hacer(lambda: self.app.servicios.desbloquear(usuario), M.USUARIO_DESBLOQUEADO.format(usuario))

    def _usuarios_hacer(self, funcion: Any, texto: str) -> None:
        def listo(_r: Any) -> None:
            self.vista.contrasena.editor.clear()  # type: ignore[attr-defined]
            avisar(self.vista.mensaje_usuarios, texto)
            self.cargar_usuarios()

        self.app.trabajador.enviar(funcion, listo, self._fallo_usuarios)

    def _fallo_usuarios(self, error: BaseException, detalle: str) -> None:
        if not isinstance(error, ErrorJerez):
            self.app.mostrar_falla(error, detalle)
            return
        avisar(self.vista.mensaje_usuarios, sin_campo(error), "error-grande")

    # -- UMA ----------------------------------------------------------------------------------------------
    def cargar_uma(self) -> None:
        def mostrar(valores: list[Any]) -> None:
            filas = [
                (
                    str(u.anio),
                    dinero(u.diaria),
                    NO_PUBLICADA if u.mensual is None else dinero(u.mensual),
                    NO_PUBLICADA if u.anual is None else dinero(u.anual),
                    fecha(u.vigente_desde),
                )
                for u in valores
            ]
            llenar(self.vista.uma, filas, (1, 2, 3))

        self.app.trabajador.enviar(self.app.servicios.tabla_uma, mostrar, self.app.mostrar_error)

    def importar_uma(self) -> None:
        parte = self.vista.importar_uma
        ruta = Path(parte.editor.text().strip())

        def listo(resultado: tuple[int, list[str]]) -> None:
            cuantos, avisos = resultado
            # A year without the published monthly/annual UMA imports, but says which charges it blocks.
            avisar(
                parte.resultado, " ".join([M.UMA_IMPORTADA.format(cuantos), *avisos]), "aviso" if avisos else "exito"
            )
            self.cargar_uma()
            self.app.cargar_estado()

        self.app.trabajador.enviar(lambda: self.app.servicios.importar_uma(ruta), listo, self._fallo_en(parte))

    # -- catalogs -----------------------------------------------------------------------------------------
    def cargar_catalogos(self) -> None:
        self.app.trabajador.enviar(self.app.servicios.catalogos, self._al_catalogos, self.app.mostrar_error)

    def _al_catalogos(self, versiones: list[VersionCatalogo]) -> None:
        self.versiones = versiones
        filas = [(c.id, str(c.ejercicio), str(c.version), str(c.conceptos), str(c.giros)) for c in versiones]
        llenar(self.vista.catalogos, filas)
        if versiones:
            self.vista.catalogos.setCurrentCell(len(versiones) - 1, 0)

    def _al_elegir_catalogo(self, fila: int, *_: int) -> None:
        if 0 <= fila < len(self.versiones):
            catalogo = self.versiones[fila].id
            self.app.trabajador.enviar(
                lambda: self.app.servicios.diferencias(catalogo),
                lambda d: self.mostrar_diferencias(catalogo, d),
                self.app.mostrar_error,
                etiqueta="diferencias",
            )

    def mostrar_diferencias(self, catalogo: str, d: Diferencias | None) -> None:
        v = self.vista
        v.diferencias.clear()
        if d is None:
            v.titulo_diferencias.setText(M.DIFERENCIAS_PRIMERO.format(catalogo))
            return
        v.titulo_diferencias.setText(M.DIFERENCIAS_TITULO.format(nuevo=d.nuevo, anterior=d.anterior))
        if d.vacias:
            v.diferencias.addItem(M.DIFERENCIAS_NINGUNA)
        secciones = (
            (M.AGREGADOS, [f"+ {k}  {t}" for k, t in d.agregados]),
            (M.QUITADOS, [f"− {k}  {t}" for k, t in d.quitados]),
            (M.CAMBIADOS, [f"≠ {c.clave}  {c.antes}  →  {c.despues}" for c in d.cambiados]),
        )
        for titulo, renglones in secciones:
            if renglones:
                cabeza = QListWidgetItem(titulo.format(len(renglones)))
                fuente = cabeza.font()
                fuente.setBold(True)
                cabeza.setFont(fuente)
                v.diferencias.addItem(cabeza)
                v.diferencias.addItems(renglones)

    def importar_catalogo(self) -> None:
        parte = self.vista.importar_catalogo
        ruta = Path(parte.editor.text().strip())
        parte.errores.hide()

        def listo(resultado: tuple[Any, Diferencias | None]) -> None:
            importacion, diferencias = resultado
            plantilla = M.CATALOGO_IMPORTADO if importacion.nuevo else M.CATALOGO_YA
            texto = plantilla.format(
                importacion.catalogo,
                catalogo=importacion.catalogo,
                conceptos=importacion.conceptos,
                giros=importacion.giros,
            )
            avisar(parte.resultado, texto)
            self.cargar_catalogos()
            self.mostrar_diferencias(importacion.catalogo, diferencias)
            self.app.cargar_estado()

        self.app.trabajador.enviar(lambda: self.app.servicios.importar_catalogo(ruta), listo, self._fallo_en(parte))

    # -- padrón -------------------------------------------------------------------------------------------
    def importar_padron(self) -> None:
        parte = self.vista.importar_padron
        ruta = Path(parte.editor.text().strip())
        parte.errores.hide()

        def listo(r: Any) -> None:
            avisar(parte.resultado, M.PADRON_IMPORTADO.format(nuevos=r.nuevos, actualizados=r.actualizados))

        self.app.trabajador.enviar(lambda: self.app.servicios.importar_padron(ruta), listo, self._fallo_en(parte))

    def _fallo_en(self, parte: ImportarArchivo) -> Any:
        def fallo(error: BaseException, detalle: str) -> None:
            if not isinstance(error, ErrorJerez):
                self.app.mostrar_falla(error, detalle)
                return
            problemas = getattr(error, "problemas", None)
            if problemas:
                titulo = M.CATALOGO_RECHAZADO if isinstance(error, CatalogoInvalido) else M.PADRON_RECHAZADO
                avisar(parte.resultado, titulo.format(len(problemas)), "error-grande")
                parte.errores.clear()
                parte.errores.addItems(problemas)
                parte.errores.show()
            else:
                avisar(parte.resultado, sin_campo(error), "error-grande")

        return fallo
