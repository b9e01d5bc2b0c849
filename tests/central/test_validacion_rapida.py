"""The batch hot path checks records in one pass (``_en_regla``); the detailed path names the failing field.
The one-pass check may be stricter, never looser: whatever it accepts, the detailed rules accept too."""

from __future__ import annotations

import datetime as dt
import json

from fabrica import Fabrica
from hypothesis import given, settings
from hypothesis import strategies as st

from jerez_pos.central import validacion as v
from jerez_pos.central.validacion import ErrorHttp

SERIE = "CAB1"
_FABRICA = Fabrica(SERIE)
_RECIBO = json.loads(json.dumps(_FABRICA.recibo(dt.datetime(2024, 6, 1, 9, 0), lineas=2).a_json()))
_ANULACION = json.loads(json.dumps(_FABRICA.anulacion(dt.datetime(2024, 6, 1, 9, 5)).a_json()))  # type: ignore[union-attr]

# Values at and beside every limit the rules draw, so a looser bound in the fast path is found quickly.
_BORDES_ENTEROS = [0, 1, -1, 2, 10_000, 10_001, 2**31 - 1, 2**31, 2**50, 2**50 + 1, -(2**50), -(2**50) - 1]
_BORDES_TEXTO = [
    "",
    " ",
    "   ",
    "recibo",
    "anulacion",
    SERIE,
    "A85-II",
    "2024-06-01T09:00:00",
    "2024-06-01T09:00:00\n",
    "2024-06-01 09:00:00",
    "f" * 64,
    "F" * 64,
    "f" * 63,
    "f" * 65,
    "f" * 120,
    "f" * 128,
    "f" * 129,
    "x" * 40,
    "x" * 41,
    "x" * 200,
    "x" * 201,
    "6b0b7c1e-5a43-4e2b-9d1f-4a6f6a657265",
    "6B0B7C1E-5A43-4E2B-9D1F-4A6F6A657265",
    "{6b0b7c1e-5a43-4e2b-9d1f-4a6f6a657265}",
    "6b0b7c1e5a434e2b9d1f4a6f6a657265",
]
_valores = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63)
    | st.sampled_from(_BORDES_ENTEROS)
    | st.floats(allow_nan=False)
    | st.text(max_size=70)
    | st.sampled_from(_BORDES_TEXTO),
    lambda hijos: st.lists(hijos, max_size=3) | st.dictionaries(st.text(max_size=8), hijos, max_size=3),
    max_leaves=6,
)
_CAMPOS = ["id", "secuencia", "tipo", "hash_previo", "hash", "firma", "documento"]
_CAMPOS_DOC = ["tipo", "serie", "numero", "eslabon", "fecha", "total_centavos", "lineas", "recibo_hash"]
_CAMPOS_LINEA = ["n", "clave", "rubro", "total_centavos"]


def _aplicar(base: dict, cambios: list[tuple[str, str, object]]) -> dict:
    crudo = json.loads(json.dumps(base))
    documento = json.loads(crudo["documento"])
    lineas = documento.get("lineas")
    for donde, campo, valor in cambios:
        if donde == "registro":
            crudo[campo] = valor
        elif donde == "documento":
            documento[campo] = valor
        elif isinstance(lineas, list) and lineas and isinstance(lineas[0], dict):
            lineas[0][campo] = valor
    if "documento" not in {c for d, c, _ in cambios if d == "registro"}:
        crudo["documento"] = json.dumps(documento, ensure_ascii=False)
    return crudo


_cambio = st.one_of(
    st.tuples(st.just("registro"), st.sampled_from(_CAMPOS), _valores),
    st.tuples(st.just("documento"), st.sampled_from(_CAMPOS_DOC), _valores),
    st.tuples(st.just("linea"), st.sampled_from(_CAMPOS_LINEA), _valores),
)


@settings(max_examples=600, deadline=None)
@given(base=st.sampled_from([_RECIBO, _ANULACION]), cambios=st.lists(_cambio, min_size=1, max_size=3))
def test_lo_que_acepta_la_via_rapida_lo_acepta_la_detallada(base, cambios):
    _comparar(_aplicar(base, cambios), cambios)


def test_los_registros_de_una_terminal_pasan_por_la_via_rapida():
    for base in (_RECIBO, _ANULACION):
        assert v._en_regla(base, SERIE) is not None
        assert v._en_regla(base, "OTRA1") is None or base["tipo"] == "anulacion"


def _comparar(crudo: dict, cambios: object) -> None:
    rapido = v._en_regla(crudo, SERIE)
    try:
        detallado = v._registro_detallado(crudo, 0, SERIE)
    except ErrorHttp:
        assert rapido is None, f"la vía rápida aceptó lo que la detallada rechaza: {cambios}"
        return
    if rapido is not None:
        assert v._entrante(crudo, 0, *rapido) == detallado


_SUELTOS = [None, True, False, 1.5, [], {}, [1], {"a": 1}]


def test_cada_campo_con_cada_valor_de_borde():
    """Exhaustive over one change at a time: every field, every boundary value (deterministic, no sampling)."""
    casos = 0
    for base in (_RECIBO, _ANULACION):
        for donde, campos in (("registro", _CAMPOS), ("documento", _CAMPOS_DOC), ("linea", _CAMPOS_LINEA)):
            for campo in campos:
                for valor in [*_BORDES_ENTEROS, *_BORDES_TEXTO, *_SUELTOS]:
                    cambios = [(donde, campo, valor)]
                    _comparar(_aplicar(base, cambios), cambios)
                    casos += 1
        # Fields the rules tie together change together, or the tie alone would reject every case.
        for valor in [*_BORDES_ENTEROS, *_BORDES_TEXTO, *_SUELTOS]:
            for par in (("secuencia", "eslabon"), ("tipo", "tipo")):
                cambios = [("registro", par[0], valor), ("documento", par[1], valor)]
                _comparar(_aplicar(base, cambios), cambios)
                casos += 1
    assert casos > 1500
