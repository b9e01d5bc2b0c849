"""``catalogo`` (importar, validar, confirmar, listar, borrador) and ``uma`` (importar, listar)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from jerez_pos.catalogo.validar import revisar_directorio
from jerez_pos.cli import borrador
from jerez_pos.cli.base import archivo_existente, imprimir_json
from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.core.texto import cantidad, corto, limpiar
from jerez_pos.ledger import tarifas
from jerez_pos.ledger.terminal import Terminal


def _directorio(texto: str) -> Path:
    ruta = Path(texto)
    if not ruta.is_dir():
        raise ErrorEntrada("DIR", f"«{corto(texto)}» no es un directorio de catálogo")
    return ruta


def _importar(args: argparse.Namespace) -> int:
    resultado = Terminal().importar_catalogo(_directorio(args.directorio))
    estado = "importado" if resultado.nuevo else "ya estaba importado (sin cambios)"
    if resultado.sellado and not resultado.nuevo:
        estado = "ya estaba importado; su sello quedó firmado con la llave de esta terminal"
    print(f"Catálogo {resultado.catalogo} {estado}: {resultado.conceptos} conceptos, {resultado.giros} giros")
    return 0


def _validar(args: argparse.Namespace) -> int:
    problemas = revisar_directorio(_directorio(args.directorio), None)
    for linea in problemas:
        print(linea)
    print(cantidad(len(problemas), "problema"))
    return 1 if problemas else 0


def _listar(args: argparse.Namespace) -> int:
    terminal = Terminal()
    datos: list[dict[str, Any]] = [
        {
            "catalogo": c.id,
            "municipio": c.municipio,
            "ejercicio": c.ejercicio,
            "version": c.version,
            "conceptos": len(c.conceptos),
            "giros": len(c.giros),
            "por_verificar": sorted(k for k, v in c.conceptos.items() if v.verificar and v.padre is None),
        }
        for c in terminal.motor.catalogos
    ]
    if args.json:
        imprimir_json(datos)
    else:
        for d in datos:
            print(
                f"{d['catalogo']}: {d['conceptos']} conceptos, {d['giros']} giros; "
                f"por verificar: {', '.join(d['por_verificar']) or 'ninguno'}"
            )
    return 0


def _confirmar(args: argparse.Namespace) -> int:
    motivo = limpiar(args.motivo, "--motivo", nombre="motivo")
    if not motivo:
        raise ErrorEntrada("--motivo", "escriba contra qué documento se verificó el valor")
    Terminal().confirmar_tarifa(args.clave, args.usuario, motivo)
    print(f"{args.clave}: valor confirmado por {args.usuario}")
    return 0


def _uma_importar(args: argparse.Namespace) -> int:
    resultado = Terminal().importar_uma(archivo_existente(args.archivo))
    cambios = "; ".join(f"{a}: {antes or '—'} → {ahora}" for a, (antes, ahora) in resultado.cambios.items())
    print(
        f"{resultado.leidos} valores de UMA leídos: {resultado.nuevos} registrados como versión nueva"
        + (f" ({cambios})" if cambios else "")
        + f", {resultado.leidos - resultado.nuevos} sin cambio"
    )
    for aviso in resultado.avisos:
        print(f"Aviso: {aviso}", file=sys.stderr)
    return 0


def _uma_listar(args: argparse.Namespace) -> int:
    tabla = tarifas.tabla_uma(Terminal().bd)  # verified rows only, and no catalog needed to list them
    datos = [
        {
            "anio": v.anio,
            "diaria": str(v.diaria),
            # As INEGI published them; null when not recorded (never derived from the daily value).
            "mensual": None if v.mensual is None else str(v.mensual),
            "anual": None if v.anual is None else str(v.anual),
            "vigente_desde": v.vigente_desde.isoformat(),
        }
        for v in tabla.valores
    ]
    if args.json:
        imprimir_json(datos)
    else:
        for d in datos:
            publicadas = ", ".join(
                f"{nombre} ${d[nombre]}" if d[nombre] else f"{nombre}: falta (no registrada)"
                for nombre in ("mensual", "anual")
            )
            print(f"{d['anio']}: diaria ${d['diaria']}, {publicadas}, desde {d['vigente_desde']}")
    return 0


def registrar(sub: Any) -> None:
    p = sub.add_parser("catalogo", help="catálogos de tarifas: importar, validar, listar, confirmar")
    acciones = p.add_subparsers(
        dest="accion_catalogo", title="acciones", metavar="ACCIÓN", parser_class=type(p), required=True
    )
    a = acciones.add_parser("importar", help="valida un directorio de catálogo y lo carga a la base local")
    a.add_argument("directorio", metavar="DIR")
    a.set_defaults(accion=_importar)
    a = acciones.add_parser("validar", help="revisa un directorio de catálogo sin importarlo")
    a.add_argument("directorio", metavar="DIR")
    a.set_defaults(accion=_validar)
    a = acciones.add_parser("listar", help="catálogos cargados y tarifas por verificar")
    a.add_argument("--json", action="store_true")
    a.set_defaults(accion=_listar)
    a = acciones.add_parser("confirmar", help="confirma el valor de una tarifa marcada «verificar»")
    a.add_argument("clave")
    a.add_argument("--usuario", required=True, help="administrador que confirma")
    a.add_argument("--motivo", required=True, help="documento contra el que se verificó")
    a.set_defaults(accion=_confirmar)
    borrador.registrar(acciones)

    p = sub.add_parser("uma", help="tabla de UMA: importar, listar")
    acciones = p.add_subparsers(
        dest="accion_uma", title="acciones", metavar="ACCIÓN", parser_class=type(p), required=True
    )
    a = acciones.add_parser(
        "importar",
        help="importa un CSV anio,diaria,mensual,anual,vigente_desde,fuente (valores publicados por el INEGI)",
        description=(
            "Importa la tabla de UMA tal como la publica el INEGI. Las columnas mensual y anual pueden ir vacías "
            "(o faltar, en archivos del formato anterior): se registran como faltantes, se avisa, y los cobros "
            "que las usan (Art. 101 fr. III) se rechazan hasta importarlas; nunca se calculan de la diaria."
        ),
    )
    a.add_argument("archivo", metavar="ARCHIVO")
    a.set_defaults(accion=_uma_importar)
    a = acciones.add_parser("listar", help="valores de UMA registrados")
    a.add_argument("--json", action="store_true")
    a.set_defaults(accion=_uma_listar)
