"""One sanitizer for text going into the ledger and out to printers, PDFs and logs."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.core.texto import LONGITUDES, corto, imprimible, imprimible_lineas, limpiar

ESC, GS = "\x1b", "\x1d"
ATAQUES = [
    f"Juan{ESC}p\x00\x19\xfa Pérez",  # drawer kick
    f"Ana{GS}V\x00",  # paper cut
    "Luis\u202eZEREP",  # bidi override
    "Eva\u200bRuiz",  # zero width space
    "Nombre\x7f",  # DEL
    "Nombre\x9b31m",  # C1 CSI
]


@pytest.mark.parametrize("texto", ATAQUES)
def test_entrada_con_control_se_rechaza_sin_eco_completo(texto: str) -> None:
    with pytest.raises(ErrorEntrada) as error:
        limpiar(texto, "--contribuyente", nombre="nombre")
    mensaje = str(error.value)
    assert mensaje.startswith("--contribuyente: ") and "control o invisible" in mensaje
    assert ESC not in mensaje and GS not in mensaje and "\u202e" not in mensaje


@pytest.mark.parametrize("texto", ATAQUES)
def test_salida_sin_control(texto: str) -> None:
    limpio = imprimible(texto)
    assert all(unicodedata.category(c)[0] != "C" for c in limpio)
    assert ESC not in limpio and GS not in limpio


def test_normaliza_recorta_y_limita() -> None:
    assert limpiar("  José\u0301  María\tLópez \n", "nombre") == unicodedata.normalize("NFC", "José\u0301 María López")
    assert limpiar("e\u0301", "nombre") == "é"
    with pytest.raises(ErrorEntrada, match="máximo 13 caracteres"):
        limpiar("X" * 14, "--rfc", nombre="rfc")
    with pytest.raises(ErrorEntrada, match="máximo 64 caracteres") as error:
        limpiar("R" * 100_000, "--referencia", nombre="referencia")
    assert len(str(error.value)) < 120
    with pytest.raises(ErrorEntrada, match="no puede quedar vacío"):
        limpiar("   ", "--nombre", obligatorio=True)
    assert LONGITUDES["nombre"] == 200 and LONGITUDES["referencia"] == 64


def test_corto() -> None:
    assert corto("abc") == "abc"
    assert corto("x" * 100) == "x" * 20 + "…"
    assert corto(f"a{ESC}b") == "a�b"


def test_imprimible_conserva_columnas_y_corta() -> None:
    assert imprimible("Total      $10.00") == "Total      $10.00"
    assert imprimible("línea\nsegunda") == "línea segunda"
    assert imprimible("abcdef", 4) == "abc…"
    assert imprimible_lineas(f"uno{ESC}\ndos") == "uno\ndos"


@given(st.text(max_size=300))
def test_limpiar_o_rechazar_cualquier_texto(texto: str) -> None:
    try:
        limpio = limpiar(texto, "--nota", nombre="nota")
    except ErrorEntrada as exc:
        assert str(exc).startswith("--nota: ") and len(str(exc)) < 260
        return
    assert len(limpio) <= LONGITUDES["nota"]
    assert limpio == unicodedata.normalize("NFC", limpio) == limpio.strip()
    assert all(unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp") for c in limpio)


@given(st.text())
def test_imprimible_nunca_deja_control(texto: str) -> None:
    assert all(unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Co", "Cn") for c in imprimible(texto))


def test_plurales_sin_parentesis():
    from jerez_pos.core.texto import ConPlural, cantidad

    assert cantidad(1, "recibo") == "1 recibo" and cantidad(0, "recibo") == "0 recibos"
    assert cantidad(2, "anulación", "anulaciones") == "2 anulaciones"
    texto = ConPlural("{recibos:recibo|recibos}, {anulados:anulado|anulados} · {}")
    assert texto.format("hoy", recibos=1, anulados=3) == "1 recibo, 3 anulados · hoy"
    assert ConPlural("{:.2f}").format(1.5) == "1.50"  # an ordinary field keeps its format
    assert ConPlural("{:pendiente|pendientes}").format("…") == "… pendientes"  # a count not known yet
