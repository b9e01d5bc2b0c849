"""Recibos: the shift's receipts from the ledger, search, one receipt's detail, reprint (COPIA), the
pending-print queue, the hash chain check, and voiding with a supervisor's credentials and a reason."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QTableWidgetItem

from jerez_pos.core.dinero import de_centavos
from jerez_pos.core.errores import ErrorJerez
from jerez_pos.core.numeros import FECHA_MAXIMA, FECHA_MINIMA
from jerez_pos.gui import mensajes as M
from jerez_pos.gui.controladores.principal import sin_campo
from jerez_pos.gui.formato import dinero, fecha_hora
from jerez_pos.gui.vistas.comunes import refrescar_estilo
from jerez_pos.gui.vistas.recibos import VistaRecibos

if TYPE_CHECKING:
    from jerez_pos.gui.controladores.principal import Principal
    from jerez_pos.gui.servicios_caja import Verificacion
    from jerez_pos.ledger.consultas import DetalleRecibo, ResumenRecibo

DERECHA = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def leer_fecha(texto: str) -> dt.date | None:
    """dd/mm/aaaa (also d/m/aaaa); raises ValueError on anything else."""
    if not texto.strip():
        return None
    if not texto.strip().isascii():
        raise ValueError("sólo dígitos 0-9")
    fecha = dt.datetime.strptime(texto.strip(), "%d/%m/%Y").date()
    if not FECHA_MINIMA <= fecha <= FECHA_MAXIMA:
        raise ValueError("fecha fuera de rango")
    return fecha


def entre_palabras(texto: str, largo: int = 120) -> str:
    """A long description cut after a whole word with "…" (never "Bebidas a…ólicas"); the label wraps it."""
    if len(texto) <= largo:
        return texto
    corte = texto[: largo + 1].rsplit(" ", 1)[0].rstrip(" ,.;:")
    return (corte if corte else texto[:largo]) + "…"


def llenar(tabla: Any, filas: Sequence[Sequence[str]], derecha: tuple[int, ...] = ()) -> None:
    """Fills a read-only table (shared by the list screens)."""
    tabla.setRowCount(len(filas))
    for n, valores in enumerate(filas):
        for columna, valor in enumerate(valores):
            item = QTableWidgetItem(valor)
            item.setToolTip(valor)  # a narrow column elides; the whole text is one hover away
            if columna in derecha:
                item.setTextAlignment(DERECHA)
            tabla.setItem(n, columna, item)


class Recibos(QObject):
    def __init__(self, app: Principal) -> None:
        super().__init__()
        self.app = app
        self.vista = VistaRecibos()
        self.lista: list[ResumenRecibo] = []
        self.detalle: DetalleRecibo | None = None
        v = self.vista
        v.tabla.currentCellChanged.connect(self._al_seleccionar)
        v.anular.clicked.connect(self.anular)
        v.descartar.clicked.connect(self.descartar)
        v.buscar.clicked.connect(self.buscar)
        v.turno.clicked.connect(self.cargar_turno)
        v.reimprimir.clicked.connect(self.reimprimir)
        v.pdf.clicked.connect(self.guardar_pdf)
        v.verificar.clicked.connect(self.verificar)
        v.reintentar.clicked.connect(self.reintentar)
        v.regresar.clicked.connect(lambda: app.ir("cobro"))
        for filtro in v.filtros:
            filtro.editor.returnPressed.connect(self.buscar)  # type: ignore[attr-defined]
        for campo in (v.folio, v.supervisor, v.contrasena, v.motivo):
            campo.editor.returnPressed.connect(self.anular)  # type: ignore[attr-defined]

    def agregar(self, _emitido: Any, _contribuyente: str) -> None:
        """Pago calls this after a receipt; the list is read from the ledger when the screen shows."""

    def manejar(self, tecla: str) -> bool:
        acciones = {
            "F3": self.descartar,
            "F4": self.guardar_pdf,
            "F6": self.cargar_turno,
            "F7": self.reimprimir,
            "F8": self.anular,
            "F11": self.verificar,
            "F12": self.reintentar,
        }
        accion = acciones.get(tecla)
        if accion is None:
            return False
        accion()
        return True

    def al_mostrar(self) -> None:
        self.vista.mensaje.setText("")
        self.cargar_turno()
        self._pendientes()

    # -- list -------------------------------------------------------------------------------------------
    def cargar_turno(self) -> None:
        if self.app.turno is None:
            hoy = dt.date.today()
            from jerez_pos.ledger.consultas import Busqueda

            self._enviar_busqueda(
                Busqueda(desde=hoy, hasta=hoy), M.RECIBOS_DE_HOY.format(fecha_hora(dt.datetime.now())[:10])
            )
            return
        self.app.trabajador.enviar(self.app.servicios.recibos_turno, self._al_turno, self._al_fallar_lista)

    def _al_turno(self, lista: list[ResumenRecibo]) -> None:
        anulados = sum(r.anulado for r in lista)
        turno = self.app.turno.id if self.app.turno else ""
        self._mostrar(lista, M.RECIBOS_DEL_TURNO.format(turno=turno, recibos=len(lista), anulados=anulados))

    def buscar(self) -> None:
        from jerez_pos.ledger.consultas import Busqueda

        v = self.vista
        fechas: list[dt.date | None] = []
        for campo in (v.buscar_desde, v.buscar_hasta):
            try:
                fechas.append(leer_fecha(campo.editor.text()))  # type: ignore[attr-defined]
                campo.mostrar_error("")
            except ValueError:
                campo.mostrar_error(M.FECHA_INVALIDA)
                campo.editor.setFocus()
                return
        busqueda = Busqueda(
            v.buscar_folio.editor.text(),  # type: ignore[attr-defined]
            v.buscar_nombre.editor.text(),  # type: ignore[attr-defined]
            v.buscar_clave.editor.text(),  # type: ignore[attr-defined]
            fechas[0],
            fechas[1],
        )
        self._enviar_busqueda(busqueda, "")

    def _enviar_busqueda(self, busqueda: Any, nota: str) -> None:
        def mostrar(lista: list[ResumenRecibo]) -> None:
            self._mostrar(lista, nota or M.RECIBOS_ENCONTRADOS.format(len(lista)))

        self.app.trabajador.enviar(
            lambda: self.app.servicios.buscar_recibos(busqueda), mostrar, self._al_fallar_lista, etiqueta="recibos"
        )

    def _mostrar(self, lista: list[ResumenRecibo], nota: str) -> None:
        self.lista = lista
        self.vista.nota.setText(nota)
        filas = [
            (
                r.folio,
                fecha_hora(r.fecha),
                r.contribuyente or M.CONTRIBUYENTE_PISTA,
                ", ".join(r.claves),
                dinero(de_centavos(r.a_pagar_centavos)),
                M.ANULADO if r.anulado else M.VIGENTE,
            )
            for r in lista
        ]
        tabla = self.vista.tabla
        tabla.blockSignals(True)
        llenar(tabla, filas, (4,))
        tabla.blockSignals(False)
        if lista:
            tabla.setCurrentCell(0, 0)
            self._al_seleccionar(0)
            tabla.setFocus()
        else:
            self.vista.detalle.setText(M.DETALLE_VACIO)
            self.vista.buscar_folio.editor.setFocus()

    def _al_fallar_lista(self, error: BaseException, detalle: str) -> None:
        if not isinstance(error, ErrorJerez):
            self.app.mostrar_falla(error, detalle)
            return
        campo = {"folio": self.vista.buscar_folio, "hasta": self.vista.buscar_hasta}.get(
            str(error).partition(":")[0], self.vista.buscar_folio
        )
        campo.mostrar_error(sin_campo(error))

    # -- detail -----------------------------------------------------------------------------------------
    def _al_seleccionar(self, fila: int, *_: int) -> None:
        if not 0 <= fila < len(self.lista):
            return
        folio = self.lista[fila].folio
        self.vista.folio.editor.setText(folio)  # type: ignore[attr-defined]
        self.app.trabajador.enviar(
            lambda: self.app.servicios.detalle_recibo(folio), self._al_detalle, lambda e, t: None, etiqueta="detalle"
        )

    def _al_detalle(self, d: DetalleRecibo) -> None:
        self.detalle = d
        r = d.resumen
        lineas = "".join(
            f"<tr><td style='white-space:nowrap'>{html.escape(x['clave'])}</td>"
            f"<td>{html.escape(entre_palabras(x['descripcion']))}</td>"
            f"<td align='right'>{dinero(de_centavos(x['total_centavos']))}</td></tr>"
            for x in d.lineas
        )
        pagos = " · ".join(
            f"{M.FORMAS_PAGO.get(p['forma'], p['forma'])} {dinero(de_centavos(p['importe_centavos']))}" for p in d.pagos
        )
        partes = [
            M.DETALLE_CABEZA.format(
                folio=r.folio,
                fecha=fecha_hora(r.fecha),
                cajero=html.escape(r.cajero),
                contribuyente=html.escape(r.contribuyente),
            ),
            f"<table width='100%'>{lineas}</table>",
            f"<b>{M.TOTAL} {dinero(de_centavos(r.a_pagar_centavos))}</b> · {pagos}",
            M.DETALLE_CAMBIO.format(
                ajuste=dinero(de_centavos(d.ajuste_centavos)), cambio=dinero(de_centavos(d.cambio_centavos))
            ),
        ]
        if d.anulacion:
            a = d.anulacion
            texto = M.DETALLE_ANULADO.format(
                fecha=fecha_hora(a["fecha"]), supervisor=a["supervisor"], motivo=a["motivo"]
            )
            partes.append(f"<span style='color:#b91c1c'><b>{html.escape(texto)}</b></span>")
        if d.reimpresiones:
            veces = ", ".join(f"{fecha_hora(x['fecha'])} {x['usuario']}" for x in d.reimpresiones)
            partes.append(M.DETALLE_REIMPRESIONES.format(html.escape(veces)))
        self.vista.detalle.setText("<br>".join(partes))

    # -- printing and chain ------------------------------------------------------------------------------
    def reimprimir(self) -> None:
        folio = self.vista.folio.editor.text().strip()  # type: ignore[attr-defined]
        if not folio:
            self.vista.folio.mostrar_error(M.FOLIO)
            return
        self.app.trabajador.enviar(lambda: self.app.servicios.reimprimir(folio), self._al_imprimir, self._al_fallar)

    def guardar_pdf(self) -> None:
        from jerez_pos.gui.controladores.pdf import guardar_pdf

        folio = self.vista.folio.editor.text().strip().upper()  # type: ignore[attr-defined]
        if not folio:
            self._aviso(M.PDF_SIN_RECIBO, "error-grande")
            return

        def escribir(ruta: Path) -> Path:
            return self.app.servicios.recibo_pdf(folio, ruta)

        def aviso(texto: str, clase: str) -> None:
            self._aviso(texto, clase)
            if clase == "exito" and self.detalle is not None:  # the copy is logged: show it in the detail
                self._al_seleccionar(max(self.vista.tabla.currentRow(), 0))

        guardar_pdf(self.app, self.vista, M.PDF_TITULO_RECIBO, f"recibo-{folio}.pdf", escribir, aviso)

    def reintentar(self) -> None:
        self.app.trabajador.enviar(
            self.app.servicios.reintentar_impresion,
            lambda rs: self._al_imprimir(rs[-1]) if rs else self._pendientes(),
            self._al_fallar,
        )

    def _al_imprimir(self, resultado: Any) -> None:
        self._aviso(resultado.mensaje(), "exito" if resultado.impreso else "error-grande")
        self._pendientes()
        self.app.actualizar_impresora()
        if self.detalle is not None:
            self._al_seleccionar(max(self.vista.tabla.currentRow(), 0))

    def _pendientes(self) -> None:
        def mostrar(lista: list[Any]) -> None:
            self.vista.pendientes.setText(M.IMPRESION_PENDIENTE.format(len(lista)) if lista else "")

        self.app.trabajador.enviar(self.app.servicios.pendientes_impresion, mostrar, lambda e, t: None)

    def verificar(self) -> None:
        self.vista.cadena.setText(M.CADENA_VERIFICANDO)
        self.app.trabajador.enviar(self.app.servicios.verificar_cadena, self._al_verificar, self._al_fallar)

    def _al_verificar(self, resultado: Verificacion) -> None:
        plantilla = M.CADENA_OK if resultado["bien"] else M.CADENA_MAL
        self.vista.cadena.setText(plantilla.format(resultado["detalle"]))
        self.vista.cadena.setProperty("clase", "exito" if resultado["bien"] else "error-grande")
        refrescar_estilo(self.vista.cadena)

    # -- void and discarding a pending print (both need a supervisor and a reason) ------------------------
    def _autorizacion(self) -> tuple[str, str, str, str] | None:
        """(folio, supervisor, password, reason) from the authorization card; marks what is missing."""
        v = self.vista
        campos = (v.folio, v.supervisor, v.contrasena, v.motivo)
        valores = [c.editor.text().strip() for c in campos]  # type: ignore[attr-defined]
        for campo, valor in zip(campos, valores, strict=True):
            campo.mostrar_error("" if valor else M.FALTAN_DATOS_ACCESO if campo is not v.motivo else M.MOTIVO)
        vacio = next((c for c, x in zip(campos, valores, strict=True) if not x), None)
        if vacio is not None:
            vacio.editor.setFocus()
            return None
        folio, usuario, contrasena, motivo = valores
        return folio, usuario, contrasena, motivo

    def _limpiar_autorizacion(self) -> None:
        for campo in (self.vista.contrasena, self.vista.motivo):
            campo.editor.clear()  # type: ignore[attr-defined]

    def anular(self) -> None:
        datos = self._autorizacion()
        if datos is None:
            return
        self.app.trabajador.enviar(lambda: self.app.servicios.anular(*datos), self._al_anular, self._al_fallar)

    def _al_anular(self, folio: str) -> None:
        self._limpiar_autorizacion()
        self.cargar_turno()
        self._aviso(M.ANULADO_OK.format(folio), "exito")

    def descartar(self) -> None:
        datos = self._autorizacion()
        if datos is None:
            return
        self.app.trabajador.enviar(
            lambda: self.app.servicios.descartar_impresion(*datos), self._al_descartar, self._al_fallar
        )

    def _al_descartar(self, descartes: list[Any]) -> None:
        self._limpiar_autorizacion()
        d = descartes[0]
        cuantas = ", ".join(M.ORIGINAL if x.copia == 0 else M.COPIA_N.format(x.copia) for x in descartes)
        self._aviso(M.DESCARTADA.format(folio=d.folio, cuantas=cuantas, supervisor=d.supervisor), "exito")
        self._pendientes()
        self.app.actualizar_impresora()

    def _aviso(self, texto: str, clase: str) -> None:
        self.vista.mensaje.setText(texto)
        self.vista.mensaje.setProperty("clase", clase)
        refrescar_estilo(self.vista.mensaje)

    def _al_fallar(self, error: BaseException, detalle: str) -> None:
        if not isinstance(error, ErrorJerez):
            self.app.mostrar_falla(error, detalle)
            return
        texto = str(error)
        destino = {"FOLIO": self.vista.folio, "--motivo": self.vista.motivo, "usuario": self.vista.supervisor}
        campo = destino.get(texto.partition(":")[0])
        if campo is None:  # printing, chain: not a field of the void form
            self._aviso(sin_campo(error), "error-grande")
            return
        campo.mostrar_error(sin_campo(error))
        campo.editor.setFocus()
