"""Printer destinations (parsing and errors), status bytes, the loopback network printer and the settings file."""

from __future__ import annotations

import sqlite3
import time
from contextlib import closing

import pytest

from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.printing import ajustes
from jerez_pos.printing.conexiones import (
    Destino,
    Estado,
    ImpresoraArchivo,
    ImpresoraEscpos,
    ImpresoraMemoria,
    ImpresoraNoDisponible,
    abrir_impresora,
    interpretar_estado,
    leer_destino,
)
from tests.printing.red_falsa import ImpresoraDeRed


@pytest.mark.parametrize(
    ("texto", "destino", "normal"),
    [
        ("dummy", Destino("dummy"), "dummy"),
        ("archivo:/tmp/ticket.bin", Destino("archivo", "/tmp/ticket.bin"), "archivo:/tmp/ticket.bin"),
        ("archivo:C:\\tickets\\t.bin", Destino("archivo", "C:\\tickets\\t.bin"), "archivo:C:\\tickets\\t.bin"),
        ("red:192.168.1.50", Destino("red", "192.168.1.50", 9100), "red:192.168.1.50:9100"),
        ("red:impresora.local:9101", Destino("red", "impresora.local", 9101), "red:impresora.local:9101"),
        ("red:[fe80::1]:9100", Destino("red", "fe80::1", 9100), "red:[fe80::1]:9100"),
        ("usb:04b8:0e15", Destino("usb", vid=0x04B8, pid=0x0E15), "usb:04b8:0e15"),
        ("USB:0x0416:0x5011", Destino("usb", vid=0x0416, pid=0x5011), "usb:0416:5011"),
        ("serial:/dev/ttyUSB0", Destino("serial", "/dev/ttyUSB0"), "serial:/dev/ttyUSB0"),
        ("serial:COM3@19200", Destino("serial", "COM3", baudios=19200), "serial:COM3@19200"),
        (
            "windows:EPSON TM-T20II Receipt",
            Destino("windows", "EPSON TM-T20II Receipt"),
            "windows:EPSON TM-T20II Receipt",
        ),
    ],
)
def test_destinos_validos(texto, destino, normal):
    assert leer_destino(texto) == destino
    assert str(destino) == normal and leer_destino(normal) == destino


@pytest.mark.parametrize(
    ("texto", "mensaje"),
    [
        ("lpt1", "no es una impresora; use archivo:RUTA|dummy"),
        ("usb:04b8", "VID:PID"),
        ("usb:zzzz:0001", "identificador USB hexadecimal"),
        ("usb:10000:0001", "identificador USB hexadecimal"),
        ("red:", "le falta el dato"),
        ("red:host:http", "no es un puerto"),
        ("red:host:70000", "no es un puerto"),
        ("red:host:0", "de 1 a 65535"),
        ("serial:COM3@rapido", "baudios"),
        ("windows:", "le falta el dato"),
        ("dummy:x", "no lleva más datos"),
    ],
)
def test_destinos_invalidos_nombran_el_campo(texto, mensaje):
    with pytest.raises(ErrorEntrada) as error:
        leer_destino(texto)
    assert error.value.campo == "--impresora" and mensaje in str(error.value)


@pytest.mark.parametrize(
    ("impresora", "papel", "estado"),
    [
        (b"\x12", b"\x12", Estado.EN_LINEA),
        (b"\x1a", b"\x12", Estado.FUERA_DE_LINEA),  # bit 3: offline (cover open, error)
        (b"\x1a", b"\x72", Estado.SIN_PAPEL),  # paper end also takes the printer offline
        (b"\x12", b"\x72", Estado.SIN_PAPEL),
        (b"\x12", b"\x1e", Estado.POCO_PAPEL),  # near-end sensor
        (b"", b"", Estado.DESCONOCIDO),  # silence is unknown, never "sin papel"
        (b"\x12", b"", Estado.DESCONOCIDO),
        (b"", b"\x12", Estado.DESCONOCIDO),
        (b"\xff", b"\xff", Estado.DESCONOCIDO),  # not a status byte (bits 0/7 set)
        (b"\x00", b"\x00", Estado.DESCONOCIDO),
    ],
)
def test_bytes_de_estado(impresora, papel, estado):
    assert interpretar_estado(impresora, papel) is estado
    assert estado.imprimible == (estado in (Estado.EN_LINEA, Estado.POCO_PAPEL))


@pytest.fixture
def red():
    impresoras: list[ImpresoraDeRed] = []

    def crear(impresora: int | None = 0x12, papel: int | None = 0x12) -> ImpresoraEscpos:
        falsa = ImpresoraDeRed(impresora, papel)
        impresoras.append(falsa)
        conexion = abrir_impresora(Destino("red", "127.0.0.1", falsa.puerto))
        assert isinstance(conexion, ImpresoraEscpos)
        conexion.espera = 0.5
        conexion.falsa = falsa  # type: ignore[attr-defined]
        return conexion

    yield crear
    for falsa in impresoras:
        falsa.cerrar()


def test_red_en_linea_recibe_el_trabajo_completo(red):
    conexion = red()
    assert conexion.estado() is Estado.EN_LINEA
    conexion.enviar(b"\x1b@HOLA\n")
    for _ in range(50):
        if bytes(conexion.falsa.recibido).endswith(b"HOLA\n"):
            break
        time.sleep(0.05)
    assert bytes(conexion.falsa.recibido) == b"\x1b@HOLA\n"


@pytest.mark.parametrize(
    ("impresora", "papel", "estado"),
    [(0x12, 0x72, Estado.SIN_PAPEL), (0x1A, 0x12, Estado.FUERA_DE_LINEA), (None, None, Estado.DESCONOCIDO)],
)
def test_red_reporta_su_estado(red, impresora, papel, estado):
    assert red(impresora, papel).estado() is estado


def test_red_apagada_esta_fuera_de_linea():
    falsa = ImpresoraDeRed()
    puerto = falsa.puerto
    falsa.cerrar()  # nobody listens on that port any more
    conexion = ImpresoraEscpos(Destino("red", "127.0.0.1", puerto), espera=0.5)
    assert conexion.estado() is Estado.FUERA_DE_LINEA
    with pytest.raises(ImpresoraNoDisponible, match=r"no se pudo abrir red:127\.0\.0\.1"):
        conexion.enviar(b"x")


def test_usb_sin_dispositivo_es_error_en_espanol(tmp_path):
    conexion = ImpresoraEscpos(leer_destino("usb:dead:beef"), directorio_datos=tmp_path)
    assert conexion.estado() is Estado.FUERA_DE_LINEA
    with pytest.raises(ImpresoraNoDisponible, match="no se pudo abrir usb:dead:beef"):
        conexion.enviar(b"x")


def test_windows_fuera_de_windows(tmp_path):
    conexion = ImpresoraEscpos(leer_destino("windows:Caja"), directorio_datos=tmp_path)
    assert conexion.estado() is Estado.DESCONOCIDO  # the spooler has no back channel
    with pytest.raises(ImpresoraNoDisponible, match="windows:Caja"):
        conexion.enviar(b"x")


def test_archivo_anexa_y_carpeta_inexistente(tmp_path):
    destino = ImpresoraArchivo(Destino("archivo", str(tmp_path / "t.bin")))
    assert destino.estado() is Estado.DESCONOCIDO
    destino.enviar(b"uno")
    destino.enviar(b"dos")
    assert (tmp_path / "t.bin").read_bytes() == b"unodos"
    perdida = ImpresoraArchivo(Destino("archivo", str(tmp_path / "no" / "existe.bin")))
    assert perdida.estado() is Estado.FUERA_DE_LINEA
    with pytest.raises(ImpresoraNoDisponible, match="no se pudo escribir"):
        perdida.enviar(b"x")


def test_dummy_guarda_en_memoria():
    memoria = abrir_impresora(leer_destino("dummy"))
    assert isinstance(memoria, ImpresoraMemoria) and memoria.estado() is Estado.EN_LINEA
    memoria.enviar(b"abc")
    assert memoria.trabajos == [b"abc"]


def test_ajustes_ida_y_vuelta(tmp_path):
    assert ajustes.leer(tmp_path) == ajustes.Ajustes()
    guardados = ajustes.Ajustes(leer_destino("red:10.0.0.5"), 58, "TM-T88II", False, "https://central.example")
    ruta = ajustes.guardar(tmp_path, guardados)
    assert ruta == tmp_path / "impresora.toml"
    assert ajustes.leer(tmp_path) == guardados and guardados.columnas == 32
    assert guardados.con("dummy", 80) == ajustes.Ajustes(
        Destino("dummy"), 80, "TM-T88II", False, "https://central.example"
    )


@pytest.mark.parametrize(
    ("contenido", "campo", "mensaje"),
    [
        ("ancho = 76\n", "ancho", "58 u 80"),
        ('ancho = "80"\n', "ancho", "58 u 80"),
        ('impresora = "usb:1"\n', "impresora", "VID:PID"),
        ("exigir_estado = 1\n", "exigir_estado", "true o false"),
        ('color = "rojo"\n', "color", "clave desconocida"),
        ("ancho = \n", "impresora.toml", "no se puede leer"),
    ],
)
def test_ajustes_invalidos_nombran_archivo_y_clave(tmp_path, contenido, campo, mensaje):
    (tmp_path / "impresora.toml").write_text(contenido, encoding="utf-8")
    with pytest.raises(ErrorEntrada) as error:
        ajustes.leer(tmp_path)
    assert "impresora.toml" in error.value.campo and campo in error.value.campo and mensaje in str(error.value)


def test_ancho_de_la_linea_de_ordenes():
    with pytest.raises(ErrorEntrada, match="--ancho: «76» no es un ancho de papel; use 58 u 80"):
        ajustes.Ajustes().con(ancho=76)


def test_url_de_la_central_desde_la_sincronizacion(tmp_path):
    assert ajustes.url_central(tmp_path, ajustes.Ajustes()) is None
    with closing(sqlite3.connect(tmp_path / "sincronizacion.sqlite3")) as c:
        c.execute("CREATE TABLE ajuste (clave TEXT PRIMARY KEY, valor TEXT NOT NULL)")
        c.execute("INSERT INTO ajuste VALUES ('servidor', 'https://central.jerez.example')")
        c.commit()
    assert ajustes.url_central(tmp_path, ajustes.Ajustes()) == "https://central.jerez.example"
    propia = ajustes.Ajustes(url_verificacion="https://otra.example")
    assert ajustes.url_central(tmp_path, propia) == "https://otra.example"
