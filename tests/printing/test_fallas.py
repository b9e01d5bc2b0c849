"""Printing after the commit: a printer that is offline, out of paper or silent leaves the receipt
committed once and its print pending; retry and reprint work; nothing is ever charged twice."""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing

import pytest

from jerez_pos.core.dinero import D
from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.ledger import recibos
from jerez_pos.ledger.comun import EstadoInvalido
from jerez_pos.ledger.pagos import Pago
from jerez_pos.printing import servicio
from jerez_pos.printing.ajustes import Ajustes
from jerez_pos.printing.cola import Cola
from jerez_pos.printing.conexiones import Destino, Estado, ImpresoraMemoria, ImpresoraNoDisponible
from jerez_pos.printing.falsa import ImpresoraFalsa
from tests.printing.conftest import construir

CP858_ENYE = "ñ".encode("cp858")


@pytest.fixture
def caja(tmp_path):
    return construir(tmp_path / "home")


def _cuenta(home) -> tuple[int, int, int]:
    with closing(sqlite3.connect(home / "jerez_pos.sqlite3")) as c:
        return (
            c.execute("SELECT count(*) FROM recibo").fetchone()[0],
            c.execute("SELECT coalesce(max(numero), 0) FROM recibo").fetchone()[0],
            c.execute("SELECT count(*) FROM recibo_pago").fetchone()[0],
        )


def _cobrar(caja) -> str:
    caja.reloj.ahora += dt.timedelta(minutes=5)
    emitido = recibos.cobrar(
        caja.libro.terminal, caja.libro.cajero, [("A85-II", {})], [Pago("efectivo", D("200"))], reloj=caja.reloj
    )
    return emitido.folio


@pytest.mark.parametrize("estado", [Estado.FUERA_DE_LINEA, Estado.SIN_PAPEL, Estado.DESCONOCIDO])
def test_falla_deja_el_recibo_guardado_una_vez_y_pendiente(caja, estado):
    terminal = caja.libro.terminal
    folio = _cobrar(caja)
    antes = _cuenta(caja.home)
    falsa = ImpresoraFalsa(estado)
    resultado = servicio.imprimir_tras_cobro(terminal, folio, impresora=falsa)
    assert not resultado.impreso and resultado.estado is estado and falsa.trabajos == []
    assert "guardado; impresión pendiente" in resultado.mensaje()
    if estado is Estado.DESCONOCIDO:
        assert "no se pudo leer el estado" in resultado.motivo and "papel" not in resultado.motivo
    else:
        assert estado.value in resultado.motivo
    pendientes = Cola(terminal.directorio).pendientes()
    assert [(p.folio, p.copia) for p in pendientes] == [(folio, 0)]
    # the printer comes back: retry prints the ORIGINAL, the queue empties, and nothing was charged again
    falsa.estado_actual = Estado.EN_LINEA
    (reintento,) = servicio.reintentar(terminal, impresora=falsa)
    assert reintento.impreso and len(falsa.trabajos) == 1 and b"ORIGINAL" in falsa.trabajos[0]
    assert Cola(terminal.directorio).pendientes() == []
    assert _cuenta(caja.home) == antes


def test_se_cae_a_medio_envio(caja):
    terminal = caja.libro.terminal
    folio = _cobrar(caja)
    resultado = servicio.imprimir(terminal, folio, impresora=ImpresoraFalsa(falla_al_enviar=True))
    assert not resultado.impreso and "se perdió la conexión" in resultado.motivo
    assert Cola(terminal.directorio).estado(folio) == "pendiente"


def test_corte_de_luz_a_medio_envio_queda_pendiente(caja):
    cola = Cola(caja.home)
    cola.anotar(caja.tarjeta, 0, "enviando")  # what a crash right after the status check leaves behind
    (pendiente,) = cola.pendientes()
    assert pendiente.folio == caja.tarjeta and "se interrumpió" in pendiente.motivo and pendiente.intentos == 1


def test_original_una_sola_vez_luego_copias_registradas(caja):
    terminal = caja.libro.terminal
    memoria = ImpresoraMemoria()
    assert servicio.imprimir(terminal, caja.efectivo, impresora=memoria).impreso
    with pytest.raises(EstadoInvalido, match="ya se imprimió; otra impresión debe ser copia"):
        servicio.imprimir(terminal, caja.efectivo, impresora=memoria)
    copia = servicio.reimprimir(terminal, caja.libro.cajero, caja.efectivo, impresora=memoria, reloj=caja.reloj)
    assert copia.impreso and copia.copia == 1
    assert "COPIA - REIMPRESIÓN 1".encode("cp858") in memoria.trabajos[-1]
    assert b"ORIGINAL" not in memoria.trabajos[-1]
    segunda = servicio.reimprimir(terminal, caja.libro.cajero, caja.efectivo, impresora=memoria, reloj=caja.reloj)
    assert segunda.copia == 2 and "REIMPRESIÓN 2".encode("cp858") in memoria.trabajos[-1]
    with closing(sqlite3.connect(caja.home / "jerez_pos.sqlite3")) as c:
        assert c.execute("SELECT count(*) FROM reimpresion").fetchone()[0] == 2


def test_copia_fallida_queda_pendiente_con_su_numero(caja):
    terminal = caja.libro.terminal
    falsa = ImpresoraFalsa(Estado.SIN_PAPEL)
    resultado = servicio.reimprimir(terminal, caja.libro.cajero, caja.tarjeta, impresora=falsa, reloj=caja.reloj)
    assert not resultado.impreso and resultado.copia == 1
    falsa.estado_actual = Estado.EN_LINEA
    (hecho,) = servicio.reintentar(terminal, impresora=falsa)
    assert hecho.copia == 1 and "REIMPRESIÓN 1".encode("cp858") in falsa.trabajos[0]


def test_reintento_se_detiene_si_la_impresora_sigue_caida(caja):
    terminal = caja.libro.terminal
    falsa = ImpresoraFalsa(Estado.FUERA_DE_LINEA)
    folios = [_cobrar(caja) for _ in range(3)]
    for folio in folios:
        servicio.imprimir(terminal, folio, impresora=falsa)
    consultas = falsa.consultas
    resultados = servicio.reintentar(terminal, impresora=falsa)
    assert len(resultados) == 1 and falsa.consultas == consultas + 1
    pendientes = Cola(terminal.directorio).pendientes()
    assert [p.folio for p in pendientes] == folios and pendientes[0].intentos == 2
    falsa.estado_actual = Estado.POCO_PAPEL  # near end still prints
    assert [r.impreso for r in servicio.reintentar(terminal, impresora=falsa)] == [True, True, True]


def test_sin_retorno_el_estado_desconocido_no_detiene(caja, tmp_path):
    terminal = caja.libro.terminal
    archivo = tmp_path / "ticket.bin"
    ajustes = Ajustes(Destino("archivo", str(archivo)), ancho=58)
    resultado = servicio.imprimir(terminal, caja.mixto, ajustes=ajustes)
    assert resultado.impreso and resultado.estado is Estado.DESCONOCIDO
    salida = archivo.read_bytes()
    assert "Muñoz".encode("cp858") in salida and salida.endswith(b"\x1dV\x00")


def test_con_retorno_se_puede_desactivar_la_exigencia():
    falsa = ImpresoraFalsa(Estado.DESCONOCIDO)  # a network printer that does not answer status queries
    ajustes = Ajustes(exigir_estado=False)
    assert servicio.puede_imprimir(Estado.DESCONOCIDO, falsa, ajustes)
    assert not servicio.puede_imprimir(Estado.DESCONOCIDO, falsa, Ajustes())
    assert not servicio.puede_imprimir(Estado.SIN_PAPEL, ImpresoraMemoria(), ajustes)


def test_sin_impresora_configurada_queda_pendiente(caja):
    resultado = servicio.imprimir(caja.libro.terminal, caja.tarjeta, ajustes=Ajustes())
    assert not resultado.impreso and "no hay impresora configurada" in resultado.motivo


def test_folio_inexistente_no_entra_a_la_cola(caja):
    with pytest.raises(ErrorEntrada, match="no existe"):
        servicio.imprimir(caja.libro.terminal, "JRZ1-404", impresora=ImpresoraMemoria())
    assert Cola(caja.home).pendientes() == []


def test_cola_de_solo_anexar(caja):
    cola = Cola(caja.home)
    cola.anotar("JRZ1-1", 0, "pendiente", "prueba")
    with closing(sqlite3.connect(cola.ruta)) as c, pytest.raises(sqlite3.DatabaseError, match="solo anexar"):
        c.execute("UPDATE evento SET estado = 'impreso'")
    with closing(sqlite3.connect(cola.ruta)) as c, pytest.raises(sqlite3.DatabaseError, match="solo anexar"):
        c.execute("DELETE FROM evento")


def test_pagina_de_prueba(caja):
    memoria = ImpresoraMemoria()
    estado = servicio.probar(caja.libro.terminal, ajustes=Ajustes(ancho=58), impresora=memoria)
    (pagina,) = memoria.trabajos
    assert estado is Estado.EN_LINEA
    assert "ÁÉÍÓÚÜÑ áéíóúüñ ¿¡".encode("cp858") in pagina and b"\x1d(k" in pagina  # native QR
    with pytest.raises(ImpresoraNoDisponible, match="sin papel"):
        servicio.probar(caja.libro.terminal, impresora=ImpresoraFalsa(Estado.SIN_PAPEL))


def test_perfil_inexistente_es_error_claro(caja):
    resultado = servicio.imprimir(
        caja.libro.terminal, caja.tarjeta, ajustes=Ajustes(perfil="NOEXISTE"), impresora=ImpresoraMemoria()
    )
    assert not resultado.impreso and "perfil «NOEXISTE» no existe" in resultado.motivo
