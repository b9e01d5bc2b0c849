"""``registrar`` (enroll this terminal with the central server) and ``sincronizar``."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from jerez_pos.cli.base import imprimir_json
from jerez_pos.core.errores import ErrorEntrada, ErrorJerez


def _abrir() -> Any:
    from jerez_pos.ledger.terminal import Terminal

    return Terminal()


def _almacen(terminal: Any, identidad: Any) -> Any:
    from jerez_pos import config
    from jerez_pos.sync.libro import AlmacenLibro

    return AlmacenLibro(config.ruta_bd(terminal.directorio), identidad, terminal.directorio)


def _pedir(transporte: Any, ruta: str, datos: dict[str, str]) -> dict[str, Any]:
    from jerez_pos.sync.cliente import SinConexion

    try:
        respuesta = transporte("POST", ruta, json.dumps(datos).encode(), {})
    except SinConexion:
        raise ErrorJerez(f"servidor: no se pudo contactar a la central en {transporte.servidor}") from None
    if respuesta.estado != 200:
        raise ErrorEntrada("--codigo", respuesta.mensaje())
    resultado: dict[str, Any] = respuesta.json()
    return resultado


def _registrar(args: argparse.Namespace) -> int:
    from jerez_pos.ledger import identidad as ident
    from jerez_pos.sync.transporte import TransporteHttp

    terminal = _abrir()
    transporte = TransporteHttp(args.servidor)
    asignada = _pedir(transporte, "/v1/inscripcion/consulta", {"codigo": args.codigo})
    actual = ident.leer_identidad(terminal.bd)
    if actual is None:
        actual = ident.registrar_terminal(
            terminal.bd,
            terminal.directorio,
            "Jerez, Zacatecas",
            asignada["delegacion"],
            f"Terminal {asignada['serie']}",
            asignada["serie"],
        )
    elif actual.serie != asignada["serie"]:
        raise ErrorEntrada(
            "--codigo", f"esta terminal usa la serie {actual.serie} y el código es para la serie {asignada['serie']}"
        )
    inscrita = _pedir(
        transporte, "/v1/inscripcion", {"codigo": args.codigo, "llave_publica": actual.llave_publica.hex()}
    )
    almacen = _almacen(terminal, actual)
    almacen.fijar("servidor", args.servidor)
    if inscrita.get("llave_tesoreria"):
        almacen.fijar("llave_tesoreria", inscrita["llave_tesoreria"])
    print(f"Terminal {actual.serie} inscrita en la central {args.servidor} (delegación {asignada['delegacion']})")
    return 0


def _paquetes(almacen: Any, transporte: Any) -> str | None:
    from jerez_pos.sync.cliente import SinConexion
    from jerez_pos.sync.paquetes import traer
    from jerez_pos.sync.protocolo import PaqueteRechazado

    llave = almacen.ajuste("llave_tesoreria")
    if not llave:
        return None
    version = int(almacen.ajuste("version_paquete") or 0)
    try:
        paquete = traer(transporte, bytes.fromhex(llave), version)
    except (SinConexion, PaqueteRechazado) as exc:
        return f"paquete de catálogo/UMA no aplicado: {exc}"
    if paquete is None:
        return None
    almacen.fijar("paquete", json.dumps(paquete, ensure_ascii=False))
    almacen.fijar("version_paquete", str(paquete["version"]))
    return f"paquete {paquete['tipo']} versión {paquete['version']} recibido (antes {version})"


def _sincronizar(args: argparse.Namespace) -> int:
    from jerez_pos.ledger import identidad as ident
    from jerez_pos.sync.cliente import Sincronizador
    from jerez_pos.sync.transporte import TransporteHttp

    terminal = _abrir()
    actual = ident.exigir_identidad(terminal.bd)
    almacen = _almacen(terminal, actual)
    servidor = args.servidor or almacen.ajuste("servidor")
    if not servidor:
        raise ErrorEntrada("--servidor", "indique la dirección de la central (o registre la terminal primero)")
    transporte = TransporteHttp(servidor, espera=args.espera)
    llave = ident.llave_privada(terminal.directorio, actual)
    cliente = Sincronizador(almacen, transporte, llave, actual.serie, intentos=args.intentos, espera_tope=10.0)
    resultado = cliente.sincronizar()
    aviso = _paquetes(almacen, transporte) if resultado.error is None else None
    if args.json:
        imprimir_json(resultado.a_dict())
    else:
        r = resultado
        print(f"Enviados: {r.enviados}  Confirmados: {r.confirmados}  ", end="")
        print(f"Pendientes: {r.pendientes}  Conflictos: {r.conflictos}")
        if aviso:
            print(aviso)
    if resultado.error is not None:
        print(f"jerez-pos: {resultado.error}", file=sys.stderr)
        return 0 if resultado.confirmados > 0 and not resultado.conflictos else 1
    return 0


def registrar(sub: Any) -> None:
    p = sub.add_parser("registrar", help="inscribe esta terminal en la central con el código de un solo uso")
    p.add_argument("--servidor", required=True, metavar="URL", help="dirección de la central (https://…)")
    p.add_argument("--codigo", required=True, metavar="CÓDIGO", help="código de inscripción que dio la tesorería")
    p.set_defaults(accion=_registrar)

    p = sub.add_parser("sincronizar", help="envía recibos y anulaciones pendientes y trae catálogo/UMA firmados")
    p.add_argument("--servidor", metavar="URL", help="dirección de la central (por omisión, la del registro)")
    p.add_argument("--intentos", type=int, default=4, help="reintentos por solicitud (por omisión 4)")
    p.add_argument("--espera", type=float, default=30.0, help="segundos de espera por respuesta (por omisión 30)")
    p.add_argument("--json", action="store_true", help="salida JSON")
    p.set_defaults(accion=_sincronizar)
