"""INPC packages: central signs the table only if a terminal's «inpc importar» would take it, and a terminal
that syncs adds it to its own table (all or nothing), so both ends update arrears with the same index."""

from __future__ import annotations

from decimal import Decimal

import pytest
from test_paquetes_padron import AHORA, central  # noqa: F401 - the SQLite central fixture

from jerez_pos.central import paquetes
from jerez_pos.core.errores import ErrorEntrada, ErrorJerez
from jerez_pos.ledger import inpc
from jerez_pos.ledger.terminal import Terminal
from jerez_pos.sync import protocolo as p
from jerez_pos.sync.aplicar import aplicar
from jerez_pos.sync.paquetes import traer_siguiente

TABLA = "anio,mes,indice,fuente\n2024,2,133.5550,INEGI\n2024,5,134.0870,INEGI\n"


def test_paquete_del_inpc_llega_a_la_tabla_de_la_terminal(central, tmp_path):  # noqa: F811
    motor, tesoreria, enlace = central
    archivo = tmp_path / "inpc.csv"
    archivo.write_text(TABLA, encoding="utf-8")
    tipo, contenido = paquetes.armar_inpc(archivo)
    assert (tipo, contenido["inpc"]["meses"]) == ("inpc", 2)
    paquetes.publicar(motor, tesoreria, tipo, contenido, AHORA)
    terminal = Terminal(tmp_path / "terminal")
    paquete = traer_siguiente(enlace, p.publica_cruda(tesoreria), 0)
    assert paquete is not None
    cambios = aplicar(terminal, paquete)
    assert cambios.inpc == 2 and "INPC: 2 meses recibidos de la tesorería." in cambios.lineas()
    assert inpc.tabla(terminal.bd) == {(2024, 2): Decimal("133.5550"), (2024, 5): Decimal("134.0870")}

    # A broken table in a package changes nothing at the terminal.
    roto = {"version": 9, "contenido": {"inpc": {"csv": "anio,mes,indice\n2024,13,130\n"}}}
    with pytest.raises(ErrorEntrada, match="mes"):
        aplicar(terminal, roto)
    with pytest.raises(ErrorJerez, match=r"contenido\.inpc\.csv"):
        aplicar(terminal, {"version": 9, "contenido": {"inpc": {"csv": ""}}})
    assert len(inpc.tabla(terminal.bd)) == 2


def test_la_central_no_firma_un_inpc_invalido(tmp_path):
    archivo = tmp_path / "inpc.csv"
    archivo.write_text("anio,mes,indice\n2024,2,cien\n", encoding="utf-8")
    with pytest.raises(ErrorEntrada, match="línea 2"):
        paquetes.armar_inpc(archivo)
    archivo.write_text("anio,mes,indice\n", encoding="utf-8")
    with pytest.raises(ErrorEntrada, match="no tiene valores"):
        paquetes.armar_inpc(archivo)
    with pytest.raises(ErrorEntrada, match="--inpc"):
        paquetes.armar_inpc(tmp_path / "no-existe.csv")
