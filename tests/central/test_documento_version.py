"""Central refuses a chain document of a format version it does not know: 422 naming the field."""

from __future__ import annotations

import json

from jerez_pos.sync import protocolo as p
from tests.central.test_contrato import FECHA, Central


def test_version_desconocida_422_nombra_el_campo() -> None:
    central = Central()
    f = central.terminal()
    crudo = json.loads(p.cuerpo_lote([f.recibo(FECHA)], 1))
    documento = json.loads(crudo["registros"][0]["documento"])
    assert "version" not in documento  # what terminals send today: version 1
    for version in (2, "1", None):
        crudo["registros"][0]["documento"] = p.canonico({**documento, "version": version}).decode()
        respuesta = central.firmado(f, "/v1/lotes", p.canonico(crudo))
        detalle = respuesta.json()["detail"]
        assert respuesta.estado == 422 and detalle["campo"] == "registros[0].documento.version"
        assert "no conoce" in detalle["mensaje"]
    crudo["registros"][0]["documento"] = p.canonico({**documento, "version": 1}).decode()
    respuesta = central.firmado(f, "/v1/lotes", p.canonico(crudo))
    # an explicit version 1 is a known format; this one fails only because its hash covers other bytes
    assert respuesta.estado == 422 and respuesta.json()["detail"]["campo"] == "registros[0].hash"
