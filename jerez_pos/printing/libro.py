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
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from jerez_pos.core import documento
from jerez_pos.core.dinero import CERO, D, de_centavos, texto
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
from jerez_pos.printing.verificacion import DatosQR, codigo_de

FORMAS = {"efectivo": "Efectivo", "tarjeta": "Tarjeta", "transferencia": "Transferencia", "cheque": "Cheque"}
Fundamentos = Callable[[str, dt.date], str | None]
Anual = Callable[[str, dt.date], bool]
ETIQUETAS_CUENTA = {"predial": "Cuenta catastral", "comercio": "Licencia"}


def separar_folio(folio: str) -> tuple[str, int]:
    return documento.separar_folio(folio, "FOLIO")


def fundamento_de_clave(clave: str) -> str:
    """``A84-I-a-2`` → ``Art. 84 fr. I inciso a) numeral 2`` (the key scheme of db/tarifas/jerez-2024/FORMATO.md)."""
    partes = clave.split("-")
    if not partes[0].startswith("A") or not partes[0][1:].isdigit():
        return clave
    texto_ = f"Art. {partes[0][1:]}"
    for nivel, parte in enumerate(partes[1:], 1):
        if nivel == 1 and parte.isupper():
            texto_ += f" fr. {parte}"
        elif nivel == 2 and len(parte) == 1 and parte.islower():
            texto_ += f" inciso {parte})"
        elif parte.isdigit():
            texto_ += f" numeral {parte}"
        else:  # an invented suffix ("eventual"): keep it readable
            texto_ += f" ({parte})"
    return texto_


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


def _ejercicio(recibo: ReciboLeido, fila: dict[str, Any], cot: dict[str, Any], anual: Anual) -> int | None:
    """The fiscal year a line pays: its account link, else the year its snapshot names, else, for a concept
    the catalog charges once a year, the receipt's own year (the year the engine priced it for)."""
    for liga in recibo.cuentas:
        if int(liga["linea"]) == int(fila["n"]):
            return int(liga["ejercicio"])
    anio = str(cot.get("parametros", {}).get("ejercicio", ""))
    if anio.isdigit() and len(anio) == 4:
        return int(anio)
    fecha = dt.date.fromisoformat(recibo.fecha[:10])
    return fecha.year if anual(fila["clave"], fecha) else None


def _lineas(
    recibo: ReciboLeido, fundamentos: Fundamentos, anual: Anual = lambda clave, fecha: False
) -> tuple[tuple[LineaConceptoTicket, ...], tuple[ModificadorTicket, ...]]:
    fecha = dt.date.fromisoformat(recibo.fecha[:10])
    conceptos: list[LineaConceptoTicket] = []
    modificadores: list[ModificadorTicket] = []
    varias = len(recibo.lineas) > 1
    for fila in recibo.lineas:
        cot = json.loads(fila["cotizacion"])
        importe = D(cot["importe"])
        uma = D(cot["uma"]) if cot.get("uma") else None
        fundamento = fundamentos(fila["clave"], fecha) or fundamento_de_clave(fila["clave"])
        ejercicio = _ejercicio(recibo, fila, cot, anual)
        conceptos.append(LineaConceptoTicket(fila["clave"], cot["descripcion"], fundamento, uma, importe, ejercicio))
        propios = [
            ModificadorTicket(
                f"{m['concepto']} ({fila['clave']})" if varias else m["concepto"], m["fundamento"], D(m["importe"])
            )
            for m in cot.get("modificadores", [])
        ]
        suma = importe + sum((m.importe for m in propios), CERO)
        if suma != de_centavos(int(fila["total_centavos"])):
            raise ErrorJerez(
                f"recibo {recibo.folio}: la línea {fila['n']} ({fila['clave']}) suma {texto(suma)} y el libro "
                f"guarda {texto(de_centavos(int(fila['total_centavos'])))}; no se imprime un recibo que no cuadra"
            )
        modificadores.extend(propios)
    return tuple(conceptos), tuple(modificadores)


def fundamentos_del_catalogo(terminal: Terminal) -> Fundamentos:
    def buscar(clave: str, fecha: dt.date) -> str | None:
        try:
            return terminal.motor.concepto(clave, fecha).fundamento or None
        except ErrorJerez:
            return None

    return buscar


def anuales_del_catalogo(terminal: Terminal) -> Anual:
    def anual(clave: str, fecha: dt.date) -> bool:
        try:
            return terminal.motor.concepto(clave, fecha).periodicidad == "anual"
        except ErrorJerez:
            return False

    return anual


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
    fundamentos: Fundamentos | None = None,
) -> DatosTicket:
    """The receipt ``folio`` as printed: ``copia`` 0 is the ORIGINAL, n the n-th reprint."""
    recibo = leer_recibo(terminal, folio)
    ident = identidad.exigir_identidad(terminal.bd)
    lineas, modificadores = _lineas(
        recibo, fundamentos or fundamentos_del_catalogo(terminal), anuales_del_catalogo(terminal)
    )
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
