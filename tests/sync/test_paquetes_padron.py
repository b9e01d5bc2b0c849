"""Roll packages in process (SQLite central, real terminal ledger): publication order, the terminal's own
all-or-nothing import, and central's refusal to sign a roll a terminal would refuse."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qsl

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from test_paquetes import _uma

from jerez_pos.central import bd, paquetes, publicacion
from jerez_pos.central.servicio import Servicio
from jerez_pos.core.errores import ErrorEntrada, ErrorJerez
from jerez_pos.ledger import cuentas_padron
from jerez_pos.ledger.terminal import Terminal
from jerez_pos.sync import protocolo as p
from jerez_pos.sync.aplicar import aplicar
from jerez_pos.sync.cliente import RespuestaHttp
from jerez_pos.sync.paquetes import traer_siguiente

AHORA = dt.datetime(2024, 6, 1, 12, 0, tzinfo=dt.UTC)
COMERCIO = "licencia,titular,domicilio,giro,pagado_hasta\nL-1,Tienda Ñandú,Centro,2,2023\nL-2,Gasera,,197,2022\n"


class Enlace:
    """The service called directly, with the query string split off as the HTTP server does."""

    def __init__(self, servicio: Servicio) -> None:
        self.servicio = servicio

    def __call__(self, metodo: str, ruta: str, cuerpo: bytes, encabezados: dict[str, str]) -> RespuestaHttp:
        camino, _, consulta = ruta.partition("?")
        r = self.servicio.atender(metodo, camino, dict(parse_qsl(consulta)), encabezados, cuerpo)
        return RespuestaHttp(r.estado, r.cuerpo, r.encabezados)


@pytest.fixture
def central(tmp_path):
    motor = bd.abrir(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    bd.migrar(motor)
    tesoreria = Ed25519PrivateKey.generate()
    return motor, tesoreria, Enlace(Servicio(motor, tesoreria, reloj=lambda: AHORA))


def test_paquetes_en_orden_de_publicacion_y_padron_aplicado(central, tmp_path):
    motor, tesoreria, enlace = central
    tipo, contenido = paquetes.armar(None, _uma(tmp_path / "uma.csv"))
    paquetes.publicar(motor, tesoreria, tipo, contenido, AHORA)
    paquetes.publicar(motor, tesoreria, *paquetes.armar_padron("comercio", COMERCIO), AHORA)
    terminal = Terminal(tmp_path / "terminal")
    llave = p.publica_cruda(tesoreria)

    # The UMA package (1) comes first even though the roll (2) is the newest: nothing is skipped.
    primero = traer_siguiente(enlace, llave, 0)
    assert primero is not None and primero["version"] == 1
    assert aplicar(terminal, primero).uma == {"2027": "— → 121.00"}
    segundo = traer_siguiente(enlace, llave, 1)
    assert segundo is not None and segundo["version"] == 2
    cambios = aplicar(terminal, segundo)
    assert cambios.padron == {"tipo": "comercio", "nuevas": 2, "actualizadas": 0, "sin_cambios": 0}
    assert "Padrón de comercio: 2 cuentas nuevas, 0 actualizadas, 0 sin cambios." in cambios.lineas()
    assert traer_siguiente(enlace, llave, 2) is None
    cuenta = cuentas_padron.buscar(terminal.bd, "comercio", "l-1")
    assert (cuenta.titular, cuenta.datos["giro"], cuenta.pagado_hasta) == ("Tienda Ñandú", "2", 2023)
    # Applying the same roll again changes nothing and says so.
    assert aplicar(terminal, segundo).padron == {"tipo": "comercio", "nuevas": 0, "actualizadas": 0, "sin_cambios": 2}


def test_padron_invalido_no_se_firma_ni_se_aplica(central, tmp_path):
    motor = central[0]
    with pytest.raises(ErrorJerez, match="línea 3, campo giro"):
        paquetes.armar_padron("comercio", COMERCIO.replace(",197,", ",999,"))
    with pytest.raises(ErrorEntrada, match="--tipo"):
        paquetes.armar_padron("agua", COMERCIO)
    with pytest.raises(ErrorEntrada, match="UTF-8"):
        publicacion.preparar_padron(motor, "lucia", AHORA, "comercio", "licencia\n\xff".encode("latin-1"), "x.csv")
    assert publicacion.listar(motor) == []
    # A tampered roll that reached a terminal anyway is refused whole by the terminal's own import.
    terminal = Terminal(tmp_path / "terminal")
    roto = {"version": 5, "contenido": {"padron": {"tipo": "comercio", "csv": COMERCIO.replace(",197,", ",0,")}}}
    with pytest.raises(ErrorJerez, match="línea 3, campo giro"):
        aplicar(terminal, roto)
    assert cuentas_padron.cuentas(terminal.bd, "comercio") == []
    with pytest.raises(ErrorJerez, match=r"contenido\.padron"):
        aplicar(terminal, {"version": 6, "contenido": {"padron": {"tipo": "agua", "csv": COMERCIO}}})


def test_padron_con_dos_personas_y_diferencias(central):
    motor, tesoreria, _ = central
    primero = publicacion.preparar_padron(motor, "lucia", AHORA, "comercio", COMERCIO.encode(), "comercio.csv")
    with pytest.raises(ErrorEntrada, match="otra persona"):
        publicacion.aprobar(motor, tesoreria, primero, "lucia", AHORA)
    publicacion.aprobar(motor, tesoreria, primero, "mario", AHORA)
    cambiado = COMERCIO.replace("Gasera", "Gasera del Norte") + "L-3,Nueva,,2,\n"
    segundo = publicacion.preparar_padron(motor, "lucia", AHORA, "comercio", cambiado.encode(), "comercio.csv")
    assert publicacion.obtener(motor, segundo).diferencias == {
        "padron": {"tipo": "comercio", "cuentas": 3, "nuevas": 1, "cambiadas": 1}
    }
