"""How right a draft is on a mutated law: every base concept priced in 2025 by the draft and by the truth.

``medir`` counts, over the base concepts the engine can price: ``bien`` (the draft prices it, under the key
the new law gives it, exactly as the truth), ``mal`` (the draft prices it and the amount differs, or it prices
a derogated or new concept: must be none), ``revisar`` (the draft marks it ``verificar``: it refuses to charge
it until a person looks). ``sin_listar`` are changed amounts of concepts the draft prices that ``cambios``
does not list (must be none).

Report over many seeds: ``python -m tests.catalogo.acierto [--semillas 20]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import tempfile
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from jerez_pos.catalogo.borrador.armar import armar
from jerez_pos.catalogo.borrador.conceptos import valores
from jerez_pos.catalogo.borrador.escribir import escribir
from jerez_pos.catalogo.cargar import cargar
from jerez_pos.core.errores import ErrorJerez
from jerez_pos.core.modelo import Catalogo
from jerez_pos.core.motor import Motor
from jerez_pos.core.uma import TablaUma

from .mutaciones import Verdad, catalogo_esperado, mutar

FECHA = dt.date(2025, 3, 1)


@dataclass
class Medida:
    semilla: int
    bien: int = 0
    revisar: int = 0
    derogados: int = 0
    mal: list[str] = field(default_factory=list)
    sin_listar: list[str] = field(default_factory=list)
    sin_listar_revision: list[str] = field(default_factory=list)  # changes of concepts sent to review
    en_revision: list[str] = field(default_factory=list)
    segundos: float = 0.0

    @property
    def total(self) -> int:
        return self.bien + self.revisar + len([m for m in self.mal if not m.startswith("nuevo")])

    @property
    def por_ciento(self) -> float:
        return 100 * self.bien / self.total if self.total else 0.0


def _precio(motor: Motor, clave: str, ejemplo: dict[str, str]) -> Decimal | None:
    try:
        return motor.cotizar(clave, ejemplo, FECHA).total
    except ErrorJerez:
        return None


def _cambios_verdaderos(base: Catalogo, esperado: Catalogo, verdad: Verdad, clave: str) -> list[tuple[str, str, str]]:
    antes, despues = list(valores(base.conceptos[clave])), list(valores(esperado.conceptos[clave]))
    return [
        (verdad.clave(fila) or "", str(a), str(d))
        for (fila, _campo, a), (_f, _c, d) in zip(antes, despues, strict=True)
        if a != d
    ]


def medir_ley(ley: str, verdad: Verdad, base_dir: Path, base: Catalogo, uma: TablaUma, semilla: int = 0) -> Medida:
    medida = Medida(semilla)
    with tempfile.TemporaryDirectory() as carpeta:
        inicio = time.perf_counter()
        borrador = armar(ley, base_dir, 2025)
        escribir(borrador, base_dir, Path(carpeta) / "b")
        medida.segundos = time.perf_counter() - inicio
        nuevo = cargar(Path(carpeta) / "b")
    esperado = catalogo_esperado(base, verdad)
    motor_esperado = Motor([dataclasses_replace_ejercicio(esperado)], uma, set(esperado.conceptos))
    motor_nuevo = Motor([nuevo], uma)
    listados = {(c.clave, str(c.antes), str(c.despues)) for c in borrador.cambios()}
    for clave, concepto in base.conceptos.items():
        if concepto.verificar:
            continue
        ejemplo = dict(concepto.ejemplo or (base.conceptos[concepto.padre].ejemplo if concepto.padre else {}))
        destino = verdad.clave(clave)
        if destino is None:
            medida.derogados += 1
            lugar = _en_su_lugar(clave, verdad)
            if lugar in nuevo.conceptos and not nuevo.conceptos[lugar].verificar:
                medida.mal.append(f"{clave}: derogado y se sigue cobrando como {lugar}")
            continue
        correcto = _precio(motor_esperado, clave, ejemplo)
        if correcto is None:
            continue  # the base itself cannot price its example (a bracket leaf, a limit in annual UMA)
        if destino not in nuevo.conceptos or nuevo.conceptos[destino].verificar:
            medida.revisar += 1
            medida.en_revision.append(clave)
            if concepto.padre is None:
                for cambio in _cambios_verdaderos(base, esperado, verdad, clave):
                    if (cambio[1], cambio[2]) not in {(a, d) for _, a, d in listados}:
                        medida.sin_listar_revision.append(f"{clave}: {cambio}")
            continue
        obtenido = _precio(motor_nuevo, destino, ejemplo)
        if obtenido is None:
            medida.revisar += 1
            medida.en_revision.append(f"{clave} (no cotiza su ejemplo)")
        elif obtenido != correcto:
            medida.mal.append(f"{clave} → {destino}: cobra {obtenido}, la ley nueva dice {correcto}")
        else:
            medida.bien += 1
            if concepto.padre is None and clave in esperado.conceptos:
                for cambio in _cambios_verdaderos(base, esperado, verdad, clave):
                    if cambio not in listados:
                        medida.sin_listar.append(f"{clave}: {cambio}")
    for numero, factor in verdad.giros_nuevos.items():
        # A giro row is its whole tariff (the annual padrón fee is the row's factor), so a new row is priced
        # from the law alone; it must be priced with the law's factor, or not at all.
        clave = f"{verdad.tabla_giros}-{numero}"
        precio = _precio(motor_nuevo, clave, {})
        if precio is not None and precio != _precio(Motor([_giro_solo(esperado, factor)], uma), "A114-III-1", {}):
            medida.mal.append(f"giro nuevo {clave}: cobra {precio}, la ley nueva dice {factor} UMA")
    for clave in verdad.nuevas:
        if clave in nuevo.conceptos and not nuevo.conceptos[clave].verificar:
            medida.mal.append(f"nuevo {clave} se cobra sin que una persona lo defina")
    return medida


def _giro_solo(catalogo: Catalogo, factor: Decimal) -> Catalogo:
    """A catalog whose giro 1 charges ``factor``: the engine's price of a padrón row, modifiers included."""
    import dataclasses

    g = dataclasses.replace(catalogo.giros[0], uma=factor)
    conceptos = {"A114-III-1": dataclasses.replace(catalogo.conceptos["A114-III-1"], monto=factor)}
    return dataclasses.replace(catalogo, ejercicio=2025, conceptos=conceptos, giros=(g,))


def _en_su_lugar(clave: str, verdad: Verdad) -> str:
    """Where a derogated fraction still stands in the new law ("II. Derogada" keeps its number)."""
    m = re.match(r"^A(\d+)(.*)$", clave)
    assert m is not None
    return f"A{verdad.articulos.get(int(m.group(1)), int(m.group(1)))}{m.group(2)}"


def dataclasses_replace_ejercicio(catalogo: Catalogo) -> Catalogo:
    """The truth is priced at a 2025 date like the draft: same year, same UMA."""
    import dataclasses

    return dataclasses.replace(catalogo, ejercicio=2025)


def medir(semilla: int, ley_base: str, base_dir: Path, base: Catalogo, uma: TablaUma, ruido: float = 1.0) -> Medida:
    ley, verdad = mutar(ley_base, semilla, ruido)
    return medir_ley(ley, verdad, base_dir, base, uma, semilla)


def main() -> int:
    from jerez_pos.catalogo.uma import leer_uma
    from jerez_pos.config import catalogo_incluido

    parser = argparse.ArgumentParser(description="Aciertos del borrador sobre leyes mutadas")
    parser.add_argument("--semillas", type=int, default=20)
    parser.add_argument("--desde", type=int, default=1)
    parser.add_argument("--ruido", type=float, default=1.0, help="frecuencia de los accidentes de extracción")
    parser.add_argument("-v", action="store_true", help="muestra cada error")
    args = parser.parse_args()
    base_dir = catalogo_incluido()
    base = cargar(base_dir)
    uma = leer_uma(base_dir.parent / "uma.csv")
    ley = (base_dir / "fuente" / "ley.txt").read_text(encoding="utf-8")
    for semilla in range(args.desde, args.desde + args.semillas):
        m = medir(semilla, ley, base_dir, base, uma, args.ruido)
        print(
            f"semilla {semilla:3d}: {m.por_ciento:5.1f} % bien ({m.bien}/{m.total}), revisar {m.revisar}, "
            f"mal {len(m.mal)}, cambios sin listar {len(m.sin_listar)} (+{len(m.sin_listar_revision)} de conceptos a "
            f"revisar), derogados {m.derogados}, {m.segundos:.1f} s",
            flush=True,
        )
        if args.v:
            for linea in [*m.mal, *m.sin_listar, *m.sin_listar_revision]:
                print("    ", linea)
            print("     a revisar:", ", ".join(m.en_revision))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
