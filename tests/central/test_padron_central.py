"""Rolls across terminals, end to end: a real uvicorn central on PostgreSQL and two real terminal ledgers.

The treasury publishes a predial roll in two steps by two console users (``central padron publicar`` /
``aprobar``); both terminals fetch and apply it on ``sincronizar``. Then, offline, both delegaciones charge
the same account-year; when their receipts arrive central's account view lists both and the conflict log
names both folios and amounts. A void frees the year at central.

Hand-computed amount (Ley de Ingresos 2024, Arts. 57 and 61; UMA 2023 $103.74 still in force on 15 January
2024): house P-1, zone III, 200 m² of land and 120 m² built type B = 4.8140 UMA × 103.74 = $499.40; paid in
January, Art. 61 gives 15 % = $74.91; owed $424.49. Vacant P-9 without zone owes the Art. 59 minimum,
2.2260 UMA × 103.74 = $230.93 (the January 15 % would take it below the minimum, so none applies).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from jerez_pos.central import bd, vista_terminales
from jerez_pos.ledger import caja, cuentas, recibos, usuarios
from jerez_pos.ledger.pagos import Pago
from jerez_pos.ledger.terminal import Terminal
from jerez_pos.sync.inscripcion import inscribir
from tests.central.servidor_real import JEREZ, RAIZ, central

CLAVE_CONSOLA = "clave-de-prueba-larga"
CLAVE = "1234"
ROLL = (
    "cuenta,propietario,domicilio,zona,m2_terreno,m2_construccion,tipo_construccion,uso,baldio,"
    "hectareas_riego_gravedad,hectareas_riego_bombeo,hectareas_temporal,vulnerable,pagado_hasta\n"
    "P-1,Juana Pérez,Calle 1,III,200,120,B,habitacional,no,,,,no,2023\n"
    "P-9,Solar,,,,,,,,,,,no,2023\n"
)
ENERO = dt.datetime(2024, 1, 15, 10, 0)


def correr(home: Path, *args: str, **variables: str) -> subprocess.CompletedProcess[str]:
    entorno = {**os.environ, "JEREZ_POS_HOME": str(home), **variables}
    return subprocess.run(
        [*JEREZ, *args], cwd=RAIZ, env=entorno, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL
    )


class Reloj:
    def __init__(self, inicio: dt.datetime) -> None:
        self.ahora = inicio

    def __call__(self) -> dt.datetime:
        return self.ahora


@pytest.fixture(autouse=True)
def hasher_barato(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(usuarios, "HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


def _consola(srv: Path, url: str, *args: str) -> dict:
    r = correr(srv, "central", *args, "--db", url, "--json", **{"JEREZ_POS_CONTRASENA": CLAVE_CONSOLA})
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def _terminal(home: Path, servidor: str, codigo: str) -> tuple[Terminal, dict]:
    terminal = Terminal(home)
    inscribir(terminal, servidor, codigo)
    usuarios.crear(terminal.bd, "admin", "administrador", CLAVE)
    admin = usuarios.autenticar(terminal.bd, "admin", CLAVE)
    sesiones = {}
    for nombre, rol in (("ana", "cajero"), ("sara", "supervisor")):
        usuarios.crear(terminal.bd, nombre, rol, CLAVE, por=admin)
        sesiones[nombre] = usuarios.autenticar(terminal.bd, nombre, CLAVE)
    caja.abrir(terminal.bd, sesiones["ana"], Decimal("500"), reloj=Reloj(ENERO - dt.timedelta(hours=2)))
    return terminal, sesiones


def _sincronizar(home: Path) -> dict:
    r = correr(home, "sincronizar", "--json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_padron_publicado_y_pago_doble_entre_delegaciones(url_pg, tmp_path):
    srv = tmp_path / "central"
    for usuario, rol in (("lucia", "tesorero"), ("mario", "administrador"), ("olga", "auditor")):
        r = correr(
            srv, "central", "usuarios", "crear", "--db", url_pg, "--usuario", usuario, "--rol", rol,
            JEREZ_POS_CONTRASENA=CLAVE_CONSOLA,
        )  # fmt: skip
        assert r.returncode == 0, r.stderr
    altas = [_consola(srv, url_pg, "terminal-nueva", "--delegacion", d) for d in ("Ermita de Guadalupe", "Los Haro")]
    archivo = tmp_path / "predial.csv"
    archivo.write_text(ROLL, encoding="utf-8")
    with central(url_pg, srv) as servidor:
        homes = [tmp_path / "t1", tmp_path / "t2"]
        terminales = [_terminal(h, servidor, a["codigo"]) for h, a in zip(homes, altas, strict=True)]

        # Two people: lucía prepares, she can't approve; the auditor can't either; mario approves.
        preparada = _consola(srv, url_pg, "padron", "publicar", "--tipo", "predial", "--usuario", "lucia", str(archivo))
        assert preparada["estado"] == "pendiente"
        assert preparada["padron"] == {"tipo": "predial", "cuentas": 2, "nuevas": 2, "cambiadas": 0}
        numero = str(preparada["publicacion"])
        for quien, motivo in (("lucia", "otra persona"), ("olga", "no publica")):
            r = correr(
                srv, "central", "padron", "aprobar", numero, "--db", url_pg, "--usuario", quien,
                JEREZ_POS_CONTRASENA=CLAVE_CONSOLA,
            )  # fmt: skip
            assert r.returncode == 2 and motivo in r.stderr and "Traceback" not in r.stderr, r.stderr
        malo = tmp_path / "malo.csv"
        malo.write_text(ROLL.replace(",III,", ",IX,"), encoding="utf-8")
        r = correr(
            srv, "central", "padron", "publicar", "--tipo", "predial", "--db", url_pg, "--usuario", "lucia",
            str(malo), JEREZ_POS_CONTRASENA=CLAVE_CONSOLA,
        )  # fmt: skip
        assert r.returncode == 2 and "línea 2, campo zona" in r.stderr, r.stderr
        publicado = _consola(srv, url_pg, "padron", "aprobar", numero, "--usuario", "mario")
        assert publicado["estado"] == "publicada"

        for home, (terminal, _) in zip(homes, terminales, strict=True):
            datos = _sincronizar(home)
            assert datos["paquete"]["padron"] == {"tipo": "predial", "nuevas": 2, "actualizadas": 0, "sin_cambios": 0}
            assert datos["paquete"]["version"] == publicado["version"]
            adeudo = cuentas.adeudo(terminal, "predial", "P-1", ENERO.date())
            assert [(a.ejercicio, str(a.total)) for a in adeudo.anios] == [(2024, "424.49")]
            with sqlite3.connect(home / "jerez_pos.sqlite3") as c:
                auditado = c.execute(
                    "SELECT usuario, detalle FROM auditoria WHERE accion = 'importación del padrón de predial'"
                ).fetchall()
            assert len(auditado) == 1 and auditado[0][0] == "tesorería"
            assert f"paquete {publicado['version']}" in auditado[0][1]
            assert _sincronizar(home).get("paquete") is None  # nothing newer: applied once

        # Offline, both delegaciones charge 2024 of P-1.
        folios = []
        for terminal, sesiones in terminales:
            emitido, _, anios = cuentas.cobrar(
                terminal, sesiones["ana"], "predial", "P-1", [Pago("efectivo", Decimal("500"))], [2024], Reloj(ENERO)
            )
            assert anios == [2024] and emitido.total == Decimal("424.49")
            folios.append(emitido.folio)
        for home in homes:
            assert _sincronizar(home)["pendientes"] == 0

        conflictos = _consola(srv, url_pg, "conflictos")
        dobles = [c for c in conflictos if c["campo"] == "pago_doble.predial"]
        assert len(dobles) == 1, conflictos
        detalle = dobles[0]["detalle"]
        assert (detalle["cuenta"], detalle["ejercicio"]) == ("P-1", 2024)
        assert [(p["folio"], p["importe"]) for p in detalle["pagos"]] == [(f, "424.49") for f in folios]
        assert [p["delegacion"] for p in detalle["pagos"]] == ["Ermita de Guadalupe", "Los Haro"]
        assert all(f in dobles[0]["motivo"] for f in folios) and "$424.49" in dobles[0]["motivo"]
        texto = correr(srv, "central", "conflictos", "--db", url_pg)
        assert texto.returncode == 0 and "pago doble" in texto.stdout and folios[1] in texto.stdout

        # The console's Terminals page reads the same log: the second delegación has one unresolved conflict.
        motor = bd.abrir(url_pg)
        try:
            fila = {f.serie: f for f in vista_terminales.terminales(motor)}[altas[1]["serie"]]
            assert (fila.conflictos, fila.sin_nota) == (1, 1)
            assert vista_terminales.conflictos(motor)[0].detalle == detalle
        finally:
            motor.dispose()

        vista = _consola(srv, url_pg, "cuenta", "predial", "p-1")
        assert vista["anios_pagados"] == [2024] and vista["pagos_dobles"] == [2024]
        assert [(p["folio"], p["importe"], p["vigente"]) for p in vista["pagos"]] == [
            (folios[0], "424.49", True),
            (folios[1], "424.49", True),
        ]

        # The treasury voids the second receipt: central frees that payment, the first one stands.
        terminal, sesiones = terminales[1]
        recibos.anular(terminal, sesiones["sara"], folios[1], "pago doble, se devuelve", reloj=Reloj(ENERO))
        assert _sincronizar(homes[1])["pendientes"] == 0
        vista = _consola(srv, url_pg, "cuenta", "predial", "P-1")
        assert vista["anios_pagados"] == [2024] and vista["pagos_dobles"] == []
        assert [p["vigente"] for p in vista["pagos"]] == [True, False]
        # Never silent: the conflict stays in the log until someone writes its resolution.
        assert len([c for c in _consola(srv, url_pg, "conflictos") if c["campo"] == "pago_doble.predial"]) == 1

        # Central's reports from its own view: P-1 paid 2024 (one receipt in force), P-9 owes the minimum.
        rezago = _consola(
            srv, url_pg, "reporte", "rezago", "--padron", "predial", "--fecha", "2024-01-15",
            "--csv", str(tmp_path / "rezago.csv"), "--pdf", str(tmp_path / "rezago.pdf"),
        )  # fmt: skip
        # The same JSON as the terminal's «reporte rezago» (one implementation at both ends).
        assert (rezago["cuentas_padron"], rezago["cuentas_con_adeudo"], rezago["total"]) == (2, 1, "230.93")
        assert [(d["cuenta"], d["grupo"], d["ejercicios"], d["total"]) for d in rezago["cuentas"]] == [
            ("P-9", "Sin zona", [2024], "230.93")
        ]
        assert [(g["grupo"], g["cuentas"], g["total"]) for g in rezago["grupos"]] == [("Sin zona", 1, "230.93")]
        renglones = (tmp_path / "rezago.csv").read_text(encoding="utf-8").splitlines()
        assert (
            renglones[0] == "zona,cuenta,titular,domicilio,ejercicios,impuesto,descuentos,actualizacion,recargos,total"
        )
        assert renglones[1].startswith("Sin zona,P-9,Solar,,2024,") and renglones[1].endswith(",230.93")
        assert (tmp_path / "rezago.pdf").read_bytes().startswith(b"%PDF")
        eficiencia = _consola(
            srv, url_pg, "reporte", "eficiencia", "--padron", "predial", "--fecha", "2024-01-15",
            "--pdf", str(tmp_path / "eficiencia.pdf"),
        )  # fmt: skip
        t = eficiencia
        assert (t["ejercicio"], t["cuentas"], t["pagadas"], t["porcentaje_cuentas"], t["cobrado"]) == (
            2024,
            2,
            1,
            "50.00",
            "424.49",
        )
        assert (tmp_path / "eficiencia.pdf").read_bytes().startswith(b"%PDF")
        r = correr(srv, "central", "reporte", "rezago", "--padron", "comercio", "--db", url_pg)
        assert r.returncode == 2 and "aún no publica un padrón de comercio" in r.stderr, r.stderr
