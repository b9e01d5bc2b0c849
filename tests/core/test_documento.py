"""The chain document has one owner: golden canonical texts per type and version (version 1 is the format
every existing receipt was hashed in, byte for byte), version rules, folio parsing, and a check that no
other module writes its own canonical JSON, genesis or folio parser again."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from jerez_pos.core import documento as d
from jerez_pos.core.errores import ErrorEntrada

PAQUETE = Path(d.__file__).resolve().parent.parent

RECIBO = {
    "id": 9,
    "serie": "JRZ1",
    "numero": 15,
    "eslabon": 17,
    "turno_id": 3,
    "cajero_id": 2,
    "fecha": "2024-06-15T10:32:00",
    "total_centavos": 12438,
    "ajuste_centavos": -38,
    "cambio_centavos": 7600,
    "contribuyente": '{"nombre":"Juan Pérez","rfc":""}',
    "hash": b"x",
    "firma": b"y",
    "documento": None,
}
LINEAS = [
    {
        "recibo_id": 9,
        "n": 1,
        "clave": "A85-II",
        "rubro": "Derechos",
        "total_centavos": 12438,
        "cotizacion": '{"clave":"A85-II","uma":"108.57"}',
    }
]
PAGOS = [{"recibo_id": 9, "n": 1, "forma": "efectivo", "importe_centavos": 20000, "datos": "{}"}]
AUTORIZACIONES = [
    {"recibo_id": 9, "id": 1, "linea": 1, "supervisor_id": 4, "motivo": "estudio socioeconómico", "referencia": "ES-1"}
]
ANULACION = {
    "id": 1,
    "recibo_id": 9,
    "eslabon": 18,
    "supervisor_id": 4,
    "usuario_id": 2,
    "motivo": "duplicado",
    "fecha": "2024-06-15T11:00:00",
    "hash": b"",
    "firma": b"",
}

# Written by the code that hashed every receipt before the document had an owner (ledger/cadena.py at
# the time); they must never change, or old receipts stop verifying.
RECIBO_V1 = (
    '{"ajuste_centavos":-38,"autorizaciones":[{"linea":1,"motivo":"estudio socioeconómico","referencia":"ES-1",'
    '"supervisor_id":4}],"cajero_id":2,"cambio_centavos":7600,"contribuyente":{"nombre":"Juan Pérez","rfc":""},'
    '"eslabon":17,"fecha":"2024-06-15T10:32:00","lineas":[{"clave":"A85-II","cotizacion":{"clave":"A85-II",'
    '"uma":"108.57"},"n":1,"rubro":"Derechos","total_centavos":12438}],"numero":15,"pagos":[{"datos":{},'
    '"forma":"efectivo","importe_centavos":20000,"n":1}],"serie":"JRZ1","tipo":"recibo","total_centavos":12438,'
    '"turno_id":3}'
)
RECIBO_V1_HASH = "031e5aeb3dca6967d1909599412b9510368648a81dce6146d9ee684d708f839f"
ANULACION_V1 = (
    '{"eslabon":18,"fecha":"2024-06-15T11:00:00","motivo":"duplicado","recibo_hash":'
    '"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f","recibo_id":9,"supervisor_id":4,'
    '"tipo":"anulacion","usuario_id":2}'
)
ANULACION_V1_HASH = "3a277c75b0296c4c86fa405461afed0094a2076581e0764297d03d8e36d1ad0f"
GENESIS_JRZ1 = "06876a28c25e1c58f9de46955a89bef577ce625a1d6b36dbb11a72413fa28861"


def test_recibo_version_1_texto_canonico_exacto() -> None:
    documento = d.doc_recibo(RECIBO, LINEAS, PAGOS, AUTORIZACIONES)
    assert d.canonico(documento).decode("utf-8") == RECIBO_V1
    assert d.enlazar(bytes(32), documento).hex() == RECIBO_V1_HASH
    assert d.enlazar_texto(bytes(32), RECIBO_V1.encode()).hex() == RECIBO_V1_HASH
    assert "version" not in documento and d.version_de(documento) == 1


def test_anulacion_version_1_texto_canonico_exacto() -> None:
    documento = d.doc_anulacion(ANULACION, bytes(range(32)))
    assert d.canonico(documento).decode("utf-8") == ANULACION_V1
    assert d.enlazar(bytes(32), documento).hex() == ANULACION_V1_HASH
    assert d.version_de(documento) == 1


def test_genesis_ligada_a_serie_y_llave() -> None:
    assert d.genesis("JRZ1", bytes(32)).hex() == GENESIS_JRZ1
    assert d.genesis("JRZ2", bytes(32)) != d.genesis("JRZ1", bytes(32))
    assert hashlib.sha256(b"jerez-pos|JRZ1" + bytes(32)).hexdigest() == GENESIS_JRZ1


def test_cada_tipo_y_version_registrados_y_los_desconocidos_se_rechazan() -> None:
    assert set(d.FORMATOS) == {("recibo", 1), ("anulacion", 1)} and d.VERSIONES == (1,)
    for malo in (2, 0, "1", 1.0, None, True):
        with pytest.raises(d.VersionDesconocida, match=r"^version: .*versión .* no conoce \(conoce: 1\)"):
            d.version_de({"tipo": "recibo", "version": malo})
        assert not d.version_conocida({"version": malo})
    with pytest.raises(d.VersionDesconocida, match="versión 7"):
        d.doc_recibo(RECIBO, LINEAS, PAGOS, AUTORIZACIONES, version=7)
    # a stored text: version 1 has no top-level field (a nested "version" inside a quote is not one)
    assert d.version_de_texto(RECIBO_V1) == 1
    assert d.version_de_texto('{"lineas":[{"cotizacion":{"version":3}}],"tipo":"recibo"}') == 1
    with pytest.raises(d.VersionDesconocida):
        d.version_de_texto('{"tipo":"recibo","version":99}')


def test_folio_se_lee_en_un_solo_lugar() -> None:
    assert d.separar_folio(" jrz1-0015 ") == ("JRZ1", 15)
    assert d.separar_folio("15", serie_opcional=True) == ("", 15)
    assert d.folio("JRZ1", 15) == "JRZ1-15"
    for malo in ("15", "JRZ1-", "JRZ1-x", "JRZ1-1234567890", "JRZ1-²", "-3", "A-B-7", "J\x1bZ-1"):
        with pytest.raises(ErrorEntrada, match=r"^FOLIO: «.*» no es un folio; use SERIE-NÚMERO"):
            d.separar_folio(malo, "FOLIO")
    with pytest.raises(ErrorEntrada, match=r"«" + "9" * 20 + "…» no es"):
        d.separar_folio("9" * 200)  # long input is cut in the message (core.texto.corto)


def test_codigo_del_qr_sale_del_hash() -> None:
    hash_ = bytes.fromhex(RECIBO_V1_HASH)
    assert d.codigo_de(hash_) == "031E5AEB3DCA6967"
    assert d.codigo_coincide(hash_, "031e5aeb") and d.codigo_coincide(hash_, " 031E5AEB3DCA6967 ")
    assert not d.codigo_coincide(hash_, "131e5aeb")


# Every module that used to carry its own copy of the document's rules, and now imports the owner.
ANTES_CON_COPIA = (
    "ledger/comun.py",
    "ledger/cadena.py",
    "ledger/recibos.py",
    "ledger/consultas.py",
    "sync/protocolo.py",
    "sync/libro.py",
    "central/lotes.py",
    "central/validacion.py",
    "central/reportes.py",
    "printing/libro.py",
    "printing/verificacion.py",
)


def test_el_documento_tiene_un_solo_dueno() -> None:
    for relativo in ANTES_CON_COPIA:
        fuente = (PAQUETE / relativo).read_text(encoding="utf-8")
        assert "core.documento import" in fuente or "core import documento" in fuente, relativo
        for copia in ("sort_keys=True", 'rpartition("-")', "[:LONGITUD_CODIGO]", ".hex().startswith("):
            assert copia not in fuente, f"{relativo} repite {copia}"
    for archivo in PAQUETE.rglob("*.py"):
        if archivo.name == "documento.py" and archivo.parent.name == "core":
            continue
        fuente = archivo.read_text(encoding="utf-8")
        assert 'b"jerez-pos|"' not in fuente, archivo
        assert not re.search(r"def (canonico|genesis|enlazar|enlazar_texto|doc_recibo|doc_anulacion)\(", fuente) or (
            archivo.name == "cadena.py" and "def genesis(identidad: Identidad)" in fuente
        ), archivo
