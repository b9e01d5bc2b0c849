"""Taxpayer accounts: every amount below is computed by hand from the law (Arts. 14, 57-61, 114) and the UMA
table (2023 $103.74 in January 2024, 2024 $108.57, 2025 $113.14), against a real SQLite ledger."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from apoyo import Libro, Reloj
from sqlalchemy import text

from jerez_pos.ledger import cuentas, cuentas_padron, inpc, recibos
from jerez_pos.ledger.comun import EstadoInvalido
from jerez_pos.ledger.padron import PadronInvalido
from jerez_pos.ledger.pagos import Pago

ENCABEZADO = (
    "cuenta,propietario,domicilio,zona,m2_terreno,m2_construccion,tipo_construccion,uso,baldio,"
    "hectareas_riego_gravedad,hectareas_riego_bombeo,hectareas_temporal,vulnerable,pagado_hasta"
)


def _csv(tmp_path: Path, nombre: str, encabezado: str, *filas: str) -> Path:
    ruta = tmp_path / nombre
    ruta.write_text("\n".join([encabezado, *filas]) + "\n", encoding="utf-8")
    return ruta


def _predial(libro: Libro, tmp_path: Path, *filas: str, extra: str = "") -> cuentas_padron.Importacion:
    ruta = _csv(tmp_path, "predial.csv", ENCABEZADO + extra, *filas)
    t = libro.terminal
    return cuentas_padron.importar(t.bd, libro.admin, "predial", ruta, t.motor.catalogos[0])


def _adeudo(libro: Libro, cuenta: str, fecha: str, padron: str = "predial") -> dict:
    return cuentas.adeudo(libro.terminal, padron, cuenta, dt.date.fromisoformat(fecha)).a_dict()


CASA = "P-1,Juana Pérez,Calle 1,III,200,120,B,habitacional,no,,,,{v},2023"  # 4.8140 UMA


@pytest.mark.parametrize(
    ("fecha", "impuesto", "descuento", "total"),
    [
        ("2024-01-15", "499.40", "-74.91", "424.49"),  # 4.8140 × 103.74 = 499.40; 15 %
        ("2024-02-29", "522.66", "-52.27", "470.39"),  # 4.8140 × 108.57 = 522.66; 10 %
        ("2024-03-31", "522.66", "-26.13", "496.53"),  # 5 % until the due date itself
    ],
)
def test_descuento_por_mes_de_pago(libro, tmp_path, fecha, impuesto, descuento, total):
    _predial(libro, tmp_path, CASA.format(v="no"))
    anio = _adeudo(libro, "P-1", fecha)["anios"][0]
    assert (anio["ejercicio"], anio["impuesto"], anio["descuentos"], anio["total"]) == (
        2024,
        impuesto,
        descuento,
        total,
    )
    assert anio["recargos"] == "0.00" and anio["actualizacion"] == "0.00"


def test_vulnerable_suma_diez_y_topa_en_25(libro, tmp_path):
    _predial(libro, tmp_path, CASA.format(v="si"))
    assert _adeudo(libro, "P-1", "2024-02-10")["anios"][0]["descuentos"] == "-104.53"  # 20 % of 522.66
    assert _adeudo(libro, "P-1", "2024-01-10")["anios"][0]["descuentos"] == "-124.85"  # 15 + 10 = 25 % cap
    # After March only the 10 % remains, in its own year; recargos from 31 March on the net tax.
    junio = _adeudo(libro, "P-1", "2024-06-10")["anios"][0]
    assert junio["descuentos"] == "-52.27" and junio["recargos"] == "28.22"  # 470.39 × 6 %


def test_vulnerable_un_solo_predio_por_propietario(libro, tmp_path):
    with pytest.raises(PadronInvalido) as error:
        _predial(
            libro,
            tmp_path,
            CASA.format(v="si"),
            "P-2,JUANA  PEREZ,Calle 9,II,100,,,,no,,,,si,2023",
        )
    assert "línea 3, campo vulnerable" in error.value.problemas[0] and "P-1" in error.value.problemas[0]
    assert cuentas_padron.cuentas(libro.terminal.bd, "predial") == []
    # With an owner id the two Juanas are different people.
    _predial(
        libro,
        tmp_path,
        CASA.format(v="si") + ",,J-1",
        "P-2,JUANA  PEREZ,Calle 9,II,100,,,,no,,,,si,2023,,J-2",
        extra=",documento_vulnerable,propietario_id",
    )


def test_minimo_art59_no_baja_con_el_subsidio(libro, tmp_path):
    _predial(libro, tmp_path, "P-9,Solar,,,,,,,,,,,no,2023")
    anio = _adeudo(libro, "P-9", "2024-01-20")["anios"][0]
    # 2.2260 × 103.74 = 230.93: the January 15 % would leave less than the minimum (Art. 59).
    assert (anio["impuesto"], anio["descuentos"], anio["total"]) == ("230.93", "0.00", "230.93")


def test_lote_baldio_con_recargos(libro, tmp_path):
    _predial(libro, tmp_path, "P-5,Lote,,III,300,,,,si,,,,no,2023")
    anio = _adeudo(libro, "P-5", "2024-07-10")["anios"][0]
    # 2.2260 + 300 × 0.0046 × 2 (baldío: un tanto más) = 4.9860 UMA × 108.57 = 541.33; 4 months × 2 %.
    assert (anio["impuesto"], anio["recargos"], anio["total"]) == ("541.33", "43.31", "584.64")


def test_predio_rustico(libro, tmp_path):
    _predial(libro, tmp_path, "P-7,Rancho,,,,,,,,10,,25,no,2023")
    anio = _adeudo(libro, "P-7", "2024-03-10")["anios"][0]
    # (2.2260 + 10 × 0.9967) × 108.57 + 25 ha × $3.30 = 1406.29; March 5 %.
    assert (anio["impuesto"], anio["descuentos"], anio["total"]) == ("1406.29", "-70.31", "1335.98")


def _inpc(libro, tmp_path, *filas: str) -> None:
    inpc.importar(libro.terminal.bd, _csv(tmp_path, "inpc.csv", "anio,mes,indice,fuente", *filas))


def test_recargos_y_actualizacion_de_varios_anios(libro, tmp_path):
    _predial(libro, tmp_path, "P-9,Solar,,,,,,,,,,,no,2023")
    # Test indices (not INEGI's): April 2025 is missing, so March 2025 is used (Art. 14 fr. III).
    _inpc(libro, tmp_path, "2024,2,100.000,prueba", "2025,2,104.000,prueba", "2025,3,104.567,prueba")
    datos = _adeudo(libro, "P-9", "2025-05-20")
    a2024, a2025 = datos["anios"]
    # 2024: 241.68; factor 104.567/100 = 1.0456 (cut at the ten-thousandth); 14 months × 2 % on 252.70.
    assert (a2024["impuesto"], a2024["actualizacion"], a2024["recargos"], a2024["total"]) == (
        "241.68",
        "11.02",
        "70.76",
        "323.46",
    )
    # 2025 (2024 law by fallback, 2025 UMA): 251.85; factor 104.567/104 = 1.0054; 2 months.
    assert (a2025["impuesto"], a2025["actualizacion"], a2025["recargos"], a2025["total"]) == (
        "251.85",
        "1.36",
        "10.13",
        "263.34",
    )
    assert datos["total"] == "586.80"
    assert any("Art. 14 fr. III" in a for a in datos["advertencias"])


def test_factor_menor_que_uno_y_sin_inpc(libro, tmp_path):
    _predial(libro, tmp_path, "P-9,Solar,,,,,,,,,,,no,2023")
    datos = _adeudo(libro, "P-9", "2024-05-02")
    assert any("factor 1" in a for a in datos["advertencias"])
    _inpc(libro, tmp_path, "2024,2,110", "2024,4,100")
    anio = _adeudo(libro, "P-9", "2024-05-02")["anios"][0]
    assert anio["actualizacion"] == "0.00" and anio["recargos"] == "9.67"  # factor 0.9090 → 1 (fr. V); 2 months


def test_adeudos_historicos_del_padron(libro, tmp_path):
    _predial(libro, tmp_path, "P-2,Luis,,,,,,,,,,,no,2021,500,600.50", extra=",adeudo_2022,adeudo_2023")
    datos = _adeudo(libro, "P-2", "2024-06-10")
    assert [a["ejercicio"] for a in datos["anios"]] == [2022, 2023, 2024]
    a2022, a2023, _ = datos["anios"]
    assert (a2022["impuesto"], a2022["recargos"], a2022["total"]) == ("500.00", "270.00", "770.00")  # 27 months
    assert (a2023["impuesto"], a2023["recargos"], a2023["total"]) == ("600.50", "180.15", "780.65")  # 15 months
    assert datos["pagado_hasta"] == 2021


def test_cobro_anulacion_y_doble_cobro(libro, tmp_path):
    _predial(libro, tmp_path, "P-2,Luis,,,,,,,,,,,no,2021,500,600", extra=",adeudo_2022,adeudo_2023")
    t = libro.terminal
    reloj = Reloj(dt.datetime(2024, 6, 10, 10, 0))
    with pytest.raises(EstadoInvalido, match="más antiguo"):
        cuentas.cobrar(t, libro.cajero, "predial", "P-2", [Pago("efectivo", Decimal("2000"))], [2023], reloj)
    emitido, _, anios = cuentas.cobrar(
        t, libro.cajero, "predial", "p-2", [Pago("efectivo", Decimal("2000"))], [2022, 2023], reloj
    )
    assert anios == [2022, 2023] and emitido.total == Decimal("1550.00")
    with t.bd.connect() as c:
        ligas = c.execute(text("SELECT linea, ejercicio FROM recibo_cuenta ORDER BY linea")).all()
    assert [tuple(x) for x in ligas] == [(1, 2022), (2, 2023)]
    impreso = recibos.reimprimir(t, libro.cajero, emitido.folio)
    assert impreso["contribuyente"]["cuenta_catastral"] == "P-2"
    assert ["ejercicio 2022" in x["descripcion"] for x in impreso["lineas"]] == [True, False]
    assert _adeudo(libro, "P-2", "2024-06-10")["pagado_hasta"] == 2023
    with pytest.raises(EstadoInvalido, match="nada que cobrar"):
        cuentas.cobrar(t, libro.cajero, "predial", "P-2", [Pago("efectivo", Decimal("2000"))], [2022], reloj)
    recibos.anular(t, libro.supervisor, emitido.folio, "cobro equivocado", reloj=reloj)
    datos = _adeudo(libro, "P-2", "2024-06-10")
    assert [a["ejercicio"] for a in datos["anios"]] == [2022, 2023, 2024] and datos["pagado_hasta"] == 2021
    emitido, _, anios = cuentas.cobrar(
        t, libro.cajero, "predial", "P-2", [Pago("efectivo", Decimal("3000"))], None, reloj
    )
    assert anios == [2022, 2023, 2024] and emitido.total == Decimal("1806.18")
    with pytest.raises(EstadoInvalido, match="nada que cobrar"):
        cuentas.cobrar(t, libro.cajero, "predial", "P-2", [Pago("efectivo", Decimal("10"))], None, reloj)
    assert _adeudo(libro, "P-2", "2023-12-01")["pagado_hasta"] == 2024  # an earlier date sees the later payment


def test_comercio_refrendo_subsidio_y_licencia_anual(libro, tmp_path):
    t = libro.terminal
    ruta = _csv(
        tmp_path,
        "comercio.csv",
        "licencia,titular,domicilio,giro,pagado_hasta",
        "L-1,Tienda,,1,2023",
        "L-2,Gasera,,197,2023",
    )
    assert cuentas_padron.importar(t.bd, libro.admin, "comercio", ruta, t.motor.catalogos[0]).nuevas == 2
    anio = _adeudo(libro, "L-1", "2024-02-10", "comercio")["anios"][0]
    # 3.5805 × 108.57 = 388.73; Art. 114: 50 % before 31 March. The beer licence is an alternative: not annual.
    assert (anio["impuesto"], anio["descuentos"], anio["total"]) == ("388.73", "-194.37", "194.36")
    assert [x["clave"] for x in anio["lineas"]] == ["A114-III-1"]
    anio = _adeudo(libro, "L-2", "2024-05-15", "comercio")["anios"][0]
    # 7.0534 × 108.57 = 765.79 and licencia ambiental A118-V-a 23 × 108.57 = 2497.11; 2 months × 2 %.
    assert [x["clave"] for x in anio["lineas"]] == ["A114-III-197", "A118-V-a"]
    assert all(x["descripcion"].endswith("(ejercicio 2024)") for x in anio["lineas"])
    assert (anio["impuesto"], anio["recargos"], anio["total"]) == ("3262.90", "130.51", "3393.41")


def test_reimportar_registra_diferencias_y_exportar_ida_y_vuelta(libro, tmp_path):
    _predial(libro, tmp_path, CASA.format(v="no"), "P-9,Solar,,,,,,,,,,,no,2023")
    r = _predial(libro, tmp_path, CASA.format(v="no").replace(",200,", ",250,"), "P-9,Solar,,,,,,,,,,,no,2023")
    assert (r.nuevas, r.actualizadas, r.sin_cambios) == (0, 1, 1)
    assert r.diferencias == ["P-1.m2_terreno: «200» → «250»"]
    with libro.terminal.bd.connect() as c:
        assert c.execute(text("SELECT count(*) FROM cuenta_registro WHERE cuenta = 'P-1'")).scalar_one() == 2
        with pytest.raises(Exception, match="solo anexar"):
            c.execute(text("UPDATE cuenta_registro SET titular = 'x'"))
    destino = tmp_path / "exportado.csv"
    assert cuentas_padron.exportar(libro.terminal.bd, "predial", destino) == 2
    assert destino.read_text(encoding="utf-8").splitlines()[0] == ENCABEZADO
    t = libro.terminal
    r = cuentas_padron.importar(t.bd, libro.admin, "predial", destino, t.motor.catalogos[0])
    assert (r.nuevas, r.actualizadas, r.sin_cambios) == (0, 0, 2)


def test_archivo_invalido_nombra_linea_y_campo_y_no_escribe(libro, tmp_path):
    with pytest.raises(PadronInvalido) as error:
        _predial(libro, tmp_path, CASA.format(v="no"), "P-3,Ana,,IX,100,,,,no,,,,no,2023", "P-4,,,,,,,,,,,,,20x")
    assert error.value.problemas[0].startswith("línea 3, campo zona")
    assert any(p.startswith("línea 4, campo propietario") for p in error.value.problemas)
    assert any(p.startswith("línea 4, campo pagado_hasta") for p in error.value.problemas)
    assert cuentas_padron.cuentas(libro.terminal.bd, "predial") == []
    with pytest.raises(PadronInvalido, match="adeudo_2024"):
        _predial(libro, tmp_path, "P-9,Solar,,,,,,,,,,,no,2023,10", extra=",adeudo_2024")


def test_estado_de_cuenta_pdf(libro, tmp_path):
    from pypdf import PdfReader

    from jerez_pos.printing.pdf.estado_cuenta import estado_cuenta_pdf

    _predial(libro, tmp_path, "P-2,Luis Gómez,Calle 2,,,,,,,,,,no,2021,500,600.50", extra=",adeudo_2022,adeudo_2023")
    adeudo = cuentas.adeudo(libro.terminal, "predial", "P-2", dt.date(2024, 6, 10))
    ruta = estado_cuenta_pdf(libro.terminal, adeudo, tmp_path / "estado.pdf")
    texto = " ".join(" ".join(pagina.extract_text() for pagina in PdfReader(ruta).pages).split())
    assert "ESTADO DE CUENTA — IMPUESTO PREDIAL" in texto and "Luis Gómez" in texto
    assert "$770.00" in texto and "$780.65" in texto
    assert f"Total a pagar {'$' + format(adeudo.total, ',.2f')}" in texto
    assert "no es un recibo" in texto


def test_cobro_concurrente_se_rechaza_dentro_de_la_transaccion(libro, tmp_path, monkeypatch):
    _predial(libro, tmp_path, "P-9,Solar,,,,,,,,,,,no,2023")
    t = libro.terminal
    reloj = Reloj(dt.datetime(2024, 5, 2, 9, 0))
    emitido, _, _ = cuentas.cobrar(t, libro.cajero, "predial", "P-9", [Pago("efectivo", Decimal("300"))], None, reloj)
    impreso = recibos.reimprimir(t, libro.cajero, emitido.folio)
    assert impreso["lineas"][0]["parametros"]["ejercicio"] == "2024"
    # Another terminal session read the account before this charge committed: its check passed, the lock's not.
    monkeypatch.setattr(cuentas, "pagados", lambda *_: set())
    with pytest.raises(EstadoInvalido, match="ya se pagó"):
        cuentas.cobrar(t, libro.cajera2, "predial", "P-9", [Pago("efectivo", Decimal("300"))], None, reloj)
    with t.bd.connect() as c:
        assert c.execute(text("SELECT count(*) FROM recibo")).scalar_one() == 1
        assert c.execute(text("SELECT count(*) FROM recibo_cuenta")).scalar_one() == 1


def test_anios_pagados_sobreviven_a_restaurar_ultimo(libro, tmp_path):
    """The years a receipt paid are journaled with it: after the ledger is lost and rebuilt with
    ``restaurar --ultimo`` they are still paid (charging them again is refused), never owed a second time."""
    import sqlite3

    from apoyo import CLAVE

    from jerez_pos.ledger import recuperacion
    from jerez_pos.ledger.terminal import Terminal

    _predial(libro, tmp_path, "P-9,Rosa,,,,,,,,,,,no,2021,500,600", extra=",adeudo_2022,adeudo_2023")
    t = libro.terminal
    reloj = Reloj(dt.datetime(2024, 6, 10, 10, 0))
    cuentas.cobrar(t, libro.cajero, "predial", "P-9", [Pago("efectivo", Decimal("2000"))], [2022, 2023], reloj)
    ruta_bd = t.directorio / "jerez_pos.sqlite3"
    with sqlite3.connect(ruta_bd) as conexion:
        antes = conexion.execute("SELECT * FROM recibo_cuenta ORDER BY id").fetchall()
    t.bd.dispose()
    ruta_bd.write_bytes(b"")
    recuperacion.restaurar_ultimo(t.directorio, lambda: ("admin", CLAVE))
    with sqlite3.connect(ruta_bd) as conexion:
        assert conexion.execute("SELECT * FROM recibo_cuenta ORDER BY id").fetchall() == antes
    libro.terminal = Terminal(t.directorio)
    assert _adeudo(libro, "P-9", "2024-06-10")["pagado_hasta"] == 2023
    with pytest.raises(EstadoInvalido, match="nada que cobrar"):
        cuentas.cobrar(
            libro.terminal, libro.cajero, "predial", "P-9", [Pago("efectivo", Decimal("2000"))], [2022], reloj
        )


def test_titular_con_controles_de_un_padrón_anterior_no_llega_al_recibo(libro, tmp_path, monkeypatch):
    """A roll imported before names were sanitized (simulated: the import's sanitizer disabled) still
    charges, and the receipt (what the printer gets) carries no ESC/GS byte."""
    monkeypatch.setattr(cuentas_padron, "limpiar", lambda valor, *_a, **_k: valor)
    _predial(libro, tmp_path, "P-7,Ana\x1bp\x00\x19\x1dV,Calle\x1b 9,,,,,,,,,,no,2023")
    monkeypatch.undo()
    t = libro.terminal
    reloj = Reloj(dt.datetime(2024, 5, 2, 9, 0))
    emitido, _, _ = cuentas.cobrar(t, libro.cajero, "predial", "P-7", [Pago("efectivo", Decimal("300"))], None, reloj)
    impreso = recibos.reimprimir(t, libro.cajero, emitido.folio)
    assert impreso["contribuyente"]["nombre"] == "AnapV" and impreso["contribuyente"]["domicilio"] == "Calle 9"
