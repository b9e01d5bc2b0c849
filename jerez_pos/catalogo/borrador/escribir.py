"""Writing the draft as a complete catalog folder in the documented format (FORMATO.md).

The base catalog's files are rewritten line by line, so their order, comments and wording survive and the
treasurer's reviewer reads a small diff: keys and ``fundamento`` follow the new numbering, amounts take their
new values, derogated concepts are removed, uncertain ones are marked ``verificar`` with the new law's words.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from jerez_pos.catalogo.borrador.armar import Borrador
from jerez_pos.catalogo.borrador.conceptos import DEROGADO, POR_REVISAR, Seguimiento, leer_clave
from jerez_pos.core.texto import plano

_CAMPOS_MONTO = frozenset(
    {
        "monto", "minimo", "maximo", "adicional", "excedente_monto", "tasa", "tasa_minima", "hasta", "desde",
        "excedente_sobre", "base_uma", "minimo_uma", "riego_gravedad_ha", "riego_bombeo_ha",
        "temporal_pesos_ha_hasta", "temporal_pesos_ha_mas",
    }
)  # fmt: skip
_LINEA = re.compile(r'^(\s*)([\w]+)(\s*=\s*)"([^"]*)"(.*)$')
_DECIMAL = re.compile(r'"(\d+(?:\.\d+)?)"')
_FUNDAMENTO = re.compile(r"^Art\. (\d+)(?: fr\. ([IVXL]+))?(?: inc\. ([a-zñ])\))?(?: num\. (\d+))?")
_NOMBRE_MES = [
    "enero", "febrero", "marzo", "abril", "mayo", "junio",
    "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
]  # fmt: skip
_MESES = re.compile(rf"(\d{{1,2}}) de ({'|'.join(_NOMBRE_MES)}) de (\d{{4}})")
_PREDIAL_TABLAS = ("[concepto.predial.zonas", "[concepto.predial.construccion")


def texto_decimal(valor: Decimal) -> str:
    return format(valor, "f")


def escribir(borrador: Borrador, base_dir: Path, salida: Path) -> None:
    if salida.exists() and any(salida.iterdir()):
        raise FileExistsError(str(salida))
    shutil.copytree(base_dir, salida, dirs_exist_ok=True)
    renombres = borrador.renombres()
    for ruta in sorted((salida / "conceptos").glob("*.toml")):
        ruta.write_text(_conceptos(ruta.read_text(encoding="utf-8"), borrador), encoding="utf-8")
    if borrador.nuevos:
        (salida / "conceptos" / "nuevos.toml").write_text(_nuevos(borrador), encoding="utf-8")
    _giros(borrador, salida / "giros.csv")
    _vinculos(salida / "vinculos.toml", renombres, borrador)
    _modificadores(salida / "modificadores.toml", borrador)
    _estructura(salida / "estructura.csv", borrador)
    _cabecera(salida / "catalogo.toml", borrador)
    (salida / "fuente" / "ley.txt").write_text(borrador.ley, encoding="utf-8")
    # Not part of the catalog (the loader and the import ignore it): the pairing of old and new keys, for
    # ``catalogo diferencias`` and the reviewer.
    informe = {"ejercicio": borrador.ejercicio, "base": borrador.base.id, "renombres": renombres}
    (salida / "borrador.json").write_text(json.dumps(informe, ensure_ascii=False, indent=1), encoding="utf-8")


def bloques(texto: str, inicio: str) -> list[str]:
    partes = re.split(rf"(?m)^(?={re.escape(inicio)}\s*$)", texto)
    return [p for p in partes if p]


def clave_de(bloque: str) -> str | None:
    m = re.search(r'(?m)^clave = "([^"]+)"', bloque)
    return m.group(1) if m else None


def _conceptos(texto: str, borrador: Borrador) -> str:
    resultado = []
    for bloque in bloques(texto, "[[concepto]]"):
        clave = clave_de(bloque) if bloque.startswith("[[concepto]]") else None
        seguimiento = borrador.conceptos.get(clave) if clave else None
        if seguimiento is None:
            resultado.append(bloque)
        elif seguimiento.estado != DEROGADO:
            resultado.append(_concepto(bloque, seguimiento, borrador))
    return "".join(resultado)


def _concepto(bloque: str, s: Seguimiento, borrador: Borrador) -> str:
    lineas = bloque.split("\n")
    seccion = ""
    salida: list[str] = []
    for linea in lineas:
        if linea.startswith("["):
            seccion = linea
        m = _LINEA.match(linea)
        if m and m.group(2) == "clave":
            linea = f'{m.group(1)}clave{m.group(3)}"{_renombrar(m.group(4), s)}"{m.group(5)}'
        elif m and m.group(2) == "fundamento" and seccion == "[[concepto]]":
            linea = f'{m.group(1)}fundamento{m.group(3)}"{_fundamento(m.group(4), s.clave)}"{m.group(5)}'
        elif m and m.group(2) == "descripcion":
            linea = f'{m.group(1)}descripcion{m.group(3)}"{_descripcion(m.group(4), s.nuevos_valores)}"{m.group(5)}'
        elif m and m.group(2) == "tasa_millar" and s.nuevos_valores:
            viejo = Decimal(m.group(4)) / 10
            nuevo = s.nuevos_valores.get(viejo, viejo) * 10
            linea = f'{m.group(1)}tasa_millar{m.group(3)}"{texto_decimal(nuevo.normalize())}"{m.group(5)}'
        elif m and (_monto(m.group(2), seccion) or seccion.startswith(_PREDIAL_TABLAS)):
            linea = f'{m.group(1)}{m.group(2)}{m.group(3)}"{_nuevo(m.group(4), s.nuevos_valores)}"{m.group(5)}'
        elif m and m.group(2) in ("minimo", "maximo") and seccion.startswith("[concepto.parametros"):
            # A range's bounds are also the parameter's (the authority picks "from 3.1178 up to 5.1964")
            linea = f'{m.group(1)}{m.group(2)}{m.group(3)}"{_nuevo(m.group(4), s.nuevos_valores)}"{m.group(5)}'
        elif linea.startswith("ejemplo = {") and s.nuevos_valores:
            # an example at a moved bound ("unidades = 7.7115", the old minimum) moves with it, so it still prices
            linea = _DECIMAL.sub(lambda d: f'"{_nuevo(d.group(1), s.nuevos_valores)}"', linea)
        salida.append(linea)
        if m and m.group(2) == "clave" and seccion == "[[concepto]]" and s.estado == POR_REVISAR:
            salida.extend(_marca_verificar(bloque, s))
    return "\n".join(salida)


def _monto(campo: str, seccion: str) -> bool:
    return campo in _CAMPOS_MONTO and not seccion.startswith("[concepto.parametros")


def _marca_verificar(bloque: str, s: Seguimiento) -> list[str]:
    if re.search(r"(?m)^verificar = true", bloque):
        return []
    texto = s.texto_nuevo or f"(revisar en la ley nueva: {s.motivo})"
    return ["verificar = true", f"texto_fuente = {json.dumps(texto, ensure_ascii=False)}"]


def _nuevo(crudo: str, valores: dict[Decimal, Decimal]) -> str:
    try:
        valor = Decimal(crudo)
    except ArithmeticError:
        return crudo
    nuevo = valores.get(valor, valor)
    return crudo if nuevo == valor else texto_decimal(nuevo)  # an unchanged amount keeps its printed form


def _descripcion(texto: str, valores: dict[Decimal, Decimal]) -> str:
    for viejo, nuevo in valores.items():
        if viejo != nuevo:
            impreso = texto_decimal(viejo)
            texto = re.sub(rf"(?<![\d.,]){re.escape(impreso)}(?![\d])", texto_decimal(nuevo), texto)
    return texto


def _renombrar(clave: str, s: Seguimiento) -> str:
    if clave in s.hojas:
        return s.hojas[clave]
    if clave == s.clave_base:
        return s.clave
    if clave.startswith(s.clave_base + "-"):
        return s.clave + clave[len(s.clave_base) :]
    return clave


def _fundamento(texto: str, clave_nueva: str) -> str:
    """The citation follows the new key ("Art. 86 fr. III inc. b)"): the article, and each level the key
    carries; a level the key does not carry ("fr. V, párrafo de refrendo") is kept as written."""
    clave = leer_clave(clave_nueva)
    m = _FUNDAMENTO.match(texto)
    if clave is None or m is None:
        return texto
    partes = [f"Art. {clave.articulo}"]
    for nivel, formato in enumerate((" fr. {}", " inc. {})", " num. {}")):
        actual = m.group(nivel + 2)
        if actual is None:
            continue
        nuevo = clave.ruta[nivel] if nivel < len(clave.ruta) and clave.ruta[nivel] else actual
        partes.append(formato.format(nuevo))
    return "".join(partes) + texto[m.end() :]


def _nuevos(borrador: Borrador) -> str:
    rubro = _rubro_vecino(borrador)
    lineas = ["# Conceptos que aparecen en la ley nueva: una persona define su forma antes de cobrarlos."]
    for n in borrador.nuevos:
        lineas += [
            "",
            "[[concepto]]",
            f'clave = "{n.clave}"',
            f"descripcion = {json.dumps(n.texto[:160], ensure_ascii=False)}",
            f'fundamento = "Art. {n.articulo.replace("Bis", " Bis")}"',
            f"rubro = {json.dumps(rubro(n.articulo), ensure_ascii=False)}",
            'periodicidad = "evento"',
            'forma = "uma_fija"',
            f'monto = "{texto_decimal(n.monto)}"',
            "verificar = true",
            f"texto_fuente = {json.dumps(n.texto, ensure_ascii=False)}",
        ]
    return "\n".join(lineas) + "\n"


def _rubro_vecino(borrador: Borrador) -> Callable[[str], str]:
    """A new concept takes the CRI rubro of the concepts of its article (or the nearest article before)."""
    por_articulo: dict[str, str] = {}
    for c in borrador.base.conceptos.values():
        s = borrador.conceptos.get(c.clave)
        if s is not None and s.estado != DEROGADO:
            por_articulo.setdefault(s.clave[1:].split("-", 1)[0], c.rubro)
    ordenados = sorted(por_articulo, key=lambda a: int(re.sub(r"\D", "", a) or 0))
    primero = next(iter(por_articulo.values()), "")

    def elegir(articulo: str) -> str:
        numero = int(re.sub(r"\D", "", articulo) or 0)
        anteriores = [a for a in ordenados if int(re.sub(r"\D", "", a) or 0) <= numero]
        return por_articulo[anteriores[-1]] if anteriores else primero

    return elegir


def _giros(borrador: Borrador, ruta: Path) -> None:
    filas = []  # the table not read again: no giro is charged from the old table (por_revisar says so)
    for g in borrador.base.giros:
        fila = borrador.giros.get(g.numero)
        if fila is not None:
            nombre = g.nombre if plano(g.nombre).strip(" .") == plano(fila.nombre).strip(" .") else fila.nombre
            filas.append((fila.numero, nombre, fila.uma, g.alcohol, g.consumo, g.gas, g.impacto))
    filas += [(f.numero, f.nombre, f.uma, "", "", "", "") for f in borrador.giros_nuevos]
    with ruta.open("w", encoding="utf-8", newline="") as archivo:
        escritor = csv.writer(archivo, lineterminator="\n")
        escritor.writerow(["numero", "giro", "uma", "alcohol", "consumo", "gas", "impacto"])
        for numero, nombre, uma, *resto in sorted(filas):
            escritor.writerow([numero, nombre, texto_decimal(uma), *resto])


def _vinculos(ruta: Path, renombres: dict[str, str], borrador: Borrador) -> None:
    derogados = {s.clave_base for s in borrador.conceptos.values() if s.estado == DEROGADO}

    def cambiar(m: re.Match[str]) -> str:
        clave = m.group(1)
        return f'"{renombres.get(clave, clave)}"'

    def claves(linea: re.Match[str]) -> str:
        vivas = [c for c in re.findall(r'"([^"]+)"', linea.group(2)) if c not in derogados]
        return f"{linea.group(1)}[{', '.join(f'{chr(34)}{c}{chr(34)}' for c in vivas)}]"

    resultado = []
    for bloque in bloques(ruta.read_text(encoding="utf-8"), "[[regla]]"):
        if bloque.startswith("[[regla]]"):
            bloque = re.sub(r"(?m)^(claves\s*=\s*)\[(.*)\]", claves, bloque)
            if re.search(r"(?m)^claves\s*=\s*\[\]", bloque):
                continue  # every concept of the rule was derogated: the rule has nothing left to suggest
            for clave in derogados:
                bloque = re.sub(rf'\s*"{re.escape(clave)}"\s*=\s*\{{[^}}]*\}},?', "", bloque)
        resultado.append(re.sub(r'"(A\d+(?:-[^"\s]+)?)"', cambiar, bloque))
    ruta.write_text("".join(resultado), encoding="utf-8")


def _modificadores(ruta: Path, borrador: Borrador) -> None:
    resultado = []
    for bloque in bloques(ruta.read_text(encoding="utf-8"), "[[modificador]]"):
        m = re.search(r'(?m)^id = "([^"]+)"', bloque)
        seguimiento = borrador.modificadores.get(m.group(1)) if m else None
        if seguimiento is not None and seguimiento.articulo_nuevo is not None:
            bloque = re.sub(r"(?m)^(datos|meses) = \{.*\}$", _montos_de(seguimiento.valores), bloque)
            bloque = re.sub(r'(?m)^(fundamento = "Arts?\. )(\d+)', rf"\g<1>{seguimiento.articulo_nuevo}", bloque)
        bloque = re.sub(r'"A(\d+)((?:-[^"]*)?)"', _prefijo_nuevo(borrador), bloque)
        resultado.append(bloque)
    ruta.write_text("".join(resultado), encoding="utf-8")


def _prefijo_nuevo(borrador: Borrador) -> Callable[[re.Match[str]], str]:
    """A key prefix in ``aplica_a``/``excluye``: a concept's own key follows its concept (a fraction may move);
    an article prefix follows its article."""
    renombres = borrador.renombres()

    def cambiar(m: re.Match[str]) -> str:
        clave = f"A{m.group(1)}{m.group(2)}"
        if clave in renombres:
            return f'"{renombres[clave]}"'
        return f'"A{borrador.articulos.get(m.group(1), m.group(1))}{m.group(2)}"'

    return cambiar


def _montos_de(valores: dict[Decimal, Decimal]) -> Callable[[re.Match[str]], str]:
    def cambiar(linea: re.Match[str]) -> str:
        return _DECIMAL.sub(lambda d: f'"{_nuevo(d.group(1), valores)}"', linea.group(0))

    return cambiar


def _estructura(ruta: Path, borrador: Borrador) -> None:
    with ruta.open(encoding="utf-8", newline="") as archivo:
        filas = list(csv.DictReader(archivo))
    nuevas = []
    for fila in filas:
        nuevo = borrador.articulos.get(fila["articulo"])
        if nuevo is not None and nuevo.isdigit():
            nuevas.append({**fila, "articulo": nuevo})
    with ruta.open("w", encoding="utf-8", newline="") as archivo:
        escritor = csv.DictWriter(archivo, ["articulo", "titulo", "capitulo", "seccion"], lineterminator="\n")
        escritor.writeheader()
        escritor.writerows(sorted(nuevas, key=lambda f: int(f["articulo"])))


def _cabecera(ruta: Path, borrador: Borrador) -> None:
    texto = ruta.read_text(encoding="utf-8")
    texto = re.sub(r"(?m)^ejercicio = \d+", f"ejercicio = {borrador.ejercicio}", texto)
    texto = re.sub(r"(?m)^version = \d+", "version = 1", texto)
    texto = re.sub(r'(?m)^publicado = "[^"]*"', f'publicado = "{_publicado(borrador)}"', texto)
    primera = next((linea.strip() for linea in borrador.ley.splitlines() if linea.strip()), "")
    texto = re.sub(r'(?m)^fuente = "[^"]*"', f"fuente = {json.dumps(primera[:300], ensure_ascii=False)}", texto)
    if borrador.tabla_giros != "A114-III":
        texto = texto.rstrip() + f'\ntabla_giros = "{borrador.tabla_giros}"\n'
    ruta.write_text(texto, encoding="utf-8")


def _publicado(borrador: Borrador) -> str:
    """The decree's own date when the text gives one ("… 30 de diciembre de 2024"), else 31 December before."""
    fechas = [
        (int(a), _NOMBRE_MES.index(mes) + 1, int(d))
        for d, mes, a in _MESES.findall(borrador.ley[-4000:])
        if int(a) == borrador.ejercicio - 1
    ]
    if fechas:
        a, mes, d = max(fechas)
        return f"{a:04d}-{mes:02d}-{d:02d}"
    return f"{borrador.ejercicio - 1}-12-31"
