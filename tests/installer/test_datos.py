"""The pyinstaller spec's data list covers every data file the code opens.

Three ways: (1) every path the code builds from ``raiz_programa()`` (read from the source) lies in the list;
(2) every file under ``db/`` and ``resources/`` that the selftest really opens (traced with an audit hook
in a fresh interpreter) is in the list; (3) the spec takes its data from that list and every entry exists.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from jerez_pos.diagnostico import datos

RAIZ = Path(__file__).resolve().parents[2]
SPEC = RAIZ / "installer" / "jerez_pos.spec"
# ``raiz_programa() / "db" / "tarifas"`` and the like: the string segments after the root.
RUTA_DESDE_RAIZ = re.compile(r"raiz_programa\(\)((?:\s*/\s*\"[^\"]+\")+)")
# Not for the cashier's PC: the central server (not shipped) and the README screenshot tool's demo data.
EXCLUIDOS_DEL_EMPAQUE = ("jerez_pos/central/", "jerez_pos/gui/captura.py")

TRAZADOR = """
import json, os, sys
abiertos = set()
def gancho(evento, argumentos):
    if evento == "open" and isinstance(argumentos[0], (str, os.PathLike)):
        abiertos.add(os.path.abspath(os.fspath(argumentos[0])))
sys.addaudithook(gancho)
from jerez_pos.cli.main import main
codigo = main(["--selftest"])
with open(sys.argv[1], "w", encoding="utf-8") as salida:
    json.dump({"codigo": codigo, "abiertos": sorted(abiertos)}, salida)
"""


def _cubierto(relativa: str) -> bool:
    incluidos = {p.as_posix() for p in datos.archivos(RAIZ)} | {datos.CAPACIDADES_ESCPOS}
    return relativa in incluidos or any(p.startswith(relativa.rstrip("/") + "/") for p in incluidos)


def test_cada_entrada_existe_en_el_repositorio():
    assert datos.faltantes(RAIZ) == []
    assert len(datos.archivos(RAIZ)) >= 15


def test_las_rutas_que_arma_el_codigo_estan_en_la_lista():
    encontradas: list[tuple[str, str]] = []
    for archivo in sorted((RAIZ / "jerez_pos").rglob("*.py")):
        relativo = archivo.relative_to(RAIZ).as_posix()
        for coincidencia in RUTA_DESDE_RAIZ.finditer(archivo.read_text(encoding="utf-8")):
            ruta = "/".join(re.findall(r"\"([^\"]+)\"", coincidencia.group(1)))
            encontradas.append((relativo, ruta))
    assert any(ruta == "db/tarifas" for _, ruta in encontradas)  # the scan itself works
    faltan = [
        f"{origen}: {ruta}"
        for origen, ruta in encontradas
        if not origen.startswith(EXCLUIDOS_DEL_EMPAQUE) and not _cubierto(ruta)
    ]
    assert faltan == [], "agregue estas rutas a jerez_pos/diagnostico/datos.py"


def test_los_archivos_que_abre_la_autoprueba_estan_en_la_lista(tmp_path):
    salida = tmp_path / "abiertos.json"
    entorno = {"JEREZ_POS_HOME": str(tmp_path / "casa"), "QT_QPA_PLATFORM": "offscreen"}
    r = subprocess.run(
        [sys.executable, "-c", TRAZADOR, str(salida)],
        cwd=RAIZ,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **entorno},
    )
    assert r.returncode == 0, r.stdout + r.stderr
    traza = json.loads(salida.read_text(encoding="utf-8"))
    assert traza["codigo"] == 0
    datos_abiertos = sorted(
        Path(a).relative_to(RAIZ).as_posix()
        for a in traza["abiertos"]
        if Path(a).is_relative_to(RAIZ)
        and Path(a).relative_to(RAIZ).parts[0] in ("db", "resources")
        and "__pycache__" not in Path(a).parts
    )
    assert "db/tarifas/uma.csv" in datos_abiertos and "resources/estilo.qss" in datos_abiertos
    assert any(a.startswith("db/migraciones/versions/") for a in datos_abiertos)
    assert [a for a in datos_abiertos if not _cubierto(a)] == []


def test_el_spec_toma_sus_datos_de_la_lista_y_excluye_la_central():
    texto = SPEC.read_text(encoding="utf-8")
    assert "from jerez_pos.diagnostico.datos import CAPACIDADES_ESCPOS, DATOS" in texto
    assert '"jerez_pos.central"' in texto and 'collect_submodules("jerez_pos"' in texto
    assert '"escpos")' in texto  # python-escpos's own copy of its printer database
    # Nothing the cashier build ships imports the central server (``jerez-pos central`` and its
    # ``usuarios``, ``token`` and ``codigo-nuevo`` commands aside: they import it inside the command, and the
    # cashier build says it is absent).
    importa = re.compile(r"^\s*(from|import)\s+jerez_pos\.central\b|^\s*from\s+jerez_pos\s+import\s+central\b", re.M)
    for archivo in (RAIZ / "jerez_pos").rglob("*.py"):
        relativo = archivo.relative_to(RAIZ).as_posix()
        centrales = (
            "jerez_pos/cli/central.py",
            "jerez_pos/cli/central_usuarios.py",
            "jerez_pos/cli/central_acceso.py",
            "jerez_pos/cli/central_cuentas.py",
        )
        if relativo.startswith(("jerez_pos/central/", *centrales)):
            continue
        assert not importa.search(archivo.read_text(encoding="utf-8")), relativo
