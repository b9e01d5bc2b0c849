"""A roll account's receipt prints the cuenta, the years paid and the period; an annual charge prints its year
(ticket and PDF), from the real ledger rows (``recibo_cuenta`` links and the quote snapshot)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from apoyo import Libro, Reloj
from pypdf import PdfReader

from jerez_pos.ledger import cuentas, cuentas_padron, recibos
from jerez_pos.ledger.pagos import Pago
from jerez_pos.printing.libro import datos_ticket
from jerez_pos.printing.pdf.recibo import recibo_pdf
from jerez_pos.printing.ticket import Ancho, como_texto, componer_ticket

ENCABEZADO = ",".join(cuentas_padron.COLUMNAS["predial"]) + ",adeudo_2023"


def _texto_pdf(ruta: Path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(ruta).pages).split())


def test_recibo_de_cuenta_imprime_cuenta_anios_y_periodo(libro: Libro, tmp_path: Path) -> None:
    ruta = tmp_path / "predial.csv"
    ruta.write_text(f"{ENCABEZADO}\nP-2,Luis Gómez,Calle 2,,,,,,,,,,no,2022,600.00\n", encoding="utf-8")
    t = libro.terminal
    cuentas_padron.importar(t.bd, libro.admin, "predial", ruta, t.motor.catalogos[0])
    reloj = Reloj(dt.datetime(2024, 6, 10, 10, 0))
    emitido, _, anios = cuentas.cobrar(
        t, libro.cajero, "predial", "P-2", [Pago("efectivo", Decimal("2000"))], None, reloj
    )
    assert anios == [2023, 2024]
    datos = datos_ticket(t, emitido.folio)
    assert datos.cuenta is not None
    assert (datos.cuenta.etiqueta, datos.cuenta.cuenta, datos.cuenta.ejercicios) == (
        "Cuenta catastral",
        "P-2",
        (2023, 2024),
    )
    assert [x.ejercicio for x in datos.lineas] == [2023, 2024]
    assert datos.domicilio == "Calle 2"  # the cuenta no longer hides under «Domicilio»
    for ancho in Ancho:
        texto = como_texto(componer_ticket(datos, ancho))
        assert "Cuenta catastral: P-2" in texto and "Ejercicios pagados: 2023-2024" in texto
        assert "Periodo: 01/01/2023-31/12/2024" in texto
        assert "Ejercicio: 2023" in texto and "Ejercicio: 2024" in texto
        assert all(len(renglon) <= ancho for renglon in texto.splitlines())
    pdf = _texto_pdf(recibo_pdf(datos, tmp_path / "recibo.pdf"))
    assert "Cuenta catastral P-2" in pdf and "2023-2024 (periodo 01/01/2023-31/12/2024)" in pdf
    assert "Ejercicio: 2024" in pdf


def test_cargo_anual_imprime_su_ejercicio(libro: Libro, tmp_path: Path) -> None:
    t = libro.terminal
    reloj = Reloj(dt.datetime(2024, 5, 15, 10, 0))
    emitido = recibos.cobrar(
        t,
        libro.cajero,
        [("A118-V-a", {}), ("A85-II", {})],  # an annual licence and a one-off certificate
        [Pago("efectivo", Decimal("5000"))],
        {"nombre": "Gasera del Centro", "licencia": "L-77"},
        reloj=reloj,
    )
    datos = datos_ticket(t, emitido.folio)
    assert [(x.clave, x.ejercicio) for x in datos.lineas] == [("A118-V-a", 2024), ("A85-II", None)]
    assert datos.cuenta is not None and (datos.cuenta.etiqueta, datos.cuenta.cuenta, datos.cuenta.ejercicios) == (
        "Licencia",
        "L-77",
        (),
    )
    texto = como_texto(componer_ticket(datos, Ancho.MM58))
    assert texto.count("Ejercicio: 2024") == 1 and "Licencia: L-77" in texto and "Periodo" not in texto
    assert "Ejercicio: 2024" in _texto_pdf(recibo_pdf(datos, tmp_path / "anual.pdf"))
