"""Realistic new laws made out of the 2024 decree, with their ground truth: what each base concept becomes.

``mutar(ley, semilla)`` is deterministic (``random.Random(semilla)``) and combines what a new Ley de Ingresos
and its PDF extraction do to the text: factors moved a few per cent in many articles (some left alone), an
article inserted mid-law (every later article and every internal "artículo N" renumbered), fractions
derogated ("Derogada") or added (every later fraction renumbered), giros of the Art. 114 fr. III table changed
or added, a table's limits moved, a "Bis" article, page headers at other places, lines broken at other
widths, dotted leaders of other lengths, and extraction noise (hyphenation, double and non-breaking spaces,
"1" for "l" inside a word, never in a number).

The ground truth (``Verdad``) is written by the mutation itself, never read back from the draft: a base key's
new key (or derogated), and the old → new value of every number moved in each article. ``esperado`` turns
it into the base concept with its new numbers, priced by the same engine, so a draft is measured by what
it would charge.
"""

from __future__ import annotations

import random
import re
import tomllib
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from jerez_pos.catalogo.fidelidad import PALABRAS
from jerez_pos.core.romanos import a_romano, romano

from .verdad import TABLA_GIROS, Verdad, catalogo_esperado

__all__ = ["Verdad", "catalogo_esperado", "mutar"]

_CABECERA = re.compile(r"^\s*(?:\d+\s+)?SUPLEMENTO AL PERI[ÓO]DICO OFICIAL(?:\s+\d+)?\s*$")
_ARTICULO = re.compile(r"(ART[ÍI]CULO )(\d+)(\s*[Bb]is)?\.")
_FACTOR = re.compile(r"(?<![\d.,])(\d{1,4}\.\d{4})(?![\d.,]*\d)")
_NUMERO = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_PESOS = re.compile(r"\$\s?(\d{1,3}(?:,\d{3})*\.\d{2})(?![\d])")
_FRACCION = re.compile(r"(?m)^([IVXL]{1,7})\. ")
_REFERENCIA = re.compile(r"(art[íi]culos?\s+)(\d+)")
_OTRA_LEY = re.compile(r"^[\d\s,y]*(?:,? (?:fracci[óo]n|p[áa]rrafo|inciso)[^.;]{0,30})?(?:de la|del) (?!presente)")
_MODIFICADORES = Path(__file__).resolve().parents[2] / "db" / "tarifas" / "jerez-2024" / "modificadores.toml"
_SIN_TOCAR = {1, 2, 114}  # Art. 1-2: estimates and the CRI table, not tariffs; the giro table has its own mutation


# --- the law's structure, as the mutations see it --------------------------------------------------------


def _articulos(ley: str) -> list[tuple[int, int, int]]:
    """(number, start, end) of every plain article heading of the decree (Bis and cross-references aside)."""
    marcas, vistos = [], set()
    for m in re.finditer(r"ART[ÍI]CULO (\d+)\.", ley):  # headings are upper case; references are not
        if m.group(1) not in vistos:
            vistos.add(m.group(1))
            marcas.append(m)
    return [
        (int(m.group(1)), m.start(), marcas[i + 1].start() if i + 1 < len(marcas) else len(ley))
        for i, m in enumerate(marcas)
    ]


def _fracciones(cuerpo: str) -> list[tuple[str, int, int]]:
    """Fractions at a line start, in sequence only (I, II, III…)."""
    marcas = []
    esperada = 1
    for m in _FRACCION.finditer(cuerpo):
        if romano(m.group(1)) == esperada:
            marcas.append(m)
            esperada += 1
    return [
        (m.group(1), m.start(), marcas[i + 1].start() if i + 1 < len(marcas) else len(cuerpo))
        for i, m in enumerate(marcas)
    ]


def _cuenta(cuerpo: str) -> Counter[Decimal]:
    """How many times each value is printed in an article, in figures or in words ("cuatro veces")."""
    cuenta = Counter(Decimal(x.replace(",", "")) for x in _NUMERO.findall(cuerpo))
    # "el 20%" is the catalog's 0.20 too, "5 al millar" its 0.005: a factor 0.2000 elsewhere is not alone
    cuenta.update(Decimal(x.replace(",", "")) / 100 for x in re.findall(r"(\d+(?:\.\d+)?)\s*%", cuerpo))
    cuenta.update(Decimal(x) / 1000 for x in re.findall(r"(\d+(?:\.\d+)?)\s*al millar", cuerpo))
    cuenta.update(Decimal(PALABRAS[p]) for p in re.findall(r"[a-záéíóúñ]+", cuerpo.lower()) if p in PALABRAS)
    return cuenta


def _valor(impreso: str) -> Decimal:
    return Decimal(impreso.replace(",", ""))


def _redondear(valor: Decimal) -> Decimal:
    return valor.quantize(Decimal("0.0001"), ROUND_HALF_UP)


# --- the mutations ----------------------------------------------------------------------------------------


class Mutador:
    def __init__(self, ley: str, semilla: int, ruido: float = 1.0) -> None:
        self.ruido = ruido  # how often the extraction's accidents happen (1: as in the Periódico's PDFs)
        self.azar = random.Random(semilla)
        self.ley = ley
        self.verdad = Verdad()

    def _cuerpo(self, numero: int) -> tuple[int, int]:
        for n, a, b in _articulos(self.ley):
            if n == numero:
                return a, b
        raise KeyError(numero)

    def factores(self, proporcion: float = 0.5) -> None:
        """Factors of about half the articles up or down a few per cent, 4 decimals; each moved number is
        printed once in its article (a number printed twice is the same tariff twice only by chance)."""
        for numero, a, b in _articulos(self.ley):
            if numero in _SIN_TOCAR or self.azar.random() > proporcion:
                continue
            cuerpo = self.ley[a:b]
            impresos = [m.group(1) for m in _FACTOR.finditer(cuerpo)] + _PESOS.findall(cuerpo)
            cuenta = _cuenta(cuerpo)
            unicos = [x for x in dict.fromkeys(impresos) if cuenta[_valor(x)] == 1 and _valor(x) != 0]
            cambios: dict[Decimal, Decimal] = {}
            for impreso in unicos:
                impreso = impreso.replace(",", "")
                if self.azar.random() < 0.3:
                    continue  # some stay as they were
                viejo = Decimal(impreso)
                por_ciento = Decimal(self.azar.choice((-4, -3, -2, -1, 1, 2, 3, 4, 5, 6)))
                nuevo = _redondear(viejo * (1 + por_ciento / 100))
                if "." in impreso and len(impreso.rsplit(".", 1)[1]) == 2:  # pesos: to the cent
                    nuevo = nuevo.quantize(Decimal("0.01"))
                if nuevo == viejo or nuevo <= 0 or str(nuevo) in impresos or nuevo in cambios.values():
                    continue
                cambios[viejo] = nuevo
            if not cambios:
                continue

            def poner(m: re.Match[str], cambios: dict[Decimal, Decimal] = cambios) -> str:
                return str(cambios.get(_valor(m.group(1)), m.group(1)))

            def pesos(m: re.Match[str], cambios: dict[Decimal, Decimal] = cambios) -> str:
                nuevo = cambios.get(_valor(m.group(1)))
                return m.group(0) if nuevo is None else m.group(0).replace(m.group(1), f"{nuevo:,}")

            cuerpo = _PESOS.sub(pesos, _FACTOR.sub(poner, cuerpo))
            self.ley = self.ley[:a] + cuerpo + self.ley[b:]
            self.verdad.valores[numero] = cambios
            self.verdad.impresos[numero] = set(cuenta)

    def limites(self) -> None:
        """One table's brackets moved: "De 6 a 10 … De 11 a 15" becomes "De 6 a 11 … De 12 a 15"."""
        candidatos = []
        for numero, a, b in _articulos(self.ley):
            cuerpo = self.ley[a:b]
            for m in re.finditer(r"De (\d+) a (\d+)([^\n]*)\n[^\n]*?De (\d+) a (\d+)", cuerpo):
                hasta, desde = int(m.group(2)), int(m.group(4))
                unico = len(re.findall(rf"(?<!\d){hasta}(?!\d)|(?<!\d){desde}(?!\d)", cuerpo)) == 2
                if desde == hasta + 1 and int(m.group(5)) > desde + 1 and numero not in _SIN_TOCAR and unico:
                    candidatos.append((numero, a + m.start(2), a + m.start(4), hasta))
        if not candidatos:
            return
        numero, en_hasta, en_desde, hasta = self.azar.choice(candidatos)
        digitos = len(str(hasta))
        self.ley = (
            self.ley[:en_hasta] + str(hasta + 1) + self.ley[en_hasta + digitos : en_desde]
            + str(hasta + 2) + self.ley[en_desde + len(str(hasta + 1)) :]
        )  # fmt: skip
        self.verdad.limites[numero] = {Decimal(hasta): Decimal(hasta + 1), Decimal(hasta + 1): Decimal(hasta + 2)}

    def _articulo_con_fracciones(self, minimo: int) -> tuple[int, list[tuple[str, int, int]]]:
        candidatos = []
        for numero, a, b in _articulos(self.ley):
            if numero in _SIN_TOCAR or numero in (n for n, _ in self.verdad.derogadas):
                continue
            fracciones = _fracciones(self.ley[a:b])
            if len(fracciones) >= minimo and not any((numero, f) in self.verdad.fracciones for f, _, _ in fracciones):
                candidatos.append((numero, fracciones))
        return self.azar.choice(candidatos)

    def derogar_fraccion(self) -> None:
        numero, fracciones = self._articulo_con_fracciones(3)
        fraccion, inicio, fin = self.azar.choice(fracciones[:-1])  # the last one often runs into the next title
        a, _ = self._cuerpo(numero)
        self.ley = self.ley[: a + inicio] + f"{fraccion}. Derogada;\n" + self.ley[a + fin :]
        self.verdad.derogadas.add((numero, fraccion))

    def agregar_fraccion(self) -> None:
        """A fraction inserted after another: every later fraction of the article renumbered."""
        numero, fracciones = self._articulo_con_fracciones(2)
        despues, _, fin = self.azar.choice(fracciones[:-1])
        a, b = self._cuerpo(numero)
        cuerpo = self.ley[a:b]
        n = romano(despues) or 0
        for fraccion, _inicio, _fin in fracciones[n:]:
            self.verdad.fracciones[(numero, fraccion)] = a_romano((romano(fraccion) or 0) + 1)

        for fraccion, inicio, _fin in reversed(fracciones[n:]):  # from the end: offsets stay valid
            cuerpo = cuerpo[:inicio] + self.verdad.fracciones[(numero, fraccion)] + cuerpo[inicio + len(fraccion) :]
        cola = cuerpo[fin:]
        monto = _redondear(Decimal(self.azar.randint(5000, 90000)) / 10000)
        nueva = f"{a_romano(n + 1)}. Por la expedición de la constancia digital de no adeudo……… {monto}\n"
        self.ley = self.ley[:a] + cuerpo[:fin] + nueva + cola + self.ley[b:]
        self.verdad.nuevas.append(f"A{numero}-{a_romano(n + 1)}")

    def insertar_articulo(self) -> None:
        """A new article mid-law: every later heading and every internal reference moves by one."""
        numeros = [n for n, _, _ in _articulos(self.ley)]
        antes_de = self.azar.choice([n for n in numeros if 20 <= n <= 140])
        a, _ = self._cuerpo(antes_de)

        def encabezado(m: re.Match[str]) -> str:
            numero = int(m.group(2))
            return f"{m.group(1)}{numero + 1 if numero >= antes_de else numero}{m.group(3) or ''}."

        def referencia(m: re.Match[str]) -> str:
            numero = int(m.group(2))
            if _OTRA_LEY.match(m.string[m.end() : m.end() + 80]):
                return m.group(0)  # an article of another law (the Código Fiscal, the Constitución…)
            return f"{m.group(1)}{numero + 1 if numero >= antes_de else numero}"

        resto = _ARTICULO.sub(encabezado, self.ley[a:])
        ley = self.ley[:a] + resto
        ley = _REFERENCIA.sub(referencia, ley)
        monto = _redondear(Decimal(self.azar.randint(10000, 60000)) / 10000)
        nuevo = (
            f"ARTÍCULO {antes_de}. Por la expedición de constancias electrónicas de situación fiscal, se pagarán "
            f"{monto} veces la Unidad de Medida y Actualización diaria.\n"
        )
        self.ley = ley[:a] + nuevo + ley[a:]
        self.verdad.articulos = {n: n + 1 for n in numeros if n >= antes_de}
        self.verdad.nuevas = [_renumerar(c, self.verdad.articulos) for c in self.verdad.nuevas]
        self.verdad.nuevas.append(f"A{antes_de}")
        self.verdad.tabla_giros = f"A{self.verdad.articulos.get(TABLA_GIROS, TABLA_GIROS)}-III"

    def bis(self) -> None:
        """An "ARTÍCULO N Bis." after article N: a new concept, nobody renumbered."""
        numero, _, b = self.azar.choice([x for x in _articulos(self.ley) if 30 <= x[0] <= 130])
        monto = _redondear(Decimal(self.azar.randint(10000, 90000)) / 10000)
        texto = (
            f"ARTÍCULO {numero} Bis. Por el registro de peritos valuadores, se pagarán {monto} veces la Unidad "
            "de Medida y Actualización diaria.\n"
        )
        self.ley = self.ley[:b] + texto + self.ley[b:]
        self.verdad.nuevas.append(f"A{numero}Bis")

    def porcentajes(self, modificadores: list[dict[str, object]]) -> None:
        """A modifier's percentage moved (the UAZ tax of Art. 111, the consumo-local increase…), when its
        article prints it once: "la tasa del 10%" becomes "la tasa del 12%"."""
        for m in modificadores:
            cita = re.fullmatch(r"Art\. (\d+)", str(m.get("fundamento", "")))
            datos = m.get("datos")
            if cita is None or not isinstance(datos, dict) or "porcentaje" not in datos or self.azar.random() < 0.3:
                continue
            numero = int(cita.group(1))
            a, b = self._cuerpo(numero)
            cuerpo = self.ley[a:b]
            viejo = Decimal(str(datos["porcentaje"]))
            impresos = list(re.finditer(rf"(?<![\d.,]){viejo}(?=\s*%)", cuerpo))
            if len(impresos) != 1 or _cuenta(cuerpo)[viejo] != 1 or numero in self.verdad.valores:
                continue
            nuevo = viejo + self.azar.choice((-2, -1, 1, 2))
            inicio = a + impresos[0].start()
            self.ley = self.ley[:inicio] + str(nuevo) + self.ley[inicio + len(str(viejo)) :]
            self.verdad.modificadores[str(m["id"])] = {viejo: nuevo}
            self.verdad.valores[numero] = {viejo: nuevo}
            self.verdad.impresos[numero] = set(_cuenta(cuerpo))

    def giros(self) -> None:
        """Some giro factors changed, and a giro inserted mid-table (every later row renumbered)."""
        a, b = self._cuerpo(TABLA_GIROS)
        cuerpo = self.ley[a:b]
        filas = list(re.finditer(r"(?m)^(\d{1,3})\. ([^\n]*?)(\d+\.\d{4})\s*$", cuerpo))
        if len(filas) < 50:
            return
        cambiadas: dict[int, str] = {}
        for m in self.azar.sample(filas, 8):
            viejo = Decimal(m.group(3))
            nuevo = _redondear(viejo * (1 + Decimal(self.azar.choice((-3, -2, 2, 3, 5))) / 100))
            cambiadas[int(m.group(1))] = str(nuevo)
            self.verdad.giros_uma[int(m.group(1))] = nuevo
        insertar = self.azar.randint(20, len(filas) - 5)
        uma = _redondear(Decimal(self.azar.randint(10000, 90000)) / 10000)

        def fila(m: re.Match[str]) -> str:
            numero = int(m.group(1))
            nuevo = numero + 1 if numero >= insertar else numero
            texto = f"{nuevo}. {m.group(2)}{cambiadas.get(numero, m.group(3))}"
            if numero == insertar:
                texto = f"{insertar}. Venta de accesorios para teléfonos celulares {uma}\n{texto}"
            return texto

        cuerpo = re.sub(r"(?m)^(\d{1,3})\. ([^\n]*?)(\d+\.\d{4})\s*$", fila, cuerpo)
        self.ley = self.ley[:a] + cuerpo + self.ley[b:]
        self.verdad.giros = {int(m.group(1)): int(m.group(1)) + 1 for m in filas if int(m.group(1)) >= insertar}
        self.verdad.giros_nuevos[insertar] = uma

    # --- what the PDF extraction does (no change of meaning) -------------------------------------------

    def presentacion(self) -> None:
        lineas = [x for x in self.ley.split("\n") if not _CABECERA.match(x)]
        ancho = self.azar.randint(70, 120)
        partidas: list[str] = []
        for linea in lineas:
            partidas.extend(self._partir(linea, ancho))
        paso = self.azar.randint(35, 55)
        pagina = self.azar.randint(10, 90)
        salida: list[str] = []
        for i, linea in enumerate(partidas):
            if i and i % paso == 0:
                pagina += 1
                formato = self.azar.choice(
                    ("{p} SUPLEMENTO AL PERIÓDICO OFICIAL", "SUPLEMENTO AL PERIÓDICO OFICIAL {p}", "{p}")
                )
                salida.append(formato.format(p=pagina))
            pegar = self.azar.random() < 0.03 * self.ruido
            if pegar and salida and not _CABECERA.match(salida[-1]) and len(salida[-1]) < 200:
                salida[-1] = f"{salida[-1]} {self._ruido(linea)}"  # two printed lines glued by the extraction
                continue
            salida.append(self._ruido(linea))
        self.ley = "\n".join(salida)

    def _partir(self, linea: str, ancho: int) -> list[str]:
        """Long lines broken at another width; sometimes a long word hyphenated at the break."""
        fila = re.match(r"^(.*?[.…]{3,})\s*(\d[\d,]*\.\d+)\s*$", linea)
        if fila is not None:
            if self.azar.random() < 0.15 * self.ruido:  # a table row split over two lines: its amount below its name
                return [fila.group(1), fila.group(2)]
            return [linea]
        if len(linea) <= ancho:
            return [linea]
        partes, actual = [], ""
        for palabra in linea.split(" "):
            if actual and len(actual) + 1 + len(palabra) > ancho:
                if len(palabra) > 9 and palabra.isalpha() and self.azar.random() < 0.3 * self.ruido:
                    corte = self.azar.randint(4, len(palabra) - 4)
                    partes.append(f"{actual} {palabra[:corte]}-")
                    actual = palabra[corte:]
                    continue
                partes.append(actual)
                actual = palabra
            else:
                actual = f"{actual} {palabra}" if actual else palabra
        partes.append(actual)
        return partes

    def _ruido(self, linea: str) -> str:
        linea = re.sub(r"[.…]{3,}", lambda _: self.azar.choice(("…", "……….", "....", ". . . .", "…………………")), linea)
        if self.azar.random() < 0.05 * self.ruido:
            linea = linea.replace(" ", "  ", 1)
        if self.azar.random() < 0.05 * self.ruido:
            linea = linea.replace(" ", "\u00a0", 1)
        if self.azar.random() < 0.1 * self.ruido:
            linea = re.sub(r"(?<=[a-zá-ú]{3})l(?=[a-zá-ú]{2})", "1", linea, count=1)
        return linea


def _renumerar(clave: str, articulos: dict[int, int]) -> str:
    m = re.match(r"^A(\d+)(.*)$", clave)
    return clave if m is None else f"A{articulos.get(int(m.group(1)), int(m.group(1)))}{m.group(2)}"


def mutar(ley: str, semilla: int, ruido: float = 1.0) -> tuple[str, Verdad]:
    """A new law from the 2024 decree and what it means; same seed, same law."""
    m = Mutador(ley, semilla, ruido)
    m.factores()
    m.limites()
    for _ in range(m.azar.randint(1, 2)):
        m.derogar_fraccion()
    for _ in range(m.azar.randint(1, 2)):
        m.agregar_fraccion()
    m.porcentajes(tomllib.loads(_MODIFICADORES.read_text(encoding="utf-8")).get("modificador", []))
    m.giros()
    m.insertar_articulo()
    m.bis()
    m.presentacion()
    return m.ley, m.verdad
