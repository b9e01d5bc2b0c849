"""One-line operations for receipts (search, detail, chain, printing) and the inspector's route.

Mixed into ``Servicios``; like it, no Qt here and everything runs in the worker. Printing, sync and the
padrón are imported on first use so the window never waits for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

from jerez_pos.gui.servicios_base import ContextoServicios

if TYPE_CHECKING:
    from jerez_pos.ledger.consultas import Busqueda, DetalleRecibo, ResumenRecibo
    from jerez_pos.ledger.corte import Corte
    from jerez_pos.ledger.padron import EnRuta, Importacion
    from jerez_pos.ledger.recibos import Emitido
    from jerez_pos.printing.cola import Descarte, Pendiente
    from jerez_pos.printing.servicio import Resultado


@dataclass(frozen=True)
class EstadoImpresora:
    configurada: bool
    destino: str
    pendientes: int


class SerieVerificada(TypedDict):
    primero: int
    ultimo: int
    huecos: list[int]


class CatalogoVerificado(TypedDict):
    id: str
    huella: str
    estado: str  # "ok" or "alterado"
    detalle: str


class UmaVerificada(TypedDict):
    estado: str  # "ok" or "alterado"
    detalle: str
    registros: int


class DisparadoresVerificados(TypedDict):
    estado: str  # "ok" or "faltan"
    faltantes: list[str]
    requeridos: int


class MarcaVerificada(TypedDict):
    estado: str  # "ok", "sin_marca", "atrasado", "distinto"...
    serie: str | None
    folio: int | None
    eslabon: int | None
    hash: str | None
    detalle: str


class CuentasVerificadas(TypedDict):
    estado: str  # "ok" or "alterado": a receipt ↔ year link or a roll/INPC row nothing signed backs
    vinculos: int
    registros: int
    detalle: str


class Verificacion(TypedDict):
    """``verificar`` (the same keys as ``jerez-pos verificar --json``) plus ``bien``: everything checks out."""

    bien: bool
    detalle: str
    integridad: str
    cadena: str  # "ok" or "rota"
    recibos: int
    anulaciones: int
    series: dict[str, SerieVerificada]
    catalogo: list[CatalogoVerificado]
    uma: UmaVerificada
    disparadores: DisparadoresVerificados
    marca: MarcaVerificada
    cuentas: CuentasVerificadas


class ServiciosCaja(ContextoServicios):
    # -- receipts --------------------------------------------------------------------------------------
    def recibos_turno(self) -> list[ResumenRecibo]:
        from jerez_pos.ledger import caja, consultas

        turno = caja.turno_de(self.terminal.bd, self._sesion())
        return consultas.del_turno(self.terminal.bd, self._sesion(), turno.id) if turno else []

    def buscar_recibos(self, busqueda: Busqueda) -> list[ResumenRecibo]:
        from jerez_pos.ledger import consultas

        return consultas.buscar(self.terminal.bd, self._sesion(), busqueda)

    def detalle_recibo(self, folio: str) -> DetalleRecibo:
        from jerez_pos.ledger import consultas

        return consultas.detalle(self.terminal.bd, self._sesion(), folio)

    def verificar_cadena(self) -> Verificacion:
        from jerez_pos.ledger.verificacion import todo_bien, verificar

        r = verificar(self.terminal.bd)
        return Verificacion(
            bien=todo_bien(r),
            detalle=r["detalle"],
            integridad=r["integridad"],
            cadena=r["cadena"],
            recibos=r["recibos"],
            anulaciones=r["anulaciones"],
            series=r["series"],
            catalogo=r["catalogo"],
            uma=r["uma"],
            disparadores=r["disparadores"],
            marca=r["marca"],
            cuentas=r["cuentas"],
        )

    # -- printing --------------------------------------------------------------------------------------
    def imprimir(self, folio: str) -> Resultado:
        from jerez_pos.printing import servicio

        return servicio.imprimir_tras_cobro(self.terminal, folio)

    def reimprimir(self, folio: str) -> Resultado:
        from jerez_pos.printing import servicio

        return servicio.reimprimir(self.terminal, self._sesion(), folio)

    def reintentar_impresion(self) -> list[Resultado]:
        from jerez_pos.printing import servicio

        return servicio.reintentar(self.terminal)

    def pendientes_impresion(self) -> list[Pendiente]:
        from jerez_pos.printing.cola import Cola

        return Cola(self.terminal.directorio).pendientes()

    def descartar_impresion(self, folio: str, usuario: str, contrasena: str, motivo: str) -> list[Descarte]:
        """A supervisor discards the pending print(s) of a receipt (as ``impresora descartar``); the receipt
        is untouched and can still be reprinted as COPIA."""
        from jerez_pos.ledger import usuarios
        from jerez_pos.printing import servicio

        autoriza = usuarios.autenticar(self.terminal.bd, usuario, contrasena)
        return servicio.descartar(self.terminal, self._sesion(), folio, motivo, autoriza=autoriza)

    def estado_impresora(self) -> EstadoImpresora:
        from jerez_pos.printing import ajustes

        actuales = ajustes.leer(self.terminal.directorio)
        destino = str(actuales.impresora) if actuales.impresora else ""
        return EstadoImpresora(bool(destino), destino, len(self.pendientes_impresion()))

    # -- inspector -------------------------------------------------------------------------------------
    def tianguis(self) -> list[str]:
        from jerez_pos.ledger import padron

        return padron.tianguis(self.terminal.bd)

    def ruta(self, tianguis: str | None) -> list[EnRuta]:
        from jerez_pos.ledger import padron

        return padron.ruta_del_dia(self.terminal.bd, self.hoy(), tianguis or None)

    def cobrar_puesto(self, clave: str) -> Emitido:
        from jerez_pos.ledger import padron

        return padron.cobrar_puesto(self.terminal, self._sesion(), clave)

    def por_entregar(self) -> Decimal:
        from jerez_pos.ledger import padron

        return padron.por_entregar(self.terminal.bd, self._sesion())

    def entregar(self, contrasena_propia: str, cajero: str, contrasena_cajero: str, monto: Decimal) -> int:
        """Both people prove their password in the same act; the cashier's open shift counts the cash."""
        from jerez_pos.ledger import entregas, usuarios

        propia = self._sesion()
        entrega = usuarios.autenticar(self.terminal.bd, propia.usuario, contrasena_propia)
        recibe = usuarios.autenticar(self.terminal.bd, cajero, contrasena_cajero)
        return entregas.entregar(self.terminal.bd, entrega, recibe, {"efectivo": monto}, "entrega de ruta")

    def importar_padron(self, ruta: Path) -> Importacion:
        from jerez_pos.ledger import padron

        return padron.importar(self.terminal, self._sesion(), ruta)

    # -- PDF (letter size, reportlab; loaded on first use) ----------------------------------------------
    def recibo_pdf(self, folio: str, ruta: Path) -> Path:
        """A PDF is one more copy of the receipt: logged as a reprint, marked COPIA n (as ``recibo --pdf``)."""
        from jerez_pos.ledger import recibos
        from jerez_pos.printing import ajustes
        from jerez_pos.printing.libro import datos_ticket, leer_recibo
        from jerez_pos.printing.pdf.recibo import recibo_pdf

        leer_recibo(self.terminal, folio)  # an unknown folio is reported before the reprint is logged
        recibos.reimprimir(self.terminal, self._sesion(), folio)
        copia = leer_recibo(self.terminal, folio).reimpresiones
        from jerez_pos.printing.logo import ruta_logo

        leidos = ajustes.leer(self.terminal.directorio)
        url = ajustes.url_central(self.terminal.directorio, leidos)
        logo = ruta_logo() if ajustes.con_logo(leidos) else None
        return recibo_pdf(datos_ticket(self.terminal, folio, copia=copia, url_central=url), ruta, logo)

    def ruta_pdf(self, tianguis: str | None, ruta: Path) -> Path:
        """The logged-in inspector's route of today (as ``reporte-ruta``): receipts, hand-overs, padrón."""
        from jerez_pos.printing.pdf.ruta import datos_ruta
        from jerez_pos.printing.pdf.ruta import ruta_pdf as escribir_ruta

        sesion = self._sesion()
        datos = datos_ruta(self.terminal, sesion, sesion.usuario, self.hoy(), tianguis or None)
        return escribir_ruta(datos, ruta)

    def corte_pdf(self, corte: Corte, conteo: dict[Decimal, int] | None, ruta: Path) -> Path:
        """The corte just closed, with its count by denomination and the signature lines."""
        from jerez_pos.printing.pdf.corte import corte_pdf, datos_corte

        return corte_pdf(datos_corte(self.terminal, corte, conteo), ruta)
