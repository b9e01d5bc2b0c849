"""``cobrar``, ``anular``, ``reimprimir`` and ``demo``."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from jerez_pos.cli.base import entero, imprimir_json, pares
from jerez_pos.cli.sesion import agregar_usuario, iniciar, supervisor
from jerez_pos.core.dinero import pesos, texto
from jerez_pos.core.documento import separar_folio
from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.core.texto import limpiar
from jerez_pos.ledger import demo, identidad, recibos, usuarios
from jerez_pos.ledger.pagos import leer_pago
from jerez_pos.ledger.terminal import Terminal


def _cobrar(args: argparse.Namespace) -> int:
    pagos = [leer_pago(p) for p in args.pago or []]
    parametros = pares(args.param)
    contribuyente = {
        "nombre": limpiar(args.contribuyente or "", "--contribuyente", nombre="nombre"),
        "rfc": limpiar(args.rfc or "", "--rfc", nombre="rfc"),
    }
    motivo = limpiar(args.motivo or "", "--motivo", nombre="motivo")
    referencia = limpiar(args.referencia or "", "--referencia", nombre="referencia")
    terminal = Terminal()
    sesion = iniciar(terminal.bd, args.usuario)
    autoriza = supervisor(terminal.bd, args.autoriza)
    autorizacion = recibos.Autorizacion(autoriza, motivo, referencia) if autoriza else None
    emitido = recibos.cobrar(terminal, sesion, [(args.clave, parametros)], pagos, contribuyente, autorizacion)
    if args.json:
        imprimir_json(emitido.a_dict())
        return 0
    demo_marca = " [DEMO]" if identidad.exigir_identidad(terminal.bd).demo else ""
    print(f"Recibo {emitido.folio}{demo_marca}  total {pesos(emitido.total)}")
    if emitido.ajuste:
        print(f"  Ajuste Art. 20 {pesos(emitido.ajuste)}  a pagar {pesos(emitido.a_pagar)}")
    print(f"  Cambio {pesos(emitido.cambio)}")
    return 0


def _anular(args: argparse.Namespace) -> int:
    separar_folio(args.folio, "FOLIO")
    limpiar(args.motivo, "--motivo", nombre="motivo")
    terminal = Terminal()
    sesion = iniciar(terminal.bd, args.usuario)
    folio = recibos.anular(terminal, sesion, args.folio, args.motivo)
    print(f"Recibo {folio} anulado")
    return 0


def _reimprimir(args: argparse.Namespace) -> int:
    separar_folio(args.folio, "FOLIO")
    terminal = Terminal()
    sesion = iniciar(terminal.bd, args.usuario)
    datos = recibos.reimprimir(terminal, sesion, args.folio, args.copias)
    imprimir_json(datos)
    return 0


def _demo(args: argparse.Namespace) -> int:
    if args.recibos < 0:
        raise ErrorEntrada("--recibos", "debe ser 0 o más")
    terminal = Terminal()
    cajero = demo.preparar(terminal)
    supervisor_demo = usuarios.autenticar(terminal.bd, "demo-supervisor", demo.CONTRASENA) if args.anulaciones else None
    for emitido in demo.emitir(terminal, cajero, args.recibos, args.semilla, supervisor_demo):
        # printed only after cobrar returned: the commit (synchronous=FULL) is already on disk
        sys.stdout.write(f"RECIBO {emitido.folio} {texto(emitido.total)}\n")
        sys.stdout.flush()
    return 0


def registrar(sub: Any) -> None:
    p = sub.add_parser(
        "cobrar",
        help="cobra un concepto y emite el recibo",
        description="Cobra un concepto del catálogo: folio, total, ajuste del Art. 20 y cambio.",
    )
    p.add_argument("clave", help="clave del concepto (p. ej. A85-II)")
    p.add_argument("--param", action="append", metavar="NOMBRE=VALOR", help="parámetro del concepto; se repite")
    p.add_argument(
        "--pago",
        action="append",
        metavar="FORMA=PESOS[:DATOS]",
        help="efectivo=200, tarjeta=150:ÚLTIMOS4:AUTORIZACIÓN, transferencia=150:REFERENCIA, "
        "cheque=150:BANCO:NÚMERO; se repite (sólo un recibo exento en $0.00 va sin pago)",
    )
    p.add_argument("--contribuyente", metavar="NOMBRE", help="nombre del contribuyente")
    p.add_argument("--rfc", help="RFC del contribuyente (opcional)")
    p.add_argument(
        "--autoriza",
        metavar="SUPERVISOR",
        help="supervisor que autoriza descuento o rango (contraseña en JEREZ_POS_CONTRASENA_SUPERVISOR)",
    )
    p.add_argument("--motivo", help="motivo de la autorización")
    p.add_argument("--referencia", help="acuerdo, estudio socioeconómico o convenio de la autorización")
    p.add_argument("--json", action="store_true", help="salida JSON")
    agregar_usuario(p)
    p.set_defaults(accion=_cobrar)

    p = sub.add_parser("anular", help="anula un recibo (supervisor); el folio queda usado")
    p.add_argument("folio", help="folio SERIE-NÚMERO")
    p.add_argument("--motivo", required=True, help="motivo de la anulación")
    agregar_usuario(p)
    p.set_defaults(accion=_anular)

    p = sub.add_parser("reimprimir", help="registra una reimpresión y muestra el recibo guardado")
    p.add_argument("folio", help="folio SERIE-NÚMERO")
    p.add_argument("--copias", type=entero("copias"), default=1, help="número de copias (1 a 5)")
    agregar_usuario(p)
    p.set_defaults(accion=_reimprimir)

    p = sub.add_parser("demo", help="terminal de demostración con recibos aleatorios válidos")
    p.add_argument("--recibos", type=entero("recibos"), required=True, metavar="N", help="recibos a emitir")
    p.add_argument("--semilla", type=entero("semilla"), help="semilla del generador aleatorio")
    p.add_argument("--anulaciones", action="store_true", help="anula al azar algunos recibos")
    p.set_defaults(accion=_demo)
