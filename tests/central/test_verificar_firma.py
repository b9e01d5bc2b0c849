"""``/v1/verificar`` with the QR's print-time signature: checked against the terminal key central holds,
over central's own copy of the signed fields (folio, date, total, series, code). No personal data."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qsl, urlsplit

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fabrica import Fabrica

from jerez_pos.central import reportes
from jerez_pos.core.dinero import de_centavos, texto
from jerez_pos.printing.verificacion import DatosQR, codigo_de
from jerez_pos.sync import protocolo as p
from tests.central.test_contrato import Central

FECHA = dt.datetime(2024, 6, 1, 10, 0)
URL = "https://central.jerez.gob.mx"


def _qr(f: Fabrica, registro: p.Registro, llave: Ed25519PrivateKey | None = None, **cambios: str) -> DatosQR:
    """What ``printing.libro.datos_qr`` builds from the ledger row (the same fields the chain document has)."""
    doc = registro.documento
    campos = {
        "folio": f"{doc['serie']}-{doc['numero']}",
        "fecha": doc["fecha"],
        "total": texto(de_centavos(doc["total_centavos"])),
        "serie": doc["serie"],
        "codigo": codigo_de(registro.hash),
    }
    campos.update(cambios)
    return DatosQR(**campos).firmado(llave or f.llave)


def _consultar(central: Central, contenido: str) -> dict:
    """A phone opening the QR's URL: the query string goes to the service as is."""
    partes = urlsplit(contenido)
    respuesta = central.servicio.atender("GET", partes.path, dict(parse_qsl(partes.query)), {}, b"")
    assert respuesta.estado == 200, respuesta.cuerpo
    return respuesta.json()


@pytest.fixture
def cargada():
    central = Central()
    f = central.terminal()
    recibos = [f.recibo(FECHA), f.recibo(FECHA + dt.timedelta(minutes=5))]
    assert central.lote(f, recibos).estado == 200
    return central, f, recibos


def test_qr_firmado_por_la_terminal_es_valido(cargada):
    central, f, (r1, _) = cargada
    datos = _consultar(central, _qr(f, r1).contenido(URL))
    assert datos == {
        "folio": f"{f.serie}-1",
        "estado": "valido",
        "fecha": r1.documento["fecha"],
        "total": texto(de_centavos(r1.documento["total_centavos"])),
        "firma": "valida",
    }
    assert "contribuyente" not in datos and "PÚBLICO" not in str(datos)


def test_firma_ausente_e_invalida(cargada):
    central, f, (r1, r2) = cargada
    codigo = r1.hash.hex()[:16]
    assert reportes.verificar(central.motor, f"{f.serie}-1", codigo)["firma"] == "ausente"
    assert reportes.verificar(central.motor, f"{f.serie}-1", codigo, "")["firma"] == "ausente"
    desconocido = {"folio": f"{f.serie}-1", "estado": "desconocido", "firma": "invalida"}
    ajena = _qr(f, r1, llave=Ed25519PrivateKey.generate())  # another key: a forged receipt printer
    assert _consultar(central, ajena.contenido(URL)) == desconocido
    otra = _qr(f, r2).firma  # a genuine signature, but of another receipt
    assert reportes.verificar(central.motor, f"{f.serie}-1", codigo, otra) == desconocido
    # A wrong code with the genuine signature: the very same answer, nothing says which field failed.
    assert reportes.verificar(central.motor, f"{f.serie}-1", "ab" * 8, _qr(f, r1).firma) == desconocido


@pytest.mark.parametrize("campo", ["fecha", "total"])
def test_papel_alterado_no_coincide_con_lo_que_guarda_la_central(cargada, campo):
    """The terminal signed other figures than the ones it uploaded: the signature proves paper ≠ record, and
    the answer is the unknown-receipt one (it doesn't confirm that folio and code were right)."""
    central, f, (r1, _) = cargada
    alterado = _qr(f, r1, **{campo: "2024-06-02T10:00:00" if campo == "fecha" else "1.00"})
    datos = reportes.verificar(central.motor, f"{f.serie}-1", r1.hash.hex()[:16], alterado.firma)
    assert datos == {"folio": f"{f.serie}-1", "estado": "desconocido", "firma": "invalida"}


def test_anulado_y_desconocido_con_firma(cargada):
    central, f, (r1, r2) = cargada
    anulacion = f.anulacion(FECHA + dt.timedelta(minutes=9))
    assert central.lote(f, [anulacion]).estado == 200
    anulado = r1 if anulacion.documento["recibo_hash"] == r1.hash.hex() else r2
    datos = _consultar(central, _qr(f, anulado).contenido(URL))
    assert datos["estado"] == "anulado" and datos["firma"] == "valida"
    falso = DatosQR(f"{f.serie}-7", "2024-06-01T10:00:00", "10.00", f.serie, "AB" * 8).firmado(f.llave)
    assert _consultar(central, falso.contenido(URL)) == {
        "folio": f"{f.serie}-7",
        "estado": "desconocido",
        "firma": "invalida",
    }
    sin_firma = reportes.verificar(central.motor, f"{f.serie}-7", "ab" * 8)
    assert sin_firma == {"folio": f"{f.serie}-7", "estado": "desconocido", "firma": "ausente"}


@pytest.mark.parametrize("firma", ["no es base64!", "A" * 101, "ñ" * 10])
def test_firma_malformada_nombra_el_campo(cargada, firma):
    central, f, (r1, _) = cargada
    consulta = {"folio": f"{f.serie}-1", "codigo": r1.hash.hex()[:16], "firma": firma}
    respuesta = central.servicio.atender("GET", "/v1/verificar", consulta, {}, b"")
    assert respuesta.estado == 422
    assert respuesta.json()["detail"]["campo"] == "firma"
