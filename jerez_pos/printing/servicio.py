"""Printing committed receipts: original, logged reprints, the pending queue and its retry, the test page.

Printing happens after the commit and never writes money: a printer that is offline, out of paper, or
whose status can't be read leaves the receipt committed and its print ``pendiente`` in ``cola``; the
cashier retries (``reintentar``) or reprints (``reimprimir``, logged in the ledger as a copy).

When the status is unknown: connections with a back channel (network, USB, serial) hold the print when
``exigir_estado`` is on (the default), because a silent printer is as likely off as ready. A file, the
Windows spooler or ``dummy`` cannot answer at all, so for them "desconocido" is normal and the job is
sent; a write error still leaves it pending.

An original is printed once: a second ``ORIGINAL`` of the same folio is refused (use a copy), so a
receipt on paper is never ambiguous. The one exception is a job that stayed pending: that one never
reached the printer as far as we know, and retrying it is the point of the queue.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from jerez_pos.core.errores import ErrorJerez
from jerez_pos.core.texto import limpiar
from jerez_pos.ledger import recibos
from jerez_pos.ledger.comun import EstadoInvalido, Reloj, Sesion, reloj_sistema
from jerez_pos.ledger.terminal import Terminal
from jerez_pos.printing import ajustes as modulo_ajustes
from jerez_pos.printing.ajustes import Ajustes
from jerez_pos.printing.cola import DESCARTADO, ENVIANDO, IMPRESO, PENDIENTE, Cola, Descarte
from jerez_pos.printing.conexiones import Estado, Impresora, ImpresoraNoDisponible, abrir_impresora
from jerez_pos.printing.escpos import PaginaNoDisponible, ticket_a_bytes
from jerez_pos.printing.libro import datos_ticket, leer_recibo
from jerez_pos.printing.prueba import pagina_prueba
from jerez_pos.printing.ticket import Ticket, componer_ticket

SIN_IMPRESORA = "no hay impresora configurada (jerez-pos impresora configurar o --impresora)"


class ImpresoraNoLista(ImpresoraNoDisponible):
    """The status answer said no (or said nothing where an answer is required)."""

    def __init__(self, estado: Estado, mensaje: str) -> None:
        super().__init__(mensaje)
        self.estado = estado


@dataclass(frozen=True)
class Resultado:
    folio: str
    copia: int
    impreso: bool
    estado: Estado
    motivo: str = ""

    def mensaje(self) -> str:
        que = "original" if self.copia == 0 else f"copia {self.copia}"
        if self.impreso:
            return f"Recibo {self.folio} ({que}) impreso"
        return f"Recibo {self.folio} ({que}) guardado; impresión pendiente: {self.motivo}"

    def a_dict(self) -> dict[str, Any]:
        return {
            "folio": self.folio,
            "copia": self.copia,
            "impreso": self.impreso,
            "estado": self.estado.value,
            "motivo": self.motivo,
        }


def impresora_de(terminal: Terminal, ajustes: Ajustes) -> Impresora | None:
    if ajustes.impresora is None:
        return None
    return abrir_impresora(ajustes.impresora, ajustes.perfil, terminal.directorio)


def puede_imprimir(estado: Estado, impresora: Impresora, ajustes: Ajustes) -> bool:
    if estado.imprimible:
        return True
    if estado is Estado.DESCONOCIDO:
        return not (impresora.destino.con_retorno and ajustes.exigir_estado)
    return False


def _motivo(estado: Estado) -> str:
    if estado is Estado.DESCONOCIDO:
        return "no se pudo leer el estado de la impresora (revise que esté encendida y conectada)"
    return f"la impresora está {estado.value}"


def enviar_ticket(impresora: Impresora, ticket: Ticket, ajustes: Ajustes, terminal: Terminal) -> Estado:
    """Status check, then one write; raises ``ImpresoraNoDisponible`` when the job did not go out."""
    datos = bytes_de(ticket, ajustes, terminal)
    estado = impresora.estado()
    if not puede_imprimir(estado, impresora, ajustes):
        raise ImpresoraNoLista(estado, f"impresora: {_motivo(estado)}")
    impresora.enviar(datos)
    return estado


def bytes_de(ticket: Ticket, ajustes: Ajustes, terminal: Terminal) -> bytes:
    try:
        return ticket_a_bytes(ticket, perfil=ajustes.perfil, directorio_datos=terminal.directorio)
    except KeyError:
        raise ImpresoraNoDisponible(
            f"impresora: el perfil «{ajustes.perfil}» no existe en python-escpos; revise «perfil» en impresora.toml"
        ) from None
    except PaginaNoDisponible as exc:
        raise ImpresoraNoDisponible(f"impresora: {exc}") from None


def imprimir(
    terminal: Terminal,
    folio: str,
    *,
    copia: int = 0,
    ajustes: Ajustes | None = None,
    impresora: Impresora | None = None,
    reloj: Reloj = reloj_sistema,
) -> Resultado:
    """Print one job (the original or copy n) of a committed receipt; a failure leaves it pending."""
    ajustes = ajustes or modulo_ajustes.leer(terminal.directorio)
    recibo = leer_recibo(terminal, folio)  # an unknown folio is an input error, not a pending print
    folio = recibo.folio
    cola = Cola(terminal.directorio, reloj)
    previo = cola.estado(folio, copia)
    if copia == 0 and previo in (IMPRESO, DESCARTADO):
        que = "ya se imprimió" if previo == IMPRESO else "se descartó (pudo haber salido)"
        raise EstadoInvalido(
            f"FOLIO: el original del recibo {folio} {que}; otra impresión debe ser copia (--copia), "
            "que queda registrada como reimpresión"
        )
    if previo == DESCARTADO:
        raise EstadoInvalido(f"FOLIO: la copia {copia} del recibo {folio} se descartó; imprima una copia nueva")
    impresora = impresora or impresora_de(terminal, ajustes)
    nombre = str(impresora.destino) if impresora else ""
    cola.anotar(folio, copia, ENVIANDO, "", nombre)  # a crash from here on leaves the job pending
    estado = Estado.DESCONOCIDO
    try:
        if impresora is None:
            raise ImpresoraNoDisponible(SIN_IMPRESORA)
        url = modulo_ajustes.url_central(terminal.directorio, ajustes)
        datos = datos_ticket(terminal, folio, copia=copia, url_central=url)
        ticket = componer_ticket(datos, ajustes.columnas, logo=modulo_ajustes.con_logo(ajustes))
        estado = enviar_ticket(impresora, ticket, ajustes, terminal)
    except ErrorJerez as exc:  # offline, no paper, unknown status, no key to sign the QR…
        estado = exc.estado if isinstance(exc, ImpresoraNoLista) else estado
        motivo = str(exc).removeprefix("impresora: ")
        cola.anotar(folio, copia, PENDIENTE, motivo, nombre)
        return Resultado(folio, copia, False, estado, motivo)
    cola.anotar(folio, copia, IMPRESO, "", nombre)
    return Resultado(folio, copia, True, estado)


def imprimir_tras_cobro(terminal: Terminal, folio: str, impresora: Impresora | None = None) -> Resultado:
    """What the cashier screen calls right after ``recibos.cobrar`` returned (the commit is on disk)."""
    return imprimir(terminal, folio, impresora=impresora)


def reimprimir(
    terminal: Terminal,
    sesion: Sesion,
    folio: str,
    *,
    ajustes: Ajustes | None = None,
    impresora: Impresora | None = None,
    reloj: Reloj = reloj_sistema,
) -> Resultado:
    """Log the reprint in the ledger (who, when), then print it as ``COPIA — REIMPRESIÓN n``."""
    recibos.reimprimir(terminal, sesion, folio, 1, reloj)
    copia = leer_recibo(terminal, folio).reimpresiones
    return imprimir(terminal, folio, copia=copia, ajustes=ajustes, impresora=impresora, reloj=reloj)


def reintentar(
    terminal: Terminal,
    *,
    ajustes: Ajustes | None = None,
    impresora: Impresora | None = None,
    reloj: Reloj = reloj_sistema,
) -> list[Resultado]:
    """Print the pending jobs in order; stop at the first that fails again (the printer is still down)."""
    resultados: list[Resultado] = []
    for pendiente in Cola(terminal.directorio, reloj).pendientes():
        resultado = imprimir(
            terminal, pendiente.folio, copia=pendiente.copia, ajustes=ajustes, impresora=impresora, reloj=reloj
        )
        resultados.append(resultado)
        if not resultado.impreso:
            break
    return resultados


QUIEN_DESCARTA = ("supervisor", "administrador")


def descartar(
    terminal: Terminal,
    sesion: Sesion,
    folio: str,
    motivo: str,
    *,
    autoriza: Sesion | None = None,
    copia: int | None = None,
    reloj: Reloj = reloj_sistema,
) -> list[Descarte]:
    """A supervisor discards the pending print(s) of ``folio``; the receipt is untouched (reprint as copy).

    ``sesion`` is who operates; when it is not a supervisor, ``autoriza`` (a supervisor's session) signs.
    """
    quien = autoriza or sesion
    quien.exigir("descartar impresiones pendientes", *QUIEN_DESCARTA)
    motivo = limpiar(motivo, "--motivo", nombre="motivo")
    recibo = leer_recibo(terminal, folio)  # an unknown folio is an input error
    return Cola(terminal.directorio, reloj).descartar(recibo.folio, motivo, sesion.usuario, quien.usuario, copia)


def probar(
    terminal: Terminal,
    *,
    ajustes: Ajustes | None = None,
    impresora: Impresora | None = None,
    momento: dt.datetime | None = None,
) -> Estado:
    """Send the test page; raises ``ImpresoraNoDisponible`` (Spanish) when it could not go out."""
    ajustes = ajustes or modulo_ajustes.leer(terminal.directorio)
    impresora = impresora or impresora_de(terminal, ajustes)
    if impresora is None:
        raise ImpresoraNoDisponible(f"impresora: {SIN_IMPRESORA}")
    pagina = pagina_prueba(ajustes.columnas, impresora.destino, ajustes.perfil, momento or reloj_sistema())
    return enviar_ticket(impresora, pagina, ajustes, terminal)
