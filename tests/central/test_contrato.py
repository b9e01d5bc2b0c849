"""Idempotency, conflicts, chain, limits, validation, security and signed packages, through ``Servicio``."""

from __future__ import annotations

import base64
import datetime as dt
import json
import threading

import pytest
import sqlalchemy as sa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fabrica import Fabrica

from jerez_pos.central import bd, credenciales, paquetes, reportes, terminales
from jerez_pos.central import modelos as m
from jerez_pos.central.servicio import Servicio
from jerez_pos.sync import protocolo as p
from jerez_pos.sync.cliente import RespuestaHttp
from jerez_pos.sync.paquetes import traer

AHORA = dt.datetime(2024, 6, 1, 12, 0, tzinfo=dt.UTC)
FECHA = dt.datetime(2024, 6, 1, 10, 0)


class Central:
    def __init__(self, url: str = "sqlite://", migrar: bool = False) -> None:
        self.motor = bd.abrir(url)
        if migrar:
            bd.migrar(self.motor)
        else:
            m.METADATA.create_all(self.motor)
        self.ahora = AHORA
        self.tesoreria = Ed25519PrivateKey.generate()
        self.servicio = Servicio(self.motor, self.tesoreria, reloj=lambda: self.ahora, max_registros=50)

    def terminal(self, delegacion: str = "Cabecera") -> Fabrica:
        alta = terminales.crear(self.motor, delegacion, self.ahora)
        fabrica = Fabrica(alta.serie)
        terminales.inscribir(self.motor, alta.codigo, fabrica.publica, self.ahora)
        return fabrica

    def pedir(self, metodo: str, ruta: str, cuerpo: bytes = b"", encabezados: dict[str, str] | None = None):
        enc = {k.lower(): v for k, v in (encabezados or {}).items()}
        return self.servicio.atender(metodo, ruta, {}, enc, cuerpo)

    def firmado(self, fabrica: Fabrica, ruta: str, cuerpo: bytes, marca: int | None = None, llave=None):
        marca = int(self.ahora.timestamp()) if marca is None else marca
        enc = p.encabezados_firmados(llave or fabrica.llave, fabrica.serie, "POST", ruta, cuerpo, marca)
        return self.pedir("POST", ruta, cuerpo, enc)

    def lote(self, fabrica: Fabrica, registros: list[p.Registro], **kw):
        return self.firmado(fabrica, "/v1/lotes", p.cuerpo_lote(registros, registros[-1].secuencia), **kw)


@pytest.fixture
def central() -> Central:
    return Central()


def _detalle(respuesta) -> dict:
    return respuesta.json()["detail"]


def test_mismo_lote_dos_veces_existe_y_no_se_duplica(central):
    f = central.terminal()
    registros = [f.recibo(FECHA) for _ in range(5)]
    primera = central.lote(f, registros)
    segunda = central.lote(f, registros)
    assert primera.estado == segunda.estado == 200
    assert [r["estado"] for r in primera.json()["resultados"]] == ["nuevo"] * 5
    assert [r["estado"] for r in segunda.json()["resultados"]] == ["existe"] * 5
    assert reportes.resumen(central.motor)["recibos"] == 5


def test_mismo_id_otro_contenido_es_conflicto_registrado(central):
    f = central.terminal()
    original = f.recibo(FECHA)
    assert central.lote(f, [original]).estado == 200
    otro = p.Registro(original.id, 1, "recibo", original.hash_previo, b"\x01" * 32, b"\x02" * 64, original.documento)
    respuesta = central.lote(f, [otro])
    assert respuesta.estado == 422
    assert _detalle(respuesta)["conflicto"] is True and _detalle(respuesta)["campo"] == "registros[0].id"
    with central.motor.connect() as c:
        assert c.execute(sa.select(sa.func.count()).select_from(m.conflicto)).scalar_one() == 1


def test_misma_secuencia_otro_id_es_conflicto(central):
    f = central.terminal()
    original = f.recibo(FECHA)
    central.lote(f, [original])
    impostor = p.Registro(
        "0b6b7c1e-5a43-4e2b-9d1f-4a6f6a657265",
        1,
        "recibo",
        original.hash_previo,
        original.hash,
        original.firma,
        original.documento,
    )
    respuesta = central.lote(f, [impostor])
    assert respuesta.estado == 422 and _detalle(respuesta)["campo"] == "registros[0].secuencia"


def test_cadena_rota_firma_mala_y_documento_alterado_se_rechazan(central):
    f = central.terminal()
    r1, r2 = f.recibo(FECHA), f.recibo(FECHA)
    central.lote(f, [r1])
    roto = p.Registro(r2.id, 2, "recibo", b"\x00" * 32, r2.hash, r2.firma, r2.documento)
    assert _detalle(central.lote(f, [roto]))["campo"] == "registros[0].hash_previo"
    mala = p.Registro(
        r2.id, 2, "recibo", r2.hash_previo, r2.hash, Ed25519PrivateKey.generate().sign(r2.hash), r2.documento
    )
    assert _detalle(central.lote(f, [mala]))["campo"] == "registros[0].firma"
    alterado = p.Registro(r2.id, 2, "recibo", r2.hash_previo, r2.hash, r2.firma, {**r2.documento, "total_centavos": 1})
    assert _detalle(central.lote(f, [alterado]))["campo"] == "registros[0].hash"
    assert central.lote(f, [r2]).estado == 200


def test_el_sello_del_lote_es_la_firma_de_su_ultimo_registro_nuevo(central):
    f = central.terminal()
    registros = [f.recibo(FECHA) for _ in range(4)]
    ultimo = registros[-1]
    falso = Ed25519PrivateKey.generate().sign(ultimo.hash)
    sin_sello = [
        *registros[:-1],
        p.Registro(ultimo.id, 4, "recibo", ultimo.hash_previo, ultimo.hash, falso, ultimo.documento),
    ]
    respuesta = central.lote(f, sin_sello)
    assert respuesta.estado == 422 and _detalle(respuesta)["campo"] == "registros[3].firma"
    assert reportes.resumen(central.motor)["recibos"] == 0  # nothing of a refused batch is kept
    # Re-sent with a stored prefix, the seal is still the last *new* record's signature.
    assert central.lote(f, registros[:2]).estado == 200
    respuesta = central.lote(f, sin_sello)
    assert respuesta.estado == 422 and _detalle(respuesta)["campo"] == "registros[3].firma"
    assert central.lote(f, registros).estado == 200


def test_hueco_pide_reenviar_desde_el_faltante(central):
    f = central.terminal()
    registros = [f.recibo(FECHA) for _ in range(4)]
    central.lote(f, registros[:1])
    respuesta = central.lote(f, registros[2:])
    assert respuesta.estado == 409 and _detalle(respuesta)["falta"] == 2
    assert reportes.faltantes(central.motor)[f.serie]["faltan"] == 3


def test_limites_y_validacion_nombran_el_campo(central):
    f = central.terminal()
    registros = [f.recibo(FECHA) for _ in range(51)]
    assert central.lote(f, registros).estado == 413
    grande = central.pedir("POST", "/v1/lotes", b"x" * (9 * 1024 * 1024))
    assert grande.estado == 413
    crudo = json.loads(p.cuerpo_lote(registros[:1], 1))
    documento = json.loads(crudo["registros"][0]["documento"])
    crudo["registros"][0]["documento"] = p.canonico({**documento, "numero": "uno"}).decode()
    respuesta = central.firmado(f, "/v1/lotes", p.canonico(crudo))
    assert respuesta.estado == 422
    assert _detalle(respuesta)["campo"] == "registros[0].documento.numero"
    assert "entero" in _detalle(respuesta)["mensaje"]


@pytest.mark.parametrize(
    "documento",
    [{"tipo": "recibo"}, "{no es json", "[1, 2]", 7, None],
    ids=["objeto", "roto", "lista", "numero", "nulo"],
)
def test_el_documento_viaja_como_texto_json_de_un_objeto(central, documento):
    f = central.terminal()
    crudo = json.loads(p.cuerpo_lote([f.recibo(FECHA)], 1))
    crudo["registros"][0]["documento"] = documento
    respuesta = central.firmado(f, "/v1/lotes", json.dumps(crudo).encode())
    assert respuesta.estado == 422 and _detalle(respuesta)["campo"] == "registros[0].documento"
    assert "texto JSON" in _detalle(respuesta)["mensaje"]


def test_texto_que_no_es_unicode_valido_se_rechaza_entero(central):
    f = central.terminal()
    crudo = json.loads(p.cuerpo_lote([f.recibo(FECHA)], 1))
    crudo["registros"][0]["documento"] = "\ud800"  # a lone surrogate: not encodable, so not hashable as sent
    respuesta = central.firmado(f, "/v1/lotes", json.dumps(crudo).encode())
    assert respuesta.estado == 422 and _detalle(respuesta)["campo"] == "cuerpo"


def test_central_guarda_los_bytes_que_la_terminal_encadeno(central):
    f = central.terminal()
    registro = f.recibo(FECHA)
    assert central.lote(f, [registro]).estado == 200
    with central.motor.connect() as c:
        guardado = c.execute(sa.select(m.registro.c.documento)).scalar_one()
    assert guardado == registro.texto == p.canonico(registro.documento).decode()


def test_texto_usa_la_forma_exacta_del_libro_cuando_la_rapida_difiere():
    """orjson and json.dumps disagree on some floats (1e16 → "1e16" / "1e+16"): the record's hash decides."""
    llave = Ed25519PrivateKey.generate()
    documento = {"tipo": "recibo", "valor": 1e16, "grande": 2**70, "texto": "Ñandú"}
    previo = b"\x00" * 32
    hash_ = p.enlazar(previo, documento)
    registro = p.Registro("id", 1, "recibo", previo, hash_, llave.sign(hash_), documento)
    assert registro.texto.encode() == p.canonico(documento)
    comun = {"tipo": "recibo", "n": 5, "texto": "Ñandú"}
    normal = p.Registro("id", 1, "recibo", previo, p.enlazar(previo, comun), b"", comun)
    assert normal.texto.encode() == p.canonico(comun)


def test_seguridad_sin_firma_firma_ajena_vieja_desconocida_revocada(central):
    f = central.terminal()
    cuerpo = p.cuerpo_lote([f.recibo(FECHA)], 1)
    assert central.pedir("POST", "/v1/lotes", cuerpo).estado == 401
    assert central.firmado(f, "/v1/lotes", cuerpo, llave=Ed25519PrivateKey.generate()).estado == 401
    vieja = central.firmado(f, "/v1/lotes", cuerpo, marca=int(AHORA.timestamp()) - 3600)
    assert vieja.estado == 401 and _detalle(vieja)["campo"] == p.H_MARCA
    enc = p.encabezados_firmados(f.llave, f.serie, "POST", "/v1/lotes", cuerpo, int(AHORA.timestamp()))
    assert central.pedir("POST", "/v1/lotes", cuerpo + b" ", enc).estado == 401  # digest no longer matches
    enc[p.H_TERMINAL] = "NOEXISTE1"
    assert central.pedir("POST", "/v1/lotes", cuerpo, enc).estado == 401
    enc = p.encabezados_firmados(f.llave, f.serie, "POST", "/v1/lotes", cuerpo, int(AHORA.timestamp()))
    enc[p.H_FIRMA] = base64.b64encode(b"\x00" * 64).decode()
    assert central.pedir("POST", "/v1/lotes", cuerpo, enc).estado == 401
    terminales.revocar(central.motor, f.serie)
    assert central.firmado(f, "/v1/lotes", cuerpo).estado == 403


def test_codigo_de_inscripcion_sirve_una_vez(central):
    alta = terminales.crear(central.motor, "Ojocaliente", AHORA)
    llave = p.publica_cruda(Ed25519PrivateKey.generate()).hex()
    cuerpo = json.dumps({"codigo": alta.codigo, "llave_publica": llave}).encode()
    primera = central.pedir("POST", "/v1/inscripcion", cuerpo)
    assert primera.estado == 200 and primera.json()["serie"] == alta.serie
    assert primera.json()["llave_tesoreria"] == p.publica_cruda(central.tesoreria).hex()
    # The code binds one key, once. The same key asking again is the retry of an enrollment whose reply was
    # lost (``registrar`` must be retryable): same answer, nothing changes. Any other key: 401.
    repetida = central.pedir("POST", "/v1/inscripcion", cuerpo)
    assert repetida.estado == 200 and repetida.json() == primera.json()
    otra = p.publica_cruda(Ed25519PrivateKey.generate()).hex()
    ajeno = json.dumps({"codigo": alta.codigo, "llave_publica": otra}).encode()
    assert central.pedir("POST", "/v1/inscripcion", ajeno).estado == 401
    sin_llave = json.dumps({"codigo": alta.codigo}).encode()
    assert central.pedir("POST", "/v1/inscripcion/consulta", sin_llave).estado == 401
    assert central.pedir("POST", "/v1/inscripcion/consulta", cuerpo).json()["serie"] == alta.serie
    terminales.revocar(central.motor, alta.serie)
    assert central.pedir("POST", "/v1/inscripcion", cuerpo).estado == 401  # revoked: not even the same key


def test_resumen_csv_y_verificacion_publica(central):
    f = central.terminal()
    r1, r2 = f.recibo(FECHA), f.recibo(dt.datetime(2024, 6, 3, 9, 0))
    anul = f.anulacion(FECHA)
    central.lote(f, [r1, r2, anul])
    datos = reportes.resumen(central.motor)
    assert datos["recibos"] == 2 and datos["anulados"] == 1
    assert datos["total"] == f"{f.total_vigente / 100:.2f}"
    solo_3 = reportes.resumen(central.motor, dt.date(2024, 6, 3), dt.date(2024, 6, 3))
    assert solo_3["recibos"] == 1
    token = credenciales.crear(central.motor, "tesorero", AHORA).token
    csv = central.pedir("GET", "/v1/resumen.csv", encabezados={"Authorization": f"Bearer {token}"})
    assert csv.estado == 200 and csv.cuerpo.decode().startswith("seccion,clave")
    for registro in (r1, r2):
        folio = f"{f.serie}-{registro.documento['numero']}"
        estado = reportes.verificar(central.motor, folio, registro.hash.hex()[:16])
        assert estado["estado"] == ("anulado" if anul.documento["recibo_hash"] == registro.hash.hex() else "valido")
        assert "contribuyente" not in estado
    assert reportes.verificar(central.motor, f"{f.serie}-1", "00000000")["estado"] == "desconocido"


@pytest.mark.parametrize("anio", [2000, 2099])
def test_paquete_firma_mala_o_version_vieja_se_rechaza_con_cualquier_reloj(central, anio, monkeypatch):
    import time as reloj_mod

    monkeypatch.setattr(reloj_mod, "time", lambda: dt.datetime(anio, 1, 1, tzinfo=dt.UTC).timestamp())
    publica = p.publica_cruda(central.tesoreria)
    paquetes.publicar(central.motor, central.tesoreria, "uma", {"uma": [["2024-02-01", "108.57"]]}, AHORA)
    paquetes.publicar(central.motor, central.tesoreria, "uma", {"uma": [["2025-02-01", "113.14"]]}, AHORA)

    def transporte(metodo, ruta, cuerpo, enc):
        r = central.pedir(metodo, ruta, cuerpo, enc)
        return RespuestaHttp(r.estado, r.cuerpo, {})

    assert traer(transporte, publica, 0)["version"] == 2
    assert traer(transporte, publica, 2) is None
    with pytest.raises(p.PaqueteRechazado, match="version"):
        traer(transporte, publica, 5)
    impostor = p.publica_cruda(Ed25519PrivateKey.generate())
    with pytest.raises(p.PaqueteRechazado, match="firma"):
        traer(transporte, impostor, 0)
    sobre = paquetes.ultimo(central.motor)
    sobre["paquete"]["version"] = 99  # tampered after signing
    with pytest.raises(p.PaqueteRechazado, match="firma"):
        p.verificar_paquete(publica, sobre, 2)


def test_migraciones_y_carga_concurrente_en_postgresql(url_pg):
    central = Central(url_pg, migrar=True)
    f = central.terminal()
    registros = [f.recibo(FECHA, lineas=2) for _ in range(40)]
    respuestas = []

    def subir():
        respuestas.append(central.lote(f, registros))

    hilos = [threading.Thread(target=subir) for _ in range(6)]
    for hilo in hilos:
        hilo.start()
    for hilo in hilos:
        hilo.join()
    assert sorted(r.estado for r in respuestas) == [200] * 6
    nuevos = sum(1 for r in respuestas for x in r.json()["resultados"] if x["estado"] == "nuevo")
    assert nuevos == 40
    datos = reportes.resumen(central.motor)
    assert datos["recibos"] == 40 and datos["total"] == f"{f.total_vigente / 100:.2f}"
    central.motor.dispose()
