"""Committed ledger receipts as ``DatosTicket``: printing reads the ledger, never the other way round.

Everything here is read-only: one snapshot connection (``lectura.leer``) per receipt. The legal basis of
each line comes from the catalog in force on the receipt's date (the quote snapshot keeps the key, not the
citation); if the catalog no longer has the key, the citation is spelled from the key itself, which by
contract is the article, fraction, inciso and numeral.

Which legend a print carries is decided by the caller: ``copia=0`` is the ORIGINAL, ``copia=n`` the n-th
reprint, counted from the ``reimpresion`` rows that ``ledger.recibos.reimprimir`` writes.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from jerez_pos.core import documento
from jerez_pos.core.dinero import de_centavos, texto
from jerez_pos.core.errores import ErrorEntrada, ErrorJerez
from jerez_pos.ledger import identidad
from jerez_pos.ledger.lectura import leer
from jerez_pos.ledger.terminal import Terminal
from jerez_pos.printing.datos import (
    CuentaTicket,
    DatosTicket,
    LineaConceptoTicket,
    ModificadorTicket,
    PagoTicket,
)
from jerez_pos.printing.lineas import Consulta, fundamento_de_clave, lineas_impresas
from jerez_pos.printing.verificacion import DatosQR, codigo_de

FORMAS = {"efectivo": "Efectivo", "tarjeta": "Tarjeta", "transferencia": "Transferencia", "cheque": "Cheque"}
ETIQUETAS_CUENTA = {"predial": "Cuenta catastral", "comercio": "Licencia"}


def separar_folio(folio: str) -> tuple[str, int]:
    return documento.separar_folio(folio, "FOLIO")


@dataclass(frozen=True)
class ReciboLeido:
    """A receipt as stored, plus what printing needs around it (void, reprints, cashier name)."""

    id: int
    folio: str
    serie: str
    fecha: str
    cajero: str
    contribuyente: dict[str, str]
    total_centavos: int
    ajuste_centavos: int
    cambio_centavos: int
    hash: bytes
    lineas: tuple[dict[str, Any], ...]
    pagos: tuple[dict[str, Any], ...]
    anulado: bool
    reimpresiones: int  # copies logged so far
    cuentas: tuple[dict[str, Any], ...] = ()  # recibo_cuenta links: which account and year each line pays


def leer_recibo(terminal: Terminal, folio: str) -> ReciboLeido:
    serie, numero = separar_folio(folio)
    with leer(terminal.bd) as c:
        fila = c.execute(
            "SELECT r.*, coalesce(nullif(u.nombre, ''), u.usuario) AS nombre_cajero FROM recibo r "
            "JOIN usuario u ON u.id = r.cajero_id WHERE r.serie = ? AND r.numero = ?",
            (serie, numero),
        ).fetchone()
        if fila is None:
            raise ErrorEntrada("FOLIO", f"no existe el recibo {serie}-{numero} en esta terminal")
        lineas = c.execute("SELECT * FROM recibo_linea WHERE recibo_id = ? ORDER BY n", (fila["id"],)).fetchall()
        pagos = c.execute("SELECT * FROM recibo_pago WHERE recibo_id = ? ORDER BY n", (fila["id"],)).fetchall()
        anulado = c.execute("SELECT 1 FROM anulacion WHERE recibo_id = ?", (fila["id"],)).fetchone()
        copias = c.execute(
            "SELECT coalesce(sum(copias), 0) FROM reimpresion WHERE recibo_id = ?", (fila["id"],)
        ).fetchone()[0]
        ligas = c.execute(
            "SELECT linea, padron, cuenta, ejercicio FROM recibo_cuenta WHERE recibo_id = ? ORDER BY linea",
            (fila["id"],),
        ).fetchall()
    return ReciboLeido(
        id=int(fila["id"]),
        folio=f"{serie}-{numero}",
        serie=serie,
        fecha=fila["fecha"],
        cajero=fila["nombre_cajero"],
        contribuyente=json.loads(fila["contribuyente"]),
        total_centavos=int(fila["total_centavos"]),
        ajuste_centavos=int(fila["ajuste_centavos"]),
        cambio_centavos=int(fila["cambio_centavos"]),
        hash=bytes(fila["hash"]),
        lineas=tuple(_fila(x) for x in lineas),
        pagos=tuple(_fila(x) for x in pagos),
        anulado=anulado is not None,
        reimpresiones=int(copias),
        cuentas=tuple(_fila(x) for x in ligas),
    )


def _fila(fila: sqlite3.Row) -> dict[str, Any]:
    return {k: fila[k] for k in fila.keys()}  # noqa: SIM118 - sqlite3.Row is not a mapping


def _referencia(forma: str, datos: dict[str, str]) -> str | None:
    if forma == "tarjeta":
        return f"**** {datos.get('ultimos4', '')} Aut. {datos.get('autorizacion', '')}".strip()
    if forma == "transferencia":
        return datos.get("referencia") or None
    if forma == "cheque":
        return f"{datos.get('banco', '')} {datos.get('numero', '')}".strip() or None
    return None


def _lineas(
    recibo: ReciboLeido, consulta: Consulta
) -> tuple[tuple[LineaConceptoTicket, ...], tuple[ModificadorTicket, ...]]:
    # An account's line pays the year its recibo_cuenta link names; other lines say it themselves.
    ligados = {int(liga["linea"]): int(liga["ejercicio"]) for liga in recibo.cuentas}
    impresas = lineas_impresas(
        [json.loads(fila["cotizacion"]) for fila in recibo.lineas],
        consulta,
        [ligados.get(int(fila["n"])) for fila in recibo.lineas],
    )
    for fila, linea in zip(recibo.lineas, impresas, strict=True):
        guardado = de_centavos(int(fila["total_centavos"]))
        if linea.total != guardado:
            raise ErrorJerez(
                f"recibo {recibo.folio}: la línea {fila['n']} ({fila['clave']}) suma {texto(linea.total)} y el libro "
                f"guarda {texto(guardado)}; no se imprime un recibo que no cuadra"
            )
    return tuple(x.concepto for x in impresas), tuple(m for x in impresas for m in x.modificadores)


def consulta_del_catalogo(terminal: Terminal) -> Consulta:
    """Legal basis and periodicity from the catalog in force on the receipt's date."""

    def buscar(clave: str, fecha: dt.date) -> tuple[str, str] | None:
        try:
            concepto = terminal.motor.concepto(clave, fecha)
        except ErrorJerez:
            return None
        return concepto.fundamento or fundamento_de_clave(clave), concepto.periodicidad

    return buscar


def _cuenta(recibo: ReciboLeido) -> CuentaTicket | None:
    """The roll account the receipt pays with its years; else the cuenta or licence the cashier typed."""
    if recibo.cuentas:
        primera = recibo.cuentas[0]
        anios = tuple(sorted({int(liga["ejercicio"]) for liga in recibo.cuentas}))
        return CuentaTicket(ETIQUETAS_CUENTA.get(primera["padron"], "Cuenta"), primera["cuenta"], anios)
    contribuyente = recibo.contribuyente
    if contribuyente.get("cuenta_catastral"):
        return CuentaTicket("Cuenta catastral", contribuyente["cuenta_catastral"])
    if contribuyente.get("licencia"):
        return CuentaTicket("Licencia", contribuyente["licencia"])
    return None


def municipio_encabezado(municipio: str) -> str:
    nombre = municipio.strip().upper()
    return nombre if nombre.startswith("MUNICIPIO") else f"MUNICIPIO DE {nombre}"


def datos_qr(terminal: Terminal, recibo: ReciboLeido) -> DatosQR:
    ident = identidad.exigir_identidad(terminal.bd)
    datos = DatosQR(
        recibo.folio, recibo.fecha, texto(de_centavos(recibo.total_centavos)), recibo.serie, codigo_de(recibo.hash)
    )
    return datos.firmado(identidad.llave_privada(terminal.directorio, ident))


def datos_ticket(
    terminal: Terminal,
    folio: str,
    *,
    copia: int = 0,
    url_central: str | None = None,
    consulta: Consulta | None = None,
) -> DatosTicket:
    """The receipt ``folio`` as printed: ``copia`` 0 is the ORIGINAL, n the n-th reprint."""
    recibo = leer_recibo(terminal, folio)
    ident = identidad.exigir_identidad(terminal.bd)
    lineas, modificadores = _lineas(recibo, consulta or consulta_del_catalogo(terminal))
    qr = datos_qr(terminal, recibo)
    contribuyente = recibo.contribuyente
    pagos = tuple(
        PagoTicket(
            FORMAS.get(p["forma"], p["forma"]),
            de_centavos(int(p["importe_centavos"])),
            _referencia(p["forma"], json.loads(p["datos"] or "{}")),
        )
        for p in recibo.pagos
    )
    return DatosTicket(
        folio=recibo.folio,
        fecha_hora=dt.datetime.fromisoformat(recibo.fecha),
        municipio=municipio_encabezado(ident.municipio),
        delegacion=ident.delegacion,
        terminal=f"{ident.nombre} ({ident.serie})",
        cajero=recibo.cajero,
        contribuyente=contribuyente.get("nombre", ""),
        lineas=lineas,
        total=de_centavos(recibo.total_centavos + recibo.ajuste_centavos),
        pagos=pagos,
        qr_payload=qr.contenido(url_central),
        codigo_verificacion=qr.codigo,
        modificadores=modificadores,
        redondeo_art20=de_centavos(recibo.ajuste_centavos),
        cambio=de_centavos(recibo.cambio_centavos),
        rfc=contribuyente.get("rfc") or None,
        domicilio=_domicilio(contribuyente),
        copia=copia,
        demo=ident.demo,
        cancelado=recibo.anulado,
        cuenta=_cuenta(recibo),
    )


def _domicilio(contribuyente: dict[str, str]) -> str | None:
    """The address alone (plus a market stall's key): the cuenta catastral or licence has its own line."""
    partes = [contribuyente.get("domicilio", "")]
    if contribuyente.get("padron"):
        partes.append(f"Padrón {contribuyente['padron']}")
    texto_ = "; ".join(p for p in partes if p)
    return texto_ or None


def total_recibo(recibo: ReciboLeido) -> Decimal:
    return de_centavos(recibo.total_centavos + recibo.ajuste_centavos)
