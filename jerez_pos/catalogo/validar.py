"""``python -m jerez_pos.catalogo.validar DIR [--archivo F]``: check a catalog (or one file of it) for
reviewers: structure, rubros, examples that price, and fidelity to the text of the law."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from jerez_pos.catalogo.cargar import leer_conceptos, leer_modificadores
from jerez_pos.catalogo.fidelidad import revisar
from jerez_pos.catalogo.lector import Problemas
from jerez_pos.catalogo.uma import leer_uma
from jerez_pos.core.errores import ErrorJerez, TarifaPorVerificar
from jerez_pos.core.modelo import Catalogo
from jerez_pos.core.motor import Motor


def revisar_directorio(directorio: Path, solo: Path | None) -> list[str]:
    problemas = Problemas()
    conceptos = leer_conceptos(directorio, problemas, solo)
    modificadores = leer_modificadores(directorio, problemas) if solo is None else ()
    lineas = list(problemas.lista)
    catalogo = Catalogo("revision", 2024, 0, "", "", conceptos, (), (), modificadores)
    motor = Motor([catalogo], leer_uma(directorio.parent / "uma.csv"))
    for c in conceptos.values():
        try:
            motor.cotizar(c.clave, dict(c.ejemplo), dt.date(2024, 6, 15))
        except TarifaPorVerificar:
            pass
        except ErrorJerez as exc:
            lineas.append(f"{c.archivo}: {c.clave}: el ejemplo no se puede cotizar: {exc}")
        except Exception as exc:  # a structural hole the checks above already named; say where it bites
            lineas.append(f"{c.archivo}: {c.clave}: el concepto está incompleto ({type(exc).__name__})")
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
    print(f"{len(lineas)} problema(s)")
    return 1 if lineas else 0


if __name__ == "__main__":
    sys.exit(main())
