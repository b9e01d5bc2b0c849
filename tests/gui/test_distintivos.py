"""Por giro's row texts and the predial's required data: pure functions, no window."""

from __future__ import annotations

from jerez_pos.core.parametros import falta_alternativa, requeridos
from jerez_pos.gui.servicios_giro import distintivos


def test_alternativas_por_lo_que_las_distingue():
    comun, restos = distintivos(
        [
            "Bebidas alcohólicas. Cerveza y/o bebidas refrescantes hasta 10° G.L.: Renovación",
            "Bebidas alcohólicas. Cerveza y/o bebidas refrescantes hasta 10° G.L.: Expedición de licencia",
        ]
    )
    assert comun == "Bebidas alcohólicas. Cerveza y/o bebidas refrescantes hasta 10° G.L."
    assert restos == ["Renovación", "Expedición de licencia"]
    # The shared words stop at the last punctuation mark: no alternative starts mid-phrase.
    comun, restos = distintivos(
        ["Visita de Protección Civil, negocios con gas", "Visita de Protección Civil, negocios sin gas"]
    )
    assert comun == "Visita de Protección Civil" and restos == ["Negocios con gas", "Negocios sin gas"]
    assert distintivos(["Uno", "Otro"]) == ("", ["Uno", "Otro"])
    assert distintivos(["Sola"]) == ("", ["Sola"])


def test_predial_pide_terreno_y_zona_o_hectareas():
    assert {"zona", "m2_terreno", "hectareas_temporal"} <= requeridos("predial") and not requeridos("uma_fija")
    falta = falta_alternativa("predial", {})
    assert falta is not None and falta.campo == "zona" and "hectáreas" in str(falta)
    falta = falta_alternativa("predial", {"zona": "III", "m2_construccion": "80"})
    assert falta is not None and falta.campo == "m2_terreno"
    assert falta_alternativa("predial", {"zona": "III", "m2_terreno": "200"}) is None
    assert falta_alternativa("predial", {"hectareas_temporal": "4"}) is None
    assert falta_alternativa("uma_fija", {}) is None
