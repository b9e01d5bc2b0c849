"""Frozen builds: python-escpos's printer database ships in resources/escpos and is found, and its
profile cache lives in the data home and is reused (not a new temp dir on every start)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent.parent
INCLUIDO = RAIZ / "resources" / "escpos" / "capabilities.json"

CODIGO = """
import json, os, sys
if len(sys.argv) > 1:
    sys._MEIPASS = sys.argv[1]  # what PyInstaller sets in a frozen build
from jerez_pos.printing.escpos import ticket_a_bytes
from jerez_pos.printing.ticket import componer_ticket
from tests.printing.muestras import muestras
ticket_a_bytes(componer_ticket(muestras()['acentos'], 32))
import escpos.capabilities as c
print(json.dumps({"archivo": os.environ["ESCPOS_CAPABILITIES_FILE"], "pickle": c.pickle_path}))
"""


def _correr(home: Path, *extra: str) -> dict[str, str]:
    entorno = {k: v for k, v in os.environ.items() if not k.startswith("ESCPOS_")}
    entorno["JEREZ_POS_HOME"] = str(home)
    r = subprocess.run(
        [sys.executable, "-c", CODIGO, *extra], cwd=RAIZ, env=entorno, capture_output=True, text=True, timeout=60
    )
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout.strip().splitlines()[-1])


def test_base_incluida_es_la_del_paquete_instalado():
    import escpos

    instalado = Path(escpos.__file__).parent / "capabilities.json"
    assert json.loads(INCLUIDO.read_text(encoding="utf-8")) == json.loads(instalado.read_text(encoding="utf-8")), (
        "actualice resources/escpos/capabilities.json desde el python-escpos instalado"
    )


def test_se_usa_la_base_incluida_y_la_cache_se_reutiliza(tmp_path):
    primera = _correr(tmp_path)
    assert Path(primera["archivo"]) == INCLUIDO
    pickle = Path(primera["pickle"])
    assert pickle.parent == tmp_path / "escpos" and pickle.is_file()
    marca = pickle.stat().st_mtime_ns
    segunda = _correr(tmp_path)
    assert segunda["pickle"] == primera["pickle"] and pickle.stat().st_mtime_ns == marca
    assert list((tmp_path / "escpos").iterdir()) == [pickle]


def test_en_un_ejecutable_congelado_se_busca_junto_al_programa(tmp_path):
    paquete = tmp_path / "bundle"
    (paquete / "resources" / "escpos").mkdir(parents=True)
    (paquete / "resources" / "escpos" / "capabilities.json").write_bytes(INCLUIDO.read_bytes())
    datos = _correr(tmp_path / "home", str(paquete))
    assert Path(datos["archivo"]) == paquete / "resources" / "escpos" / "capabilities.json"
    assert Path(datos["pickle"]).parent == tmp_path / "home" / "escpos"
