"""Padrones de cuentas (predial and comercio): CSV import and export, and reading an account.

Import is all or nothing and every error names its line and field. Re-importing updates by key: an account
whose data changed gets a new ``cuenta_registro`` row (the old one stays as history) and the differences are
written to the audit log; an unchanged account writes nothing.

The Art. 61 vulnerable subsidy is for ONE property per owner. The owner is the optional ``propietario_id``
column when the roll has it, otherwise the owner's name compared without case, accents or repeated spaces
(``core.cuentas.clave_titular``). A file (merged with the accounts already in the roll) that marks two
properties of the same owner as vulnerable is refused.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text

from jerez_pos import disco
from jerez_pos.core.cuentas import clave_titular
from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.core.modelo import Catalogo
from jerez_pos.core.numeros import Limite, es_digitos, leer_numero
from jerez_pos.core.texto import corto, limpiar
from jerez_pos.ledger import auditoria, diario, diario_filas
from jerez_pos.ledger.comun import Reloj, Sesion, marca, reloj_sistema
from jerez_pos.ledger.lectura import leer
from jerez_pos.ledger.padron import PadronInvalido, csv_legible, leer_archivo

PREDIAL = "predial"
COMERCIO = "comercio"
COLUMNAS = {
    PREDIAL: [
        "cuenta",
        "propietario",
        "domicilio",
        "zona",
        "m2_terreno",
        "m2_construccion",
        "tipo_construccion",
        "uso",
        "baldio",
        "hectareas_riego_gravedad",
        "hectareas_riego_bombeo",
        "hectareas_temporal",
        "vulnerable",
        "pagado_hasta",
    ],
    COMERCIO: ["licencia", "titular", "domicilio", "giro", "pagado_hasta"],
}
OPCIONALES = {PREDIAL: ["documento_vulnerable", "propietario_id"], COMERCIO: []}
LLAVE = {PREDIAL: "cuenta", COMERCIO: "licencia"}
TITULAR = {PREDIAL: "propietario", COMERCIO: "titular"}
ADEUDO = re.compile(r"^adeudo_(\d{4})$", re.ASCII)
ZONAS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")
SUPERFICIE_MAXIMA = Decimal("100000000")
ADEUDO_MAXIMO = Decimal("100000000")
QUIEN_IMPORTA = ("administrador",)
FORMULA = ("=", "+", "-", "@")
DIFERENCIAS_EN_BITACORA = 200


@dataclass(frozen=True)
class Cuenta:
    padron: str
    cuenta: str
    titular: str
    titular_clave: str
    domicilio: str
    datos: dict[str, str]  # the roll's other columns, only those that apply
    pagado_hasta: int | None
    adeudos: dict[int, Decimal] = field(default_factory=dict)  # years before the first catalog, in pesos

    def fila(self) -> dict[str, str]:
        """The CSV row (export) in the import's own columns."""
        fila = {LLAVE[self.padron]: self.cuenta, TITULAR[self.padron]: self.titular, "domicilio": self.domicilio}
        fila |= self.datos
        fila["pagado_hasta"] = "" if self.pagado_hasta is None else str(self.pagado_hasta)
        fila |= {f"adeudo_{a}": str(v) for a, v in self.adeudos.items()}
        return fila

    def guardable(self) -> str:
        adeudos = {str(a): str(v) for a, v in sorted(self.adeudos.items())}
        return json.dumps({"datos": self.datos, "adeudos": adeudos}, sort_keys=True, ensure_ascii=False)


@dataclass(frozen=True)
class Importacion:
    nuevas: int
    actualizadas: int
    sin_cambios: int
    diferencias: list[str]


Validador = Callable[[str], str | None]  # the normalized value, or None when invalid


def _decimal(maximo: Decimal, decimales: int) -> Validador:
    """Through the one number parser: ASCII digits, finite, bounded ("1_000", "١٠٠" and "1e3" are not
    square metres, although ``Decimal`` reads them)."""
    limite = Limite(maximo, decimales, "unidades")

    def validar(valor: str) -> str | None:
        try:
            return str(leer_numero(valor, "valor", limite=limite))
        except ErrorEntrada:
            return None

    return validar


def _opcion(*opciones: str, mayusculas: bool = False) -> Validador:
    def validar(valor: str) -> str | None:
        limpio = valor.upper() if mayusculas else valor.lower()
        limpio = limpio.replace("í", "i").replace("Í", "I")
        return limpio if limpio in opciones else None

    return validar


def _anio(valor: str) -> str | None:
    return valor if es_digitos(valor, 4) and 1900 <= int(valor) <= 2100 else None


REGLAS: dict[str, dict[str, tuple[Validador, str]]] = {
    PREDIAL: {
        "zona": (_opcion(*ZONAS, mayusculas=True), "una zona de I a VIII"),
        "m2_terreno": (_decimal(SUPERFICIE_MAXIMA, 4), "metros cuadrados (número ≥ 0, hasta 4 decimales)"),
        "m2_construccion": (_decimal(SUPERFICIE_MAXIMA, 4), "metros cuadrados (número ≥ 0, hasta 4 decimales)"),
        "tipo_construccion": (_opcion("A", "B", "C", "D", mayusculas=True), "A, B, C o D"),
        "uso": (_opcion("habitacional", "productivo"), "habitacional o productivo"),
        "baldio": (_opcion("si", "no"), "si o no"),
        "hectareas_riego_gravedad": (_decimal(SUPERFICIE_MAXIMA, 4), "hectáreas (número ≥ 0)"),
        "hectareas_riego_bombeo": (_decimal(SUPERFICIE_MAXIMA, 4), "hectáreas (número ≥ 0)"),
        "hectareas_temporal": (_decimal(SUPERFICIE_MAXIMA, 4), "hectáreas (número ≥ 0)"),
        "vulnerable": (_opcion("si", "no"), "si o no"),
    },
    COMERCIO: {},
}


def _leer_filas(padron: str, contenido: str, catalogo: Catalogo) -> dict[int, Cuenta]:
    primer_ejercicio = catalogo.ejercicio
    lector = csv.DictReader(io.StringIO(contenido.lstrip("\ufeff")))
    encabezado = [c.strip().lower() for c in (lector.fieldnames or [])]
    faltan = [c for c in COLUMNAS[padron] if c not in encabezado]
    if faltan:
        nombres = ", ".join(faltan[:4]) + (f" y {len(faltan) - 4} más" if len(faltan) > 4 else "")
        raise PadronInvalido(  # one short line: the whole header is in the command's --help
            [
                f"línea 1, encabezado: faltan las columnas {nombres}; el encabezado completo está en "
                f"«jerez-pos padron {padron} importar --help»"
            ]
        )
    conocidas = set(COLUMNAS[padron]) | set(OPCIONALES[padron])
    extrañas = [c for c in encabezado if c not in conocidas and not ADEUDO.match(c)]
    if extrañas:
        raise PadronInvalido([f"línea 1, encabezado: columna desconocida «{extrañas[0]}»"])
    lector.fieldnames = encabezado
    problemas: list[str] = []
    leidas: dict[int, Cuenta] = {}
    vistas: dict[str, int] = {}
    llave, titular_col = LLAVE[padron], TITULAR[padron]
    for fila in lector:
        linea = lector.line_num
        d = {k: (v or "").strip() for k, v in fila.items() if isinstance(k, str)}
        if not any(d.values()):
            continue

        def error(campo: str, mensaje: str, linea: int = linea) -> None:
            problemas.append(f"línea {linea}, campo {campo}: {mensaje}")

        # Names, addresses and keys go to tickets, the estado de cuenta PDF and the audit log: refused here
        # with control characters (ESC/GS) or over the receipt's own lengths, so a charge never fails later.
        textos = [(llave, "padron"), (titular_col, "nombre"), ("domicilio", "domicilio")]
        for campo, nombre in textos + [(o, "nombre") for o in OPCIONALES[padron]]:
            try:
                d[campo] = limpiar(d.get(campo, ""), campo, nombre=nombre)
            except ErrorEntrada as exc:
                error(campo, exc.mensaje)
                d[campo] = ""
            if d[campo][:1] in FORMULA:  # «padron exportar» writes it back: a spreadsheet would run it
                error(
                    campo, f"«{corto(d[campo])}» no puede empezar con {', '.join(FORMULA)} (fórmula de hoja de cálculo)"
                )
                d[campo] = ""
        cuenta = d.get(llave, "").upper()
        if not cuenta:
            error(llave, "es obligatorio")
        elif len(cuenta) > 30:
            error(llave, "debe tener a lo más 30 caracteres")
        elif cuenta in vistas:
            error(llave, f"«{corto(cuenta)}» está repetida (ya aparece en la línea {vistas[cuenta]})")
        vistas.setdefault(cuenta, linea)
        if not d.get(titular_col):
            error(titular_col, "es obligatorio")
        elif len(d[titular_col]) > 200:
            error(titular_col, "debe tener a lo más 200 caracteres")
        datos: dict[str, str] = {}
        for campo, (validar, permitido) in REGLAS[padron].items():
            if d.get(campo):
                valor = validar(d[campo])
                if valor is None:
                    error(campo, f"«{corto(d[campo])}» no es válido; use {permitido} o déjelo vacío si no aplica")
                else:
                    datos[campo] = valor
        for campo in OPCIONALES[padron]:
            if d.get(campo):
                datos[campo] = d[campo]
        if padron == PREDIAL:
            _coherencia_predial(datos, error)
        else:
            giro = d.get("giro", "")
            if not es_digitos(giro, 3) or not 1 <= int(giro) <= 470 or catalogo.giro(int(giro)) is None:
                error("giro", f"«{corto(giro)}» no es un giro del Art. 114 fr. III; use un número de 1 a 470")
            else:
                datos["giro"] = str(int(giro))
        pagado = d.get("pagado_hasta", "")
        if pagado and _anio(pagado) is None:
            error("pagado_hasta", f"«{corto(pagado)}» debe ser un año (p. ej. 2023) o quedar vacío")
        pagado_hasta = int(pagado) if pagado and _anio(pagado) else None
        adeudos: dict[int, Decimal] = {}
        for columna, valor in d.items():
            coincide = ADEUDO.match(columna)
            if not coincide or not valor:
                continue
            anio = int(coincide.group(1))
            importe = _decimal(ADEUDO_MAXIMO, 2)(valor)
            if anio >= primer_ejercicio:
                error(columna, f"sólo se capturan adeudos de años anteriores a {primer_ejercicio} (sin catálogo)")
            elif importe is None:
                error(columna, f"«{corto(valor)}» debe ser un importe en pesos ≥ 0 con hasta 2 decimales")
            elif pagado_hasta is not None and anio <= pagado_hasta:
                error(columna, f"el año {anio} no puede deberse si pagado_hasta es {pagado_hasta}")
            elif Decimal(importe):
                adeudos[anio] = Decimal(importe)
        titular = d.get(titular_col, "")
        dueño = datos.get("propietario_id") or titular
        leidas[linea] = Cuenta(
            padron, cuenta, titular, clave_titular(dueño), d.get("domicilio", ""), datos, pagado_hasta, adeudos
        )
    if problemas:
        raise PadronInvalido(problemas)
    if not leidas:
        raise PadronInvalido(["línea 2: el archivo no tiene cuentas"])
    return leidas


def _coherencia_predial(datos: dict[str, str], error: Callable[[str, str], None]) -> None:
    if Decimal(datos.get("m2_terreno", "0")) and "zona" not in datos:
        error("zona", "es obligatoria cuando hay m2_terreno (zona I a VIII)")
    if Decimal(datos.get("m2_construccion", "0")):
        if "tipo_construccion" not in datos:
            error("tipo_construccion", "es obligatorio cuando hay m2_construccion (A, B, C o D)")
        if "uso" not in datos:
            error("uso", "es obligatorio cuando hay m2_construccion (habitacional o productivo)")


def _desde_fila(f: Any) -> Cuenta:
    guardado = json.loads(f["datos"])
    return Cuenta(
        f["padron"],
        f["cuenta"],
        f["titular"],
        f["titular_clave"],
        f["domicilio"],
        dict(guardado["datos"]),
        None if f["pagado_hasta"] is None else int(f["pagado_hasta"]),
        {int(a): Decimal(v) for a, v in guardado["adeudos"].items()},
    )


SQL_VIGENTES = (
    "SELECT * FROM cuenta_registro WHERE id IN "
    "(SELECT max(id) FROM cuenta_registro WHERE padron = ? GROUP BY cuenta) ORDER BY cuenta"
)
SQL_CUENTA = "SELECT * FROM cuenta_registro WHERE padron = ? AND cuenta = ? ORDER BY id DESC LIMIT 1"


def cuentas(bd: Engine, padron: str) -> list[Cuenta]:
    with leer(bd) as c:
        return [_desde_fila(f) for f in c.execute(SQL_VIGENTES, (padron,)).fetchall()]


def buscar(bd: Engine, padron: str, cuenta: str) -> Cuenta:
    with leer(bd) as c:
        fila = c.execute(SQL_CUENTA, (padron, cuenta.strip().upper())).fetchone()
    if fila is None:
        raise ErrorEntrada("CUENTA", f"no existe la cuenta «{corto(cuenta)}» en el padrón de {padron}")
    return _desde_fila(fila)


def _diferencias(antes: Cuenta, despues: Cuenta) -> list[str]:
    a, b = antes.fila(), despues.fila()
    return [
        f"{despues.cuenta}.{k}: «{a.get(k, '')}» → «{b.get(k, '')}»"
        for k in sorted(set(a) | set(b))
        if a.get(k, "") != b.get(k, "")
    ]


def _un_vulnerable_por_titular(previas: dict[str, Cuenta], nuevas: list[Cuenta], lineas: dict[str, int]) -> None:
    resultado = previas | {c.cuenta: c for c in nuevas}
    dueños: dict[str, str] = {}
    problemas = []
    for c in sorted(resultado.values(), key=lambda x: (x.cuenta not in lineas, x.cuenta)):
        if c.datos.get("vulnerable") != "si":
            continue
        otra = dueños.setdefault(c.titular_clave, c.cuenta)
        if otra != c.cuenta and c.cuenta in lineas:
            problemas.append(
                f"línea {lineas[c.cuenta]}, campo vulnerable: el propietario «{c.titular}» ya tiene el subsidio "
                f"en la cuenta {otra}; el Art. 61 lo concede en un solo predio"
            )
    if problemas:
        raise PadronInvalido(problemas)


def validar(padron: str, contenido: str, catalogo: Catalogo) -> list[Cuenta]:
    """The accounts of a roll's CSV text, checked exactly as an import checks them (``PadronInvalido`` names
    line and field): central validates a roll with this before signing it for the terminals."""
    if padron not in COLUMNAS:
        raise ErrorEntrada("padrón", f"«{padron}» no es un padrón; use {' o '.join(COLUMNAS)}")
    with csv_legible():
        return list(_leer_filas(padron, contenido, catalogo).values())


def importar(
    bd: Engine, sesion: Sesion, padron: str, ruta: Path, catalogo: Catalogo, reloj: Reloj = reloj_sistema
) -> Importacion:
    sesion.exigir(f"importar el padrón de {padron}", *QUIEN_IMPORTA)
    return importar_texto(bd, sesion.usuario, padron, leer_archivo(ruta), str(ruta), catalogo, reloj)


def importar_texto(
    bd: Engine, usuario: str, padron: str, contenido: str, origen: str, catalogo: Catalogo, reloj: Reloj = reloj_sistema
) -> Importacion:
    """The import itself, for a roll already in hand: the administrator's file (``importar``) or a roll the
    treasury signed and central distributed (``sync.aplicar``, ``usuario`` naming the package)."""
    with csv_legible():
        leidas = _leer_filas(padron, contenido, catalogo)
    nuevas = list(leidas.values())
    previas = {c.cuenta: c for c in cuentas(bd, padron)}
    if padron == PREDIAL:
        _un_vulnerable_por_titular(previas, nuevas, {c.cuenta: n for n, c in leidas.items()})
    ahora = marca(reloj())
    filas, diferencias = [], []
    alta = cambio = 0
    for c in nuevas:
        antes = previas.get(c.cuenta)
        if antes is not None:
            cambios = _diferencias(antes, c)
            if not cambios:
                continue
            diferencias += cambios
            cambio += 1
        else:
            alta += 1
        filas.append(
            {
                "p": padron,
                "c": c.cuenta,
                "t": c.titular,
                "k": c.titular_clave,
                "d": c.domicilio,
                "x": c.guardable(),
                "h": c.pagado_hasta,
                "f": ahora,
                "u": usuario,
                "a": Path(origen).name,
            }
        )
    with diario.transaccion(bd) as (conexion, pendiente):
        anterior = diario_filas.ultimo_id(conexion, "cuenta_registro")
        if filas:
            conexion.execute(
                text(
                    "INSERT INTO cuenta_registro (padron, cuenta, titular, titular_clave, domicilio, datos, "
                    "pagado_hasta, registrado_en, usuario, archivo) "
                    "VALUES (:p, :c, :t, :k, :d, :x, :h, :f, :u, :a)"
                ),
                filas,
            )
            # Journaled like receipts: a ledger rebuilt with «restaurar --ultimo» keeps its rolls.
            diario_filas.anotar_nuevas(conexion, pendiente, "cuenta_registro", anterior)
        auditoria.registrar(
            conexion,
            usuario,
            f"importación del padrón de {padron}",
            {
                "archivo": origen,
                "nuevas": alta,
                "actualizadas": cambio,
                "diferencias": diferencias[:DIFERENCIAS_EN_BITACORA],
                "diferencias_totales": len(diferencias),
            },
        )
    return Importacion(alta, cambio, len(nuevas) - alta - cambio, diferencias)


def exportar(bd: Engine, padron: str, ruta: Path) -> int:
    """The current roll in the import's header (plus the adeudo_<año> and optional columns in use)."""
    todas = cuentas(bd, padron)
    anios = sorted({a for c in todas for a in c.adeudos})
    opcionales = [o for o in OPCIONALES[padron] if any(o in c.datos for c in todas)]
    columnas = COLUMNAS[padron] + opcionales + [f"adeudo_{a}" for a in anios]
    salida = io.StringIO()
    escritor = csv.DictWriter(salida, columnas, lineterminator="\n")
    escritor.writeheader()
    for c in todas:
        escritor.writerow({k: v for k, v in c.fila().items() if k in columnas})
    # Written beside and renamed over: a full disk or a bad place leaves no half roll that looks complete.
    temporal = ruta.with_name(f".{ruta.name}.parcial")
    with disco.escritura(ruta, temporal):
        temporal.write_text(salida.getvalue(), encoding="utf-8")
        os.replace(temporal, ruta)
    return len(todas)
