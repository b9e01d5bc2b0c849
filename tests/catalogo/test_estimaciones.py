"""Every Art. 2 estimate in estimaciones.csv is checked against the law text, in the law's order."""

from __future__ import annotations

import csv
import re
from decimal import Decimal

from jerez_pos.catalogo import estimaciones
from jerez_pos.config import catalogo_incluido

_MONTO = re.compile(r"^(.*?)\s*(-|N/A|[\d,]+\.\d\d)$")


def _renglones_art2() -> list[tuple[str, str]]:
    """(name, amount) of each row of the Art. 2 table; names the PDF split over lines are joined again and
    page headers dropped."""
    lineas = (catalogo_incluido() / "fuente" / "ley.txt").read_text(encoding="utf-8").splitlines()
    inicio = next(i for i, linea in enumerate(lineas) if linea.startswith("ARTÍCULO 2."))
    renglones: list[tuple[str, str]] = []
    pendiente: list[str] = []
    for linea in lineas[inicio + 1 :]:
        linea = linea.strip()
        if linea.startswith("ARTÍCULO 3."):
            break
        if not linea or "SUPLEMENTO AL PERIÓDICO OFICIAL" in linea:
            continue
        encontrado = _MONTO.match(linea)
        if encontrado is None:
            pendiente.append(linea)
            continue
        renglones.append((" ".join([*pendiente, encontrado.group(1)]).strip(), encontrado.group(2)))
        pendiente = []
    return renglones


def _filas() -> list[dict[str, str]]:
    with (catalogo_incluido() / estimaciones.ARCHIVO).open(encoding="utf-8", newline="") as archivo:
        return list(csv.DictReader(archivo))


def test_cada_estimacion_esta_en_la_tabla_del_art2_en_orden() -> None:
    renglones = _renglones_art2()
    assert renglones[0][0].endswith("Ejercicio Fiscal 2024 Total") and renglones[0][1] == "394,784,271.00"
    desde = 0
    for fila in _filas():
        nombre = fila["rubro"].split(" › ")[-1]
        for i in range(desde, len(renglones)):
            texto, cifra = renglones[i]
            if texto == nombre or texto.endswith(f" de {nombre}"):
                assert cifra == fila["estimacion"], f"{fila['rubro']}: la ley dice {cifra}"
                desde = i + 1
                break
        else:
            raise AssertionError(f"{fila['rubro']} no aparece (en este orden) en la tabla del Art. 2")


def test_cubre_cada_rubro_y_cada_nivel() -> None:
    rubros = [
        linea.strip()
        for linea in (catalogo_incluido() / "rubros.txt").read_text(encoding="utf-8").splitlines()
        if linea.strip() and not linea.startswith("#")
    ]
    niveles = {" › ".join(r.split(" › ")[:n]) for r in rubros for n in range(1, r.count(" › ") + 2)}
    assert {f["rubro"] for f in _filas()} == niveles


def test_cada_nivel_suma_sus_hijos_cuando_la_ley_los_lista_todos() -> None:
    datos = estimaciones.leer(catalogo_incluido())
    assert datos["Impuestos"] == Decimal("43539724.00")
    assert datos["Impuestos › Otros Impuestos"] is None  # N/A
    assert datos["Derechos › Accesorios de Derechos"] == Decimal("0.00")  # "-"
    # Impuestos and Derechos list every child: the law's own arithmetic holds.
    for padre in ("Impuestos", "Derechos", "Derechos › Derechos por Prestación de Servicios"):
        hijos = [
            v or 0 for k, v in datos.items() if k.startswith(padre + " › ") and k.count(" › ") == padre.count(" › ") + 1
        ]
        assert sum(hijos) == datos[padre], padre
