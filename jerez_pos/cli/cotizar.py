"""``cotizar``, ``conceptos``, ``giros``: pricing and finding concepts without recording anything."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from jerez_pos.cli.base import imprimir_json, pares
from jerez_pos.core.dinero import pesos
from jerez_pos.core.modelo import Concepto, Parametro
from jerez_pos.core.numeros import leer_fecha
from jerez_pos.core.parametros import especificacion
from jerez_pos.core.texto import cantidad
from jerez_pos.ledger.terminal import Terminal


def fecha(texto: str | None, campo: str = "--fecha") -> dt.date | None:
    if texto is None:
        return None
    return leer_fecha(texto, campo)


def _parametro(p: Parametro) -> dict[str, Any]:
    datos: dict[str, Any] = {"nombre": p.nombre, "unidad": p.unidad, "obligatorio": not p.opcional}
    if p.opciones:
        datos["opciones"] = list(p.opciones)
    elif p.texto_libre:
        datos["tipo"] = "texto"
    else:
        datos.update(
            tipo="entero" if p.entero else "decimal",
            minimo=None if p.minimo is None else str(p.minimo),
            maximo=None if p.maximo is None else str(p.maximo),
        )
    return datos


def concepto_json(c: Concepto) -> dict[str, Any]:
    return {
        "clave": c.clave,
        "descripcion": c.descripcion,
        "fundamento": c.fundamento,
        "rubro": c.rubro,
        "forma": c.forma,
        "periodicidad": c.periodicidad,
        "unidades_uma": str(c.monto) if c.forma == "uma_fija" and c.monto is not None else None,
        "parametros": [_parametro(p) for p in especificacion(c)],
        "ejemplo": dict(c.ejemplo),
        "verificar": c.verificar,
    }


def _cotizar(args: argparse.Namespace) -> int:
    terminal = Terminal()
    pago = fecha(args.fecha) or dt.date.today()
    # A late obligation (arrears, a licence of last year) is priced with its own year's law (Art. 15).
    cot = terminal.motor.cotizar(args.clave, pares(args.param), pago, causado=fecha(args.causado, "--causado"))
    if args.json:
        imprimir_json(cot.a_dict())
        return 0
    print(f"{cot.clave}  {cot.descripcion}")
    print(f"  {cot.fundamento}")
    print(f"  {cot.explicacion}")
    for m in cot.modificadores:
        print(f"  {m.concepto} ({m.fundamento}): {pesos(m.importe)}")
    print(f"  Total: {pesos(cot.total)}   en efectivo (Art. 20): {pesos(cot.total_efectivo)}")
    for motivo in cot.requiere_autorizacion:
        print(f"  Requiere autorización de supervisor: {motivo}")
    for aviso in cot.advertencias:
        print(f"  Aviso: {aviso}")
    return 0


def _conceptos(args: argparse.Namespace) -> int:
    terminal = Terminal()
    conceptos = terminal.conceptos(args.buscar, args.giro)
    if args.json:
        imprimir_json([concepto_json(c) for c in conceptos])
        return 0
    for c in conceptos:
        print(f"{c.clave:<22} {c.descripcion[:90]}")
    print(cantidad(len(conceptos), "concepto"))
    return 0


def _giros(args: argparse.Namespace) -> int:
    terminal = Terminal()
    giros = terminal.giros(args.buscar)
    if args.json:
        imprimir_json(
            [
                {
                    "numero": g.numero,
                    "giro": g.nombre,
                    "clave": g.clave,
                    "unidades_uma": str(g.uma),
                    "alcohol": g.alcohol,
                    "consumo": g.consumo,
                    "gas": g.gas,
                    "impacto": g.impacto,
                }
                for g in giros
            ]
        )
        return 0
    for g in giros:
        print(f"{g.numero:>3}  {g.uma:>8} UMA  {g.nombre}")
    print(cantidad(len(giros), "giro"))
    return 0


def registrar(sub: Any) -> None:
    p = sub.add_parser(
        "cotizar",
        help="calcula el importe de un concepto sin registrar nada",
        description="Calcula un concepto del catálogo en una fecha, con sus modificadores.",
    )
    p.add_argument("clave", help="clave del concepto (p. ej. A85-II, A114-III-61)")
    p.add_argument(
        "--param",
        action="append",
        metavar="NOMBRE=VALOR",
        help="parámetro del concepto o de un modificador; se puede repetir",
    )
    p.add_argument("--fecha", metavar="AAAA-MM-DD", help="fecha del cobro (por omisión, hoy)")
    p.add_argument(
        "--causado",
        metavar="AAAA-MM-DD",
        help="fecha en que nació la obligación, si es de un ejercicio anterior: se cobra con la ley y la UMA "
        "de ese ejercicio (Art. 15); descuentos y recargos siguen la fecha del cobro",
    )
    p.add_argument("--json", action="store_true", help="salida JSON")
    p.set_defaults(accion=_cotizar)

    p = sub.add_parser("conceptos", help="lista o busca conceptos del catálogo vigente")
    p.add_argument("--buscar", metavar="TEXTO", help="palabras, clave (A85) o artículo (art 85)")
    p.add_argument("--giro", metavar="N|TEXTO", help="conceptos que aplican a un giro del Art. 114")
    p.add_argument("--json", action="store_true", help="salida JSON")
    p.set_defaults(accion=_conceptos)

    p = sub.add_parser("giros", help="lista o busca los giros del Art. 114 fr. III")
    p.add_argument("--buscar", metavar="TEXTO", help="número o palabras del giro")
    p.add_argument("--json", action="store_true", help="salida JSON")
    p.set_defaults(accion=_giros)
