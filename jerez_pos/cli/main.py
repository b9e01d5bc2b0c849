"""Entry point: builds the parser from the command modules and applies the error contract."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable

from jerez_pos import __version__, config
from jerez_pos.cli import admin as cmd_admin
from jerez_pos.cli import caja as cmd_caja
from jerez_pos.cli import catalogo as cmd_catalogo
from jerez_pos.cli import central as cmd_central
from jerez_pos.cli import cotizar as cmd_cotizar
from jerez_pos.cli import cuentas as cmd_cuentas
from jerez_pos.cli import diagnostico as cmd_diagnostico
from jerez_pos.cli import favoritos as cmd_favoritos
from jerez_pos.cli import gui as cmd_gui
from jerez_pos.cli import imprimir as cmd_imprimir
from jerez_pos.cli import recibos as cmd_recibos
from jerez_pos.cli import reloj as cmd_reloj
from jerez_pos.cli import sync as cmd_sync
from jerez_pos.cli.base import Analizador, FormatoSeguro
from jerez_pos.core.errores import ErrorJerez
from jerez_pos.core.texto import imprimible, imprimible_lineas
from jerez_pos.disco import traducir

MODULOS = (
    cmd_cotizar,
    cmd_catalogo,
    cmd_caja,
    cmd_recibos,
    cmd_admin,
    cmd_central,
    cmd_sync,
    cmd_gui,
    cmd_diagnostico,
    cmd_imprimir,
    cmd_reloj,
    cmd_cuentas,
    cmd_favoritos,
)

LARGO_MENSAJE = 600
SERVIDOR_CENTRAL = ("fastapi", "uvicorn", "psycopg", "starlette")

DESCRIPCION = """Punto de venta de la Tesorería Municipal de Jerez, Zacatecas (Ley de Ingresos 2024).

Los datos viven en JEREZ_POS_HOME (o en la carpeta de datos del usuario); la primera ejecución crea la base
SQLite y carga el catálogo y la tabla de UMA incluidos."""


def construir() -> Analizador:
    parser = Analizador(prog="jerez-pos", description=DESCRIPCION)
    parser.add_argument("--version", action="version", version=f"jerez-pos {__version__}", help="muestra la versión")
    parser.add_argument("--selftest", action="store_true", help=cmd_diagnostico.AYUDA_AUTOPRUEBA)
    sub = parser.add_subparsers(dest="orden", title="órdenes", metavar="ORDEN", parser_class=Analizador)
    for modulo in MODULOS:
        modulo.registrar(sub)
    return parser


def _registrar_falla() -> str:
    from jerez_pos import config

    try:
        ruta = config.home() / "errores.log"
        ruta.parent.mkdir(parents=True, exist_ok=True)
        with ruta.open("a", encoding="utf-8") as f:
            f.write(imprimible_lineas(traceback.format_exc()) + "\n")
        return str(ruta)
    except OSError:
        return "(no se pudo escribir el registro)"


def iniciar(_args: object) -> int:
    """``jerez-pos`` alone: open (or create and seed) the data home, then start the desktop app if present."""
    import datetime as dt
    import importlib.util

    from jerez_pos.ledger.terminal import Terminal

    terminal = Terminal()
    if importlib.util.find_spec("jerez_pos.gui.app") is not None and config.hay_pantalla():
        from jerez_pos.gui.app import ejecutar  # type: ignore[import-not-found]

        return int(ejecutar(terminal))
    if not config.hay_pantalla():
        print("No hay pantalla gráfica en esta sesión: la ventana de la caja no se puede abrir aquí.")
    hoy = dt.date.today()
    catalogo, avisos = terminal.motor.catalogo_para(hoy)
    uma = terminal.motor.uma.vigente(hoy)
    print(f"Datos en {terminal.directorio}")
    print(f"Catálogo vigente: {catalogo.id} ({len(catalogo.conceptos)} conceptos, {len(catalogo.giros)} giros)")
    print(f"UMA vigente: ${uma.diaria} diaria (desde {uma.vigente_desde.isoformat()})")
    for aviso in avisos:
        print(f"Aviso: {aviso}")
    print("Use «jerez-pos --help» para ver las órdenes: toda acción de la caja funciona también sin ventana.")
    return 0


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    for manejador in logging.getLogger().handlers:
        manejador.setFormatter(FormatoSeguro("%(levelname)s %(message)s"))
    parser = construir()
    args = parser.parse_args(argv)
    accion: Callable[..., int] = getattr(args, "accion", None) or iniciar
    if args.selftest:
        accion = cmd_diagnostico.autoprueba
    try:
        return accion(args)
    except ErrorJerez as exc:
        # One line, no control characters, bounded: some messages quote a path or a name the caller typed.
        print(f"jerez-pos: {imprimible(str(exc), LARGO_MENSAJE)}", file=sys.stderr)
        return 2
    except ModuleNotFoundError as exc:
        # The cashier's installer leaves the central server out on purpose (smaller, no database drivers).
        if (exc.name or "").split(".")[0] in SERVIDOR_CENTRAL or (exc.name or "").startswith("jerez_pos.central"):
            print(
                "jerez-pos: el servidor central no está incluido en esta instalación de caja; "
                "use la instalación del servidor de la Tesorería",
                file=sys.stderr,
            )
            return 2
        ruta = _registrar_falla()
        print(f"jerez-pos: error interno; detalles en {ruta}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # the reader went away (``| head``): not an error of ours
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("jerez-pos: interrumpido", file=sys.stderr)
        return 130
    except Exception as exc:  # the contract: no traceback reaches a caller; the details go to the log
        from jerez_pos.ledger import integridad

        if integridad.es_danada(exc):
            _registrar_falla()
            print(f"jerez-pos: {integridad.danada(str(config.ruta_bd()), 'SQLite no puede leerlo')}", file=sys.stderr)
            return 2
        # A full or read-only disk (backup, PDF, data home, the database itself) is the place's fault, not ours.
        de_disco = traducir(exc, config.ruta_bd())
        if de_disco is not None:
            print(f"jerez-pos: {de_disco}", file=sys.stderr)
            return 2
        ruta = _registrar_falla()
        print(f"jerez-pos: error interno; detalles en {ruta}", file=sys.stderr)
        return 1
