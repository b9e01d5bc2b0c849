"""The command-line contract, run as a real process against a real data home."""

import json
import os
import subprocess
import sys

import pytest


def correr(home, *argumentos, entrada=None):
    entorno = dict(os.environ, JEREZ_POS_HOME=str(home))
    return subprocess.run(
        [sys.executable, "-m", "jerez_pos", *argumentos],
        capture_output=True,
        text=True,
        env=entorno,
        input=entrada,
        timeout=120,
    )


def test_cotizar_json(home_sesion):
    r = correr(home_sesion, "cotizar", "A85-II", "--fecha", "2024-06-01", "--json")
    assert r.returncode == 0, r.stderr
    datos = json.loads(r.stdout)
    for campo in (
        "clave",
        "descripcion",
        "fundamento",
        "fecha",
        "catalogo",
        "uma",
        "unidades_uma",
        "importe",
        "modificadores",
        "total",
        "total_efectivo",
        "explicacion",
        "advertencias",
    ):
        assert campo in datos
    assert datos["importe"] == "115.12" and datos["total_efectivo"] == "115.00" and datos["uma"] == "108.57"
    assert datos["fundamento"] == "Art. 85 fr. II, Ley de Ingresos 2024 de Jerez"


def test_cotizar_pesos_uma_nulo_y_descuentos_negativos(home_sesion):
    r = correr(
        home_sesion,
        "cotizar",
        "A74",
        "--param",
        "importe=1000",
        "--param",
        "referencia=C-12",
        "--fecha",
        "2024-05-03",
        "--json",
    )
    datos = json.loads(r.stdout)
    assert datos["uma"] is None and datos["total"] == "850.00"
    assert datos["modificadores"][0]["importe"] == "-150.00"
    assert datos["modificadores"][0]["fundamento"].startswith("Art. 74")


def test_tramo_por_clave_padre(home_sesion):
    r = correr(home_sesion, "cotizar", "A31-II", "--param", "aparatos=10", "--fecha", "2024-06-01", "--json")
    assert json.loads(r.stdout)["unidades_uma"] == "3.6750"


def test_conceptos_json_y_por_giro(home_sesion):
    r = correr(home_sesion, "conceptos", "--buscar", "acta de nacimiento", "--json")
    datos = json.loads(r.stdout)
    assert datos[0]["clave"] == "A85-II" and datos[0]["unidades_uma"] == "1.0603"
    for campo in ("clave", "descripcion", "fundamento", "rubro", "forma", "parametros"):
        assert campo in datos[0]
    r = correr(home_sesion, "conceptos", "--giro", "1", "--json")
    claves = [c["clave"] for c in json.loads(r.stdout)]
    assert claves[0] == "A114-III-1" and "A106-IV-b" in claves


def test_conceptos_sin_filtro_lista_todo(home_sesion, catalogo):
    r = correr(home_sesion, "conceptos", "--json")
    assert len(json.loads(r.stdout)) == len(catalogo.conceptos)


def test_giros(home_sesion):
    r = correr(home_sesion, "giros", "--buscar", "cafeteria", "--json")
    assert {g["numero"] for g in json.loads(r.stdout)} == {90, 91, 285}


@pytest.mark.parametrize(
    ("argumentos", "palabra"),
    [
        (["cotizar", "A999"], "A999"),
        (["cotizar", "A31-II"], "aparatos"),
        (["cotizar", "A85-II", "--param", "color=rojo"], "color"),
        (["cotizar", "A72-IV", "--param", "cantidad=-2", "--param", "dias=1"], "negativo"),
        (["cotizar", "A72-IV", "--param", "cantidad=dos", "--param", "dias=1"], "cantidad"),
        (["cotizar", "A141-I", "--param", "unidades=50"], "máximo"),
        (["cotizar", "A85-II", "--fecha", "2024-02-30"], "--fecha"),
        (["cotizar", "A57", "--param", "zona=XI", "--param", "m2_terreno=5"], "zona"),
        (["cotizar", "A85-II", "--param", "sinigual"], "nombre=valor"),
        (["cotizar", "A65-II", "--param", "base=500000"], "verificar"),
        (["cotizar"], "faltan argumentos"),
        (["catalogo", "importar", "/no/existe"], "DIR"),
    ],
)
def test_entrada_mala_sale_con_2_y_una_linea_en_espanol(home_sesion, argumentos, palabra):
    r = correr(home_sesion, *argumentos)
    assert r.returncode == 2
    lineas = r.stderr.strip().splitlines()
    assert len(lineas) == 1 and palabra in lineas[0]
    assert "Traceback" not in r.stderr and r.stdout == ""


def test_importar_catalogo_malo_no_escribe_nada(home_sesion, tmp_path):
    import shutil

    from ..conftest import CATALOGO

    copia = tmp_path / "malo"
    shutil.copytree(CATALOGO, copia)
    cabecera = (copia / "catalogo.toml").read_text()
    version = int(cabecera.split("version = ")[1].split()[0])
    (copia / "catalogo.toml").write_text(cabecera.replace(f"version = {version}", f"version = {version + 1}"))
    archivo = copia / "conceptos" / "a141.toml"
    archivo.write_text(
        archivo.read_text(encoding="utf-8").replace('forma = "rango"', 'forma = "rangos"', 1), encoding="utf-8"
    )
    antes = correr(home_sesion, "catalogo", "listar", "--json").stdout
    r = correr(home_sesion, "catalogo", "importar", str(copia))
    assert r.returncode == 2 and "a141.toml" in r.stderr and "«forma»" in r.stderr
    assert correr(home_sesion, "catalogo", "listar", "--json").stdout == antes


def test_confirmar_tarifa_por_verificar(tmp_path):
    assert correr(tmp_path, "cotizar", "A65-II", "--param", "base=500000").returncode == 2
    r = correr(tmp_path, "catalogo", "confirmar", "A65-II", "--usuario", "admin", "--motivo", "P.O. pág. 54")
    assert r.returncode == 0, r.stderr
    r = correr(tmp_path, "cotizar", "A65-II", "--param", "base=500000", "--fecha", "2024-06-01", "--json")
    assert r.returncode == 0 and any("confirmado" in a for a in json.loads(r.stdout)["advertencias"])


def test_ayuda_en_espanol(home_sesion):
    r = correr(home_sesion, "--help")
    assert r.returncode == 0 and "uso: jerez-pos" in r.stdout and "cotizar" in r.stdout


def test_sin_servidor_central_instalado_mensaje_claro(tmp_path):
    """The cashier build leaves FastAPI out: `central` then says so in one line instead of failing."""
    codigo = (
        "import sys\n"
        "class Bloqueo:\n"
        "    def find_spec(self, nombre, *a, **k):\n"
        "        if nombre.split('.')[0] in ('fastapi', 'uvicorn', 'starlette'):\n"
        "            raise ModuleNotFoundError(f'No module named {nombre!r}', name=nombre)\n"
        "sys.meta_path.insert(0, Bloqueo())\n"
        "from jerez_pos.cli.main import main\n"
        f"sys.exit(main(['central', '--db', 'sqlite:///{tmp_path.as_posix()}/c.sqlite3']))\n"
    )
    r = subprocess.run(
        [sys.executable, "-c", codigo],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ, JEREZ_POS_HOME=str(tmp_path)),
    )
    assert r.returncode == 2
    assert r.stderr.strip().splitlines() == [
        "jerez-pos: el servidor central no está incluido en esta instalación de caja; "
        "use la instalación del servidor de la Tesorería"
    ]


def test_sin_pantalla_grafica_no_hay_volcado(tmp_path):
    """On a Linux session without X11/Wayland the app says so in Spanish instead of aborting inside Qt."""
    entorno = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    entorno["JEREZ_POS_HOME"] = str(tmp_path)
    solo = subprocess.run([sys.executable, "-m", "jerez_pos"], capture_output=True, text=True, env=entorno, timeout=120)
    if sys.platform.startswith("linux"):
        assert solo.returncode == 0 and "No hay pantalla gráfica" in solo.stdout
        assert "Catálogo vigente: jerez-2024 v2" in solo.stdout
        gui = subprocess.run(
            [sys.executable, "-m", "jerez_pos", "gui"], capture_output=True, text=True, env=entorno, timeout=120
        )
        assert gui.returncode == 2 and gui.stderr.count("\n") == 1 and "pantalla gráfica" in gui.stderr
