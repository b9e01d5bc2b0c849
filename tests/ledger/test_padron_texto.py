"""The stall register (CSV) goes to tickets and the inspector's PDF: its names are sanitized like any input."""

from __future__ import annotations

from pathlib import Path

import pytest
from apoyo import Libro

from jerez_pos.ledger import padron


def test_padron_con_control_o_superficie_mal_escrita(libro: Libro, tmp_path: Path) -> None:
    ruta = tmp_path / "padron.csv"
    ruta.write_text(
        "clave,titular,giro,tianguis,ubicacion,tipo,m2,concepto\n"
        "T1-001,Rosa\x1bp\x00,Frutas,Jueves,Hidalgo,fijo,2,\n"
        "T1-002,Pedro,Ropa,Jueves,Hidalgo,fijo,\u0662,\n"
        'T1-003,Luz,Ropa,Jueves,Hidalgo,fijo,"2,5",\n',
        encoding="utf-8",
    )
    with pytest.raises(padron.PadronInvalido) as error:
        padron.importar(libro.terminal, libro.admin, ruta)
    problemas = error.value.problemas
    assert problemas[0].startswith("línea 2, campo titular:") and "control o invisible" in problemas[0]
    assert problemas[1].startswith("línea 3, campo m2:") and problemas[2].startswith("línea 4, campo m2:")
    assert "\x1b" not in " ".join(problemas)
    assert padron.puestos(libro.terminal.bd) == []
