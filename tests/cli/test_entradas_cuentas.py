"""The taxpayer-account commands under the same contract as every other input (``test_entradas``): files and
values that are accepted, or exit 2 with one Spanish line naming the field and nothing written.

The rolls (predial, comercio, puestos) and the INPC come from CSV files an office exports, so the file's
content is an input like a typed value: every cell goes through the one number parser and the one text
sanitizer, and a file the ``csv`` module can't read answers in Spanish.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jerez_pos import config
from tests.cli.test_entradas import (
    ADMIN,
    AJUSTES,
    CAJERO,
    NUMERICOS,
    TEXTOS,
    casa,  # noqa: F401 - the shared demo home (a fixture)
    contrato,
    ejecutar,
)

PREDIAL = (
    "cuenta,propietario,domicilio,zona,m2_terreno,m2_construccion,tipo_construccion,uso,baldio,"
    "hectareas_riego_gravedad,hectareas_riego_bombeo,hectareas_temporal,vulnerable,pagado_hasta"
)
FILA = {
    "cuenta": "H-1",
    "propietario": "Rosa Ruiz",
    "domicilio": "Calle 5",
    "zona": "III",
    "m2_terreno": "200",
    "m2_construccion": "",
    "tipo_construccion": "",
    "uso": "",
    "baldio": "no",
    "hectareas_riego_gravedad": "",
    "hectareas_riego_bombeo": "",
    "hectareas_temporal": "",
    "vulnerable": "no",
    "pagado_hasta": "2023",
}
COMERCIO = "licencia,titular,domicilio,giro,pagado_hasta"
INPC = "anio,mes,indice"
PUESTOS = "clave,titular,giro,tianguis,ubicacion,tipo,m2"
ORDEN = {
    "predial": ["padron", "predial", "importar"],
    "comercio": ["padron", "comercio", "importar"],
    "inpc": ["inpc", "importar"],
    "puestos": ["padron", "puestos", "importar"],
}
GRANDE = "A" * 200_000  # over the csv module's own field limit (131,072)


def _predial(**cambios: str) -> str:
    return PREDIAL + "\n" + ",".join({**FILA, **cambios}.values()) + "\n"


@pytest.fixture(scope="module")
def cuentas(casa: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:  # noqa: F811
    """The demo home with one predial account (H-1, 2024 onwards owed) and one comercio licence."""
    carpeta = tmp_path_factory.mktemp("padrones")
    (carpeta / "p.csv").write_text(_predial(), encoding="utf-8")
    assert ejecutar(["padron", "predial", "importar", str(carpeta / "p.csv")], **ADMIN)[0] == 0
    (carpeta / "c.csv").write_text(f"{COMERCIO}\nL-7,Tienda,Centro,2,2023\n", encoding="utf-8")
    assert ejecutar(["padron", "comercio", "importar", str(carpeta / "c.csv")], **ADMIN)[0] == 0
    return casa


@pytest.fixture
def archivo(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path / "entrada.csv"


# The files that ended in "error interno" (exit 1) or were accepted with a value no other input accepts.
ARCHIVOS: list[tuple[str, bytes]] = [
    ("predial", _predial(m2_terreno="١٠٠").encode()),  # Arabic-Indic digits were stored as 100
    ("predial", _predial(m2_terreno="1_000").encode()),  # stored as 1000
    ("predial", _predial(m2_terreno="1e3").encode()),  # stored as "1E+3"
    ("predial", _predial(pagado_hasta="²").encode()),  # error interno
    ("predial", _predial(propietario="Ana\x1bp\x00\x19\x1dV").encode()),  # ESC/GS reached the ticket
    ("predial", _predial(domicilio="D" * 5000).encode()),  # accepted, then every charge of it refused
    ("predial", _predial(cuenta="H-\x1b1").encode()),
    ("predial", _predial(propietario=GRANDE).encode()),  # error interno (csv.Error)
    ("predial", _predial().encode() + b"H-1,Otra,C,III,1,,,,no,,,,no,2023\n"),  # duplicate key
    ("predial", b"cuenta,propietario\nH-2,Ana\n"),  # missing columns
    ("predial", _predial(propietario="An\udcff").encode("utf-8", "surrogateescape")),  # invalid UTF-8
    ("predial", b""),
    ("predial", _predial(propietario='=HYPERLINK("http://x";"clic")').encode()),  # CSV formula on export
    ("predial", _predial(domicilio="@SUM(1+1)").encode()),
    ("comercio", f"{COMERCIO}\nL-9,T,C,²,2023\n".encode()),  # error interno
    ("comercio", f"{COMERCIO}\nL-9,T,C,٢,2023\n".encode()),  # accepted as giro 2
    ("comercio", f"{COMERCIO}\nL-9,T\x1b,C,2,2023\n".encode()),
    ("inpc", f"{INPC}\n²,1,100\n".encode()),  # error interno
    ("inpc", f"{INPC}\n2024,1,1_00\n".encode()),  # stored as 100
    ("inpc", f"{INPC}\n٢٠٢٤,١,١٠٠\n".encode()),  # stored as 2024-01: 100
    ("inpc", f"{INPC}\n2024,1,{GRANDE}\n".encode()),  # error interno (csv.Error)
    ("inpc", f"{INPC}\n2024,1,100\n2024,1,200\n".encode()),  # two values of one month: the last one won
    ("inpc", f"{INPC}\n".encode()),  # "0 valores importados"
    ("inpc", f"{INPC}\n2024,1,0.0000000000000001\n".encode()),
    ("inpc", f"{INPC}\n2024,1,NaN\n".encode()),
    ("inpc", f"{INPC},fuente\n2024,1,100,INEGI\x1b\n".encode()),
    ("puestos", f"{PUESTOS}\nT-1,{GRANDE},f,C,A,fijo,4\n".encode()),  # error interno (csv.Error)
]


@pytest.mark.parametrize(("padron", "contenido"), ARCHIVOS, ids=[f"{p}-{n}" for n, (p, _c) in enumerate(ARCHIVOS)])
def test_archivos_atacados(cuentas: Path, archivo: Path, padron: str, contenido: bytes) -> None:
    archivo.write_bytes(contenido)
    assert contrato(cuentas, [*ORDEN[padron], str(archivo)], **ADMIN) == 2


def test_bom_y_crlf_se_aceptan(cuentas: Path, archivo: Path) -> None:
    archivo.write_bytes(b"\xef\xbb\xbf" + _predial(cuenta="H-BOM").replace("\n", "\r\n").encode())
    assert contrato(cuentas, [*ORDEN["predial"], str(archivo)], **ADMIN) == 0
    with sqlite3.connect(config.ruta_bd(cuentas)) as c:
        assert c.execute("SELECT titular FROM cuenta_registro WHERE cuenta = 'H-BOM'").fetchone() == ("Rosa Ruiz",)


def test_una_carpeta_no_es_archivo(cuentas: Path, tmp_path: Path) -> None:
    for orden in ORDEN.values():
        assert contrato(cuentas, [*orden, str(tmp_path)], **ADMIN) == 2
    assert contrato(cuentas, ["padron", "predial", "exportar", str(tmp_path)], **ADMIN) == 2
    assert contrato(cuentas, ["padron", "predial", "exportar", "/proc/no/x.csv"], **ADMIN) == 2


def test_inpc_sólo_lo_importa_un_administrador(cuentas: Path, archivo: Path) -> None:
    archivo.write_text(f"{INPC}\n2024,1,100.5\n", encoding="utf-8")
    assert contrato(cuentas, ["inpc", "importar", str(archivo)], **CAJERO) == 2
    assert contrato(cuentas, ["inpc", "importar", str(archivo)]) == 2  # nobody signed in


@pytest.mark.parametrize("anios", ["²", "٢٠٢٤", "2024,²", "1e3", "2_024", "x" * 100_000])
def test_anios_que_no_son_años(cuentas: Path, anios: str) -> None:
    argv = ["cobrar-adeudo", "predial", "H-1", "--pago", "efectivo=99999", "--anios", anios]
    assert contrato(cuentas, argv, **CAJERO) == 2


def test_cuenta_enorme_no_se_repite_en_el_mensaje(cuentas: Path) -> None:
    assert contrato(cuentas, ["adeudo", "predial", "x" * 100_000]) == 2  # contrato: the line is < 400 chars
    assert contrato(cuentas, ["adeudo", "comercio", "L-\x1b7"]) == 2


def _sin_controles(home: Path) -> None:
    """No stored roll text carries a C0/C1 control character (ESC, GS, NUL…)."""
    with sqlite3.connect(config.ruta_bd(home)) as c:
        for fila in c.execute("SELECT cuenta, titular, domicilio, datos FROM cuenta_registro"):
            for texto in fila:
                assert not any(ord(x) < 0x20 or 0x7F <= ord(x) <= 0x9F for x in texto), fila


COLUMNA = st.sampled_from(["propietario", "domicilio", "m2_terreno", "zona", "pagado_hasta", "vulnerable", "cuenta"])


@AJUSTES
@given(columna=COLUMNA, valor=st.one_of(NUMERICOS, TEXTOS))
def test_celda_cualquiera_del_padron(
    cuentas: Path, tmp_path_factory: pytest.TempPathFactory, columna: str, valor: str
) -> None:
    archivo = tmp_path_factory.mktemp("celda") / "p.csv"
    # csv quoting keeps commas and line breaks inside the cell: the value reaches the validator as typed
    celda = '"' + valor.replace('"', '""') + '"'
    archivo.write_text(PREDIAL + "\n" + ",".join({**FILA, "cuenta": "H-9", columna: celda}.values()) + "\n", "utf-8")
    contrato(cuentas, [*ORDEN["predial"], str(archivo)], **ADMIN)
    _sin_controles(cuentas)


@AJUSTES
@given(anio=NUMERICOS, mes=NUMERICOS, indice=NUMERICOS)
def test_inpc_cualquiera(
    cuentas: Path, tmp_path_factory: pytest.TempPathFactory, anio: str, mes: str, indice: str
) -> None:
    archivo = tmp_path_factory.mktemp("inpc") / "i.csv"
    celdas = ['"' + x.replace('"', '""') + '"' for x in (anio, mes, indice)]
    archivo.write_text(f"{INPC}\n{','.join(celdas)}\n", encoding="utf-8")
    contrato(cuentas, ["inpc", "importar", str(archivo)], **ADMIN)


@AJUSTES
@given(padron=st.sampled_from(sorted(ORDEN)), contenido=st.binary(max_size=400))
def test_archivo_de_bytes_cualquiera(
    cuentas: Path, tmp_path_factory: pytest.TempPathFactory, padron: str, contenido: bytes
) -> None:
    archivo = tmp_path_factory.mktemp("bytes") / "b.csv"
    encabezado = {"predial": PREDIAL, "comercio": COMERCIO, "inpc": INPC, "puestos": PUESTOS}[padron]
    archivo.write_bytes(encabezado.encode() + b"\n" + contenido)
    contrato(cuentas, [*ORDEN[padron], str(archivo)], **ADMIN)
    _sin_controles(cuentas)


@AJUSTES
@given(pago=NUMERICOS, anios=st.one_of(NUMERICOS, st.just("2024")), cuenta=st.one_of(TEXTOS, st.just("H-1")))
def test_cobrar_adeudo_cualquiera(cuentas: Path, pago: str, anios: str, cuenta: str) -> None:
    argv = ["cobrar-adeudo", "predial", cuenta, "--pago", f"efectivo={pago}", "--anios", anios, "--json"]
    contrato(cuentas, argv, **CAJERO)


@AJUSTES
@given(padron=st.sampled_from(["predial", "comercio"]), cuenta=TEXTOS, fecha=st.one_of(NUMERICOS, st.dates().map(str)))
def test_adeudo_cualquiera(cuentas: Path, padron: str, cuenta: str, fecha: str) -> None:
    contrato(cuentas, ["adeudo", padron, cuenta, "--fecha", fecha, "--json"])
