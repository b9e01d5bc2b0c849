"""Signed catalog/UMA packages end to end in process: the treasury publishes a catalog directory and a UMA
table, the terminal verifies, applies through its own import functions and reports what changed."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fabrica import Fabrica

from jerez_pos import config
from jerez_pos.central import bd, paquetes, terminales
from jerez_pos.central.servicio import Servicio
from jerez_pos.cli.main import main
from jerez_pos.core.errores import ErrorEntrada, ErrorJerez
from jerez_pos.ledger import tarifas
from jerez_pos.ledger.terminal import Terminal
from jerez_pos.sync import protocolo as p
from jerez_pos.sync.aplicar import aplicar
from jerez_pos.sync.cliente import RespuestaHttp
from jerez_pos.sync.paquetes import traer

AHORA = dt.datetime(2024, 6, 1, 12, 0, tzinfo=dt.UTC)
A93 = 'clave = "A93"\n'


def _catalogo_v2(destino: Path) -> Path:
    """The shipped catalog (version 2) as version 3: A93 costs more, one concept renamed (one added, one removed)."""
    shutil.copytree(config.catalogo_incluido(), destino)
    cabecera = destino / "catalogo.toml"
    cabecera.write_text(cabecera.read_text(encoding="utf-8").replace("version = 2\n", "version = 3\n"), "utf-8")
    archivo = destino / "conceptos" / "a084-a100.toml"
    texto = archivo.read_text(encoding="utf-8")
    inicio = texto.index(A93)
    bloque = texto[inicio : texto.index("[[concepto]]", inicio)]
    texto = texto.replace(bloque, bloque.replace('monto = "4.9965"', 'monto = "5.1000"'))
    texto = texto.replace('clave = "A93-arrendamiento"\n', 'clave = "A93-arrendamiento2"\n')
    archivo.write_text(texto, encoding="utf-8")
    return destino


def _uma(destino: Path) -> Path:
    texto = (config.dir_tarifas() / "uma.csv").read_text(encoding="utf-8") + '2027,121.00,,,2027-02-01,"prueba"\n'
    destino.write_text(texto, encoding="utf-8")
    return destino


class Enlace:
    def __init__(self, servicio: Servicio) -> None:
        self.servicio = servicio

    def __call__(self, metodo: str, ruta: str, cuerpo: bytes, encabezados: dict[str, str]) -> RespuestaHttp:
        r = self.servicio.atender(metodo, ruta, {}, {k.lower(): v for k, v in encabezados.items()}, cuerpo)
        return RespuestaHttp(r.estado, r.cuerpo, r.encabezados)


@pytest.fixture
def central(tmp_path):
    motor = bd.abrir(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    bd.migrar(motor)
    tesoreria = Ed25519PrivateKey.generate()
    return motor, tesoreria, Enlace(Servicio(motor, tesoreria, reloj=lambda: AHORA))


def test_paquete_de_catalogo_y_uma_se_aplica_y_dice_que_cambio(central, tmp_path):
    motor, tesoreria, enlace = central
    tipo, contenido = paquetes.armar(_catalogo_v2(tmp_path / "v2"), _uma(tmp_path / "uma.csv"))
    assert tipo == "catalogo+uma" and contenido["catalogo"]["id"] == "jerez-2024 v3"
    paquetes.publicar(motor, tesoreria, tipo, contenido, AHORA)
    terminal = Terminal(tmp_path / "terminal")
    antes = terminal.cotizar("A93", {}, dt.date(2024, 6, 1)).total

    paquete = traer(enlace, p.publica_cruda(tesoreria), 0)
    assert paquete is not None
    cambios = aplicar(terminal, paquete)
    assert cambios.agregados == ["A93-arrendamiento2"]
    assert cambios.quitados == ["A93-arrendamiento"]
    assert cambios.importes == ["A93"]
    assert cambios.uma == {"2027": "— → 121.00"}
    assert any("1 con importe distinto" in linea for linea in cambios.lineas())
    despues = terminal.cotizar("A93", {}, dt.date(2024, 6, 1)).total
    assert despues > antes
    assert terminal.catalogo(dt.date(2024, 6, 1)).version == 3
    assert traer(enlace, p.publica_cruda(tesoreria), 1) is None  # already installed: nothing to do


def test_paquete_invalido_no_toca_el_catalogo(central, tmp_path):
    motor, tesoreria, enlace = central
    roto = _catalogo_v2(tmp_path / "v2")
    archivos = {r.relative_to(roto).as_posix(): r.read_text(encoding="utf-8") for r in roto.rglob("*.toml")}
    archivos["conceptos/a084-a100.toml"] = archivos["conceptos/a084-a100.toml"].replace('monto = "5.1000"', "monto")
    paquetes.publicar(motor, tesoreria, "catalogo", {"catalogo": {"archivos": archivos}}, AHORA)
    terminal = Terminal(tmp_path / "terminal")
    paquete = traer(enlace, p.publica_cruda(tesoreria), 0)
    with pytest.raises(ErrorJerez, match="catálogo rechazado"):
        aplicar(terminal, paquete)
    assert [c.version for c in tarifas.catalogos(terminal.bd)] == [2]
    escape = {"paquete": {"version": 9, "contenido": {"catalogo": {"archivos": {"../fuera.toml": "x"}}}}}
    with pytest.raises(ErrorJerez, match="fuera del catálogo"):
        aplicar(terminal, escape["paquete"])
    assert not (tmp_path / "fuera.toml").exists()


def test_armar_valida_antes_de_firmar(tmp_path):
    with pytest.raises(ErrorEntrada, match="--catalogo"):
        paquetes.armar(None, None)
    with pytest.raises(ErrorEntrada, match="no es un directorio"):
        paquetes.armar(tmp_path / "no-existe", None)
    malo = tmp_path / "uma.csv"
    malo.write_text("anio,diaria,vigente_desde\n2024,-1,2024-02-01\n", encoding="utf-8")
    with pytest.raises(ErrorJerez, match="línea 2"):
        paquetes.armar(None, malo)


def test_cli_publicar_y_revocar(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("JEREZ_POS_HOME", str(tmp_path / "central"))
    url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    assert main(["central", "publicar", "--db", url, "--uma", str(_uma(tmp_path / "uma.csv")), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["version"] == 1
    assert main(["central", "publicar", "--db", url, "--catalogo", str(tmp_path / "nada")]) == 2
    assert "--catalogo" in capsys.readouterr().err

    motor = bd.abrir(url)
    alta = terminales.crear(motor, "Susticacán", AHORA)
    fabrica = Fabrica(alta.serie)
    terminales.inscribir(motor, alta.codigo, fabrica.publica, AHORA)
    servicio = Servicio(motor, reloj=lambda: AHORA)
    cuerpo = p.cuerpo_lote([fabrica.recibo(dt.datetime(2024, 6, 1, 9))], 1)
    marca = int(AHORA.timestamp())
    encabezados = {
        k.lower(): v
        for k, v in p.encabezados_firmados(fabrica.llave, alta.serie, "POST", "/v1/lotes", cuerpo, marca).items()
    }
    assert servicio.atender("POST", "/v1/lotes", {}, encabezados, cuerpo).estado == 200
    assert main(["central", "revocar", "--db", url, "--serie", alta.serie.lower()]) == 0
    assert alta.serie in capsys.readouterr().out
    assert servicio.atender("POST", "/v1/lotes", {}, encabezados, cuerpo).estado == 403
    assert main(["central", "revocar", "--db", url, "--serie", "NOEXISTE"]) == 2
    assert capsys.readouterr().err.strip() == "jerez-pos: --serie: no existe la terminal NOEXISTE"
