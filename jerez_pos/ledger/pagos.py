"""Tenders and change. Card, transfer and cheque pay exact amounts; the cash part is adjusted to the peso
(Art. 20) and that adjustment is recorded as its own figure, never hidden in the total."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal

from jerez_pos.core.dinero import CERO, ajuste_efectivo, pesos
from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.core.numeros import es_digitos, leer_importe, limite_de
from jerez_pos.core.texto import corto, limpiar

FORMAS = ("efectivo", "tarjeta", "transferencia", "cheque")


@dataclass(frozen=True)
class Pago:
    forma: str
    importe: Decimal
    ultimos4: str = ""
    autorizacion: str = ""
    referencia: str = ""
    banco: str = ""
    numero: str = ""

    def datos(self) -> str:
        """Only what the law and the bank reconciliation need: never a full card number."""
        campos = {
            "tarjeta": ("ultimos4", "autorizacion"),
            "transferencia": ("referencia",),
            "cheque": ("banco", "numero"),
        }.get(self.forma, ())
        return json.dumps(
            {c: getattr(self, c) for c in campos}, sort_keys=True, separators=(",", ":"), ensure_ascii=False
        )


def validar(pago: Pago) -> None:
    campo = f"--pago {pago.forma}"
    if pago.forma not in FORMAS:
        raise ErrorEntrada("--pago", f"«{corto(pago.forma)}» no es forma de pago; use {', '.join(FORMAS)}")
    maximo = limite_de("pago").maximo
    if not pago.importe.is_finite() or not 0 < pago.importe <= maximo:
        raise ErrorEntrada(campo, f"el importe debe ser mayor que 0 y a lo más {maximo} pesos")
    if pago.importe != pago.importe.quantize(Decimal("0.01")):
        raise ErrorEntrada(campo, f"el importe «{corto(pago.importe)}» debe ser mayor que 0, con centavos a lo más")
    for dato in ("ultimos4", "autorizacion", "referencia", "banco", "numero"):
        limpiar(getattr(pago, dato), campo, nombre="referencia")  # no ESC/GS or 100 KB into the ledger
    if pago.forma == "tarjeta" and not (es_digitos(pago.ultimos4, 4) and len(pago.ultimos4) == 4 and pago.autorizacion):
        raise ErrorEntrada(campo, "indique los últimos 4 dígitos y el código de autorización (tarjeta=150:1234:A1B2C3)")
    if pago.forma == "transferencia" and not pago.referencia:
        raise ErrorEntrada(campo, "indique la referencia de la transferencia (transferencia=150:REF123)")
    if pago.forma == "cheque" and not (pago.banco and pago.numero):
        raise ErrorEntrada(campo, "indique banco y número del cheque (cheque=150:BANORTE:000123)")


def leer_pago(crudo: str) -> Pago:
    """``forma=importe[:dato[:dato]]``, e.g. ``efectivo=200``, ``tarjeta=150:1234:A1B2C3``."""
    forma, signo, resto = crudo.partition("=")
    partes = resto.split(":")
    if not signo or not partes[0]:
        raise ErrorEntrada("--pago", f"«{corto(crudo)}» debe tener la forma forma=importe (p. ej. efectivo=200)")
    forma = forma.strip().lower()
    if forma not in FORMAS:
        raise ErrorEntrada("--pago", f"«{corto(forma)}» no es forma de pago; use {', '.join(FORMAS)}")
    importe = leer_importe(partes[0], f"--pago {forma}", nombre="pago")
    extra = [limpiar(p, f"--pago {forma}", nombre="referencia") for p in partes[1:3]] + ["", ""]
    if len(partes) > 3:
        raise ErrorEntrada(
            f"--pago {forma}", "sobran datos; a lo más dos después del importe (tarjeta=150:1234:A1B2C3)"
        )
    pago = {
        "tarjeta": lambda: Pago(forma, importe, ultimos4=extra[0], autorizacion=extra[1]),
        "transferencia": lambda: Pago(forma, importe, referencia=extra[0]),
        "cheque": lambda: Pago(forma, importe, banco=extra[0], numero=extra[1]),
    }.get(forma, lambda: Pago(forma, importe))()
    validar(pago)
    return pago


@dataclass(frozen=True)
class Liquidacion:
    total: Decimal  # sum of the lines, exact to the centavo
    ajuste: Decimal  # Art. 20 adjustment of the cash part (negative: down to the peso)
    a_pagar: Decimal  # total + ajuste
    cambio: Decimal


def liquidar(total: Decimal, pagos: list[Pago]) -> Liquidacion:
    for pago in pagos:
        validar(pago)
    exacto = sum((p.importe for p in pagos if p.forma != "efectivo"), CERO)
    efectivo = sum((p.importe for p in pagos if p.forma == "efectivo"), CERO)
    if exacto > total:
        raise ErrorEntrada(
            "--pago",
            f"tarjeta, transferencia y cheque suman {pesos(exacto)}, más que el total "
            f"{pesos(total)}; sólo el efectivo da cambio",
        )
    resto = total - exacto
    if not any(p.forma == "efectivo" for p in pagos):
        if resto:
            raise ErrorEntrada("--pago", f"faltan {pesos(resto)} para cubrir el total {pesos(total)}")
        return Liquidacion(total, CERO, total, CERO)
    debido = ajuste_efectivo(resto)
    if efectivo < debido:
        raise ErrorEntrada(
            "--pago",
            f"el efectivo {pesos(efectivo)} no cubre {pesos(debido)} (total {pesos(total)}, ajuste Art. 20 incluido)",
        )
    return Liquidacion(total, debido - resto, total + debido - resto, efectivo - debido)
