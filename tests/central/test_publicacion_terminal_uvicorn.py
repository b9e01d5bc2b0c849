"""``POST /v1/publicaciones`` over real HTTP: a terminal enrolled with a running central (uvicorn, PostgreSQL)
sends a catalog with its own signed request and the central stores it pending for the console."""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from pathlib import Path

from jerez_pos import config
from jerez_pos.central import bd, terminales
from jerez_pos.central import publicacion as central_publicacion
from jerez_pos.ledger import identidad
from jerez_pos.ledger.terminal import Terminal
from jerez_pos.sync import protocolo as p
from jerez_pos.sync import publicacion
from jerez_pos.sync.libro import AlmacenLibro
from tests.central.navegador import CentralViva, central_viva  # noqa: F401  (fixture)


def _zip_version_3(tmp_path: Path) -> Path:
    copia = tmp_path / "catalogo"
    shutil.copytree(config.catalogo_incluido(), copia)
    cabecera = copia / "catalogo.toml"
    cabecera.write_text(cabecera.read_text(encoding="utf-8").replace("version = 2\n", "version = 3\n"), "utf-8")
    destino = tmp_path / "catalogo.zip"
    with zipfile.ZipFile(destino, "w") as archivo:
        for ruta in sorted(copia.rglob("*")):
            if ruta.is_file():
                archivo.write(ruta, ruta.relative_to(copia).as_posix())
    return destino


def test_la_terminal_envia_el_catalogo_por_http(central_viva: CentralViva, tmp_path: Path) -> None:  # noqa: F811
    motor = bd.abrir(central_viva.url_db)
    ahora = dt.datetime.now(dt.UTC)
    alta = terminales.crear(motor, "Cabecera", ahora)
    terminal = Terminal(tmp_path / "home", respaldo_diario=False)
    actual = identidad.registrar_terminal(terminal.bd, terminal.directorio, "Jerez", "Cabecera", "Caja 1", alta.serie)
    llave = identidad.llave_privada(terminal.directorio, actual)
    terminales.inscribir(motor, alta.codigo, p.publica_cruda(llave), ahora)
    almacen = AlmacenLibro(config.ruta_bd(terminal.directorio), actual, terminal.directorio)
    almacen.fijar("servidor", central_viva.base)
    almacen.cerrar()

    numero = publicacion.enviar(terminal, _zip_version_3(tmp_path), "admin", "sara")
    pendiente = central_publicacion.obtener(motor, numero)
    assert pendiente.estado == "pendiente" and pendiente.origen == f"terminal {alta.serie}"
    assert pendiente.diferencias["catalogo"]["nuevo"] == "jerez-2024 v3"
    terminal.bd.dispose()
    motor.dispose()
