"""``python -m jerez_pos.catalogo.validar DIR [--archivo F]``: check a catalog (or one file of it) for
reviewers: structure, rubros, examples that price, and fidelity to the text of the law."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Iterable
from pathlib import Path

from jerez_pos.catalogo.cargar import leer_conceptos, leer_modificadores
from jerez_pos.catalogo.fidelidad import revisar
from jerez_pos.catalogo.lector import Problemas
from jerez_pos.catalogo.uma import leer_uma
from jerez_pos.core.errores import ErrorJerez, TarifaPorVerificar
from jerez_pos.core.modelo import Catalogo, Concepto
from jerez_pos.core.motor import Motor
from jerez_pos.core.texto import cantidad
from jerez_pos.core.uma import TablaUma


def ejemplos_sin_cotizar(
    catalogo: Catalogo, uma: TablaUma, conceptos: Iterable[Concepto], fecha: dt.date = dt.date(2024, 6, 15)
) -> list[str]:
    """Every concept's example must price (a concept still «verificar» is skipped: it is refused anyway).
    Also what the new-year review applies to a concept whose shape a person just defined."""
    motor = Motor([catalogo], uma)
    lineas = []
    for c in conceptos:
        try:
            motor.cotizar(c.clave, dict(c.ejemplo), fecha)
        except TarifaPorVerificar:
            pass
        except ErrorJerez as exc:
            lineas.append(f"{c.archivo}: {c.clave}: el ejemplo no se puede cotizar: {exc}")
        except Exception as exc:  # a structural hole the checks above already named; say where it bites
            lineas.append(f"{c.archivo}: {c.clave}: el concepto está incompleto ({type(exc).__name__})")
    return lineas


def revisar_directorio(directorio: Path, solo: Path | None) -> list[str]:
    problemas = Problemas()
    conceptos = leer_conceptos(directorio, problemas, solo)
    modificadores = leer_modificadores(directorio, problemas) if solo is None else ()
    lineas = list(problemas.lista)
    catalogo = Catalogo("revision", 2024, 0, "", "", conceptos, (), (), modificadores)
    lineas.extend(ejemplos_sin_cotizar(catalogo, leer_uma(directorio.parent / "uma.csv"), conceptos.values()))
    ley = directorio / "fuente" / "ley.txt"
    if ley.exists():
        lineas.extend(revisar(catalogo, ley))
    return lineas


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Valida un catálogo de tarifas")
    parser.add_argument("directorio", type=Path)
    parser.add_argument("--archivo", type=Path, help="revisar sólo este archivo de conceptos")
    args = parser.parse_args(argv)
    lineas = revisar_directorio(args.directorio, args.archivo)
    for linea in lineas:
        print(linea)
    print(cantidad(len(lineas), "problema"))
    return 1 if lineas else 0


if __name__ == "__main__":
    sys.exit(main())
