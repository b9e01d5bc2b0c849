"""The console's data, without a browser: terminals overview, conflict notes, receipt search and exports,
and the two-person catalog/UMA publication. Real SQLite central migrated by Alembic (c0005 included)."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest
import sqlalchemy as sa
from pypdf import PdfReader

from jerez_pos.central import busqueda_recibos as b
from jerez_pos.central import modelos as m
from jerez_pos.central import paquetes, publicacion, vista_terminales
from jerez_pos.central.bd import marca_utc
from jerez_pos.central.contactos import Contactos
from jerez_pos.core.errores import CatalogoInvalido, ErrorEntrada
from jerez_pos.sync import protocolo as p
from tests.central.test_contrato import Central

RAIZ = Path(__file__).resolve().parents[2]
CATALOGO = RAIZ / "db" / "tarifas" / "jerez-2024"
FECHA = dt.datetime(2024, 6, 1, 10, 0)


@pytest.fixture
def central():
    return Central(migrar=True)


def _recibo_de(f, fecha: dt.datetime, nombre: str) -> p.Registro:
    """A receipt with a named contributor (set before the document is hashed and signed)."""
    original = f._eslabon

    def con_nombre(tipo, documento):
        documento["contribuyente"] = {"nombre": nombre, "rfc": "XAXX010101000"}
        return original(tipo, documento)

    f._eslabon = con_nombre
    try:
        return f.recibo(fecha)
    finally:
        del f._eslabon


def _cargada(central: Central):
    f = central.terminal("Ermita de Guadalupe")
    r1 = f.recibo(FECHA)
    r2 = f.recibo(FECHA + dt.timedelta(days=1), lineas=2)
    assert central.lote(f, [r1, r2]).estado == 200
    anulacion = f.anulacion(FECHA + dt.timedelta(days=1, hours=1))
    assert central.lote(f, [anulacion]).estado == 200
    return f, r1, r2


def test_terminales_y_notas_de_conflicto(central):
    f, r1, _ = _cargada(central)
    pendiente = central.terminal("Los Haro")  # enrolled, nothing sent
    filas = {x.serie: x for x in vista_terminales.terminales(central.motor)}
    propia = filas[f.serie]
    assert (propia.delegacion, propia.estado, propia.en_central, propia.faltan) == (
        "Ermita de Guadalupe",
        "activa",
        3,
        0,
    )
    assert propia.ultimo_envio and propia.uma == "108.57" and propia.catalogo == vista_terminales.DESCONOCIDO
    assert filas[pendiente.serie].ultimo_envio is None and filas[pendiente.serie].uma == vista_terminales.DESCONOCIDO
    assert propia.ultimo_contacto == marca_utc(central.ahora) and filas[pendiente.serie].ultimo_contacto is None

    with central.motor.begin() as c:
        terminal_id = c.execute(sa.select(m.terminal.c.id).where(m.terminal.c.serie == f.serie)).scalar_one()
        c.execute(
            sa.insert(m.conflicto).values(
                terminal_id=terminal_id,
                uid=r1.id,
                secuencia=1,
                campo="hash",
                motivo="otro contenido",
                recibido="{}",
                registrado_en="2024-06-01T10:00:00Z",
            )
        )
    assert vista_terminales.terminales(central.motor)[0].sin_nota == 1
    (conflicto,) = vista_terminales.conflictos(central.motor, f.serie)
    assert not conflicto.resuelto
    with pytest.raises(ErrorEntrada, match="nota"):
        vista_terminales.agregar_nota(central.motor, conflicto.id, "tesorero1", "   ", FECHA)
    with pytest.raises(ErrorEntrada, match="conflicto"):
        vista_terminales.agregar_nota(central.motor, conflicto.id + 9, "tesorero1", "revisado", FECHA)
    vista_terminales.agregar_nota(central.motor, conflicto.id, "tesorero1", "Reenvío duplicado; sin efecto.", FECHA)
    (conflicto,) = vista_terminales.conflictos(central.motor, f.serie)
    assert conflicto.resuelto and conflicto.notas[0].autor == "tesorero1"
    assert {x.serie: x.sin_nota for x in vista_terminales.terminales(central.motor)}[f.serie] == 0


def test_busqueda_detalle_y_exportes(central):
    f = central.terminal("Ermita de Guadalupe")
    r1 = _recibo_de(f, FECHA, "José Pérez Núñez")
    r2 = _recibo_de(f, FECHA + dt.timedelta(days=1), "=HYPERLINK(1)")
    r3 = f.recibo(FECHA + dt.timedelta(days=2))
    assert central.lote(f, [r1, r2, r3]).estado == 200
    g = central.terminal("Cabecera")
    assert central.lote(g, [g.recibo(FECHA)]).estado == 200

    todos = b.buscar(central.motor, b.Filtros())
    assert [x.folio for x in todos.filas] == [f"{f.serie}-3", f"{f.serie}-2", f"{g.serie}-1", f"{f.serie}-1"]
    assert not todos.truncado
    assert [x.folio for x in b.buscar(central.motor, b.Filtros(nombre="perez  NUÑEZ")).filas] == [f"{f.serie}-1"]
    assert len(b.buscar(central.motor, b.Filtros(nombre="público")).filas) == 2
    solo = b.buscar(central.motor, b.Filtros.de_consulta({"folio": f"{g.serie.lower()}-1"}))
    assert [x.folio for x in solo.filas] == [f"{g.serie}-1"]
    clave = r1.documento["lineas"][0]["clave"]
    por_clave = b.buscar(central.motor, b.Filtros(clave=clave.split("-")[0]))
    assert f"{f.serie}-1" in {x.folio for x in por_clave.filas}
    assert all(clave.split("-")[0] in x.claves for x in por_clave.filas)
    dia = b.buscar(central.motor, b.Filtros(desde=dt.date(2024, 6, 2), hasta=dt.date(2024, 6, 2)))
    assert [x.folio for x in dia.filas] == [f"{f.serie}-2"]
    for consulta, campo in (
        ({"folio": "nada"}, "folio"),
        ({"desde": "2024-13-01"}, "desde"),
        ({"desde": "2024-06-02", "hasta": "2024-06-01"}, "hasta"),
        ({"nombre": "x" * 81}, "nombre"),
    ):
        with pytest.raises(ErrorEntrada) as error:
            b.Filtros.de_consulta(consulta)
        assert error.value.campo == campo

    detalle = b.detalle(central.motor, f"{f.serie}-1")
    assert detalle["delegacion"] == "Ermita de Guadalupe" and detalle["anulacion"] is None
    assert detalle["contribuyente"]["nombre"] == "José Pérez Núñez"
    assert [x["clave"] for x in detalle["lineas"]] == [clave] and detalle["pagos"][0]["forma"] == "tarjeta"
    with pytest.raises(ErrorEntrada, match="no tiene"):
        b.detalle(central.motor, f"{f.serie}-9")

    texto = b.a_csv(todos)
    assert texto.splitlines()[0] == ",".join(b.ENCABEZADO) and len(texto.splitlines()) == 5
    assert "'=HYPERLINK(1)" in texto and "José Pérez Núñez" in texto
    pdf = b.a_pdf(todos, b.Filtros(), dt.datetime(2024, 6, 3, 9, 0))
    contenido = "".join(pagina.extract_text() for pagina in PdfReader(io.BytesIO(pdf)).pages)
    assert f"{g.serie}-1" in contenido and "BÚSQUEDA DE RECIBOS" in contenido and "Pérez" in contenido


def test_anulado_en_busqueda_y_detalle(central):
    _cargada(central)
    anulados = {x.folio for x in b.buscar(central.motor, b.Filtros()).filas if x.anulado}
    assert len(anulados) == 1
    detalle = b.detalle(central.motor, anulados.pop())
    assert detalle["anulacion"]["motivo"] == "error de captura"


def _catalogo_modificado(destino: Path) -> Path:
    copia = destino / "jerez-2024"
    shutil.copytree(CATALOGO, copia)
    archivo = copia / "conceptos" / "a031-a083.toml"
    archivo.write_text(archivo.read_text(encoding="utf-8").replace('monto = "1.0500"', 'monto = "1.1000"', 1))
    return copia


def _zip(carpeta: Path, prefijo: str = "jerez-2024/") -> bytes:
    salida = io.BytesIO()
    with zipfile.ZipFile(salida, "w") as z:
        for ruta in sorted(carpeta.rglob("*")):
            if ruta.is_file():
                z.write(ruta, prefijo + ruta.relative_to(carpeta).as_posix())
    return salida.getvalue()


def test_publicacion_con_dos_personas(central, tmp_path):
    carpeta = _catalogo_modificado(tmp_path)
    ahora = dt.datetime(2024, 6, 1, tzinfo=dt.UTC)
    uma = (
        (RAIZ / "db" / "tarifas" / "uma.csv")
        .read_text(encoding="utf-8")
        .replace("117.31,3566.22,42794.64", "117.50,3572.00,42864.00")
    )
    id_ = publicacion.preparar(
        central.motor, "capturista", ahora, zip_catalogo=_zip(carpeta), csv_uma=uma.encode(), origen="cat.zip"
    )
    pendiente = publicacion.obtener(central.motor, id_)
    assert pendiente.estado == "pendiente" and pendiente.tipo == "catalogo+uma"
    assert [c[0] for c in pendiente.diferencias["catalogo"]["cambiados"]] == ["A31-II", "A31-II-a"]  # bracket + leaf
    assert pendiente.diferencias["uma"] == {
        "2026": "117.31 (mensual 3566.22, anual 42794.64) → 117.50 (mensual 3572.00, anual 42864.00)"
    }
    assert paquetes.ultimo(central.motor) is None  # nothing signed yet

    with pytest.raises(ErrorEntrada, match="otra persona"):
        publicacion.aprobar(central.motor, central.tesoreria, id_, "capturista", ahora)
    sobre = publicacion.aprobar(central.motor, central.tesoreria, id_, "tesorero1", ahora)
    assert paquetes.ultimo(central.motor) == sobre and sobre["paquete"]["version"] == 1
    archivos = sobre["paquete"]["contenido"]["catalogo"]["archivos"]
    assert '"1.1000"' in archivos["conceptos/a031-a083.toml"]
    hecha = publicacion.obtener(central.motor, id_)
    assert (hecha.estado, hecha.aprobada_por, hecha.version) == ("publicada", "tesorero1", 1)
    with pytest.raises(ErrorEntrada, match="ya está publicada"):
        publicacion.aprobar(central.motor, central.tesoreria, id_, "otro", ahora)

    # The next one compares against what was just published: the same folder has no changes now.
    segundo = publicacion.preparar(central.motor, "capturista", ahora, ruta_catalogo=str(carpeta))
    cambios = publicacion.obtener(central.motor, segundo).diferencias["catalogo"]
    assert cambios["cambiados"] == [] and cambios["agregados"] == [] and cambios["quitados"] == []
    assert publicacion.obtener(central.motor, segundo).origen == str(carpeta)


@pytest.mark.parametrize(
    ("armar", "campo"),
    [
        (lambda t: {"zip_catalogo": b"no es zip"}, "catalogo"),
        (lambda t: {"zip_catalogo": _zip_malicioso()}, "catalogo"),
        (lambda t: {"ruta_catalogo": str(t / "no-existe")}, "ruta"),
        (lambda t: {"csv_uma": b"\xff\xfe"}, "uma"),
        (lambda t: {}, "catalogo"),
    ],
)
def test_publicacion_entrada_mala(central, tmp_path, armar, campo):
    with pytest.raises(ErrorEntrada) as error:
        publicacion.preparar(central.motor, "capturista", dt.datetime.now(dt.UTC), **armar(tmp_path))
    assert error.value.campo == campo
    assert publicacion.listar(central.motor) == []


def test_catalogo_invalido_no_se_guarda(central, tmp_path):
    carpeta = _catalogo_modificado(tmp_path)
    (carpeta / "catalogo.toml").write_text("ejercicio = 'dos mil'\n", encoding="utf-8")
    with pytest.raises(CatalogoInvalido):
        publicacion.preparar(central.motor, "capturista", dt.datetime.now(dt.UTC), zip_catalogo=_zip(carpeta))
    assert publicacion.listar(central.motor) == []


def _zip_malicioso() -> bytes:
    salida = io.BytesIO()
    with zipfile.ZipFile(salida, "w") as z:
        z.writestr("../../fuera.toml", "x = 1")
    return salida.getvalue()


def test_sin_llave_no_se_publica(central, tmp_path):
    id_ = publicacion.preparar(
        central.motor, "capturista", dt.datetime.now(dt.UTC), csv_uma=(RAIZ / "db/tarifas/uma.csv").read_bytes()
    )
    with pytest.raises(Exception, match="llave"):
        publicacion.aprobar(central.motor, None, id_, "tesorero1", dt.datetime.now(dt.UTC))
    assert json.loads(json.dumps(publicacion.obtener(central.motor, id_).diferencias)) == {"uma": {}}


def test_contacto_a_lo_mas_una_escritura_por_minuto(central):
    f = central.terminal()
    contactos = Contactos(central.motor)
    with central.motor.connect() as c:
        terminal_id = c.execute(sa.select(m.terminal.c.id)).scalar_one()

    def leido() -> str | None:
        with central.motor.connect() as c:
            return c.execute(sa.select(m.terminal.c.ultimo_contacto).where(m.terminal.c.id == terminal_id)).scalar()

    inicio = dt.datetime(2024, 6, 1, 10, 0, tzinfo=dt.UTC)
    contactos.anotar(terminal_id, inicio)
    assert leido() == "2024-06-01T10:00:00Z"
    contactos.anotar(terminal_id, inicio + dt.timedelta(seconds=59))
    assert leido() == "2024-06-01T10:00:00Z"  # within the minute: no write
    contactos.anotar(terminal_id, inicio + dt.timedelta(seconds=60))
    assert leido() == "2024-06-01T10:01:00Z"
    # Through the service: a signed status request is a contact too.
    central.ahora = central.ahora + dt.timedelta(hours=1)
    cuerpo = b""
    marca = int(central.ahora.timestamp())
    encabezados = {
        k.lower(): v for k, v in p.encabezados_firmados(f.llave, f.serie, "GET", "/v1/estado", cuerpo, marca).items()
    }
    assert central.servicio.atender("GET", "/v1/estado", {}, encabezados, cuerpo).estado == 200
    assert leido() == marca_utc(central.ahora)
