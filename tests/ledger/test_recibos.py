"""Charging, folios, the Art. 20 line, voids, the clock defence and append-only tables."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from decimal import Decimal

import pytest
from apoyo import Libro, Reloj
from sqlalchemy import text

from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.ledger import recibos
from jerez_pos.ledger.comun import EstadoInvalido, SinPermiso
from jerez_pos.ledger.pagos import Pago
from jerez_pos.ledger.verificacion import todo_bien, verificar

ACTA = ("A85-II", {})  # 1.0603 UMA: 124.38 in 2026 (2024 catalog, 2026 UMA 117.31)


def efectivo(monto: str) -> list[Pago]:
    return [Pago("efectivo", Decimal(monto))]


def test_folios_consecutivos_y_cadena_valida(libro: Libro) -> None:
    folios = [recibos.cobrar(libro.terminal, libro.cajero, [ACTA], efectivo("200")).folio for _ in range(5)]
    assert folios == [f"JRZ1-{n}" for n in range(1, 6)]
    resultado = verificar(libro.terminal.bd)
    assert todo_bien(resultado)
    assert resultado["series"] == {"JRZ1": {"primero": 1, "ultimo": 5, "huecos": []}}


def test_entrada_invalida_no_consume_folio(libro: Libro) -> None:
    with pytest.raises(ErrorEntrada):
        recibos.cobrar(libro.terminal, libro.cajero, [ACTA], efectivo("10"))
    with pytest.raises(ErrorEntrada):
        recibos.cobrar(libro.terminal, libro.cajero, [("A999-X", {})], efectivo("200"))
    assert recibos.cobrar(libro.terminal, libro.cajero, [ACTA], efectivo("200")).folio == "JRZ1-1"


def test_ajuste_art20_y_cambio_al_centavo(libro: Libro) -> None:
    cot = libro.terminal.cotizar(*ACTA)
    emitido = recibos.cobrar(libro.terminal, libro.cajero, [ACTA], efectivo("200"))
    centavos = cot.total - int(cot.total)
    esperado_ajuste = -centavos if centavos <= Decimal("0.50") else 1 - centavos
    assert emitido.total == cot.total
    assert emitido.ajuste == esperado_ajuste
    assert emitido.a_pagar == cot.total + esperado_ajuste
    assert emitido.cambio == Decimal("200") - emitido.a_pagar
    tarjeta = recibos.cobrar(
        libro.terminal, libro.cajero, [ACTA], [Pago("tarjeta", cot.total, ultimos4="4242", autorizacion="AB12")]
    )
    assert (tarjeta.ajuste, tarjeta.cambio) == (0, 0)


def test_pago_mixto_solo_redondea_el_efectivo(libro: Libro) -> None:
    total = libro.terminal.cotizar(*ACTA).total
    emitido = recibos.cobrar(
        libro.terminal,
        libro.cajero,
        [ACTA],
        [Pago("tarjeta", Decimal("100.00"), ultimos4="1111", autorizacion="X"), Pago("efectivo", Decimal("50"))],
    )
    resto = total - Decimal("100.00")
    assert emitido.a_pagar == Decimal("100.00") + (resto + emitido.ajuste)
    assert (resto + emitido.ajuste) == (resto + emitido.ajuste).to_integral_value()


def test_tarjeta_guarda_solo_ultimos_cuatro(libro: Libro) -> None:
    with pytest.raises(ErrorEntrada, match="últimos 4"):
        recibos.cobrar(
            libro.terminal,
            libro.cajero,
            [ACTA],
            [Pago("tarjeta", Decimal("124.38"), ultimos4="4111111111111111", autorizacion="X")],
        )


def test_snapshot_de_cotizacion_en_la_linea(libro: Libro) -> None:
    recibos.cobrar(libro.terminal, libro.cajero, [ACTA], efectivo("200"))
    with libro.terminal.bd.connect() as c:
        snap = json.loads(c.execute(text("SELECT cotizacion FROM recibo_linea")).scalar_one())
    assert snap["clave"] == "A85-II" and snap["unidades_uma"] == "1.0603"
    assert snap["uma"] and snap["catalogo"] and snap["total"]


def test_anulacion_es_fila_nueva_y_folio_queda_usado(libro: Libro) -> None:
    emitido = recibos.cobrar(libro.terminal, libro.cajero, [ACTA], efectivo("200"))
    recibos.anular(libro.terminal, libro.supervisor, emitido.folio, "captura equivocada", libro.cajero)
    with pytest.raises(EstadoInvalido, match="ya está anulado"):
        recibos.anular(libro.terminal, libro.supervisor, emitido.folio, "captura equivocada")
    assert recibos.cobrar(libro.terminal, libro.cajero, [ACTA], efectivo("200")).folio == "JRZ1-2"
    resultado = verificar(libro.terminal.bd)
    assert todo_bien(resultado) and resultado["anulaciones"] == 1


def test_reloj_atrasado_detiene_el_cobro(libro: Libro) -> None:
    reloj = Reloj(dt.datetime(2026, 3, 1, 12, 0, 0))
    recibos.cobrar(libro.terminal, libro.cajero, [ACTA], efectivo("200"), reloj=reloj)
    reloj.ahora = dt.datetime(2026, 3, 1, 11, 59, 0)
    with pytest.raises(recibos.RelojAtrasado, match="corrija la fecha"):
        recibos.cobrar(libro.terminal, libro.cajero, [ACTA], efectivo("200"), reloj=reloj)
    reloj.ahora = dt.datetime(2026, 3, 1, 12, 0, 5)
    assert recibos.cobrar(libro.terminal, libro.cajero, [ACTA], efectivo("200"), reloj=reloj).folio == "JRZ1-2"


def test_tablas_de_solo_anexar(libro: Libro) -> None:
    recibos.cobrar(libro.terminal, libro.cajero, [ACTA], efectivo("200"))
    conexion = sqlite3.connect(libro.terminal.bd.url.database)
    for sentencia in (
        "UPDATE recibo SET total_centavos = 1",
        "DELETE FROM recibo_linea",
        "DELETE FROM outbox",
        "UPDATE turno SET fondo_centavos = 0",
        "DELETE FROM auditoria",
    ):
        with pytest.raises(sqlite3.IntegrityError, match="solo anexar"):
            conexion.execute(sentencia)


def test_outbox_una_fila_por_recibo_y_anulacion(libro: Libro) -> None:
    emitido = recibos.cobrar(libro.terminal, libro.cajero, [ACTA], efectivo("200"))
    recibos.anular(libro.terminal, libro.supervisor, emitido.folio, "captura equivocada")
    with libro.terminal.bd.connect() as c:
        tipos = [f[0] for f in c.execute(text("SELECT tipo FROM outbox ORDER BY id"))]
    assert tipos == ["recibo", "anulacion"]


def test_alteracion_rompe_la_cadena(libro: Libro) -> None:
    for _ in range(3):
        recibos.cobrar(libro.terminal, libro.cajero, [ACTA], efectivo("200"))
    conexion = sqlite3.connect(libro.terminal.bd.url.database)
    conexion.execute("DROP TRIGGER recibo_linea_sin_update")
    conexion.execute("UPDATE recibo_linea SET total_centavos = 100 WHERE recibo_id = 2")
    conexion.commit()
    resultado = verificar(libro.terminal.bd)
    assert resultado["cadena"] == "rota" and "JRZ1-2" in resultado["detalle"]


def test_cajero_no_anula_ni_autoriza(libro: Libro) -> None:
    emitido = recibos.cobrar(libro.terminal, libro.cajero, [ACTA], efectivo("200"))
    with pytest.raises(SinPermiso):
        recibos.anular(libro.terminal, libro.cajero, emitido.folio, "me equivoqué yo")
    with pytest.raises(SinPermiso):
        recibos.cobrar(
            libro.terminal,
            libro.cajero,
            [("A103-III-mensual", {"unidades": "1.0000"})],
            efectivo("1000"),
            autorizacion=recibos.Autorizacion(libro.cajera2, "descuento", "ACUERDO 1"),
        )


def test_rango_legal_requiere_supervisor_y_queda_registrado(libro: Libro) -> None:
    rango = [("A103-III-mensual", {"unidades": "1.0000"})]
    with pytest.raises(EstadoInvalido, match="supervisor"):
        recibos.cobrar(libro.terminal, libro.cajero, rango, efectivo("1000"))
    autorizacion = recibos.Autorizacion(libro.supervisor, "monto mínimo por primera falta", "ACUERDO 12/2024")
    recibos.cobrar(libro.terminal, libro.cajero, rango, efectivo("1000"), autorizacion=autorizacion)
    with libro.terminal.bd.connect() as c:
        fila = c.execute(text("SELECT supervisor_id, referencia FROM autorizacion")).one()
    assert tuple(fila) == (libro.supervisor.usuario_id, "ACUERDO 12/2024")
    assert todo_bien(verificar(libro.terminal.bd))
