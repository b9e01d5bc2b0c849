"""``registrar`` (enroll this terminal with the central server) and ``sincronizar``."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from jerez_pos.cli.base import decimal, entero, imprimir_json
from jerez_pos.core.errores import ErrorEntrada, ErrorJerez


def _abrir() -> Any:
    from jerez_pos.ledger.terminal import Terminal

    return Terminal()


def _almacen(terminal: Any, identidad: Any) -> Any:
    from jerez_pos import config
    from jerez_pos.sync.libro import AlmacenLibro

    return AlmacenLibro(config.ruta_bd(terminal.directorio), identidad, terminal.directorio)


def _registrar(args: argparse.Namespace) -> int:
    from jerez_pos.sync.inscripcion import inscribir

    inscrita = inscribir(_abrir(), args.servidor, args.codigo)
    print(f"Terminal {inscrita.serie} inscrita en la central {inscrita.servidor} (delegación {inscrita.delegacion})")
    return 0


MAX_PAQUETES = 20  # per sync: a terminal offline for months catches up over a few syncs


def _paquetes(terminal: Any, almacen: Any, transporte: Any) -> tuple[list[str], dict[str, Any] | None]:
    """Pulls, verifies and applies the newer packages (catalog/UMA, rolls) in publication order:
    (lines for the cashier, changes of the last one applied). A package that fails stops the run; the
    ones before it stay applied and the version says so."""
    from jerez_pos.sync.aplicar import aplicar
    from jerez_pos.sync.cliente import SinConexion
    from jerez_pos.sync.paquetes import traer_siguiente
    from jerez_pos.sync.protocolo import PaqueteRechazado

    llave = almacen.ajuste("llave_tesoreria")
    if not llave:
        return [], None
    lineas: list[str] = []
    cambios: dict[str, Any] | None = None
    for _ in range(MAX_PAQUETES):
        version = int(almacen.ajuste("version_paquete") or 0)
        try:
            paquete = traer_siguiente(transporte, bytes.fromhex(llave), version)
            if paquete is None:
                break
            aplicado = aplicar(terminal, paquete)
        except (SinConexion, PaqueteRechazado, ErrorJerez) as exc:
            return [*lineas, f"paquete de la tesorería no aplicado: {exc}"], {"error": str(exc)}
        almacen.fijar("version_paquete", str(paquete["version"]))
        lineas += aplicado.lineas()
        cambios = aplicado.a_dict()
    return lineas, cambios


def _sincronizar(args: argparse.Namespace) -> int:
    from jerez_pos.ledger import identidad as ident
    from jerez_pos.sync.contraste import SincronizadorLibro
    from jerez_pos.sync.transporte import TransporteHttp

    terminal = _abrir()
    actual = ident.exigir_identidad(terminal.bd)
    almacen = _almacen(terminal, actual)
    servidor = args.servidor or almacen.ajuste("servidor")
    if not servidor:
        raise ErrorEntrada("--servidor", "indique la dirección de la central (o registre la terminal primero)")
    transporte = TransporteHttp(servidor, espera=args.espera)
    llave = ident.llave_privada(terminal.directorio, actual)
    if not 1 <= args.lote <= 1000:
        raise ErrorEntrada("--lote", "debe estar entre 1 y 1000 registros")
    cliente = SincronizadorLibro(
        almacen, transporte, llave, actual.serie, intentos=args.intentos, espera_tope=10.0, tam_lote=args.lote
    )
    resultado = cliente.sincronizar()
    avisos, paquete = _paquetes(terminal, almacen, transporte) if resultado.error is None else ([], None)
    if args.json:
        imprimir_json(
            {**resultado.a_dict(), "desacuerdo": resultado.desacuerdo, **({"paquete": paquete} if paquete else {})}
        )
    else:
        r = resultado
        print(f"Enviados: {r.enviados}  Confirmados: {r.confirmados}  ", end="")
        print(f"Pendientes: {r.pendientes}  Conflictos: {r.conflictos}")
        for aviso in avisos:
            print(aviso)
    if resultado.desacuerdo is not None:  # ledger and central disagree: a refusal, nothing was sent
        print(f"jerez-pos: {resultado.desacuerdo}", file=sys.stderr)
        return 2
    if resultado.error is not None:
        print(f"jerez-pos: {resultado.error}", file=sys.stderr)
        return 0 if resultado.confirmados > 0 and not resultado.conflictos else 1
    return 0


def registrar(sub: Any) -> None:
    p = sub.add_parser("registrar", help="inscribe esta terminal en la central con el código de un solo uso")
    p.add_argument("--servidor", required=True, metavar="URL", help="dirección de la central (https://…)")
    p.add_argument("--codigo", required=True, metavar="CÓDIGO", help="código de inscripción que dio la tesorería")
    p.set_defaults(accion=_registrar)

    p = sub.add_parser(
        "sincronizar", help="envía recibos y anulaciones pendientes y trae catálogo, UMA y padrones firmados"
    )
    p.add_argument("--servidor", metavar="URL", help="dirección de la central (por omisión, la del registro)")
    p.add_argument(
        "--intentos",
        type=entero("intentos"),
        default=4,
        choices=range(1, 21),
        metavar="N",
        help="reintentos por solicitud (por omisión 4)",
    )
    p.add_argument("--lote", type=entero("lote"), default=500, help="registros por envío, 1 a 1000 (por omisión 500)")
    p.add_argument(
        "--espera", type=decimal("espera"), default=30.0, help="segundos de espera por respuesta (por omisión 30)"
    )
    p.add_argument("--json", action="store_true", help="salida JSON")
    p.set_defaults(accion=_sincronizar)
