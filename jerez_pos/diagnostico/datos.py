"""The data files the program opens at run time, listed once for the pyinstaller spec, the selftest and the
tests (``tests/installer/test_datos.py`` checks this list against the files the code actually opens).

Each entry is ``(pattern relative to the program root, destination folder in the bundle)``; the bundle
keeps the repository layout, so ``config.raiz_programa()`` finds the same paths frozen and unfrozen.

Left out on purpose:
- ``db/migraciones_central``: only the central server (``jerez_pos.central``) reads it, and the cashier build
  does not ship the central server (the spec excludes it).
- ``resources/capturas`` and ``resources/padron_demo.csv``: the README's screenshots and the demo data of the
  tool that takes them (``jerez-pos gui --captura``, a developer's tool), not needed on a cashier's PC.
- ``db/tarifas/jerez-2024/FORMATO.md``: documentation of the format, not part of the catalog's fingerprint.
"""

from __future__ import annotations

from pathlib import Path

CATALOGO = "db/tarifas/jerez-2024"

DATOS: tuple[tuple[str, str], ...] = (
    # Law as data: the catalog (every file ``ledger.tarifas.PATRONES`` fingerprints) and the UMA table.
    ("db/tarifas/uma.csv", "db/tarifas"),
    (f"{CATALOGO}/catalogo.toml", CATALOGO),
    (f"{CATALOGO}/giros.csv", CATALOGO),
    (f"{CATALOGO}/vinculos.toml", CATALOGO),
    (f"{CATALOGO}/modificadores.toml", CATALOGO),
    (f"{CATALOGO}/rubros.txt", CATALOGO),
    (f"{CATALOGO}/estructura.csv", CATALOGO),
    (f"{CATALOGO}/INTERPRETACIONES.md", CATALOGO),
    (f"{CATALOGO}/conceptos/*.toml", f"{CATALOGO}/conceptos"),
    (f"{CATALOGO}/fuente/ley.txt", f"{CATALOGO}/fuente"),
    # Alembic loads env.py and every revision by path (they are data, not imported modules).
    ("db/migraciones/env.py", "db/migraciones"),
    ("db/migraciones/script.py.mako", "db/migraciones"),
    ("db/migraciones/versions/*.py", "db/migraciones/versions"),
    # The GUI's stylesheet; the fonts the PDFs embed, with their license.
    ("resources/estilo.qss", "resources"),
    ("resources/logo.png", "resources"),
    ("resources/fuentes/*.ttf", "resources/fuentes"),
    ("resources/fuentes/LICENCIA-*.txt", "resources/fuentes"),
)

# python-escpos's printer database: bundled where ``printing.escpos.preparar_entorno_escpos`` looks for it
# (and where python-escpos itself looks, inside its package, should the variable be unset). The spec takes
# the repository's copy when there is one, else the one inside the installed python-escpos.
CAPACIDADES_ESCPOS = "resources/escpos/capabilities.json"


def raiz_repositorio() -> Path:
    return Path(__file__).resolve().parents[2]


def archivos(raiz: Path) -> list[Path]:
    """Every file the list names, expanded under ``raiz`` (relative paths, sorted)."""
    encontrados: set[Path] = set()
    for patron, _destino in DATOS:
        encontrados.update(p.relative_to(raiz) for p in raiz.glob(patron) if p.is_file())
    return sorted(encontrados)


def faltantes(raiz: Path) -> list[str]:
    """Patterns that match nothing under ``raiz``: in a frozen build, data the spec forgot."""
    return [patron for patron, _destino in DATOS if not any(p.is_file() for p in raiz.glob(patron))]
