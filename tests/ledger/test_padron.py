"""Padrón de puestos: CSV import (all or nothing, errors by line and field), the route and the daily fee."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from apoyo import Libro, cifras

from jerez_pos.ledger import entregas, padron, recibos
from jerez_pos.ledger.comun import EstadoInvalido, SinPermiso

CSV = """clave,titular,giro,tianguis,ubicacion,tipo,m2,concepto
T1-001,Rosa Márquez,Frutas y legumbres,Tianguis del Jueves,Calle Hidalgo 1,fijo,2.25,
T1-002,Pedro Ruiz,Ropa,Tianguis del Jueves,Calle Hidalgo 2,Móvil,1.5,
T1-003,Luz Campos,Antojitos,Tianguis del Jueves,Calle Hidalgo 3,semifijo,3,
M-010,Carmen Ortiz,Carnicería,Mercado Benito Juárez,Local exterior 10,fijo,9,A75-I
"""


def _archivo(tmp_path: Path, contenido: str) -> Path:
    ruta = tmp_path / "padron.csv"
    ruta.write_text(contenido, encoding="utf-8")
    return ruta


@pytest.fixture
def con_padron(libro: Libro, tmp_path: Path) -> Libro:
    resultado = padron.importar(libro.terminal, libro.admin, _archivo(tmp_path, CSV))
    assert (resultado.nuevos, resultado.actualizados) == (4, 0)
    return libro


def test_importa_y_actualiza(con_padron: Libro, tmp_path: Path) -> None:
    bd = con_padron.terminal.bd
    assert padron.tianguis(bd) == ["Mercado Benito Juárez", "Tianguis del Jueves"]
    jueves = padron.puestos(bd, "Tianguis del Jueves")
    assert [(p.clave, p.tipo, p.clave_cobro) for p in jueves] == [
        ("T1-001", "fijo", "A72-II"),
        ("T1-002", "movil", "A72-I"),
        ("T1-003", "semifijo", "A72-III"),
    ]
    assert jueves[0].m2 == Decimal("2.25")
    cambio = CSV.splitlines()[0] + "\nT1-001,Rosa Márquez Díaz,Frutas,Tianguis del Jueves,Calle Hidalgo 1,fijo,2.25\n"
    resultado = padron.importar(con_padron.terminal, con_padron.supervisor, _archivo(tmp_path, cambio))
    assert (resultado.nuevos, resultado.actualizados) == (0, 1)
    assert padron.buscar_puesto(bd, "t1-001").titular == "Rosa Márquez Díaz"


def test_errores_por_linea_y_campo_sin_escribir(libro: Libro, tmp_path: Path) -> None:
    malo = (
        "clave,titular,giro,tianguis,ubicacion,tipo,m2,concepto\n"
        "T1-001,Rosa,Frutas,Jueves,Hidalgo,fijo,2,\n"
        "T1-002,,Ropa,Jueves,Hidalgo,ambulante,1.5,\n"
        "T1-001,Pedro,Ropa,Jueves,Hidalgo,movil,-1,\n"
        "T1-004,Luz,Antojitos,Jueves,Hidalgo,fijo,3,A85-II\n"
    )
    with pytest.raises(padron.PadronInvalido) as error:
        padron.importar(libro.terminal, libro.admin, _archivo(tmp_path, malo))
    assert error.value.problemas == [
        "línea 3, campo titular: es obligatorio",
        "línea 3, campo tipo: «ambulante» no es un tipo de puesto; use móvil, fijo o semifijo",
        "línea 4, campo clave: «T1-001» está repetida (ya aparece en la línea 2)",
        "línea 4, campo m2: «-1» debe ser una superficie mayor que 0 y hasta 1000 m²",
        "línea 5, campo concepto: «A85-II» no es un derecho de piso; use A72-I, A72-II, A72-III, A75-… o A76",
    ]
    assert padron.puestos(libro.terminal.bd) == []
    with pytest.raises(padron.PadronInvalido, match="faltan las columnas tipo, m2"):
        padron.leer_csv("clave,titular,giro,tianguis,ubicacion\nA,B,C,D,E\n")
    with pytest.raises(SinPermiso):
        padron.importar(libro.terminal, libro.inspector, _archivo(tmp_path, CSV))


def test_ruta_cobro_diario_y_entrega(con_padron: Libro) -> None:
    libro = con_padron
    bd = libro.terminal.bd
    hoy = dt.date.today()
    assert not any(x.pagado for x in padron.ruta_del_dia(bd, hoy))
    emitido = padron.cobrar_puesto(libro.terminal, libro.inspector, "T1-002")
    assert emitido.lineas[0]["clave"] == "A72-I" and emitido.cambio == 0
    mercado = padron.cobrar_puesto(libro.terminal, libro.inspector, "M-010")
    assert mercado.lineas[0]["clave"] == "A75-I"
    ruta = {x.puesto.clave: x.folio for x in padron.ruta_del_dia(bd, hoy)}
    assert ruta == {"T1-001": None, "T1-002": emitido.folio, "T1-003": None, "M-010": mercado.folio}
    with pytest.raises(EstadoInvalido, match="ya pagó hoy"):
        padron.cobrar_puesto(libro.terminal, libro.inspector, "T1-002")
    recibos.anular(libro.terminal, libro.supervisor, emitido.folio, "puesto equivocado", solicitante=libro.inspector)
    assert not {x.puesto.clave: x.pagado for x in padron.ruta_del_dia(bd, hoy)}["T1-002"]

    cobrado = padron.por_entregar(bd, libro.inspector)
    assert cobrado == mercado.a_pagar
    antes = cifras(libro.terminal, "ana").esperado
    entregas.entregar(bd, libro.inspector, libro.cajero, {"efectivo": cobrado}, "ruta del jueves")
    assert cifras(libro.terminal, "ana").esperado - antes == int(cobrado * 100)
    assert padron.por_entregar(bd, libro.inspector) == 0
