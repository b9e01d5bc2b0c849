"""Migration c0006 rebuilds central's account view from the receipts and voids it already holds, exactly as
the batches would have written it."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from fabrica import Fabrica

from jerez_pos.central import bd, cuentas, terminales
from jerez_pos.central.servicio import Servicio
from jerez_pos.sync import protocolo as p
from tests.central.test_pago_doble_concurrente import _recibo, dos_delegaciones

AHORA = dt.datetime(2024, 2, 1, 12, 0, tzinfo=dt.UTC)


def test_c0006_rellena_desde_la_cadena(tmp_path):
    motor = bd.abrir(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    bd.migrar(motor)
    alta = terminales.crear(motor, "Ermita", AHORA)
    fabrica = Fabrica(alta.serie)
    terminales.inscribir(motor, alta.codigo, fabrica.publica, AHORA)
    comun = fabrica.recibo(AHORA)
    pagado = _recibo(fabrica, "P-1", 2024, 42449)
    anulado = _recibo(fabrica, "P-2", 2023, 23093)
    anulacion = fabrica._eslabon(
        "anulacion",
        {
            "tipo": "anulacion",
            "recibo_hash": anulado.hash.hex(),
            "recibo_id": 2,
            "eslabon": fabrica.almacen.punta() + 1,
            "supervisor_id": 2,
            "usuario_id": 1,
            "motivo": "cobro equivocado",
            "fecha": "2024-01-15T11:00:00",
        },
    )
    registros = [comun, pagado, anulado, anulacion]
    cuerpo = p.cuerpo_lote(registros, registros[-1].secuencia)
    firmados = p.encabezados_firmados(fabrica.llave, alta.serie, "POST", "/v1/lotes", cuerpo, int(AHORA.timestamp()))
    servicio = Servicio(motor, reloj=lambda: AHORA)
    assert servicio.atender("POST", "/v1/lotes", {}, {k.lower(): v for k, v in firmados.items()}, cuerpo).estado == 200
    antes = [cuentas.vista(motor, "predial", c) for c in ("P-1", "P-2")]
    assert antes[0]["anios_pagados"] == [2024] and antes[1]["anios_pagados"] == []
    assert [x["vigente"] for x in antes[1]["pagos"]] == [False]

    # Back to c0005 with the receipts already stored, then forward again.
    with motor.begin() as c:
        c.execute(sa.text("DROP TABLE cuenta_pago"))
        c.execute(sa.text("UPDATE alembic_version SET version_num = 'c0005'"))
    bd.migrar(motor)
    despues = [cuentas.vista(motor, "predial", c) for c in ("P-1", "P-2")]
    quitar = ("anulado_en",)  # the rebuild stamps the void's arrival, the batch its own: same instant here
    assert [[{k: v for k, v in x.items() if k not in quitar} for x in d["pagos"]] for d in despues] == [
        [{k: v for k, v in x.items() if k not in quitar} for x in d["pagos"]] for d in antes
    ]
    assert [d["anios_pagados"] for d in despues] == [[2024], []]
    motor.dispose()


def _enviar(servicio: Servicio, fabrica: Fabrica, registros: list[p.Registro]) -> None:
    cuerpo = p.cuerpo_lote(registros, registros[-1].secuencia)
    firmados = p.encabezados_firmados(fabrica.llave, fabrica.serie, "POST", "/v1/lotes", cuerpo, int(AHORA.timestamp()))
    assert servicio.atender("POST", "/v1/lotes", {}, {k.lower(): v for k, v in firmados.items()}, cuerpo).estado == 200


def _dobles(motor: sa.Engine) -> list[tuple[int, int, str, str, str]]:
    with motor.connect() as c:
        filas = c.execute(
            sa.text(
                "SELECT terminal_id, secuencia, uid, motivo, recibido FROM conflicto "
                "WHERE campo = 'pago_doble.predial' ORDER BY id"
            )
        ).all()
    return [tuple(f) for f in filas]


def test_c0008_anota_los_pagos_dobles_guardados_antes_de_c0006(tmp_path):
    """A central database at c0005 already holding P-1 2024 charged by two delegaciones (and P-2 2023 charged
    twice, one of them voided): after migrating, the conflict log has the P-1 double payment exactly as a
    batch arriving after c0006 writes it, and nothing for P-2 (only one receipt in force)."""
    motor = bd.abrir(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    bd.migrar(motor)
    servicio = Servicio(motor, reloj=lambda: AHORA)
    fabricas = dos_delegaciones(motor)
    primero = [_recibo(fabricas[0], "P-1", 2024, 42449), _recibo(fabricas[0], "P-2", 2023, 23093)]
    _enviar(servicio, fabricas[0], primero)
    doble = _recibo(fabricas[1], "P-1", 2024, 42449)
    segundo = _recibo(fabricas[1], "P-2", 2023, 23093)
    anulacion = fabricas[1]._eslabon(
        "anulacion",
        {
            "tipo": "anulacion",
            "recibo_hash": segundo.hash.hex(),
            "recibo_id": 2,
            "eslabon": fabricas[1].almacen.punta() + 1,
            "supervisor_id": 2,
            "usuario_id": 1,
            "motivo": "cobrado en otra delegación",
            "fecha": "2024-01-15T11:00:00",
        },
    )
    _enviar(servicio, fabricas[1], [doble, segundo, anulacion])
    en_vivo = [x for x in _dobles(motor) if "P-1" in x[3]]
    assert len(en_vivo) == 1 and "se cobró 2 veces" in en_vivo[0][3]

    # The same receipts stored before c0006: no cuenta_pago and no double-payment conflict yet.
    with motor.begin() as c:
        c.execute(sa.text("DROP TABLE cuenta_pago"))
        c.execute(sa.text("DELETE FROM conflicto WHERE campo LIKE 'pago_doble.%'"))
        c.execute(sa.text("UPDATE alembic_version SET version_num = 'c0005'"))
    assert _dobles(motor) == []
    bd.migrar(motor)
    assert _dobles(motor) == en_vivo
    assert cuentas.vista(motor, "predial", "P-1")["pagos_dobles"] == [2024]
    assert cuentas.vista(motor, "predial", "P-2")["pagos_dobles"] == []

    # Run again over a base whose double payment is already logged: it is not logged twice.
    with motor.begin() as c:
        c.execute(sa.text("UPDATE alembic_version SET version_num = 'c0006'"))
    bd.migrar(motor)
    assert _dobles(motor) == en_vivo
    motor.dispose()
