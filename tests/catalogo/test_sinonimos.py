"""The ``sinonimos`` field: everyday names per concept, checked by the loader like any other field."""

import shutil
from pathlib import Path

import pytest

from jerez_pos.catalogo.cargar import cargar
from jerez_pos.core.errores import CatalogoInvalido
from jerez_pos.core.texto import plano
from tests.conftest import CATALOGO

LINEA_A144 = 'sinonimos = ["multa de tránsito",'


def _con(tmp_path: Path, nuevo: str) -> Path:
    copia = tmp_path / "cat"
    shutil.copytree(CATALOGO, copia)
    ruta = copia / "conceptos" / "a135-a158.toml"
    texto = ruta.read_text(encoding="utf-8")
    inicio = texto.index(LINEA_A144)
    fin = texto.index("\n", inicio)
    ruta.write_text(texto[:inicio] + nuevo + texto[fin:], encoding="utf-8")
    return copia


@pytest.mark.parametrize(
    ("linea", "campo", "dice"),
    [
        ('sinonimos = "multa de tránsito"', "sinonimos", "lista de textos"),
        ("sinonimos = [1, 2]", "sinonimos", "lista de textos"),
        ('sinonimos = ["multa", "  "]', "sinonimos[1]", "vacío"),
        ('sinonimos = ["Multa de Tránsito", "multa de transito"]', "sinonimos[1]", "repetido"),
        (f'sinonimos = ["{"x" * 61}"]', "sinonimos[0]", "60 caracteres"),
        ('sinonimos = ["multa | tránsito"]', "sinonimos[0]", "«|»"),
        ("sinonimos = [" + ", ".join(f'"nombre {i}"' for i in range(31)) + "]", "sinonimos", "a lo más 30"),
    ],
)
def test_sinonimos_mal_escritos_se_rechazan_nombrando_archivo_y_campo(tmp_path, linea, campo, dice):
    with pytest.raises(CatalogoInvalido) as exc:
        cargar(_con(tmp_path, linea))
    problema = next(p for p in exc.value.problemas if f"«{campo}»" in p)
    assert "a135-a158.toml" in problema and "línea" in problema and dice in problema


def test_sinonimos_se_leen_sin_espacios_de_sobra(tmp_path):
    catalogo = cargar(_con(tmp_path, 'sinonimos = ["  multa   de tránsito ", "ISAI"]'))
    assert catalogo.conceptos["A144"].sinonimos == ("multa de tránsito", "ISAI")


def test_el_catalogo_trae_sinonimos_suficientes_y_sin_numeros(catalogo):
    propios = [(c.clave, s) for c in catalogo.conceptos.values() if c.padre is None for s in c.sinonimos]
    assert len(propios) >= 60
    assert not [s for _, s in propios if any(ch.isdigit() for ch in s)]  # names, never amounts
    for clave, esperado in [
        ("A72-III", "derecho de piso"),
        ("A65-II", "isai"),
        ("A65-II", "traslado de dominio"),
        ("A85-II", "copia de acta"),
        ("A84-I-a-1", "matanza"),
        ("A89-XII-a", "constancia de no adeudo"),
        ("A103-I", "permiso de construccion"),
        ("A103-I", "licencia de construccion"),
        ("A144", "multa de transito"),
        ("A106-I-a", "licencia de alcohol"),
        ("A79-II", "fosa"),
        ("A103-XIII", "numero oficial"),
        ("A101-V", "alineamiento"),
    ]:
        assert esperado in [plano(s) for s in catalogo.conceptos[clave].sinonimos], (clave, esperado)
