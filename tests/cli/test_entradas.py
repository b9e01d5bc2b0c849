"""Every number and text a command takes: accepted, or exit 2 with one Spanish line and nothing written.

Hypothesis drives the real entry point ``main([...])`` in-process (a subprocess per example would take hours);
a few attacks also run as real processes. The ledger's row counts and the data home's file list are compared
before and after each rejected input.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from jerez_pos import config
from jerez_pos.cli import main as cli_main
from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.core.numeros import leer_entero
from jerez_pos.ledger.corte import leer_conteo
from jerez_pos.ledger.terminal import Terminal

CAJERO = {"JEREZ_POS_USUARIO": "demo-cajero", "JEREZ_POS_CONTRASENA": "demo"}
SUPERVISOR = {"JEREZ_POS_USUARIO": "demo-supervisor", "JEREZ_POS_CONTRASENA": "demo"}
ADMIN = {"JEREZ_POS_USUARIO": "demo-admin", "JEREZ_POS_CONTRASENA": "demo"}
AUTORIZA = {"JEREZ_POS_CONTRASENA_SUPERVISOR": "demo", "JEREZ_POS_CONTRASENA_RECIBE": "demo"}
INGLES = ("invalid", "error:", "expected", "traceback", "usage:", "argument ")
AJUSTES = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def casa(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A demo home (three receipts), one shared Terminal so each example does not reload the catalog."""
    home = tmp_path_factory.mktemp("entradas") / "home"
    guardado, antes = dict(os.environ), Path.cwd()
    # Generated relative paths (a --destino of "0", a --pdf of "x.pdf") land in a scratch folder, not the repo.
    os.chdir(tmp_path_factory.mktemp("cwd"))
    os.environ["JEREZ_POS_HOME"] = str(home)
    assert cli_main.main(["demo", "--recibos", "3", "--semilla", "7"]) == 0
    terminal = Terminal(home)
    parcheados = [m for m in cli_main.MODULOS if hasattr(m, "Terminal")]
    for modulo in parcheados:
        modulo.Terminal = lambda *_a, **_k: terminal  # type: ignore[attr-defined]
    try:
        yield home
    finally:
        for modulo in parcheados:
            modulo.Terminal = Terminal  # type: ignore[attr-defined]
        os.environ.clear()
        os.environ.update(guardado)
        os.chdir(antes)


def huella(home: Path) -> tuple[dict[str, int], frozenset[str]]:
    """Row count of every table and the names of every file under the home (not the WAL companions)."""
    conexion = sqlite3.connect(f"file:{config.ruta_bd(home)}?mode=ro", uri=True)
    try:
        tablas = [f[0] for f in conexion.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        filas = {t: conexion.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tablas}
        # Signing in (and failing to: a wrong --usuario) is the security trail, recorded before some checks
        # can run; it is not a row the rejected input wrote.
        consulta = "SELECT count(*) FROM auditoria WHERE accion NOT IN ('acceso', 'acceso fallido')"
        filas["auditoria"] = conexion.execute(consulta).fetchone()[0]
    finally:
        conexion.close()
    archivos = frozenset(
        str(r.relative_to(home)) for r in home.rglob("*") if not r.name.endswith(("-wal", "-shm", "-journal"))
    )
    return filas, archivos


def ejecutar(argv: list[str], **variables: str) -> tuple[int, str, str]:
    salida, error = io.StringIO(), io.StringIO()
    antes = {k: os.environ.get(k) for k in variables}
    os.environ.update(variables)
    try:
        with contextlib.redirect_stdout(salida), contextlib.redirect_stderr(error):
            try:
                codigo = cli_main.main(argv)
            except SystemExit as fin:  # argparse: --help or a parse error
                codigo = int(fin.code or 0)
    finally:
        for k, v in antes.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return codigo, salida.getvalue(), error.getvalue()


def contrato(home: Path, argv: list[str], **variables: str) -> int:
    """Run and assert the error contract; returns the exit code (0 or 2)."""
    antes = huella(home)
    codigo, _salida, error = ejecutar(argv, **variables)
    assert codigo in (0, 2), (argv, codigo, error)
    assert "error interno" not in error and "Traceback" not in error, (argv, error)
    assert not (home / "errores.log").exists()
    if codigo == 2:
        lineas = error.strip().splitlines()
        assert len(lineas) == 1 and lineas[0].startswith("jerez-pos"), (argv, error)
        assert len(lineas[0]) < 400, (argv, error[:400])  # a short prefix of the input, never all of it
        assert not any(palabra in lineas[0].lower() for palabra in INGLES), (argv, error)
        assert "\x1b" not in error and "\x1d" not in error
        assert huella(home) == antes, argv
    return codigo


# The attacks that ended in "error interno" or were accepted, verbatim.
ATAQUES: list[tuple[list[str], dict[str, str]]] = [
    (["cobrar", "A85-II", "--pago", "efectivo=NaN"], CAJERO),
    (["cobrar", "A85-II", "--pago", "efectivo=Infinity"], CAJERO),
    (["cobrar", "A85-II", "--pago", "efectivo=1e30"], CAJERO),
    (["cotizar", "A31-I", "--param", "base=1e30"], {}),
    (["cotizar", "A31-III", "--param", "dias=1e26"], {}),
    (["caja", "abrir", "--fondo", "NaN"], CAJERO),
    (["corte", "--conteo", "500x99999999999999999999999999"], CAJERO),
    (["reporte", "periodo", "--desde", "0001-01-01", "--hasta", "9999-12-31"], SUPERVISOR),
    (["respaldar", "--destino", "/proc/no-se-puede"], CAJERO),
    (["cobrar", "A85-II", "--pago", "efectivo=١٠٠٠"], CAJERO),
    (["cobrar", "A85-II", "--pago", "efectivo=𝟙𝟚𝟛𝟜"], CAJERO),
    (["cobrar", "A85-II", "--pago", "efectivo=1_000"], CAJERO),
    (["cobrar", "A85-II", "--pago", "efectivo=1.000,50"], CAJERO),
    (["cobrar", "A31-I", "--param", "base=0", "--pago", "efectivo=10"], CAJERO),
    (["cobrar", "A85-II", "--pago", "efectivo=0"], CAJERO),
    (["cobrar", "A85-II", "--pago", "efectivo=-200"], CAJERO),
    (["cobrar", "A85-II", "--pago", "efectivo=200", "--contribuyente", "Juan\x1bp\x00\x19\xfa"], CAJERO),
    (["cobrar", "A85-II", "--pago", "efectivo=200", "--rfc", "XAXX\x1dV\x00"], CAJERO),
    (["cobrar", "A85-II", "--pago", "transferencia=124.38:" + "R" * 100_000], CAJERO),
    (["cobrar", "A85-II", "--pago", "efectivo=200", "--contribuyente", "x" * 100_000], CAJERO),
    (["cobrar", "A85-II", "--pago", "tarjeta=124.38:١٢٣٤:AUT1"], CAJERO),
    (["reimprimir", "DEMO-1", "--copias", "١"], CAJERO),
    (["reimprimir", "DEMO-²"], CAJERO),
    (["reimprimir", "DEMO-99999999999999999999999"], CAJERO),
    (["cotizar", "A85-II", "--fecha", "9999-12-31"], {}),
    (["reporte", "dia", "--fecha", "0001-01-01"], SUPERVISOR),
    (["demo", "--recibos", "1e3"], {}),
    (["sincronizar", "--espera", "NaN"], CAJERO),
    (["sincronizar", "--lote", "١٠"], CAJERO),
    (["respaldar", "--conservar", "1_0", "--destino", "/tmp"], CAJERO),
]


@pytest.mark.parametrize(("argv", "variables"), ATAQUES, ids=[" ".join(a)[:40] for a, _ in ATAQUES])
def test_ataques_conocidos(casa: Path, argv: list[str], variables: dict[str, str]) -> None:
    assert contrato(casa, argv, **variables) == 2


@pytest.mark.parametrize("texto", ["²", "١٠", "A85-²", "art ²"])
def test_busqueda_con_digitos_que_no_son_ascii(casa: Path, texto: str) -> None:
    # "²".isdigit() is true but int("²") fails: the search treats it as words and finds nothing
    assert contrato(casa, ["giros", "--buscar", texto]) == 0
    assert contrato(casa, ["conceptos", "--buscar", texto]) == 0


def test_recibo_en_cero_sólo_con_exencion_autorizada(casa: Path) -> None:
    sin_autorizar = ["cobrar", "A85-II", "--param", "exento=si", "--pago", "efectivo=10"]
    assert contrato(casa, sin_autorizar, **CAJERO) == 2
    autoriza = ["--autoriza", "demo-supervisor", "--motivo", "escasos recursos comprobados"]
    exento = [*sin_autorizar[:4], *autoriza, "--referencia", "ESE-2024-015", "--json"]
    codigo, salida, error = ejecutar(exento, **CAJERO, **AUTORIZA)
    assert codigo == 0, error
    assert '"total": "0.00"' in salida and '"cambio": "0.00"' in salida


def test_recibo_en_cero_por_ley_sin_pago(casa: Path) -> None:
    # Art. 66: ISAI at a 0 % rate; the receipt documents the operation, no exemption and no payment needed
    codigo, salida, error = ejecutar(["cobrar", "A66", "--param", "base=500,000.00", "--json"], **CAJERO)
    assert codigo == 0, error
    assert '"total": "0.00"' in salida
    assert contrato(casa, ["cobrar", "A85-II"], **CAJERO) == 2  # a non-zero total still needs its payment


def test_importe_como_lo_escribe_el_cajero(casa: Path) -> None:
    codigo, salida, error = ejecutar(["cobrar", "A85-II", "--pago", "efectivo=$1,000.00", "--json"], **CAJERO)
    assert codigo == 0, error
    assert '"cambio": "876.00"' in salida


NUMERICOS = st.one_of(
    st.text(max_size=30),
    st.from_regex(r"\A[-+$ ]?[0-9,._eE]{0,14}\Z"),
    st.sampled_from(["NaN", "-0", "1e30", "١٠٠", "𝟙𝟚", "1_000", "1.000,50", "Infinity", "0", "99999999999999"]),
)
TEXTOS = st.one_of(st.text(max_size=80), st.text(alphabet=st.characters(max_codepoint=0x9F), max_size=80))


@AJUSTES
@given(valor=NUMERICOS)
def test_pago_cualquiera(casa: Path, valor: str) -> None:
    contrato(casa, ["cobrar", "A85-II", "--pago", f"efectivo={valor}"], **CAJERO)


@AJUSTES
@given(clave=st.sampled_from(["A31-I", "A31-III", "A99-baldios", "A101-II-a", "A72-VI-b", "A84-II"]), valor=NUMERICOS)
def test_parametro_cualquiera(casa: Path, clave: str, valor: str) -> None:
    nombre = {"A31-I": "base", "A31-III": "dias", "A99-baldios": "m2", "A101-II-a": "hectareas"}.get(clave, "kg")
    nombre = "unidades" if clave == "A72-VI-b" else nombre
    contrato(casa, ["cotizar", clave, "--fecha", "2024-06-01", "--param", f"{nombre}={valor}"])


@AJUSTES
@given(valor=NUMERICOS)
def test_fondo_cualquiera(casa: Path, valor: str) -> None:
    # the cashier's shift is already open: every input ends in exit 2, never in a crash
    assert contrato(casa, ["caja", "abrir", "--fondo", valor], **CAJERO) == 2


@AJUSTES
@given(denominacion=NUMERICOS, piezas=NUMERICOS)
def test_conteo_cualquiera(casa: Path, denominacion: str, piezas: str) -> None:
    # A well-formed count is recorded on purpose even when the close is then refused (blind corte: a count
    # with a shortage stays on record and needs a supervisor), so only malformed counts are fed here; the
    # recorded counts are tested in tests/ledger/test_corte_ciego.py.
    with contextlib.suppress(ErrorEntrada):
        leer_conteo(f"{denominacion}x{piezas}")
        assume(False)
    contrato(casa, ["corte", "--conteo", f"{denominacion}x{piezas}"], **CAJERO)


@AJUSTES
@given(valor=NUMERICOS, opcion=st.sampled_from(["--copias", "--recibos", "--semilla", "--conservar"]))
def test_enteros_de_opciones(casa: Path, valor: str, opcion: str) -> None:
    orden = {
        "--copias": ["reimprimir", "DEMO-1"],
        "--recibos": ["demo"],
        "--semilla": ["demo", "--recibos", "0"],
        "--conservar": ["respaldar", "--destino", str(casa.parent / "usb")],
    }[opcion]
    if opcion == "--recibos":  # a valid count would issue that many demo receipts: only refusals here
        with contextlib.suppress(ErrorEntrada):
            leer_entero(valor, opcion, nombre="recibos")
            assume(False)
    contrato(casa, [*orden, f"{opcion}={valor}"], **CAJERO)


@AJUSTES
@given(desde=st.one_of(st.text(max_size=12), st.dates().map(str)), hasta=st.dates().map(str))
def test_fechas_cualquiera(casa: Path, desde: str, hasta: str) -> None:
    contrato(casa, ["reporte", "periodo", f"--desde={desde}", f"--hasta={hasta}", "--json"], **SUPERVISOR)
    contrato(casa, ["cotizar", "A85-II", f"--fecha={desde}"])


@AJUSTES
@given(nombre=TEXTOS, rfc=TEXTOS, referencia=TEXTOS)
def test_textos_del_cobro(casa: Path, nombre: str, rfc: str, referencia: str) -> None:
    argv = ["cobrar", "A85-II", "--pago", f"transferencia=124.38:{referencia}", "--json"]
    codigo = contrato(casa, [*argv, f"--contribuyente={nombre}", f"--rfc={rfc}"], **CAJERO)
    if codigo == 0:
        filas = sqlite3.connect(config.ruta_bd(casa)).execute(
            "SELECT contribuyente FROM recibo ORDER BY id DESC LIMIT 1"
        )
        guardado = filas.fetchone()[0]
        assert not any(c in guardado for c in "\x1b\x1d\x00\u202e")


@AJUSTES
@given(motivo=TEXTOS, folio=st.one_of(st.text(max_size=20), st.sampled_from(["DEMO-1", "DEMO-2²", "DEMO-١"])))
def test_textos_de_anulacion(casa: Path, motivo: str, folio: str) -> None:
    contrato(casa, ["anular", f"{folio}", f"--motivo={motivo}"], **SUPERVISOR)


@AJUSTES
@given(usuario=TEXTOS, nombre=TEXTOS)
def test_textos_de_usuarios(casa: Path, usuario: str, nombre: str) -> None:
    variables = {**ADMIN, "JEREZ_POS_CONTRASENA_POR": "demo"}
    contrato(casa, ["usuarios", "crear", f"--usuario={usuario}", "--rol=cajero", f"--nombre={nombre}"], **variables)


@AJUSTES
@given(monto=NUMERICOS, nota=TEXTOS)
def test_entrega(casa: Path, monto: str, nota: str) -> None:
    argv = ["entregar", "--recibe", "demo-supervisor", f"--monto=efectivo={monto}", f"--nota={nota}"]
    contrato(casa, argv, **CAJERO, **AUTORIZA)


@AJUSTES
@given(texto=TEXTOS)
def test_busquedas(casa: Path, texto: str) -> None:
    contrato(casa, ["giros", f"--buscar={texto}"])
    contrato(casa, ["conceptos", f"--buscar={texto}"])


def correr(home: Path, *argumentos: str, **variables: str) -> subprocess.CompletedProcess[str]:
    heredado = {k: v for k, v in os.environ.items() if not k.startswith("JEREZ_POS_")}
    return subprocess.run(
        [sys.executable, "-m", "jerez_pos", *argumentos],
        env={**heredado, "JEREZ_POS_HOME": str(home), **variables},
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


@pytest.mark.parametrize(
    ("argv", "variables"),
    [
        (["cobrar", "A85-II", "--pago", "efectivo=NaN"], CAJERO),
        (["reporte", "periodo", "--desde", "0001-01-01", "--hasta", "9999-12-31"], SUPERVISOR),
        (["cobrar", "A85-II", "--pago", "efectivo=200", "--contribuyente", "Ana\x1dV\x1bp"], CAJERO),
    ],
)
def test_proceso_real(casa: Path, argv: list[str], variables: dict[str, str]) -> None:
    antes = huella(casa)
    r = correr(casa, *argv, **variables)
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    assert huella(casa) == antes


def _ordenes() -> list[tuple[tuple[str, ...], list[argparse.Action], list[argparse.Action]]]:
    """Every leaf command of the parser with its positionals and valued options (network and GUI aside)."""
    hojas = []

    def recorrer(parser: argparse.ArgumentParser, ruta: tuple[str, ...]) -> None:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not subs:
            posicionales = [a for a in parser._actions if not a.option_strings]
            opciones = [a for a in parser._actions if a.option_strings and a.nargs != 0 and not a.choices]
            hojas.append((ruta, posicionales, opciones))
            return
        for nombre, hijo in subs[0].choices.items():
            recorrer(hijo, (*ruta, nombre))

    recorrer(cli_main.construir(), ())
    # gui needs a display; central, registrar and sincronizar talk to a server (their inputs: tests/central)
    fuera = {"gui", "central", "registrar", "sincronizar", "diagnostico"}
    return [h for h in hojas if not fuera & set(h[0])]


ORDENES = _ordenes()
BASURA = st.one_of(
    NUMERICOS,
    TEXTOS,
    st.sampled_from(["\x1b\x1dV", "9" * 40, "²", "0001-01-01", "x" * 3000, "/proc/no/x.pdf", "DEMO-١"]),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    orden=st.sampled_from(ORDENES),
    valores=st.lists(BASURA, min_size=8, max_size=8),
    usuario=st.sampled_from([CAJERO, SUPERVISOR, ADMIN]),
)
def test_toda_orden_con_basura(
    casa: Path,
    orden: tuple[tuple[str, ...], list[argparse.Action], list[argparse.Action]],
    valores: list[str],
    usuario: dict[str, str],
) -> None:
    ruta, posicionales, opciones = orden
    argv = [*ruta, *valores[: len(posicionales)]]
    for n, opcion in enumerate(opciones[:4]):
        argv.append(f"{opcion.option_strings[-1]}={valores[4 + n]}")
    if "demo" in ruta:  # a valid count would issue that many receipts
        argv.append("--recibos=-1")
    contrato(casa, argv, **usuario, **AUTORIZA, JEREZ_POS_CONTRASENA_POR="demo")


def test_todas_las_ordenes_cubiertas() -> None:
    nombres = {r[0] for r, _p, _o in ORDENES}
    assert {"cobrar", "cotizar", "caja", "corte", "reporte", "respaldar", "anular", "entregar", "usuarios"} <= nombres
    assert len(ORDENES) >= 25
