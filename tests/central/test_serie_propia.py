"""A terminal that already issues receipts (set up offline, or run as a demo) keeps its series when it
enrolls: central adopts it in place of the one it drew, refuses it when another terminal has it, and the
receipts signed before enrollment reach central and the public check."""

from __future__ import annotations

import datetime as dt
import json
import urllib.request

import sqlalchemy as sa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from jerez_pos.central import bd, terminales
from jerez_pos.central import modelos as m
from jerez_pos.central.servicio import Servicio
from jerez_pos.sync import protocolo as p
from tests.central.servidor_real import central as central_real
from tests.central.servidor_real import correr

AHORA = dt.datetime(2024, 6, 1, 12, 0, tzinfo=dt.UTC)


def _servicio() -> Servicio:
    motor = bd.abrir("sqlite://")
    bd.migrar(motor)
    return Servicio(motor, reloj=lambda: AHORA)


def _pedir(servicio: Servicio, ruta: str, datos: dict):
    return servicio.atender("POST", ruta, {}, {}, json.dumps(datos).encode(), "10.0.0.9")


def _series(servicio: Servicio) -> dict[str, str]:
    with servicio.motor.connect() as conexion:
        filas = conexion.execute(sa.select(m.terminal.c.serie, m.terminal.c.estado)).all()
    return {f.serie: f.estado for f in filas}


def test_la_central_adopta_la_serie_libre_y_rechaza_la_ocupada_sin_gastar_el_codigo():
    servicio = _servicio()
    primera = terminales.crear(servicio.motor, "Ermita", AHORA)
    segunda = terminales.crear(servicio.motor, "Los Haro", AHORA)
    llave = p.publica_cruda(Ed25519PrivateKey.generate()).hex()
    cuerpo = {"codigo": primera.codigo, "llave_publica": llave, "serie": "DEMO"}
    consulta = _pedir(servicio, "/v1/inscripcion/consulta", cuerpo)
    assert consulta.estado == 200 and consulta.json() == {"serie": "DEMO", "delegacion": "Ermita"}
    assert _pedir(servicio, "/v1/inscripcion", cuerpo).json()["serie"] == "DEMO"
    assert _series(servicio) == {"DEMO": "activa", segunda.serie: "pendiente"}
    # The reply was lost: the same key asks again and gets the same series.
    assert _pedir(servicio, "/v1/inscripcion", cuerpo).json()["serie"] == "DEMO"

    otra = p.publica_cruda(Ed25519PrivateKey.generate()).hex()
    for ruta in ("/v1/inscripcion/consulta", "/v1/inscripcion"):
        choque = _pedir(servicio, ruta, {"codigo": segunda.codigo, "llave_publica": otra, "serie": "DEMO"})
        assert choque.estado == 409 and "serie DEMO" in choque.json()["error"], choque.json()
    assert _series(servicio)[segunda.serie] == "pendiente"  # the code still works for a new terminal

    for mala in ("demo", "DEMO-1", "A" * 13, "", 7):
        r = _pedir(servicio, "/v1/inscripcion", {"codigo": segunda.codigo, "llave_publica": otra, "serie": mala})
        assert r.estado == 422 and r.json()["error"].startswith("serie:"), (mala, r.json())
    sin_serie = _pedir(servicio, "/v1/inscripcion", {"codigo": segunda.codigo, "llave_publica": otra})
    assert sin_serie.estado == 200 and sin_serie.json()["serie"] == segunda.serie


def _leer(url: str) -> dict:
    pedido = urllib.request.Request(url, headers={"Accept": "application/json"})
    with urllib.request.urlopen(pedido, timeout=30) as respuesta:
        return json.loads(respuesta.read())


def test_una_terminal_demo_se_inscribe_despues_y_sus_recibos_llegan(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    altas = []
    for delegacion in ("Ermita", "Los Haro"):
        creado = correr(tmp_path, "central", "terminal-nueva", "--db", url, "--delegacion", delegacion, "--json")
        assert creado.returncode == 0, creado.stderr
        altas.append(json.loads(creado.stdout)["codigo"])
    demo, otra_demo = tmp_path / "demo", tmp_path / "otra"
    for home in (demo, otra_demo):
        assert correr(home, "demo", "--recibos", "4", "--semilla", "3").returncode == 0
    with central_real(url, tmp_path / "srv") as base:
        r = correr(demo, "registrar", "--servidor", base, "--codigo", altas[0])
        assert r.returncode == 0 and "Terminal DEMO inscrita" in r.stdout, r.stderr
        enviado = correr(demo, "sincronizar", "--json")
        assert enviado.returncode == 0 and json.loads(enviado.stdout)["pendientes"] == 0, enviado.stderr
        monkeypatch.setenv("JEREZ_POS_CONTRASENA", "demo")
        cobro = correr(
            demo,
            "cobrar",
            "A76",
            "--param",
            "cantidad=1",
            "--param",
            "dias=1",
            "--pago",
            "efectivo=20",
            "--usuario",
            "demo-cajero",
            "--json",
        )
        assert cobro.returncode == 0, cobro.stderr
        recibo = json.loads(cobro.stdout)
        assert correr(demo, "sincronizar", "--json").returncode == 0
        valido = _leer(f"{base}/verificar?folio={recibo['folio']}&codigo={recibo['codigo_verificacion']}")
        assert valido["estado"] == "valido" and valido["total"] == recibo["total"]
        falso = _leer(f"{base}/verificar?folio={recibo['folio']}&codigo={'0' * 16}")
        assert falso["estado"] != "valido"

        # A second demo terminal has the same series: refused in one Spanish line, nothing enrolled.
        r = correr(otra_demo, "registrar", "--servidor", base, "--codigo", altas[1])
        assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1, r.stderr
        assert "serie DEMO" in r.stderr and "Traceback" not in r.stderr
    resumen = correr(tmp_path, "central", "resumen", "--db", url, "--json")
    por_terminal = json.loads(resumen.stdout)["por_terminal"]
    assert list(por_terminal) == ["DEMO"] and por_terminal["DEMO"]["recibos"] == 5
