"""``jerez-pos --selftest``: can this build run on this PC? One line per check, exit 0 only if all pass.

Run by CI on the frozen Linux build and by support staff after installing. It goes through the start of a
working day without charging anything: the data home is opened (or created) and migrated exactly as the app
does it, the file is checked, the catalog and UMA table are loaded and one concept is priced, the printer
profiles are loaded, a receipt is rendered to python-escpos's ``Dummy`` printer and to a PDF, and the app's
own login window is shown and closed (offscreen when the PC has no display). Nothing is written to the
ledger and no daily backup is made (the first start of the app does that).
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jerez_pos import config
from jerez_pos.core.errores import ErrorJerez
from jerez_pos.core.texto import cantidad
from jerez_pos.diagnostico import datos

CLAVE_PRUEBA = "A85-II"  # certified copy of a birth certificate: a flat UMA tariff without modifiers


class Omitida(Exception):
    """A check that could not run because an earlier one failed."""


@dataclass(frozen=True)
class Prueba:
    nombre: str
    ok: bool
    detalle: str

    def linea(self) -> str:
        return f"{'ok ' if self.ok else 'FALLA'} {self.nombre}: {self.detalle}"


_OMITIDA = {
    "terminal": "no se abrió la base de datos",
    "cotizacion": "no se pudo cotizar",
    "recibo": "no se generó el recibo de prueba",
    "ticket": "no se generó el recibo de prueba",
}


@dataclass
class Contexto:
    directorio: Path
    terminal: Any = None
    cotizacion: Any = None
    recibo: Any = None
    ticket: Any = None
    notas: dict[str, str] = field(default_factory=dict)

    def exigir(self, que: str) -> Any:
        valor = getattr(self, que)
        if valor is None:
            raise Omitida(_OMITIDA.get(que, que))
        return valor


def _datos_del_programa(ctx: Contexto) -> str:
    raiz = config.raiz_programa()
    faltan = datos.faltantes(raiz)
    if faltan:
        raise ErrorJerez(f"faltan en {raiz}: {', '.join(faltan)}; reinstale el programa")
    if getattr(sys, "frozen", False) and not (raiz / datos.CAPACIDADES_ESCPOS).is_file():
        raise ErrorJerez(f"falta {datos.CAPACIDADES_ESCPOS} en {raiz}; reinstale el programa")
    return f"{len(datos.archivos(raiz))} archivos en {raiz}"


def _base_de_datos(ctx: Contexto) -> str:
    from jerez_pos.ledger.terminal import Terminal

    ruta = config.ruta_bd(ctx.directorio)
    nueva = not ruta.exists()
    from sqlalchemy.exc import DatabaseError

    try:
        ctx.terminal = Terminal(ctx.directorio, respaldo_diario=False)
    except DatabaseError as exc:
        raise ErrorJerez(
            f"{ruta} no se puede usar ({exc.orig}); restaure el último respaldo con «jerez-pos restaurar ARCHIVO» "
            "y avise a soporte"
        ) from None
    if ctx.terminal.respaldo_previo_a_migrar is not None:
        ctx.notas["respaldo"] = f", respaldo previo en {ctx.terminal.respaldo_previo_a_migrar.name}"
    return f"{ruta} ({'creada' if nueva else 'abierta'})"


def _migraciones(ctx: Contexto) -> str:
    from jerez_pos.ledger.migraciones import version_base, version_codigo

    terminal = ctx.exigir("terminal")
    actual, codigo = version_base(terminal.bd), version_codigo()
    if actual != codigo:
        raise ErrorJerez(f"la base quedó en el esquema «{actual}» y el programa espera «{codigo}»")
    return f"esquema {actual} al día{ctx.notas.get('respaldo', '')}"


def _integridad(ctx: Contexto) -> str:
    from sqlalchemy import text

    terminal = ctx.exigir("terminal")
    with terminal.bd.connect() as conexion:
        filas = [str(f[0]) for f in conexion.execute(text("PRAGMA quick_check"))]
    if filas != ["ok"]:
        raise ErrorJerez(f"PRAGMA quick_check: {'; '.join(filas[:3])}")
    return "PRAGMA quick_check: ok"


def _catalogo(ctx: Contexto) -> str:
    terminal = ctx.exigir("terminal")
    catalogo, avisos = terminal.motor.catalogo_para(dt.date.today())
    if not catalogo.conceptos:
        raise ErrorJerez(f"el catálogo {catalogo.id} no tiene conceptos")
    aviso = f" (aviso: {avisos[0]})" if avisos else ""
    return f"{catalogo.id}, {len(catalogo.conceptos)} conceptos, {len(catalogo.giros)} giros{aviso}"


def _uma(ctx: Contexto) -> str:
    terminal = ctx.exigir("terminal")
    uma = terminal.motor.uma.vigente(dt.date.today())
    return f"${uma.diaria} diaria, vigente desde {uma.vigente_desde.isoformat()}"


def _cotizacion(ctx: Contexto) -> str:
    terminal = ctx.exigir("terminal")
    concepto = terminal.motor.concepto(CLAVE_PRUEBA, dt.date.today())
    cot = terminal.cotizar(CLAVE_PRUEBA, terminal.motor.ejemplo(concepto))
    if cot.total <= 0:
        raise ErrorJerez(f"{CLAVE_PRUEBA} cotizó {cot.total}")
    ctx.cotizacion = cot
    return f"{cot.clave} = ${cot.total:,} ({cot.explicacion})"


def _perfiles(ctx: Contexto) -> str:
    from jerez_pos.printing.escpos import modulo_impresoras

    modulo_impresoras(ctx.directorio)
    import escpos.capabilities as capacidades

    perfiles = capacidades.CAPABILITIES.get("profiles", {})
    if "default" not in perfiles or len(perfiles) < 2:
        raise ErrorJerez(f"la base de perfiles de python-escpos está dañada ({capacidades.capabilities_path})")
    return f"{len(perfiles)} perfiles de python-escpos ({Path(str(capacidades.capabilities_path)).name})"


def _ticket(ctx: Contexto) -> str:
    from jerez_pos.core.dinero import CERO
    from jerez_pos.printing.datos import DatosTicket, LineaConceptoTicket, PagoTicket
    from jerez_pos.printing.escpos import elegir_pagina, modulo_impresoras, ticket_a_bytes
    from jerez_pos.printing.ticket import Ancho, componer_ticket

    cot = ctx.exigir("cotizacion")
    linea = LineaConceptoTicket(cot.clave, cot.descripcion, cot.fundamento, cot.uma, cot.importe)
    total = cot.importe + sum((m.importe for m in cot.modificadores), CERO)
    recibo = DatosTicket(
        folio="PRUEBA-1",
        fecha_hora=dt.datetime.now().replace(microsecond=0),
        municipio="Jerez, Zacatecas",
        delegacion="Autoprueba",
        terminal="autoprueba",
        cajero="autoprueba",
        contribuyente="Público en general",
        lineas=(linea,),
        total=total,
        pagos=(PagoTicket("Efectivo", total),),
        qr_payload="JEREZPOS-AUTOPRUEBA",
        codigo_verificacion="AUTOPRUEBA",
        demo=True,
    )
    ctx.recibo = recibo
    ctx.ticket = componer_ticket(recibo, Ancho.MM80)
    salida = ticket_a_bytes(ctx.ticket, directorio_datos=ctx.directorio)
    pagina, _numero = elegir_pagina(modulo_impresoras(ctx.directorio).Dummy())
    if not salida.startswith(b"\x1b@") or b"RECIBO OFICIAL" not in salida:
        raise ErrorJerez("la impresora Dummy no recibió un recibo completo")
    return f"{len(salida):,} bytes en la impresora Dummy (página {pagina}, {len(ctx.ticket.lineas)} renglones)"


def _pdf_de_impresion() -> Callable[[Any, Path], Path] | None:
    """The printing package's letter-size receipt PDF, where this version of the program has it."""
    try:
        modulo = importlib.import_module("jerez_pos.printing.pdf.recibo")
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("jerez_pos"):
            return None
        raise
    funcion: Callable[[Any, Path], Path] = modulo.recibo_pdf
    return funcion


def _pdf(ctx: Contexto) -> str:
    from jerez_pos.diagnostico.pdf import paginas, recibo_pdf

    recibo, ticket = ctx.exigir("recibo"), ctx.exigir("ticket")
    de_impresion = _pdf_de_impresion()
    if de_impresion is None:
        documento, origen = recibo_pdf(ticket), "texto del ticket, reportlab"
    else:
        with tempfile.TemporaryDirectory() as carpeta:
            ruta = de_impresion(recibo, Path(carpeta) / "recibo-prueba.pdf")
            documento, origen = ruta.read_bytes(), "formato carta, reportlab"
    if not documento.startswith(b"%PDF-") or paginas(documento) < 1:
        raise ErrorJerez("reportlab no produjo un PDF válido")
    return f"{cantidad(paginas(documento), 'página')}, {len(documento):,} bytes ({origen})"


def _ventana(ctx: Contexto) -> str:
    """The app's own login window, shown and closed; offscreen on a Linux PC without a display."""
    if not config.hay_pantalla():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    # Qt lives only in jerez_pos.gui; the check itself is the GUI's own start-up path.
    from jerez_pos.gui.autoprueba import mostrar_y_cerrar

    return mostrar_y_cerrar(ctx.exigir("terminal"))


PRUEBAS: tuple[tuple[str, Callable[[Contexto], str]], ...] = (
    ("datos del programa", _datos_del_programa),
    ("base de datos", _base_de_datos),
    ("migraciones", _migraciones),
    ("integridad", _integridad),
    ("catálogo", _catalogo),
    ("UMA", _uma),
    ("cotización", _cotizacion),
    ("perfiles de impresora", _perfiles),
    ("ticket ESC/POS", _ticket),
    ("recibo PDF", _pdf),
    ("ventana Qt", _ventana),
)


def _motivo(exc: BaseException) -> str:
    if isinstance(exc, ErrorJerez | Omitida):
        return str(exc)
    if isinstance(exc, ImportError):
        return f"falta un módulo en esta instalación ({exc.name or exc}); reinstale el programa"
    primera = (str(exc).strip().splitlines() or [""])[0][:200]
    return f"{type(exc).__name__}: {primera}" if primera else type(exc).__name__


def correr(directorio: Path | None = None, salida: Callable[[str], None] | None = None) -> list[Prueba]:
    """Every check in order; each result is passed to ``salida`` as soon as it is known."""
    ctx = Contexto(directorio or config.home())
    resultados: list[Prueba] = []
    for nombre, prueba in PRUEBAS:
        try:
            resultado = Prueba(nombre, True, prueba(ctx))
        except Exception as exc:  # each check reports its own failure; the next ones still run
            resultado = Prueba(nombre, False, _motivo(exc))
        resultados.append(resultado)
        if salida is not None:
            salida(resultado.linea())
    return resultados


def principal(directorio: Path | None = None) -> int:
    inicio = time.perf_counter()
    resultados = correr(directorio, lambda linea: print(linea, flush=True))
    fallas = sum(not r.ok for r in resultados)
    resumen = "todo bien" if not fallas else f"{fallas} con falla"
    print(f"autoprueba: {len(resultados)} revisiones, {resumen} ({time.perf_counter() - inicio:.1f} s)", flush=True)
    return 0 if not fallas else 1
