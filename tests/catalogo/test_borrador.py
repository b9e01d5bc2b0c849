"""The draft of a new year's catalog, built from test laws made out of the 2024 decree.

Each test law changes the decree the way a new Ley de Ingresos does (factors, an inserted article, fractions
derogated or added, giros, table limits, page breaks), and the draft is checked against what the change
means: every concept carried over is priced exactly as the base priced it with the new numbers, the changed
amounts are all in ``cambios``, and what the tool could not follow is ``verificar`` (refused at the charge).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from jerez_pos.catalogo.borrador import texto as t
from jerez_pos.catalogo.borrador.armar import armar
from jerez_pos.catalogo.borrador.escribir import escribir
from jerez_pos.catalogo.cargar import cargar
from jerez_pos.catalogo.fidelidad import revisar
from jerez_pos.catalogo.uma import leer_uma
from jerez_pos.core.errores import ErrorEntrada, UmaNoPublicada
from jerez_pos.core.motor import Motor

from ..conftest import CATALOGO, UMA_CSV

LEY = (CATALOGO / "fuente" / "ley.txt").read_text(encoding="utf-8")
FECHA_2025 = dt.date(2025, 6, 16)


def _articulo(ley: str, numero: int) -> tuple[int, int]:
    inicio = re.search(rf"ART[ÍI]CULO {numero}\.", ley)
    assert inicio is not None
    fin = re.search(r"ART[ÍI]CULO \d+\.", ley[inicio.end() :])
    return inicio.start(), inicio.end() + (fin.start() if fin else len(ley))


def cambiar(ley: str, numero: int, viejo: str, nuevo: str) -> str:
    """Replace the first ``viejo`` inside article ``numero`` only."""
    a, b = _articulo(ley, numero)
    cuerpo = ley[a:b]
    assert viejo in cuerpo, (numero, viejo)
    return ley[:a] + cuerpo.replace(viejo, nuevo, 1) + ley[b:]


def insertar_articulo(ley: str, antes_de: int, texto: str) -> str:
    """A new article numbered ``antes_de``; that one and every later one move up by one."""

    def mover(m: re.Match[str]) -> str:
        numero = int(m.group(2))
        return f"{m.group(1)}{numero + 1 if numero >= antes_de else numero}."

    a, _ = _articulo(ley, antes_de)
    movida = ley[:a] + re.sub(r"(ART[ÍI]CULO )(\d+)\.", mover, ley[a:])
    return movida[:a] + f"ARTÍCULO {antes_de}. {texto}\n" + movida[a:]


def _borrador(tmp_path: Path, ley: str, nombre: str = "b"):
    salida = tmp_path / nombre
    borrador = armar(ley, CATALOGO, 2025)
    escribir(borrador, CATALOGO, salida)
    catalogo = cargar(salida)
    return borrador, catalogo, salida


@pytest.fixture(scope="module")
def tabla_uma():
    return leer_uma(UMA_CSV)


@pytest.fixture(scope="module")
def base():
    return cargar(CATALOGO)


def _precio(motor: Motor, clave: str, ejemplo: dict[str, str]) -> Decimal:
    return motor.cotizar(clave, ejemplo, FECHA_2025).total


def revisar_precios(base, borrador_, catalogo, tabla_uma, esperados: dict[str, Decimal] | None = None):
    """Every concept the draft carries without review is priced as the base with its new numbers.
    Returns (right, wrong, reviewed) counts over the base's priced keys."""
    motor_base = Motor([base], tabla_uma, {c for c in base.conceptos})
    motor_nuevo = Motor([catalogo], tabla_uma)
    renombres = borrador_.renombres()
    bien, mal, revisar_ = 0, [], 0
    for clave, concepto in base.conceptos.items():
        if concepto.verificar:
            continue
        nueva = renombres.get(clave, "")
        if not nueva and concepto.padre and concepto.padre in renombres:
            nueva = renombres[concepto.padre] + clave[len(concepto.padre) :]
        if not nueva or nueva not in catalogo.conceptos:
            revisar_ += 1
            continue
        destino = catalogo.conceptos[nueva]
        if destino.verificar:
            revisar_ += 1
            continue
        ejemplo = dict(concepto.ejemplo or (base.conceptos[concepto.padre].ejemplo if concepto.padre else {}))
        try:
            esperado = _precio(motor_base, clave, ejemplo)
        except ErrorEntrada:  # a bracket leaf whose parent's example falls in another bracket: not priced
            continue
        except UmaNoPublicada:  # limits in annual UMA (Art. 101 III) while the 2025 annual UMA is not recorded
            continue
        esperado = (esperados or {}).get(clave, esperado)
        obtenido = _precio(motor_nuevo, nueva, ejemplo)
        if obtenido == esperado:
            bien += 1
        else:
            mal.append((clave, nueva, esperado, obtenido))
    return bien, mal, revisar_


def test_la_misma_ley_da_el_mismo_catalogo(tmp_path, base, tabla_uma):
    borrador, catalogo, salida = _borrador(tmp_path, LEY)
    informe = borrador.a_dict(len(catalogo.conceptos))
    assert informe["cambios"] == [] and informe["nuevos"] == [] and informe["derogados"] == []
    assert informe["por_revisar"] == []
    assert len(catalogo.conceptos) == len(base.conceptos) and catalogo.ejercicio == 2025
    assert revisar(catalogo, salida / "fuente" / "ley.txt") == []
    bien, mal, pendientes = revisar_precios(base, borrador, catalogo, tabla_uma)
    assert mal == [] and pendientes == 0 and bien > 700


def test_factores_cambiados_se_listan_y_se_cobran(tmp_path, base, tabla_uma):
    ley = cambiar(LEY, 85, "1.0603", "1.1100")  # fr. II only: fr. III keeps its 1.0603
    ley = cambiar(ley, 141, "11.5500", "12.0000")  # fr. I's maximum; fr. II repeats 11.5500 and keeps it
    ley = cambiar(ley, 88, "4.8510", "5.0000")  # second metre of a grave (a marginal table)
    borrador, catalogo, _ = _borrador(tmp_path, ley)
    cambios = {(c["clave"], c["campo"]): (c["antes"], c["despues"]) for c in borrador.a_dict(0)["cambios"]}
    assert cambios[("A85-II", "monto")] == ("1.0603", "1.1100")
    assert cambios[("A141-I", "maximo")] == ("11.5500", "12.0000")
    assert cambios[("A88-I-a-2", "monto")] == ("4.8510", "5.0000")
    assert len(cambios) == 3
    assert catalogo.conceptos["A85-III"].monto == Decimal("1.0603")
    assert catalogo.conceptos["A141-II"].monto == Decimal("11.5500")
    uma_2025 = Decimal("113.14")
    esperados = {
        "A85-II": (Decimal("1.1100") * uma_2025).quantize(Decimal("0.01")),
        "A88-I-a": ((Decimal("17.1907") + Decimal("5.0000")) * uma_2025).quantize(Decimal("0.01")),
        "A88-I-a-2": ((Decimal("17.1907") + Decimal("5.0000")) * uma_2025).quantize(Decimal("0.01")),
        "A88-I-a-3": ((Decimal("17.1907") + Decimal("5.0000") + Decimal("6.0638")) * uma_2025).quantize(
            Decimal("0.01")
        ),
    }
    _bien, mal, pendientes = revisar_precios(base, borrador, catalogo, tabla_uma, esperados)
    assert mal == [] and pendientes == 0


def test_articulo_insertado_renumera_claves_y_fundamentos(tmp_path, base, tabla_uma):
    ley = insertar_articulo(
        LEY,
        86,
        "Por la expedición de la constancia de residencia digital, 2.5000 veces la Unidad de Medida y "
        "Actualización diaria.",
    )
    borrador, catalogo, salida = _borrador(tmp_path, ley)
    informe = borrador.a_dict(len(catalogo.conceptos))
    assert "A86" in informe["nuevos"] and catalogo.conceptos["A86"].verificar
    assert catalogo.conceptos["A85-II"].monto == Decimal("1.0603")  # before the insertion: same key
    renombres = borrador.renombres()
    assert renombres["A86-I"] == "A87-I" and renombres["A141-II"] == "A142-II"
    assert catalogo.conceptos["A142-II"].fundamento.startswith("Art. 142 fr. II")
    assert "A141-II" not in catalogo.conceptos
    assert informe["cambios"] == []
    assert revisar(catalogo, salida / "fuente" / "ley.txt") == []
    bien, mal, pendientes = revisar_precios(base, borrador, catalogo, tabla_uma)
    assert mal == [] and bien >= 0.9 * (bien + pendientes)
    reglas = (salida / "vinculos.toml").read_text(encoding="utf-8")
    assert '"A107-I-b"' in reglas and '"A106-I-b"' not in reglas  # alcohol licences followed the renumbering
    modificadores = (salida / "modificadores.toml").read_text(encoding="utf-8")
    assert 'aplica_a = ["A57"]' in modificadores  # predial (Art. 57) was before the insertion: unchanged
    assert '"A142"' in modificadores


def test_fraccion_derogada_y_fraccion_nueva(tmp_path, base, tabla_uma):
    fila = re.search(r"II\. Falta de refrendo de licencia\.*\s*11\.5500", LEY)
    assert fila is not None
    ley = LEY[: fila.start()] + "II. Derogada;" + LEY[fila.end() :]
    ley = cambiar(ley, 105, "4.9885 veces la Unidad de Medida y Actualización diaria.",
                  "4.9885 veces la Unidad de Medida y Actualización diaria.\nI. Por la reposición de la "
                  "credencial de director responsable de obra…… 1.2500")  # fmt: skip
    borrador, catalogo, _ = _borrador(tmp_path, ley)
    informe = borrador.a_dict(len(catalogo.conceptos))
    assert "A141-II" in informe["derogados"] and "A141-II" not in catalogo.conceptos
    assert "A141-III" in catalogo.conceptos and not catalogo.conceptos["A141-III"].verificar
    assert "A105-I" in informe["nuevos"] and catalogo.conceptos["A105-I"].verificar
    assert catalogo.conceptos["A105"].monto == Decimal("4.9885")
    _bien, mal, _pendientes = revisar_precios(base, borrador, catalogo, tabla_uma)
    assert mal == []


def test_giros_cambiados_y_agregados(tmp_path, base, tabla_uma):
    fila = re.search(r"\n61\. [^\n]*?(\d+\.\d{4})", LEY)
    assert fila is not None
    ley = LEY[: fila.start(1)] + "5.5555" + LEY[fila.end(1) :]

    def mover(m: re.Match[str]) -> str:
        numero = int(m.group(1))
        return f"\n{numero + 1 if numero >= 101 else numero}. "

    a, b = _articulo(ley, 114)
    cuerpo = re.sub(r"\n(\d{1,3})\. ", mover, ley[a:b])
    cuerpo = cuerpo.replace("\n102. ", "\n101. Venta de artículos de prueba 3.1000\n102. ", 1)
    ley = ley[:a] + cuerpo + ley[b:]
    borrador, catalogo, _ = _borrador(tmp_path, ley)
    informe = borrador.a_dict(len(catalogo.conceptos))
    cambios = {c["clave_base"]: c for c in informe["cambios"]}
    assert cambios["A114-III-61"]["despues"] == "5.5555"
    assert "A114-III-101" in informe["nuevos"]
    assert catalogo.giro(101) is not None and catalogo.giro(101).nombre.startswith("Venta de artículos de prueba")
    assert catalogo.giro(471) is not None and catalogo.giro(471).nombre == base.giro(470).nombre
    assert catalogo.giro(151).alcohol == base.giro(150).alcohol  # characteristics follow the giro, not the number
    _bien, mal, _ = revisar_precios(
        base,
        borrador,
        catalogo,
        tabla_uma,
        {"A114-III-61": (Decimal("5.5555") * Decimal("113.14")).quantize(Decimal("0.01"))},
    )
    assert mal == []


def test_limites_de_tabla_movidos(tmp_path, base, tabla_uma):
    viejo = re.search(r"De 6 a 15[^\n]*", LEY)
    assert viejo is not None
    ley = cambiar(LEY, 31, "De 6 a 15", "De 6 a 16")
    borrador, catalogo, _ = _borrador(tmp_path, ley)
    cambios = {(c["clave"], c["campo"]): c for c in borrador.a_dict(0)["cambios"]}
    assert any(campo == "hasta" and c["despues"] == "16" for (_, campo), c in cambios.items())
    _bien, mal, _ = revisar_precios(base, borrador, catalogo, tabla_uma)
    assert mal == []


def test_saltos_de_pagina_movidos(tmp_path, base, tabla_uma):
    lineas = [
        x for x in LEY.split("\n") if not re.fullmatch(r"\s*(\d+\s+)?SUPLEMENTO AL PERI[ÓO]DICO OFICIAL(\s+\d+)?\s*", x)
    ]
    for i in range(37, len(lineas), 41):
        lineas.insert(i, f"SUPLEMENTO AL PERIÓDICO OFICIAL {i // 41 + 200}")
    borrador, catalogo, _ = _borrador(tmp_path, "\n".join(lineas))
    informe = borrador.a_dict(len(catalogo.conceptos))
    assert informe["cambios"] == [] and informe["derogados"] == []
    bien, mal, pendientes = revisar_precios(base, borrador, catalogo, tabla_uma)
    assert mal == [] and bien >= 0.97 * (bien + pendientes)


def test_partes_de_un_articulo():
    cuerpo = t.articulos(t.limpiar(LEY))["88"]
    from jerez_pos.catalogo.borrador.partes import Partes

    rutas = [p.ruta for p in Partes(cuerpo).tramos]
    assert ("I", "a", "2") in rutas and ("V", "c") in rutas


def test_cli_json_y_errores(tmp_path):
    ley = tmp_path / "ley.txt"
    ley.write_text(cambiar(LEY, 85, "1.0603", "1.1100"), encoding="utf-8")
    orden = [sys.executable, "-m", "jerez_pos", "catalogo", "borrador", "--ley", str(ley), "--base", "jerez-2024",
             "--ejercicio", "2025", "--salida", str(tmp_path / "sal"), "--json"]  # fmt: skip
    hecho = subprocess.run(
        orden, capture_output=True, text=True, env={"JEREZ_POS_HOME": str(tmp_path / "h"), "PATH": ""}
    )
    assert hecho.returncode == 0, hecho.stderr
    informe = json.loads(hecho.stdout)
    assert informe["ejercicio"] == 2025 and informe["conceptos"] == 1243
    assert informe["cambios"] == [
        {"clave_base": "A85-II", "clave": "A85-II", "campo": "monto", "antes": "1.0603", "despues": "1.1100"}
    ]
    assert (tmp_path / "sal" / "catalogo.toml").read_text(encoding="utf-8").count("ejercicio = 2025") == 1
    otra = subprocess.run(
        orden, capture_output=True, text=True, env={"JEREZ_POS_HOME": str(tmp_path / "h"), "PATH": ""}
    )
    assert otra.returncode == 2 and otra.stderr.count("\n") == 1 and "--salida" in otra.stderr
    vacia = tmp_path / "vacia.txt"
    vacia.write_text("nada", encoding="utf-8")
    orden[orden.index(str(ley))] = str(vacia)
    orden[orden.index(str(tmp_path / "sal"))] = str(tmp_path / "sal2")
    sin = subprocess.run(orden, capture_output=True, text=True, env={"JEREZ_POS_HOME": str(tmp_path / "h"), "PATH": ""})
    assert sin.returncode == 2 and "--ley" in sin.stderr and not (tmp_path / "sal2").exists()


def test_fraccion_insertada_renumera_las_siguientes(tmp_path, base, tabla_uma):
    from jerez_pos.catalogo.borrador.texto import a_romano, romano

    a, b = _articulo(LEY, 141)

    def mover(m: re.Match[str]) -> str:
        numero = romano(m.group(2)) or 0
        return f"{m.group(1)}{a_romano(numero + 1) if numero >= 2 else m.group(2)}. "

    cuerpo = re.sub(r"(^|\n)([IVXL]+)\. ", mover, LEY[a:b])
    cuerpo = cuerpo.replace(
        "\nIII. Falta de refrendo", "\nII. Por operar sin aviso de apertura………… 9.4500\nIII. Falta de refrendo", 1
    )
    borrador, catalogo, salida = _borrador(tmp_path, LEY[:a] + cuerpo + LEY[b:])
    informe = borrador.a_dict(len(catalogo.conceptos))
    renombres = borrador.renombres()
    assert renombres["A141-II"] == "A141-III" and renombres["A141-XXXI-b"] == "A141-XXXII-b"
    assert renombres["A141-I"] == "A141-I"
    assert "A141-II" in informe["nuevos"] and catalogo.conceptos["A141-II"].verificar
    assert catalogo.conceptos["A141-III"].monto == Decimal("11.5500")
    assert catalogo.conceptos["A141-III"].fundamento.startswith("Art. 141 fr. III")
    recargos = next(m for m in catalogo.modificadores if m.id == "recargos")
    assert "A141-III" in recargos.aplica_a and "A141-II" not in recargos.aplica_a  # the fiscal fine moved
    assert revisar(catalogo, salida / "fuente" / "ley.txt") == []
    bien, mal, pendientes = revisar_precios(base, borrador, catalogo, tabla_uma)
    assert mal == [] and bien >= 0.9 * (bien + pendientes)


def test_diferencias_con_las_frases_de_ambas_leyes_y_pdf(tmp_path):
    from pypdf import PdfReader

    ley = insertar_articulo(cambiar(LEY, 85, "1.0603", "1.1100"), 86, "Por la constancia digital, 2.5000 veces la UMA.")
    archivo = tmp_path / "ley.txt"
    archivo.write_text(ley, encoding="utf-8")
    entorno = {"JEREZ_POS_HOME": str(tmp_path / "h"), "PATH": ""}
    salida = tmp_path / "b"
    base = [sys.executable, "-m", "jerez_pos", "catalogo"]
    orden = [*base, "borrador", "--ley", str(archivo), "--base", "jerez-2024", "--ejercicio", "2025"]
    hecho = subprocess.run([*orden, "--salida", str(salida)], capture_output=True, text=True, env=entorno)
    assert hecho.returncode == 0, hecho.stderr
    pdf = tmp_path / "cambios.pdf"
    dif = subprocess.run(
        [*base, "diferencias", "jerez-2024", str(salida), "--json", "--pdf", str(pdf)],
        capture_output=True, text=True, env=entorno,
    )  # fmt: skip
    assert dif.returncode == 0, dif.stderr
    renglones = {(r["clave_base"], r["clave"]): r for r in json.loads(dif.stdout)["renglones"]}
    cambio = renglones[("A85-II", "A85-II")]
    assert cambio["estado"] == "cambio" and "1.0603" in cambio["frase_antes"] and "1.1100" in cambio["frase_despues"]
    assert renglones[("A86-I", "A87-I")]["estado"] == "renumerado"  # paired, not removed + added
    assert renglones[("", "A86")]["estado"] == "nuevo"
    assert ("A86-I", "") not in renglones
    texto = " ".join(pagina.extract_text() for pagina in PdfReader(pdf).pages)
    assert "A85-II" in texto and "1.1100" in texto and "Renumerado" in texto


def test_inciso_insertado_en_una_tabla_la_manda_a_revision(tmp_path, base, tabla_uma):
    """Art. 31 fr. V b) "De 6 a 10" split in two: the old row moves to c) and the table gains a bracket, so the
    concept's table is no longer the law's: it is written «verificar», never priced with a missing bracket."""
    a, b = _articulo(LEY, 31)
    cuerpo = LEY[a:b]
    for viejo, nuevo in (
        ("f) De 36", "g) De 36"),
        ("e) De 26", "f) De 26"),
        ("d) De 16", "e) De 16"),
        ("c) De 11", "d) De 11"),
    ):
        cuerpo = cuerpo.replace(viejo, nuevo, 1)
    cuerpo = cuerpo.replace(
        "b) De 6 a 10 computadoras", "b) De 6 a 8 computadoras………… 1.6000\nc) De 9 a 10 computadoras", 1
    )
    borrador, catalogo, salida = _borrador(tmp_path, LEY[:a] + cuerpo + LEY[b:])
    informe = borrador.a_dict(len(catalogo.conceptos))
    assert "A31-V-b" in informe["nuevos"]
    assert "A31-V" in informe["por_revisar"] and catalogo.conceptos["A31-V"].verificar
    assert revisar(catalogo, salida / "fuente" / "ley.txt") == []
    _, mal, _ = revisar_precios(base, borrador, catalogo, tabla_uma)
    assert mal == []
