"""Sample receipts shared by the layout tests, the golden ESC/POS tests and ``tests.printing.regenerar``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from jerez_pos.printing.datos import CuentaTicket, DatosTicket, LineaConceptoTicket, ModificadorTicket, PagoTicket

UMA_2024 = Decimal("108.57")
FECHA = dt.datetime(2024, 6, 15, 10, 32)
DESCRIPCION_LARGA = (
    "Licencia de funcionamiento para establecimiento con venta de bebidas alcohólicas en envase cerrado "
    "(abarrotes, tendejón o miscelánea), refrendo anual conforme al padrón municipal de comercio"
)


def _linea(clave: str, descripcion: str, fundamento: str, importe: str, uma: bool = True) -> LineaConceptoTicket:
    return LineaConceptoTicket(clave, descripcion, fundamento, UMA_2024 if uma else None, Decimal(importe))


def _base(**cambios: object) -> DatosTicket:
    campos: dict[str, object] = {
        "folio": "T01-000123",
        "fecha_hora": FECHA,
        "municipio": "MUNICIPIO DE JEREZ, ZACATECAS",
        "delegacion": "Cabecera municipal",
        "terminal": "T01",
        "cajero": "María Guadalupe Ibáñez",
        "contribuyente": "PÚBLICO EN GENERAL",
        "lineas": (_linea("A85-II", "Constancia de residencia", "Art. 85 fr. II", "115.12"),),
        "total": Decimal("115.12"),
        "pagos": (PagoTicket("Tarjeta", Decimal("115.12"), "AUT 483920"),),
        "qr_payload": "JRZ1|T01-000123|2024-06-15T10:32|115.12|T01|9f2c1a7b|MEUCIQDx3k",
        "codigo_verificacion": "9F2C-1A7B",
    }
    campos.update(cambios)
    return DatosTicket(**campos)  # type: ignore[arg-type]


def muestras() -> dict[str, DatosTicket]:
    """Every trap of issue 3 in one receipt each; the key names the golden file."""
    muchas = tuple(
        _linea(f"A114-III-{n}", f"Padrón municipal de comercio, giro {n}", "Art. 114 fr. III", f"{100 + n}.{n:02d}")
        for n in range(1, 13)
    )
    return {
        "acentos": _base(
            contribuyente="Ñandú, café, ¿cuánto? ¡Güero Núñez!",
            lineas=(_linea("A93", "Búsqueda de documentos: Ñandú, café, ¿cuánto? ÁÉÍÓÚ ü", "Art. 93", "115.12"),),
            redondeo_art20=Decimal("-0.12"),
            total=Decimal("115.00"),
            pagos=(PagoTicket("Efectivo", Decimal("200.00")),),
            cambio=Decimal("85.00"),
        ),
        "larga": _base(
            contribuyente="Abarrotes y Miscelánea La Pequeña Esperanza de Tlaltenango, S.A. de C.V.",
            rfc="APE010203XY4",
            domicilio="Calle Ramón López Velarde número 123, interior 4, Barrio de la Soledad, Jerez, Zac.",
            lineas=(_linea("A106-I-eventual", DESCRIPCION_LARGA, "Art. 106 fr. I, párrafo segundo", "1234.56"),),
            total=Decimal("1234.56"),
            pagos=(PagoTicket("Transferencia", Decimal("1234.56"), "SPEI 0123456789ABCDEF0123456789"),),
        ),
        "muchas": _base(
            lineas=muchas,
            total=sum((linea.importe for linea in muchas), Decimal("0")),
            pagos=(PagoTicket("Cheque", sum((linea.importe for linea in muchas), Decimal("0")), "BANORTE 004512"),),
        ),
        "descuento": _base(
            contribuyente="José Ángel Muñoz Peña",
            lineas=(_linea("A57", "Impuesto predial urbano, zona III, habitacional", "Art. 57", "1000.00"),),
            modificadores=(
                ModificadorTicket("Pago anticipado en enero (15 %)", "Art. 61", Decimal("-150.00")),
                ModificadorTicket("Persona adulta mayor (10 %)", "Art. 61", Decimal("-100.00")),
            ),
            total=Decimal("750.00"),
            pagos=(PagoTicket("Tarjeta", Decimal("750.00"), "AUT 771204"),),
        ),
        "varios_pagos": _base(
            lineas=(
                _linea("A72-VI-b", "Piso en tianguis, puesto semifijo", "Art. 72 fr. VI inciso b)", "250.00"),
                _linea("A108", "Uso de la plaza para evento", "Art. 108", "970.00", uma=False),
            ),
            total=Decimal("1220.00"),
            pagos=(
                PagoTicket("Tarjeta", Decimal("500.00"), "AUT 100200"),
                PagoTicket("Transferencia", Decimal("500.00"), "SPEI 77881"),
                PagoTicket("Efectivo", Decimal("300.00")),
            ),
            cambio=Decimal("80.00"),
        ),
        "redondeo": _base(
            lineas=(_linea("A84-I-a-2", "Certificado de no adeudo", "Art. 84 fr. I inciso a) numeral 2", "57.62"),),
            redondeo_art20=Decimal("0.38"),
            total=Decimal("58.00"),
            pagos=(PagoTicket("Efectivo", Decimal("100.00")),),
            cambio=Decimal("42.00"),
        ),
        # A roll account paying two years: the cuenta, the years and the period above, each line's year.
        "cuenta": _base(
            contribuyente="Juana Pérez Ávila",
            domicilio="Calle Hidalgo 12, Centro",
            cuenta=CuentaTicket("Cuenta catastral", "01-002-0345-0001", (2023, 2024)),
            lineas=(
                LineaConceptoTicket(
                    "A57",
                    "Impuesto predial (adeudo del ejercicio 2023, padrón anterior)",
                    "Art. 57",
                    None,
                    Decimal("600.00"),
                    2023,
                ),
                LineaConceptoTicket(
                    "A57", "Impuesto predial (ejercicio 2024)", "Art. 57", UMA_2024, Decimal("522.66"), 2024
                ),
            ),
            modificadores=(
                ModificadorTicket("Recargos (A57)", "Art. 14", Decimal("180.00")),
                ModificadorTicket("Pago en febrero (10 %) (A57)", "Art. 61", Decimal("-52.27")),
            ),
            total=Decimal("1250.39"),
            pagos=(PagoTicket("Efectivo", Decimal("1300.00")),),
            cambio=Decimal("49.61"),
        ),
        "reimpresion": _base(copia=2, cancelado=True),
        "demo": _base(demo=True, folio="DEMO-000001"),
    }
