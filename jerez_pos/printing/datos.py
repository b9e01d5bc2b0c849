"""What a printed receipt says, as plain frozen values: the input of every receipt layout.

The ledger builds a ``DatosTicket`` from a committed receipt; printing never reads the database itself.
The checks here refuse a receipt that does not add up, because a printed proof of payment with wrong
arithmetic is worse than no print at all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from jerez_pos.core.dinero import CERO, pesos


@dataclass(frozen=True)
class LineaConceptoTicket:
    clave: str  # concept key, e.g. "A85-II"
    descripcion: str
    fundamento: str  # legal basis as printed, e.g. "Art. 85 fr. II"
    uma: Decimal | None  # daily UMA value used for the amount, None when the tariff is not in UMA
    importe: Decimal
    ejercicio: int | None = None  # the fiscal year an annual charge pays (predial, refrendo...), printed with it


@dataclass(frozen=True)
class ModificadorTicket:
    descripcion: str
    fundamento: str
    importe: Decimal  # signed: discounts are negative, surcharges positive


@dataclass(frozen=True)
class PagoTicket:
    forma: str  # "Efectivo", "Tarjeta", "Transferencia", "Cheque"
    importe: Decimal  # amount tendered in this form (cash may exceed what is owed: see ``cambio``)
    referencia: str | None = None


@dataclass(frozen=True)
class DatosTicket:
    """One receipt as printed.

    ``total`` is what the contributor pays: the sum of the lines and modifiers plus the Art. 20 cash
    adjustment (``redondeo_art20``, signed). Tenders minus ``cambio`` equal ``total``.
    ``copia`` is 0 for the original and n for the n-th reprint.
    """

    folio: str
    fecha_hora: dt.datetime
    municipio: str
    delegacion: str
    terminal: str
    cajero: str
    contribuyente: str
    lineas: tuple[LineaConceptoTicket, ...]
    total: Decimal
    pagos: tuple[PagoTicket, ...]
    qr_payload: str
    codigo_verificacion: str
    modificadores: tuple[ModificadorTicket, ...] = ()
    redondeo_art20: Decimal = CERO
    cambio: Decimal = CERO
    rfc: str | None = None
    domicilio: str | None = None
    copia: int = 0
    demo: bool = False
    cancelado: bool = False  # a voided receipt keeps its folio; its reprint must never pass for a payment

    def __post_init__(self) -> None:
        if not self.lineas:
            raise ValueError("el recibo no tiene conceptos")
        if self.copia < 0:
            raise ValueError(f"copia debe ser 0 (original) o mayor; se recibió {self.copia}")
        if self.total < CERO or self.cambio < CERO:
            raise ValueError("el total y el cambio no pueden ser negativos")
        if not self.qr_payload.isascii():
            # The payload is verification data (folio, hash, signature): ASCII keeps the printer's QR
            # bytes identical to what a phone or central decodes.
            raise ValueError("el contenido del QR debe ser ASCII")
        suma = (
            sum((linea.importe for linea in self.lineas), CERO)
            + sum((m.importe for m in self.modificadores), CERO)
            + self.redondeo_art20
        )
        if suma != self.total:
            raise ValueError(f"los conceptos suman {pesos(suma)} y el total es {pesos(self.total)}")
        pagado = sum((pago.importe for pago in self.pagos), CERO) - self.cambio
        if pagado != self.total:  # an exempt receipt (total 0) may have no tenders at all
            raise ValueError(f"los pagos menos el cambio suman {pesos(pagado)} y el total es {pesos(self.total)}")

    @property
    def leyenda_copia(self) -> str:
        return "ORIGINAL" if self.copia == 0 else f"COPIA — REIMPRESIÓN {self.copia}"
