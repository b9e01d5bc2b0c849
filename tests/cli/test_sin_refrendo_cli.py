"""``jerez-pos padron comercio sin-refrendo [--json]`` through a real process on a real data home."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from tests.cli.test_cuentas_cli import ADMIN, correr


def test_sin_refrendo_lista_por_domicilio_con_adeudo(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert correr(home, "demo", "--recibos", "0").returncode == 0
    anio = dt.date.today().year
    comercio = tmp_path / "comercio.csv"
    comercio.write_text(
        "licencia,titular,domicilio,giro,pagado_hasta\n"
        f"L-1,Tienda Uno,Hidalgo 10,1,{anio - 1}\n"
        f"L-2,Al corriente,Allende 1,1,{anio}\n"
        f"L-3,Farmacia Ávila,Álvaro Obregón 5,2,{anio - 2}\n",
        encoding="utf-8",
    )
    assert correr(home, "padron", "comercio", "importar", str(comercio), **ADMIN).returncode == 0
    r = correr(home, "padron", "comercio", "sin-refrendo", "--json")
    assert r.returncode == 0, r.stderr
    lista = json.loads(r.stdout)
    assert [x["licencia"] for x in lista] == ["L-3", "L-1"]  # by address; L-2 renewed this year
    l3 = lista[0]
    assert (l3["titular"], l3["domicilio"], l3["giro"], l3["pagado_hasta"]) == (
        "Farmacia Ávila",
        "Álvaro Obregón 5",
        2,
        anio - 2,
    )
    assert l3["anios"] == [anio - 1, anio] and l3["giro_nombre"]
    adeudo = json.loads(correr(home, "adeudo", "comercio", "L-3", "--json").stdout)
    assert l3["adeudo"] == adeudo["total"]  # the same computation as «adeudo»
    texto = correr(home, "padron", "comercio", "sin-refrendo")
    assert texto.returncode == 0 and "2 licencias sin refrendo" in texto.stdout and "Hidalgo 10" in texto.stdout
    ayuda = correr(home, "padron", "comercio", "--help")
    assert "sin-refrendo" in ayuda.stdout
