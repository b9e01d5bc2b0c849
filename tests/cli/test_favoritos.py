"""``jerez-pos favoritos``: a real process against a real data home; bad input exits 2 with one Spanish line."""

import json
import shutil

import pytest

from tests.cli.test_cli import correr


@pytest.fixture
def home(home_sesion, tmp_path):
    copia = tmp_path / "home"
    shutil.copytree(home_sesion, copia)
    return copia


def test_agregar_listar_quitar(home):
    r = correr(home, "favoritos", "agregar", "a85-ii")
    assert r.returncode == 0 and "A85-II: agregado" in r.stdout, r.stderr
    assert correr(home, "favoritos", "agregar", "A114-III-61").returncode == 0
    r = correr(home, "favoritos", "listar", "--json")
    assert r.returncode == 0, r.stderr
    datos = json.loads(r.stdout)
    assert [(d["clave"], d["tipo"], d["motivo"]) for d in datos] == [
        ("A85-II", "concepto", "favorito"),
        ("A114-III-61", "giro", "favorito"),
    ]
    assert set(datos[0]) == {"clave", "tipo", "descripcion", "motivo", "veces"}
    r = correr(home, "favoritos", "quitar", "A85-II")
    assert r.returncode == 0 and "quitado" in r.stdout
    r = correr(home, "favoritos", "listar", "--mas-cobrados", "--dias", "7")
    assert r.returncode == 0 and "A114-III-61" in r.stdout and "A85-II" not in r.stdout


@pytest.mark.parametrize(
    ("argumentos", "palabra"),
    [
        (("favoritos", "agregar", "A999-X"), "no existe"),
        (("favoritos", "quitar", "A85-II"), "no está entre los favoritos"),
        (("favoritos", "listar", "--mas-cobrados", "--dias", "0"), "dias"),
        (("favoritos", "listar", "--dias", "muchos"), "--dias"),
        (("favoritos", "borrar", "A85-II"), "opción no válida"),
    ],
)
def test_entrada_mala_sale_con_2_y_no_escribe(home, argumentos, palabra):
    r = correr(home, *argumentos)
    assert r.returncode == 2
    lineas = r.stderr.strip().splitlines()
    assert len(lineas) == 1 and palabra in lineas[0] and "Traceback" not in r.stderr
    assert not (home / "favoritos.txt").exists()


@pytest.mark.parametrize(
    ("texto", "primera"),
    [("derecho de piso", "A72-"), ("ISAI", "A65-II"), ("nacimineto", "A85-II"), ("multa transito", "A144")],
)
def test_conceptos_buscar_entiende_sinonimos_y_erratas(home_sesion, texto, primera):
    r = correr(home_sesion, "conceptos", "--buscar", texto, "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)[0]["clave"].startswith(primera)
