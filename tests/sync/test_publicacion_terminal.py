"""A catalog published at a terminal by two people goes, signed by the terminal's key, to the central's
publication flow (``POST /v1/publicaciones``, in process against the real service): there it waits as a
pending publication, and only a treasury user's approval signs it and makes it the package every terminal
downloads. Unsigned requests, a damaged zip and an invalid catalog are refused without storing anything."""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from jerez_pos.catalogo.borrador import revision
from jerez_pos.central import bd, paquetes, terminales
from jerez_pos.central import publicacion as central_publicacion
from jerez_pos.central.servicio import Servicio
from jerez_pos.core.errores import ErrorJerez
from jerez_pos.ledger import ejercicio, identidad, usuarios
from jerez_pos.ledger.terminal import Terminal
from jerez_pos.sync import protocolo as p
from jerez_pos.sync import publicacion
from jerez_pos.sync.cliente import RespuestaHttp
from tests.catalogo.test_borrador import LEY, cambiar

CLAVE = "clave-de-prueba-1"


class Enlace:
    def __init__(self, servicio: Servicio) -> None:
        self.servicio = servicio

    def __call__(self, metodo: str, ruta: str, cuerpo: bytes, encabezados: dict[str, str]) -> RespuestaHttp:
        r = self.servicio.atender(metodo, ruta, {}, {k.lower(): v for k, v in encabezados.items()}, cuerpo)
        return RespuestaHttp(r.estado, r.cuerpo, r.encabezados)


@pytest.fixture
def montaje(tmp_path: Path):
    ahora = dt.datetime.now(dt.UTC)
    motor = bd.abrir(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    bd.migrar(motor)
    tesoreria = Ed25519PrivateKey.generate()
    servicio = Servicio(motor, tesoreria)
    alta = terminales.crear(motor, "Cabecera", ahora)
    terminal = Terminal(tmp_path / "home", respaldo_diario=False)
    actual = identidad.registrar_terminal(terminal.bd, terminal.directorio, "Jerez", "Cabecera", "Caja 1", alta.serie)
    terminales.inscribir(
        motor, alta.codigo, p.publica_cruda(identidad.llave_privada(terminal.directorio, actual)), ahora
    )
    usuarios.crear(terminal.bd, "admin", "administrador", CLAVE)
    admin = usuarios.autenticar(terminal.bd, "admin", CLAVE)
    usuarios.crear(terminal.bd, "sara", "supervisor", CLAVE, por=admin)
    yield motor, tesoreria, Enlace(servicio), terminal, admin, alta.serie
    terminal.bd.dispose()


def _publicada_en_la_terminal(terminal: Terminal, admin, tmp_path: Path) -> ejercicio.Aprobacion:
    ley = tmp_path / "ley-2025.txt"
    ley.write_text(cambiar(LEY, 85, "1.0603", "1.1100"), encoding="utf-8")
    base = ejercicio.exportar_vigente(terminal, tmp_path / "base")
    preparado = revision.construir(ley, base, 2025, tmp_path / "borrador")
    preparacion = ejercicio.preparar(terminal, admin, preparado.carpeta)
    return ejercicio.aprobar(terminal, preparacion, "sara", CLAVE, enviar_a_central=True)


def test_la_central_la_recibe_pendiente_y_la_tesoreria_la_aprueba(montaje, tmp_path: Path) -> None:
    motor, tesoreria, enlace, terminal, admin, serie = montaje
    aprobacion = _publicada_en_la_terminal(terminal, admin, tmp_path)
    assert aprobacion.paquete is not None
    numero = publicacion.enviar(terminal, aprobacion.paquete, "admin", "sara", transporte=enlace)
    pendiente = central_publicacion.obtener(motor, numero)
    assert pendiente.estado == "pendiente" and pendiente.tipo == "catalogo"
    assert pendiente.preparada_por == f"terminal {serie} (preparó admin, aprobó sara)"
    assert pendiente.diferencias["catalogo"]["nuevo"] == "jerez-2025 v1"
    assert paquetes.ultimo(motor) is None  # nothing reaches a terminal before the treasury approves
    sobre = central_publicacion.aprobar(motor, tesoreria, numero, "tesorera", dt.datetime.now(dt.UTC))
    assert sobre["paquete"]["contenido"]["catalogo"]["id"] == "jerez-2025 v1"
    assert central_publicacion.obtener(motor, numero).estado == "publicada"


def test_solicitudes_malas_se_rechazan_sin_guardar(montaje, tmp_path: Path) -> None:
    motor, _tesoreria, enlace, terminal, _admin, serie = montaje
    cuerpo = json.dumps({"zip": "", "preparo": "a", "aprobo": "b"}).encode()
    sin_firma = enlace("POST", publicacion.RUTA, cuerpo, {"Content-Type": "application/json"})
    assert sin_firma.estado == 401
    llave = identidad.llave_privada(terminal.directorio, identidad.exigir_identidad(terminal.bd))

    def firmado(datos: dict[str, str]) -> RespuestaHttp:
        crudo = json.dumps(datos).encode()
        marca = int(dt.datetime.now(dt.UTC).timestamp())
        return enlace(
            "POST",
            publicacion.RUTA,
            crudo,
            p.encabezados_firmados(llave, serie, "POST", publicacion.RUTA, crudo, marca),
        )

    malo = firmado({"zip": "no es base64!", "preparo": "a", "aprobo": "b"})
    assert malo.estado == 422 and malo.json()["detail"]["campo"] == "zip"
    roto = io.BytesIO()
    with zipfile.ZipFile(roto, "w") as archivo:
        archivo.writestr("catalogo.toml", 'municipio = "Jerez"\n')
    invalido = firmado({"zip": base64.b64encode(roto.getvalue()).decode(), "preparo": "a", "aprobo": "b"})
    assert invalido.estado == 422 and invalido.json()["detail"]["campo"] in ("catalogo", "zip")
    assert central_publicacion.listar(motor) == []


def test_sin_central_inscrita_lo_dice_en_espanol(tmp_path: Path) -> None:
    terminal = Terminal(tmp_path / "home", respaldo_diario=False)
    identidad.registrar_terminal(terminal.bd, terminal.directorio, "Jerez", "Cabecera", "Caja 1", "JRZ9")
    zip_ = tmp_path / "x.zip"
    zip_.write_bytes(b"PK")
    with pytest.raises(ErrorJerez, match="no está inscrita en una central"):
        publicacion.enviar(terminal, zip_, "admin", "sara")
    terminal.bd.dispose()
