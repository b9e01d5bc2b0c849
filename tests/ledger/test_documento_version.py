"""The ledger's verification reads the format version from the stored document and refuses one it does not
know with a Spanish sentence, instead of checking it against version 1's fields."""

from __future__ import annotations

import json
import sqlite3
from decimal import Decimal

from apoyo import Libro

from jerez_pos.core.documento import canonico
from jerez_pos.ledger import recibos
from jerez_pos.ledger.pagos import Pago
from jerez_pos.ledger.verificacion import verificar


def test_version_desconocida_se_rechaza_con_mensaje_claro(libro: Libro) -> None:
    for _ in range(3):
        recibos.cobrar(libro.terminal, libro.cajero, [("A85-II", {})], [Pago("efectivo", Decimal("200"))])
    assert verificar(libro.terminal.bd)["cadena"] == "ok"
    conexion = sqlite3.connect(libro.terminal.bd.url.database)
    texto = conexion.execute("SELECT documento FROM recibo WHERE numero = 2").fetchone()[0]
    assert '"version"' not in texto  # version 1: no field, byte-identical to the old format
    conexion.execute("DROP TRIGGER recibo_sin_update")
    futuro = canonico({**json.loads(texto), "version": 99}).decode("utf-8")
    conexion.execute("UPDATE recibo SET documento = ? WHERE numero = 2", (futuro,))
    conexion.commit()
    resultado = verificar(libro.terminal.bd)
    assert resultado["cadena"] == "rota"
    assert "JRZ1-2" in resultado["detalle"] and "versión 99 del formato" in resultado["detalle"]
    assert "no conoce" in resultado["detalle"] and "JRZ1-3" not in resultado["detalle"]  # reported once
