"""Double payments when two delegaciones' batches arrive at the same moment, on the real PostgreSQL.

Under READ COMMITTED two batch transactions would each miss the other's uncommitted payment; the per
(account, year) advisory lock makes the second one wait and see the first. Twenty rounds, each with both
terminals sending, at once (a barrier), a batch whose receipt pays the same account-year: every round must
leave exactly one conflict naming both folios, and an account-year paid only once none.
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

from fabrica import Fabrica

from jerez_pos.central import bd, cuentas, terminales, vista_terminales
from jerez_pos.central.servicio import Servicio
from jerez_pos.sync import protocolo as p

AHORA = dt.datetime(2024, 2, 1, 12, 0, tzinfo=dt.UTC)
RONDAS = 20


def _recibo(fabrica: Fabrica, cuenta: str, ejercicio: int, centavos: int) -> p.Registro:
    """A receipt like ``cobrar-adeudo`` writes it: the account in the contribuyente, the year in the line."""
    fabrica.numero += 1
    documento = {
        "tipo": "recibo",
        "serie": fabrica.serie,
        "numero": fabrica.numero,
        "eslabon": fabrica.almacen.punta() + 1,
        "turno_id": 1,
        "cajero_id": 1,
        "fecha": "2024-01-15T10:00:00",
        "total_centavos": centavos,
        "ajuste_centavos": 0,
        "cambio_centavos": 0,
        "contribuyente": {"nombre": "Juana Pérez", "cuenta_catastral": cuenta},
        "lineas": [
            {
                "n": 1,
                "clave": "A57",
                "rubro": "Impuestos",
                "total_centavos": centavos,
                "cotizacion": {"parametros": {"ejercicio": str(ejercicio), "zona": "III"}},
            }
        ],
        "pagos": [{"n": 1, "forma": "tarjeta", "importe_centavos": centavos, "datos": {}}],
        "autorizaciones": [],
    }
    return fabrica._eslabon("recibo", documento)


def dos_delegaciones(motor: Any) -> list[Fabrica]:
    """Two terminals enrolled at Ermita and Los Haro, as factories of signed records."""
    fabricas = []
    for delegacion in ("Ermita", "Los Haro"):
        alta = terminales.crear(motor, delegacion, AHORA)
        fabrica = Fabrica(alta.serie)
        terminales.inscribir(motor, alta.codigo, fabrica.publica, AHORA)
        fabricas.append(fabrica)
    return fabricas


def test_lotes_simultaneos_no_se_pierden_el_pago_doble(url_pg):
    motor = bd.abrir(url_pg)
    bd.migrar(motor)
    servicio = Servicio(motor, reloj=lambda: AHORA)
    fabricas = dos_delegaciones(motor)
    barrera = threading.Barrier(2)
    fallas: list[object] = []

    def enviar(fabrica: Fabrica, cuenta: str, centavos: int) -> None:
        registros = [fabrica.recibo(AHORA), _recibo(fabrica, cuenta, 2024, centavos), fabrica.recibo(AHORA)]
        cuerpo = p.cuerpo_lote(registros, registros[-1].secuencia)
        firmados = p.encabezados_firmados(
            fabrica.llave, fabrica.serie, "POST", "/v1/lotes", cuerpo, int(AHORA.timestamp())
        )
        barrera.wait(30)
        r = servicio.atender("POST", "/v1/lotes", {}, {k.lower(): v for k, v in firmados.items()}, cuerpo)
        if r.estado != 200:
            fallas.append(r.json())

    try:
        for ronda in range(RONDAS):
            hilos = [threading.Thread(target=enviar, args=(f, f"P-{ronda}", 40000 + n)) for n, f in enumerate(fabricas)]
            for hilo in hilos:
                hilo.start()
            for hilo in hilos:
                hilo.join(60)
        # One more account-year charged once: no conflict for it.
        unico = [_recibo(fabricas[0], "P-UNICO", 2024, 12345)]
        cuerpo = p.cuerpo_lote(unico, unico[-1].secuencia)
        firmados = p.encabezados_firmados(
            fabricas[0].llave, fabricas[0].serie, "POST", "/v1/lotes", cuerpo, int(AHORA.timestamp())
        )
        assert (
            servicio.atender("POST", "/v1/lotes", {}, {k.lower(): v for k, v in firmados.items()}, cuerpo).estado == 200
        )

        assert fallas == []
        dobles = [c for c in vista_terminales.conflictos(motor, limite=1000) if c.campo == "pago_doble.predial"]
        assert sorted(c.detalle["cuenta"] for c in dobles if c.detalle) == sorted(f"P-{r}" for r in range(RONDAS))
        for c in dobles:
            assert c.detalle is not None
            assert sorted(x["importe"] for x in c.detalle["pagos"]) == ["400.00", "400.01"]
            assert {x["delegacion"] for x in c.detalle["pagos"]} == {"Ermita", "Los Haro"}
        assert cuentas.vista(motor, "predial", "P-UNICO")["pagos_dobles"] == []
        assert cuentas.vista(motor, "predial", "P-3")["pagos_dobles"] == [2024]
    finally:
        motor.dispose()
