"""Finding an account (cuenta, owner, address; accents and case ignored), its payment history, and the
inspector's route of licences not renewed, against a real SQLite ledger."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from apoyo import Libro, Reloj

from jerez_pos.ledger import cuentas, cuentas_busqueda, cuentas_padron, recibos
from jerez_pos.ledger.cuentas_refrendo import orden_domicilio, sin_refrendo
from jerez_pos.ledger.pagos import Pago

PREDIAL = (
    "cuenta,propietario,domicilio,zona,m2_terreno,m2_construccion,tipo_construccion,uso,baldio,"
    "hectareas_riego_gravedad,hectareas_riego_bombeo,hectareas_temporal,vulnerable,pagado_hasta,adeudo_2023"
)
COMERCIO = "licencia,titular,domicilio,giro,pagado_hasta"


def _importar(libro: Libro, tmp_path: Path, padron: str, encabezado: str, *filas: str) -> None:
    ruta = tmp_path / f"{padron}.csv"
    ruta.write_text("\n".join([encabezado, *filas]) + "\n", encoding="utf-8")
    t = libro.terminal
    cuentas_padron.importar(t.bd, libro.admin, padron, ruta, t.motor.catalogos[0])


def _cuentas(hallazgos: list[cuentas_busqueda.Encontrada]) -> list[str]:
    return [h.cuenta for h in hallazgos]


def test_busca_por_cuenta_nombre_o_domicilio_sin_acentos(libro, tmp_path):
    _importar(
        libro,
        tmp_path,
        "predial",
        PREDIAL,
        "01-002,José Núñez Ávila,Calle Jesús González Ortega 14,III,200,,,,no,,,,no,2023,",
        "01-010,Ana García,Av. Hidalgo 3,II,100,,,,no,,,,no,2023,",
        "02-001,Jose Nunez Perez,Callejón del Músico 2,II,100,,,,no,,,,no,2023,",
    )
    _importar(libro, tmp_path, "comercio", COMERCIO, "L-7,Abarrotes Núñez,Av. Hidalgo 40,1,2023")
    indice = cuentas_busqueda.construir(libro.terminal.bd)
    assert len(indice) == 4 and indice.version == cuentas_busqueda.version(libro.terminal.bd)
    assert _cuentas(indice.buscar("nunez")) == ["01-002", "02-001", "L-7"]  # predial first, then comercio
    assert _cuentas(indice.buscar("NÚÑEZ jose")) == ["01-002", "02-001"]
    assert _cuentas(indice.buscar("jesus gonzalez")) == ["01-002"]
    assert _cuentas(indice.buscar("hidalgo")) == ["01-010", "L-7"]
    assert _cuentas(indice.buscar("01-0")) == ["01-002", "01-010"]  # the key typed from its start
    assert _cuentas(indice.buscar("músico")) == ["02-001"]
    assert indice.buscar("   ") == [] and indice.buscar("zacatecas") == []
    # Typing on after a word found nowhere needs no new scan; other words are still found.
    assert indice.buscar("ana zacatecasx") == [] and "zacatecas" in indice._ausentes
    assert _cuentas(indice.buscar("ana")) == ["01-010"]
    assert len(indice.buscar("a", limite=2)) == 2
    h = indice.buscar("garcia")[0]
    assert (h.padron, h.titular, h.domicilio) == ("predial", "Ana García", "Av. Hidalgo 3")
    # A re-import moves the version on: the GUI rebuilds its index only then.
    _importar(libro, tmp_path, "predial", PREDIAL, "01-010,Ana García López,Av. Hidalgo 3,II,100,,,,no,,,,no,2023,")
    assert cuentas_busqueda.version(libro.terminal.bd) > indice.version
    assert cuentas_busqueda.construir(libro.terminal.bd).buscar("lopez")[0].cuenta == "01-010"


def test_historial_de_pagos_con_folio_anios_e_importe(libro, tmp_path):
    _importar(libro, tmp_path, "predial", PREDIAL, "P-2,Luis Gómez,Calle 2,,,,,,,,,,no,2022,350")
    t = libro.terminal
    assert cuentas_busqueda.historial(t.bd, "predial", "P-2") == []
    reloj = Reloj(dt.datetime(2024, 6, 10, 10, 0))
    emitido, _, anios = cuentas.cobrar(
        t, libro.cajero, "predial", "P-2", [Pago("efectivo", Decimal("2000"))], None, reloj
    )
    assert anios == [2023, 2024]
    (pago,) = cuentas_busqueda.historial(t.bd, "predial", "P-2")
    esperado = (emitido.folio, (2023, 2024), emitido.total, False)
    assert (pago.folio, pago.ejercicios, pago.importe, pago.anulado) == esperado
    assert pago.fecha.date() == dt.date(2024, 6, 10)
    reloj.ahora += dt.timedelta(minutes=5)
    recibos.anular(t, libro.supervisor, emitido.folio, "error de captura", reloj=reloj)
    (pago,) = cuentas_busqueda.historial(t.bd, "predial", "P-2")
    assert pago.anulado  # still listed: the history says what happened


def test_ruta_de_licencias_sin_refrendo_por_domicilio(libro, tmp_path):
    _importar(
        libro,
        tmp_path,
        "comercio",
        COMERCIO,
        "L-1,Tienda Uno,Hidalgo 10,1,2023",
        "L-2,Tienda Dos,Hidalgo 9,1,2023",
        "L-3,Al corriente,Allende 1,1,2024",
        "L-4,Ávila Abarrotes,Álvaro Obregón 5,1,2022",
    )
    t = libro.terminal
    fecha = dt.date(2024, 2, 10)
    lista = sin_refrendo(t, fecha)
    assert [x.licencia for x in lista] == ["L-4", "L-2", "L-1"]  # Álvaro < Hidalgo 9 < Hidalgo 10; L-3 paid
    l2 = lista[1]
    # 3.5805 UMA × 108.57 = 388.73, less the Art. 114 50 % before 31 March = 194.36 (as «adeudo»).
    assert (l2.titular, l2.domicilio, l2.giro, l2.pagado_hasta, l2.anios, l2.adeudo) == (
        "Tienda Dos",
        "Hidalgo 9",
        1,
        2023,
        (2024,),
        Decimal("194.36"),
    )
    assert l2.giro_nombre and l2.a_dict()["adeudo"] == "194.36"
    assert lista[0].adeudo == cuentas.adeudo(t, "comercio", "L-4", fecha).total and lista[0].anios == (2024,)
    # Paying the year's refrendo takes the licence off the route.
    reloj = Reloj(dt.datetime(2024, 2, 10, 11, 0))
    cuentas.cobrar(t, libro.cajero, "comercio", "L-2", [Pago("efectivo", Decimal("200"))], None, reloj)
    assert [x.licencia for x in sin_refrendo(t, fecha)] == ["L-4", "L-1"]


def test_orden_de_domicilios():
    assert sorted(["Hidalgo 10", "hidalgo 9", "Allende", "Álamo 2"], key=orden_domicilio) == [
        "Álamo 2",
        "Allende",
        "hidalgo 9",
        "Hidalgo 10",
    ]
