"""First-run wizard: shown instead of the login when the data home has no administrator.

Enter moves to the next field and, on a page's last field, to the next page; Esc goes back; F12 (or
Enter on the last page) writes everything at once through ``ledger.instalacion`` (validated first, so a
bad field leaves the home untouched and the wizard jumps to the page that has it). On the terminal page
a checkbox swaps the typed name and series for enrollment with the central (URL + one-time code).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from jerez_pos.core.errores import ErrorEntrada, ErrorJerez
from jerez_pos.gui import mensajes as M
from jerez_pos.gui.controladores.principal import sin_campo
from jerez_pos.gui.vistas.asistente import VistaAsistente
from jerez_pos.gui.vistas.comunes import refrescar_estilo

if TYPE_CHECKING:
    from jerez_pos.gui.controladores.principal import Principal
    from jerez_pos.gui.vistas.campo_texto import CampoTexto
    from jerez_pos.ledger.instalacion import Instalacion

OBLIGATORIOS = (
    "municipio",
    "delegacion",
    "terminal",
    "serie",
    "servidor",
    "codigo",
    "usuario",
    "contrasena",
    "confirmacion",
)
# ``sync.inscripcion`` names its fields as the command line does.
ALIAS = {"--servidor": "servidor", "--codigo": "codigo"}


class Asistente(QObject):
    def __init__(self, app: Principal) -> None:
        super().__init__()
        self.app = app
        self.vista = VistaAsistente()
        v = self.vista
        self.por_nombre: dict[str, CampoTexto] = {
            "municipio": v.municipio,
            "delegacion": v.delegacion,
            "terminal": v.terminal,
            "serie": v.serie,
            "servidor": v.servidor,
            "codigo": v.codigo,
            "usuario": v.usuario,
            "nombre": v.nombre,
            "contrasena": v.contrasena,
            "confirmacion": v.confirmacion,
            "impresora": v.impresora,
            "respaldo": v.respaldo,
        }
        for pagina, campos in enumerate(v.campos):
            for campo in campos:
                campo.editor.returnPressed.connect(lambda p=pagina, c=campo: self._enter(p, c))
        v.con_central.toggled.connect(self.elegir_central)
        v.anterior.clicked.connect(self.retroceder)
        v.siguiente.clicked.connect(lambda: self.avanzar(v.paginas.currentIndex()))
        v.terminar.clicked.connect(self.terminar)
        v.probar.clicked.connect(self.probar)

    def manejar(self, tecla: str) -> bool:
        if tecla == "Esc":
            self.retroceder()
        elif tecla == "F12":
            self.terminar()
        return True

    def al_mostrar(self) -> None:
        self.ir_a(0)

    def ir_a(self, pagina: int) -> None:
        v = self.vista
        v.paginas.setCurrentIndex(pagina)
        total = v.paginas.count()
        v.paso.setText(M.ASISTENTE_PASO.format(n=pagina + 1, total=total, nombre=M.ASISTENTE_PASOS[pagina]))
        v.anterior.setEnabled(pagina > 0)
        v.siguiente.setVisible(pagina + 1 < total)
        v.terminar.setVisible(pagina + 1 == total)
        self.visibles(pagina)[0].editor.setFocus()

    def visibles(self, pagina: int) -> list[CampoTexto]:
        """The page's fields in use (the terminal page shows either name and series, or URL and code)."""
        return [c for c in self.vista.campos[pagina] if not c.isHidden()]

    def _enter(self, pagina: int, campo: CampoTexto) -> None:
        campos = self.visibles(pagina)
        n = campos.index(campo) if campo in campos else len(campos)
        if n + 1 < len(campos):
            campos[n + 1].editor.setFocus()
        else:
            self.avanzar(pagina)

    def elegir_central(self, central: bool) -> None:
        self.vista.elegir_central(central)
        for campo in self.vista.campos[1]:
            campo.mostrar_error("")
        self.visibles(1)[0].editor.setFocus()

    def retroceder(self) -> None:
        self.ir_a(max(self.vista.paginas.currentIndex() - 1, 0))

    def avanzar(self, pagina: int) -> None:
        """Checks the page's required fields in place before moving on; the last page finishes."""
        faltan = [
            c
            for n, c in self.por_nombre.items()
            if c in self.visibles(pagina) and n in OBLIGATORIOS and not self._texto(c)
        ]
        for campo in self.vista.campos[pagina]:
            campo.mostrar_error(M.OBLIGATORIO if campo in faltan else "")
        if faltan:
            faltan[0].editor.setFocus()
            return
        if pagina + 1 < self.vista.paginas.count():
            self.ir_a(pagina + 1)
        else:
            self.terminar()

    @staticmethod
    def _texto(campo: CampoTexto) -> str:
        return campo.editor.text()

    def datos(self) -> Instalacion:
        from jerez_pos.ledger.instalacion import Instalacion

        t = {n: self._texto(c) for n, c in self.por_nombre.items()}
        return Instalacion(
            t["municipio"],
            t["delegacion"],
            t["terminal"],
            t["serie"],
            t["usuario"],
            t["nombre"],
            t["contrasena"],
            t["confirmacion"],
            t["respaldo"],
        )

    def probar(self) -> None:
        destino = self._texto(self.vista.impresora)
        ancho = int(self.vista.ancho.currentData())
        etiqueta = self.vista.resultado_prueba
        self.app.trabajador.enviar(
            lambda: self.app.servicios.probar_destino(destino, ancho),
            lambda estado: etiqueta.setText(M.PRUEBA_OK.format(estado.value)),
            lambda e, t: etiqueta.setText(sin_campo(e)),
        )

    def terminar(self) -> None:
        datos, v = self.datos(), self.vista
        destino, ancho = self._texto(v.impresora).strip(), int(v.ancho.currentData())
        central = (self._texto(v.servidor), self._texto(v.codigo)) if v.con_central.isChecked() else ("", "")
        if v.con_central.isChecked() and not all(x.strip() for x in central):
            self.ir_a(1)
            self.avanzar(1)  # the URL or the code is missing: said on its field
            return

        def instalar() -> None:
            self.app.servicios.instalar(datos, *central)
            if destino:
                self.app.servicios.guardar_destino_impresora(destino, ancho)

        self.app.trabajador.enviar(instalar, lambda _r: self._al_instalar(datos.usuario), self._al_fallar)

    def _al_instalar(self, usuario: str) -> None:
        self.vista.error.hide()
        self.app.al_instalar(usuario.strip())

    def _al_fallar(self, error: BaseException, detalle: str) -> None:
        if not isinstance(error, ErrorJerez):
            self.app.mostrar_falla(error, detalle)
            return
        contacto = str(error).startswith("servidor:")  # the central could not be reached
        nombre = error.campo if isinstance(error, ErrorEntrada) else ("servidor" if contacto else "")
        campo = self.por_nombre.get(ALIAS.get(nombre, nombre))
        if campo is not None and campo.isHidden():
            campo = None
        for otro in self.por_nombre.values():  # only the current problem is shown
            otro.mostrar_error("")
        if campo is not None:
            pagina = next(i for i, cs in enumerate(self.vista.campos) if campo in cs)
            self.ir_a(pagina)
            campo.mostrar_error(sin_campo(error))
            campo.editor.setFocus()
            return
        v = self.vista
        v.error.setText(sin_campo(error))
        refrescar_estilo(v.error)
        v.error.show()
