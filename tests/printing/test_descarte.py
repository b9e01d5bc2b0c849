"""Discarding a pending print: a supervisor's decision with a reason, appended to the queue; the receipt
is untouched and can still be reprinted as a logged copy; the discarded job is never printed again."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest

from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.ledger.comun import EstadoInvalido, SinPermiso
from jerez_pos.printing import servicio
from jerez_pos.printing.cola import ARCHIVO, DESCARTADO, Cola
from jerez_pos.printing.conexiones import Estado, ImpresoraMemoria
from jerez_pos.printing.falsa import ImpresoraFalsa
from jerez_pos.printing.libro import leer_recibo
from tests.printing.conftest import construir
from tests.printing.test_cli_impresion import CAJERO, SUPERVISOR, _un_renglon, correr, home  # noqa: F401


@pytest.fixture
def caja(tmp_path):
    return construir(tmp_path / "home")


def _pendiente(caja) -> str:
    terminal = caja.libro.terminal
    resultado = servicio.imprimir(terminal, caja.efectivo, impresora=ImpresoraFalsa(Estado.SIN_PAPEL))
    assert not resultado.impreso
    return caja.efectivo


def test_supervisor_descarta_con_motivo_y_el_recibo_no_cambia(caja):
    terminal, libro = caja.libro.terminal, caja.libro
    folio = _pendiente(caja)
    antes = leer_recibo(terminal, folio)
    descartes = servicio.descartar(terminal, libro.supervisor, folio, "  el contribuyente   se retiró ")
    assert [(d.folio, d.copia, d.motivo) for d in descartes] == [(folio, 0, "el contribuyente se retiró")]
    assert descartes[0].supervisor == libro.supervisor.usuario
    cola = Cola(terminal.directorio)
    assert cola.pendientes() == [] and cola.estado(folio, 0) == DESCARTADO
    assert [d.folio for d in cola.descartes()] == [folio]
    assert leer_recibo(terminal, folio) == antes  # the ledger is untouched
    assert servicio.reintentar(terminal, impresora=ImpresoraMemoria()) == []  # nothing left to retry
    with pytest.raises(EstadoInvalido, match="se descartó"):  # no second ORIGINAL that may duplicate paper
        servicio.imprimir(terminal, folio, impresora=ImpresoraMemoria())
    memoria = ImpresoraMemoria()
    copia = servicio.reimprimir(terminal, libro.cajero, folio, impresora=memoria)
    assert copia.impreso and copia.copia == 1
    assert "COPIA — REIMPRESIÓN 1".replace("—", "-").encode("cp858") in memoria.trabajos[0]


def test_cajero_necesita_la_firma_de_un_supervisor(caja):
    terminal, libro = caja.libro.terminal, caja.libro
    folio = _pendiente(caja)
    with pytest.raises(SinPermiso, match="descartar impresiones pendientes"):
        servicio.descartar(terminal, libro.cajero, folio, "ya salió el papel")
    with pytest.raises(SinPermiso):
        servicio.descartar(terminal, libro.cajero, folio, "ya salió el papel", autoriza=libro.inspector)
    hechos = servicio.descartar(terminal, libro.cajero, folio, "ya salió el papel", autoriza=libro.supervisor)
    assert (hechos[0].usuario, hechos[0].supervisor) == (libro.cajero.usuario, libro.supervisor.usuario)


def test_sin_pendiente_sin_motivo_o_folio_desconocido(caja):
    terminal, supervisor = caja.libro.terminal, caja.libro.supervisor
    with pytest.raises(ErrorEntrada, match="no tiene impresión pendiente"):
        servicio.descartar(terminal, supervisor, caja.tarjeta, "motivo")
    folio = _pendiente(caja)
    with pytest.raises(ErrorEntrada, match="--motivo"):
        servicio.descartar(terminal, supervisor, folio, "   ")
    with pytest.raises(ErrorEntrada, match="--motivo"):
        servicio.descartar(terminal, supervisor, folio, "x" * 301)
    with pytest.raises(ErrorEntrada, match="copia 3"):
        servicio.descartar(terminal, supervisor, folio, "motivo", copia=3)
    with pytest.raises(ErrorEntrada, match="FOLIO"):
        servicio.descartar(terminal, supervisor, "JRZ1-999", "motivo")
    servicio.descartar(terminal, supervisor, folio, "motivo")
    with pytest.raises(ErrorEntrada, match="no tiene impresión pendiente"):
        servicio.descartar(terminal, supervisor, folio, "otra vez")


def test_solo_la_copia_elegida_y_la_cola_es_de_solo_anexar(caja):
    terminal, libro = caja.libro.terminal, caja.libro
    folio = _pendiente(caja)
    servicio.reimprimir(terminal, libro.cajero, folio, impresora=ImpresoraFalsa(Estado.FUERA_DE_LINEA))
    assert [(p.folio, p.copia) for p in Cola(terminal.directorio).pendientes()] == [(folio, 0), (folio, 1)]
    servicio.descartar(terminal, libro.supervisor, folio, "salió manchada", copia=1)
    assert [(p.folio, p.copia) for p in Cola(terminal.directorio).pendientes()] == [(folio, 0)]
    with closing(sqlite3.connect(terminal.directorio / ARCHIVO)) as c:
        for sql in ("UPDATE descarte SET motivo = 'x'", "DELETE FROM descarte"):
            with pytest.raises(sqlite3.DatabaseError, match="solo anexar"):
                c.execute(sql)


def test_cli_descartar(home, tmp_path):  # noqa: F811 - the module-scoped CLI home
    cerrado = f"red:127.0.0.1:{_puerto_libre()}"
    r = correr(home, "imprimir", "DEMO-2", "--impresora", cerrado, **CAJERO)
    assert r.returncode == 3, r.stderr
    r = correr(home, "impresora", "descartar", "DEMO-2", "--motivo", "se fue", **CAJERO)
    assert r.returncode != 0 and "supervisor" in _un_renglon(r)
    r = correr(home, "impresora", "descartar", "DEMO-2", **SUPERVISOR)
    assert r.returncode == 2 and "--motivo" in r.stderr and "Traceback" not in r.stderr
    r = correr(home, "impresora", "descartar", "DEMO-2", "--motivo", "el contribuyente se retiró", **SUPERVISOR)
    assert r.returncode == 0, r.stderr
    assert "DEMO-2 (original) descartada por demo-supervisor: el contribuyente se retiró" in r.stdout
    pendientes = correr(home, "impresora", "pendientes", "--json")
    assert all(p["folio"] != "DEMO-2" for p in __import__("json").loads(pendientes.stdout))
    r = correr(home, "impresora", "descartar", "DEMO-2", "--motivo", "otra vez", **SUPERVISOR)
    assert r.returncode != 0 and "no tiene impresión pendiente" in _un_renglon(r)
    archivo = tmp_path / "copia.bin"
    r = correr(home, "imprimir", "DEMO-2", "--copia", "--impresora", f"archivo:{archivo}", **CAJERO)
    assert r.returncode == 0 and "copia 1" in r.stdout, r.stderr


def _puerto_libre() -> int:
    from tests.printing.test_cli_impresion import _puerto_cerrado

    return int(_puerto_cerrado())
