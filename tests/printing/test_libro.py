"""Committed ledger receipts mapped to DatosTicket: figures, legends, voids, demo, QR and its signature."""

from __future__ import annotations

import sqlite3
from decimal import Decimal

import pytest

from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.ledger import identidad, recibos
from jerez_pos.printing.libro import datos_ticket, fundamento_de_clave, leer_recibo
from jerez_pos.printing.ticket import como_texto, componer_ticket
from jerez_pos.printing.verificacion import DatosQR, leer_qr


def _hash(home, folio: str) -> bytes:
    serie, numero = folio.split("-")
    with sqlite3.connect(home / "jerez_pos.sqlite3") as c:
        return bytes(
            c.execute("SELECT hash FROM recibo WHERE serie=? AND numero=?", (serie, int(numero))).fetchone()[0]
        )


def test_efectivo_con_ajuste_art20_y_cambio(cobrados):
    datos = datos_ticket(cobrados.libro.terminal, cobrados.efectivo)
    assert datos.folio == "JRZ1-1" and datos.copia == 0 and datos.leyenda_copia == "ORIGINAL"
    assert datos.contribuyente == "Ñandú Pérez" and datos.municipio == "MUNICIPIO DE JEREZ"
    linea = datos.lineas[0]
    assert linea.clave == "A85-II" and linea.uma == Decimal("108.57") and linea.fundamento.startswith("Art. 85")
    assert datos.total == linea.importe + datos.redondeo_art20 and datos.total == datos.total.to_integral_value()
    assert datos.pagos[0].forma == "Efectivo" and datos.cambio == Decimal("200") - datos.total
    assert not datos.cancelado and not datos.demo


def test_tarjeta_con_modificador_y_referencia(cobrados):
    datos = datos_ticket(cobrados.libro.terminal, cobrados.tarjeta)
    assert datos.total == Decimal("2388.54") and datos.redondeo_art20 == 0
    assert [m.importe for m in datos.modificadores] == [Decimal("217.14")]
    assert "Universidad" in datos.modificadores[0].descripcion
    assert datos.pagos[0].referencia == "**** 4242 Aut. A1B2C3"


def test_varios_conceptos_modificador_con_clave(cobrados):
    datos = datos_ticket(cobrados.libro.terminal, cobrados.mixto)
    assert [x.clave for x in datos.lineas] == ["A85-II", "A109"]
    assert datos.modificadores[0].descripcion.endswith("(A109)")
    assert sum(p.importe for p in datos.pagos) - datos.cambio == datos.total


def test_anulado_imprime_anulado(cobrados):
    datos = datos_ticket(cobrados.libro.terminal, cobrados.anulado, copia=1)
    assert datos.cancelado and datos.leyenda_copia == "COPIA — REIMPRESIÓN 1"
    texto = como_texto(componer_ticket(datos, 32))
    assert "*** RECIBO ANULADO ***" in texto and "ORIGINAL" not in texto


def test_qr_firmado_por_la_terminal_y_codigo_de_la_central(cobrados):
    terminal = cobrados.libro.terminal
    datos = datos_ticket(terminal, cobrados.efectivo)
    qr = leer_qr(datos.qr_payload)
    ident = identidad.exigir_identidad(terminal.bd)
    assert qr.folio == "JRZ1-1" and qr.serie == "JRZ1" and qr.fecha == "2024-06-15T09:07:00"
    assert qr.codigo == _hash(cobrados.home, "JRZ1-1").hex()[:16].upper() == datos.codigo_verificacion
    assert qr.firma_valida(ident.llave_publica)
    alterado = DatosQR(qr.folio, qr.fecha, "1.00", qr.serie, qr.codigo, qr.firma)
    assert not alterado.firma_valida(ident.llave_publica)
    # the same receipt always yields the same QR (Ed25519 is deterministic): copies match the original
    assert datos_ticket(terminal, cobrados.efectivo, copia=3).qr_payload == datos.qr_payload


def test_qr_como_direccion_de_la_central(cobrados):
    datos = datos_ticket(cobrados.libro.terminal, cobrados.efectivo, url_central="https://central.example/")
    assert datos.qr_payload.startswith("https://central.example/v1/verificar?folio=JRZ1-1&codigo=")
    qr = leer_qr(datos.qr_payload)
    assert qr.codigo.lower() in datos.qr_payload and qr.total in datos.qr_payload
    assert qr.firma_valida(identidad.exigir_identidad(cobrados.libro.terminal.bd).llave_publica)
    assert len(datos.qr_payload) < 300  # fits a version-11 QR at level M: 61 modules, 305 dots at size 5


def test_reimpresiones_se_cuentan_del_libro(cobrados):
    terminal = cobrados.libro.terminal
    antes = leer_recibo(terminal, cobrados.tarjeta).reimpresiones
    recibos.reimprimir(terminal, cobrados.libro.cajero, cobrados.tarjeta, reloj=cobrados.reloj)
    assert leer_recibo(terminal, cobrados.tarjeta).reimpresiones == antes + 1


def test_folio_invalido_o_inexistente(cobrados):
    with pytest.raises(ErrorEntrada, match="FOLIO"):
        datos_ticket(cobrados.libro.terminal, "sin-guion-x")
    with pytest.raises(ErrorEntrada, match="no existe el recibo JRZ1-999"):
        datos_ticket(cobrados.libro.terminal, "jrz1-999")


@pytest.mark.parametrize(
    ("clave", "texto"),
    [
        ("A85-II", "Art. 85 fr. II"),
        ("A84-I-a-2", "Art. 84 fr. I inciso a) numeral 2"),
        ("A93", "Art. 93"),
        ("A106-I-eventual", "Art. 106 fr. I (eventual)"),
        ("A114-III-470", "Art. 114 fr. III numeral 470"),
    ],
)
def test_fundamento_desde_la_clave(clave, texto):
    assert fundamento_de_clave(clave) == texto


def test_demo_lleva_leyenda(tmp_path):
    from jerez_pos.ledger import demo
    from jerez_pos.ledger.terminal import Terminal

    terminal = Terminal(tmp_path / "demo")
    cajero = demo.preparar(terminal)
    emitido = next(demo.emitir(terminal, cajero, 1, semilla=3))
    datos = datos_ticket(terminal, emitido.folio)
    assert datos.demo and "DEMOSTRACIÓN" in como_texto(componer_ticket(datos, 48))
