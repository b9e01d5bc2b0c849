"""Each record's own signature, checked after arrival: what the batch seal does not prove on its own."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import time

import pytest
import sqlalchemy as sa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from jerez_pos.central import firmas, reportes
from jerez_pos.central import modelos as m
from jerez_pos.sync import protocolo as p
from tests.central.test_contrato import Central

FECHA = dt.datetime(2024, 6, 1, 10, 0)


def _firma_ajena(registro: p.Registro) -> p.Registro:
    falsa = Ed25519PrivateKey.generate().sign(registro.hash)
    return p.Registro(
        registro.id, registro.secuencia, registro.tipo, registro.hash_previo, registro.hash, falsa, registro.documento
    )


def _conflictos_de_firma(central: Central) -> list[int]:
    with central.motor.connect() as c:
        return list(c.execute(sa.select(m.conflicto.c.secuencia).where(m.conflicto.c.campo == "firma")).scalars().all())


def _con_firma_mala_en_medio(central: Central, cuantos: int = 5, mala: int = 2):
    f = central.terminal()
    registros = [f.recibo(FECHA) for _ in range(cuantos)]
    registros[mala] = _firma_ajena(registros[mala])
    assert central.lote(f, registros).estado == 200  # the seal (last record) is good
    return f, registros


def test_firma_mala_en_medio_entra_sellada_y_la_revision_la_registra(central):
    f, _ = _con_firma_mala_en_medio(central)
    antes = reportes.faltantes(central.motor)[f.serie]
    assert antes["firmas_por_revisar"] == 5 and antes["firmas_invalidas"] == 0
    assert firmas.pendientes(central.motor) == 5
    revision = firmas.revisar(central.motor)
    assert revision.a_dict() == {"revisadas": 5, "invalidas": 1}
    assert _conflictos_de_firma(central) == [3]
    despues = reportes.faltantes(central.motor)[f.serie]
    assert despues["firmas_por_revisar"] == 0 and despues["firmas_invalidas"] == 1
    assert firmas.revisar(central.motor).a_dict() == {"revisadas": 0, "invalidas": 0}
    # Later records are picked up from the mark on.
    assert central.lote(f, [f.recibo(FECHA)]).estado == 200
    assert firmas.revisar(central.motor).a_dict() == {"revisadas": 1, "invalidas": 0}


def test_limite_y_tandas_avanzan_la_marca(central, monkeypatch):
    monkeypatch.setattr(firmas, "TANDA", 2)
    f, _ = _con_firma_mala_en_medio(central, cuantos=7, mala=5)
    assert firmas.revisar(central.motor, limite=3).revisadas == 4  # whole tandas: 2 + 2
    assert reportes.faltantes(central.motor)[f.serie]["firmas_por_revisar"] == 3
    assert firmas.revisar(central.motor).a_dict() == {"revisadas": 3, "invalidas": 1}
    assert _conflictos_de_firma(central) == [6]


def test_dos_revisores_a_la_vez_no_duplican_el_conflicto(central):
    _con_firma_mala_en_medio(central)
    with central.motor.connect() as c:
        terminal_id, llave = c.execute(sa.select(m.terminal.c.id, m.terminal.c.llave_publica)).one()
    with central.motor.begin() as c:
        assert firmas._tanda(c, terminal_id, bytes(llave), 0, "2024-06-01T12:00:00Z") == (5, 1, 5)
    with central.motor.begin() as c:  # a second reviewer that read the old mark loses the compare-and-set
        assert firmas._tanda(c, terminal_id, bytes(llave), 0, "2024-06-01T12:00:00Z") is None
    assert _conflictos_de_firma(central) == [3]


def test_el_revisor_del_servidor_solo_trabaja_cuando_no_hay_solicitudes(central):
    _con_firma_mala_en_medio(central)
    ocupado = firmas.RevisorEnSegundoPlano(central.motor, lambda: 0.0, pausa=0.05)
    ocupado.iniciar()
    time.sleep(0.5)
    ocupado.detener()
    assert firmas.pendientes(central.motor) == 5
    libre = firmas.RevisorEnSegundoPlano(central.motor, lambda: 10.0, pausa=0.05)
    libre.iniciar()
    limite = time.monotonic() + 10
    while firmas.pendientes(central.motor) and time.monotonic() < limite:
        time.sleep(0.05)
    libre.detener()
    assert firmas.pendientes(central.motor) == 0 and _conflictos_de_firma(central) == [3]


def test_servicio_cuenta_el_tiempo_sin_solicitudes(central):
    central.pedir("GET", "/v1/paquetes/ultimo")
    time.sleep(0.05)
    assert central.servicio.inactivo() >= 0.05


def test_revision_en_postgresql_y_por_cli(url_pg, tmp_path):
    central = Central(url_pg, migrar=True)
    _con_firma_mala_en_medio(central, cuantos=6, mala=0)
    central.motor.dispose()
    salida = subprocess.run(
        [sys.executable, "-m", "jerez_pos", "central", "revisar-firmas", "--db", url_pg, "--json"],
        capture_output=True,
        text=True,
        env={"JEREZ_POS_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert salida.returncode == 0, salida.stderr
    assert json.loads(salida.stdout) == {"revisadas": 6, "invalidas": 1, "pendientes": 0}
    assert _conflictos_de_firma(central) == [1]


@pytest.fixture
def central() -> Central:
    return Central()
