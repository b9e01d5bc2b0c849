"""Charging, voiding and reprinting receipts.

Gap-free folios: the number is ``max(numero) + 1`` of the terminal's series, taken inside the same
``BEGIN IMMEDIATE`` transaction that writes the receipt, its lines, tenders, chain link and outbox row.
Either all of it commits (the folio is used forever) or none of it does (the number was never taken),
and the single writer lock means no two receipts can read the same maximum.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, TypedDict

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Connection, text

from jerez_pos.core.cotizacion import Cotizacion
from jerez_pos.core.dinero import CERO, a_centavos, texto
from jerez_pos.core.documento import canonico, codigo_de, doc_anulacion, doc_recibo, enlazar_texto, separar_folio
from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.core.modelo import Catalogo, Concepto
from jerez_pos.core.texto import limpiar
from jerez_pos.ledger import auditoria, cadena, caja, custodia, diario, diario_filas, identidad, integridad
from jerez_pos.ledger import reloj as reloj_libro
from jerez_pos.ledger.base import crudo
from jerez_pos.ledger.comun import EstadoInvalido, Reloj, Sesion, marca, reloj_sistema
from jerez_pos.ledger.marca import exigir as exigir_marca
from jerez_pos.ledger.pagos import Liquidacion, Pago, liquidar
from jerez_pos.ledger.terminal import Terminal

# Statements of the charge path, run on the driver connection inside the charge's transaction (``crudo``):
# plain SQL text, compiled once by sqlite3's statement cache.
SQL_SIGUIENTE_FOLIO = "SELECT coalesce(max(numero), 0) + 1 FROM recibo WHERE serie = ?"
SQL_INSERTAR_RECIBO = (
    "INSERT INTO recibo (serie, numero, eslabon, turno_id, cajero_id, fecha, contribuyente, "
    "total_centavos, ajuste_centavos, cambio_centavos, hash, firma, documento) "
    "VALUES (:serie, :numero, :eslabon, :turno_id, "
    ":cajero_id, :fecha, :contribuyente, :total_centavos, :ajuste_centavos, :cambio_centavos, :hash, "
    ":firma, :documento) RETURNING id"
)
SQL_VINCULOS_RECIBO = "SELECT id FROM recibo_cuenta WHERE recibo_id = ? ORDER BY id"
SQL_OUTBOX_RECIBO = "INSERT INTO outbox (tipo, ref_id, creado_en) VALUES ('recibo', ?, ?)"
SQL_INSERTAR_LINEA = (
    "INSERT INTO recibo_linea (recibo_id, n, clave, rubro, total_centavos, cotizacion) "
    "VALUES (:r, :n, :clave, :rubro, :total_centavos, :cotizacion)"
)
SQL_INSERTAR_PAGO = (
    "INSERT INTO recibo_pago (recibo_id, n, forma, importe_centavos, datos) "
    "VALUES (:r, :n, :forma, :importe_centavos, :datos)"
)
SQL_INSERTAR_AUTORIZACION = (
    "INSERT INTO autorizacion (recibo_id, linea, supervisor_id, motivo, referencia) "
    "VALUES (:r, :linea, :supervisor_id, :motivo, :referencia)"
)


QUIEN_AUTORIZA = ("supervisor",)
CONTRIBUYENTE_GENERAL = "PÚBLICO EN GENERAL"
CAMPOS_CONTRIBUYENTE = ("nombre", "rfc", "domicilio", "cuenta_catastral", "padron", "licencia")
# The snapshot keeps what the receipt and an audit need; the long explanation is rebuilt from the catalog.
CAMPOS_COTIZACION = (
    "clave",
    "descripcion",
    "catalogo",
    "fecha",
    "forma",
    "uma",
    "unidades_uma",
    "importe",
    "modificadores",
    "total",
    "parametros",
)


RelojAtrasado = reloj_libro.RelojAtrasado
# A caller that prices its own lines (an account's arrears: each year under its own law) gives a ``Cotizador``
# for the charge's date; a ``Vinculo`` writes the caller's rows in the receipt's own transaction.
Cotizador = Callable[[dt.date], list[Cotizacion]]
Vinculo = Callable[[Connection, int], None]


@dataclass(frozen=True)
class Autorizacion:
    supervisor: Sesion
    motivo: str
    referencia: str  # acuerdo, estudio socioeconómico, convenio


class LineaEmitida(TypedDict):
    clave: str
    descripcion: str
    total: str  # the amount as text, like ``a_dict``


@dataclass(frozen=True)
class Emitido:
    id: int
    folio: str
    fecha: str
    total: Decimal
    ajuste: Decimal
    a_pagar: Decimal
    cambio: Decimal
    lineas: list[LineaEmitida] = field(default_factory=list)
    codigo_verificacion: str = ""  # printed under the QR; central's /verificar checks it

    def a_dict(self) -> dict[str, Any]:
        return {
            "folio": self.folio,
            "fecha": self.fecha,
            "total": texto(self.total),
            "ajuste_art20": texto(self.ajuste),
            "a_pagar": texto(self.a_pagar),
            "cambio": texto(self.cambio),
            "lineas": self.lineas,
            "codigo_verificacion": self.codigo_verificacion,
        }


@cache
def _llave(directorio: Path, ident: identidad.Identidad) -> Ed25519PrivateKey:
    return identidad.llave_privada(directorio, ident)


def firmar(terminal: Terminal, ident: identidad.Identidad, hash_: bytes) -> bytes:
    return _llave(terminal.directorio, ident).sign(hash_)


def _contribuyente(datos: dict[str, str] | None) -> str:
    campos = {"nombre": "--contribuyente", "rfc": "--rfc"}
    leidos = {k: limpiar(v, campos.get(k, k), nombre=k) for k, v in (datos or {}).items() if k in CAMPOS_CONTRIBUYENTE}
    limpio = {k: v for k, v in leidos.items() if v}
    limpio.setdefault("nombre", CONTRIBUYENTE_GENERAL)
    return canonico(limpio).decode("utf-8")


def _snapshot(cot: Cotizacion) -> str:
    datos = cot.a_dict()
    return canonico({k: datos[k] for k in CAMPOS_COTIZACION}).decode("utf-8")


def _autorizaciones(cotizaciones: list[Cotizacion], autorizacion: Autorizacion | None) -> list[dict[str, Any]]:
    requeridas = [(n, motivo) for n, cot in enumerate(cotizaciones, 1) for motivo in cot.requiere_autorizacion]
    if not requeridas:
        return []
    if autorizacion is None:
        raise EstadoInvalido(f"autorización: {requeridas[0][1]}; requiere la autorización de un supervisor")
    autorizacion.supervisor.exigir("autorizar descuentos o montos dentro de rango", *QUIEN_AUTORIZA)
    motivo = limpiar(autorizacion.motivo, "--motivo", nombre="motivo")
    referencia = limpiar(autorizacion.referencia, "--referencia", nombre="referencia")
    if not referencia or not motivo:
        raise ErrorEntrada("--referencia", "la autorización necesita motivo y referencia (acuerdo, estudio, convenio)")
    lineas = sorted({n for n, _ in requeridas})
    return [
        {
            "linea": n,
            "supervisor_id": autorizacion.supervisor.usuario_id,
            "motivo": motivo,
            "referencia": referencia,
        }
        for n in lineas
    ]


def _tarifa_cero(concepto: Concepto | None) -> bool:
    """The law itself sets the amount at zero (Art. 66: ISAI at a 0 % rate; the receipt documents the
    operation), as opposed to a zero that comes from the captured parameters (base 0, 0 m²)."""
    if concepto is None:
        return False
    cero = Decimal(0)
    return (concepto.forma == "porcentaje" and concepto.tasa == cero) or (
        concepto.forma in ("uma_fija", "pesos_fijos") and concepto.monto == cero
    )


def _exigir_total(cotizaciones: list[Cotizacion], catalogo: Callable[[], Catalogo]) -> None:
    """A receipt for $0.00 is only issued when the law explains it: an authorized exemption or discount
    (Arts. 85, 86, 88, 89, 27) or a tariff that is zero by law (Art. 66). Otherwise it is a capture mistake
    (base 0, 0 m²...) that would use a folio for nothing. See INTERPRETACIONES.md."""
    total = sum((c.total for c in cotizaciones), CERO)
    if total > 0:
        return
    exento = any(m.requiere_autorizacion and m.importe < 0 for c in cotizaciones for m in c.modificadores)
    if not (exento or all(_tarifa_cero(catalogo().conceptos.get(c.clave)) for c in cotizaciones)):
        raise ErrorEntrada(
            "total",
            "el recibo suma $0.00; sólo se emite en cero con una exención o descuento autorizado "
            "(p. ej. --param exento=si con --autoriza, --motivo y --referencia); revise los parámetros",
        )


def cobrar(
    terminal: Terminal,
    sesion: Sesion,
    conceptos: list[tuple[str, dict[str, str]]],
    pagos: list[Pago],
    contribuyente: dict[str, str] | None = None,
    autorizacion: Autorizacion | None = None,
    reloj: Reloj = reloj_sistema,
    cotizador: Cotizador | None = None,
    vincular: Vinculo | None = None,
) -> Emitido:
    sesion.exigir("cobrar", *caja.QUIEN_COBRA)
    if not conceptos and cotizador is None:
        raise ErrorEntrada("clave", "indique al menos un concepto")
    integridad.exigir_sana(terminal.bd)
    dias = reloj_libro.dias_adelanto(terminal.directorio)
    contrib = _contribuyente(contribuyente)
    # Priced before the lock (bad input is refused without waiting for it); priced again in the rare case
    # the date read under the lock is another day.
    fecha_previa = reloj().date()
    previo = _preparar(terminal, conceptos, pagos, autorizacion, fecha_previa, cotizador)
    with diario.transaccion(terminal.bd) as (conexion, pendiente):
        sql = crudo(conexion)
        custodia.exigir(sql, terminal.bd.url.database or "")
        ident = pendiente.ident  # read by ``transaccion`` under this same write lock
        if ident is None:
            ident = identidad.exigir_identidad(conexion)  # raises the Spanish "not registered" refusal
        turno = caja.exigir_abierto(conexion, sesion)
        punta = cadena.punta(conexion, ident)
        exigir_marca(conexion, ident, punta, terminal.directorio)
        momento = reloj_libro.fechar(conexion, punta, reloj, dias)
        ahora = marca(momento)
        cotizaciones, autorizadas, liquidacion, lineas, filas_pago = (
            previo
            if fecha_previa == momento.date()
            else _preparar(terminal, conceptos, pagos, autorizacion, momento.date(), cotizador)
        )
        (numero,) = sql.execute(SQL_SIGUIENTE_FOLIO, (ident.serie,)).fetchone()
        recibo = {
            "serie": ident.serie,
            "numero": numero,
            "eslabon": punta.eslabon + 1,
            "turno_id": turno.id,
            "cajero_id": sesion.usuario_id,
            "fecha": ahora,
            "contribuyente": contrib,
            "total_centavos": a_centavos(liquidacion.total),
            "ajuste_centavos": a_centavos(liquidacion.ajuste),
            "cambio_centavos": a_centavos(liquidacion.cambio),
        }
        # The text the hash covers is kept with the receipt: sync sends it without rebuilding it.
        documento = canonico(doc_recibo(recibo, lineas, filas_pago, autorizadas))
        recibo["hash"] = enlazar_texto(punta.hash, documento)
        recibo["documento"] = documento.decode("utf-8")
        recibo["firma"] = firmar(terminal, ident, recibo["hash"])
        (recibo_id,) = sql.execute(SQL_INSERTAR_RECIBO, recibo).fetchone()
        pendiente.anotar(
            diario.linea_cadena(
                "recibo", recibo_id, punta.eslabon + 1, punta.hash, recibo["hash"], recibo["firma"], recibo["documento"]
            )
        )
        _insertar_detalle(conexion, recibo_id, lineas, filas_pago, autorizadas)
        sql.execute(SQL_OUTBOX_RECIBO, (recibo_id, ahora))
        if vincular is not None:
            vincular(conexion, int(recibo_id))
            # The years a receipt paid travel in the journal with it: a restore must not make them owed again.
            for (vinculo,) in sql.execute(SQL_VINCULOS_RECIBO, (recibo_id,)).fetchall():
                diario_filas.anotar_fila(conexion, pendiente, "recibo_cuenta", int(vinculo))
        if autorizadas:
            auditoria.registrar(
                conexion,
                autorizacion.supervisor.usuario if autorizacion else "",
                "autorización de descuento o rango",
                {"folio": f"{ident.serie}-{numero}", "referencia": autorizadas[0]["referencia"]},
            )
    return Emitido(
        int(recibo_id),
        f"{ident.serie}-{numero}",
        ahora,
        liquidacion.total,
        liquidacion.ajuste,
        liquidacion.a_pagar,
        liquidacion.cambio,
        [LineaEmitida(clave=c.clave, descripcion=c.descripcion, total=texto(c.total)) for c in cotizaciones],
        codigo_de(recibo["hash"]),
    )


_Preparado = tuple[list[Cotizacion], list[dict[str, Any]], Liquidacion, list[dict[str, Any]], list[dict[str, Any]]]


def _preparar(
    terminal: Terminal,
    conceptos: list[tuple[str, dict[str, str]]],
    pagos: list[Pago],
    autorizacion: Autorizacion | None,
    fecha: dt.date,
    cotizador: Cotizador | None = None,
) -> _Preparado:
    """Prices, authorizations, settlement and the rows of lines and tenders for a charge dated ``fecha``."""
    if cotizador is not None:
        cotizaciones = cotizador(fecha)
    else:
        cotizaciones = [terminal.motor.cotizar(clave, params, fecha) for clave, params in conceptos]
    autorizadas = _autorizaciones(cotizaciones, autorizacion)
    _exigir_total(cotizaciones, lambda: terminal.catalogo(fecha))
    liquidacion = liquidar(sum((c.total for c in cotizaciones), CERO), pagos)
    lineas = [
        {"n": n, "clave": c.clave, "rubro": c.rubro, "total_centavos": a_centavos(c.total), "cotizacion": _snapshot(c)}
        for n, c in enumerate(cotizaciones, 1)
    ]
    filas_pago = [
        {"n": n, "forma": p.forma, "importe_centavos": a_centavos(p.importe), "datos": p.datos()}
        for n, p in enumerate(pagos, 1)
    ]
    return cotizaciones, autorizadas, liquidacion, lineas, filas_pago


def _insertar_detalle(
    conexion: Connection,
    recibo_id: int,
    lineas: list[dict[str, Any]],
    pagos: list[dict[str, Any]],
    autorizadas: list[dict[str, Any]],
) -> None:
    sql = crudo(conexion)
    sql.executemany(SQL_INSERTAR_LINEA, [{"r": recibo_id, **x} for x in lineas])
    if pagos:
        sql.executemany(SQL_INSERTAR_PAGO, [{"r": recibo_id, **p} for p in pagos])
    if autorizadas:
        sql.executemany(SQL_INSERTAR_AUTORIZACION, [{"r": recibo_id, **a} for a in autorizadas])


def _buscar(conexion: Connection, folio: str) -> Any:
    serie, numero = separar_folio(folio, "FOLIO")
    fila = conexion.execute(
        text("SELECT * FROM recibo WHERE serie = :s AND numero = :n"), {"s": serie, "n": numero}
    ).first()
    if fila is None:
        raise ErrorEntrada("FOLIO", f"no existe el recibo {serie}-{numero} en esta terminal")
    return fila


def anular(
    terminal: Terminal,
    supervisor: Sesion,
    folio: str,
    motivo: str,
    solicitante: Sesion | None = None,
    reloj: Reloj = reloj_sistema,
) -> str:
    """A void is a new chained row; the folio stays used. Voids of a shift already closed are refused:
    that corte is immutable (the money is returned through a new operation, not by rewriting the past)."""
    supervisor.exigir("anular recibos", *QUIEN_AUTORIZA)
    motivo = limpiar(motivo, "--motivo", nombre="motivo")
    if len(motivo) < 5:
        raise ErrorEntrada("--motivo", "explique el motivo de la anulación (al menos 5 caracteres)")
    ident = identidad.exigir_identidad(terminal.bd)
    dias = reloj_libro.dias_adelanto(terminal.directorio)
    with diario.transaccion(terminal.bd) as (conexion, pendiente):
        recibo = _buscar(conexion, folio)
        etiqueta = f"{recibo.serie}-{recibo.numero}"
        if conexion.execute(text("SELECT 1 FROM anulacion WHERE recibo_id = :r"), {"r": recibo.id}).first():
            raise EstadoInvalido(f"FOLIO: el recibo {etiqueta} ya está anulado")
        if conexion.execute(text("SELECT 1 FROM corte WHERE turno_id = :t"), {"t": recibo.turno_id}).first():
            raise EstadoInvalido(f"FOLIO: el turno del recibo {etiqueta} ya tiene corte cerrado; no se puede anular")
        punta = cadena.punta(conexion, ident)
        exigir_marca(conexion, ident, punta, terminal.directorio)
        ahora = marca(reloj_libro.fechar(conexion, punta, reloj, dias))
        fila = {
            "recibo_id": recibo.id,
            "eslabon": punta.eslabon + 1,
            "supervisor_id": supervisor.usuario_id,
            "usuario_id": (solicitante or supervisor).usuario_id,
            "motivo": motivo,
            "fecha": ahora,
        }
        documento = canonico(doc_anulacion(fila, bytes(recibo.hash)))
        fila["hash"] = enlazar_texto(punta.hash, documento)
        fila["firma"] = firmar(terminal, ident, fila["hash"])
        nuevo = conexion.execute(
            text(
                "INSERT INTO anulacion (recibo_id, eslabon, supervisor_id, usuario_id, motivo, fecha, hash, firma) "
                "VALUES (:recibo_id, :eslabon, :supervisor_id, :usuario_id, :motivo, :fecha, :hash, :firma) "
                "RETURNING id"
            ),
            fila,
        ).scalar_one()
        pendiente.anotar(
            diario.linea_cadena(
                "anulacion", nuevo, fila["eslabon"], punta.hash, fila["hash"], fila["firma"], documento.decode()
            )
        )
        conexion.execute(
            text("INSERT INTO outbox (tipo, ref_id, creado_en) VALUES ('anulacion', :r, :t)"), {"r": nuevo, "t": ahora}
        )
        auditoria.registrar(conexion, supervisor.usuario, "anulación", {"folio": etiqueta, "motivo": motivo})
    return etiqueta


def reimprimir(
    terminal: Terminal, sesion: Sesion, folio: str, copias: int = 1, reloj: Reloj = reloj_sistema
) -> dict[str, Any]:
    """Logs the reprint (who, when, how many) and returns the stored receipt for the printer."""
    sesion.exigir("reimprimir", *caja.QUIEN_COBRA)
    if not 1 <= copias <= 5:
        raise ErrorEntrada("--copias", "entre 1 y 5")
    with terminal.bd.begin() as conexion:
        recibo = _buscar(conexion, folio)
        conexion.execute(
            text("INSERT INTO reimpresion (recibo_id, usuario_id, copias, fecha) VALUES (:r, :u, :c, :t)"),
            {"r": recibo.id, "u": sesion.usuario_id, "c": copias, "t": marca(reloj())},
        )
        auditoria.registrar(
            conexion, sesion.usuario, "reimpresión", {"folio": f"{recibo.serie}-{recibo.numero}", "copias": copias}
        )
        lineas = conexion.execute(
            text("SELECT clave, total_centavos, cotizacion FROM recibo_linea WHERE recibo_id = :r ORDER BY n"),
            {"r": recibo.id},
        ).all()
        anulado = conexion.execute(text("SELECT 1 FROM anulacion WHERE recibo_id = :r"), {"r": recibo.id}).first()
    return {
        "folio": f"{recibo.serie}-{recibo.numero}",
        "fecha": recibo.fecha,
        "copia": True,
        "anulado": anulado is not None,
        "contribuyente": json.loads(recibo.contribuyente),
        "lineas": [json.loads(x.cotizacion) for x in lineas],
    }
