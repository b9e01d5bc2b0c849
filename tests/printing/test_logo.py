"""The optional municipal logo: ``logo = true`` in impresora.toml, a raster image sized per paper width,
goldens of its own (the goldens without logo stay byte-identical), and a missing file never blocks a print."""

from __future__ import annotations

import pytest

from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.printing import ajustes as modulo_ajustes
from jerez_pos.printing import logo, servicio
from jerez_pos.printing.ajustes import Ajustes
from jerez_pos.printing.conexiones import ImpresoraMemoria
from jerez_pos.printing.escpos import ticket_a_bytes
from jerez_pos.printing.ticket import Logo, como_texto, componer_ticket
from tests.printing.muestras import muestras
from tests.printing.regenerar import CON_LOGO, SUFIJO_LOGO, casos, renderizar

GS_V0 = b"\x1dv0"


def test_ajuste_logo_se_lee_y_se_guarda(tmp_path):
    assert modulo_ajustes.leer(tmp_path).logo is False
    (tmp_path / "impresora.toml").write_text('impresora = "dummy"\nlogo = true\n', encoding="utf-8")
    leidos = modulo_ajustes.leer(tmp_path)
    assert leidos.logo is True
    modulo_ajustes.guardar(tmp_path, leidos)
    assert "logo = true" in (tmp_path / "impresora.toml").read_text(encoding="utf-8")
    assert modulo_ajustes.leer(tmp_path) == leidos
    (tmp_path / "impresora.toml").write_text('logo = "si"\n', encoding="utf-8")
    with pytest.raises(ErrorEntrada, match="logo: debe ser true o false"):
        modulo_ajustes.leer(tmp_path)


def test_logo_solo_cuando_se_pide():
    datos = muestras()["acentos"]
    assert not any(isinstance(x, Logo) for x in componer_ticket(datos, 32).lineas)
    con = componer_ticket(datos, 32, logo=True)
    assert [x for x in con.lineas if isinstance(x, Logo)] == [Logo()]
    assert como_texto(con).splitlines()[0].strip() == "[LOGO]"


@pytest.mark.parametrize(("ancho", "puntos"), [(32, 192), (48, 288)])
def test_imagen_raster_centrada_de_la_mitad_del_papel(ancho, puntos, tmp_path, capsys):
    salida = ticket_a_bytes(componer_ticket(muestras()["acentos"], ancho, logo=True), directorio_datos=tmp_path)
    assert capsys.readouterr().out == ""  # python-escpos's width notice never reaches the command's stdout
    assert salida.count(GS_V0) == 1
    i = salida.index(GS_V0)
    assert salida[i - 6 : i - 3] == b"\x1ba\x01"  # ESC a 1: centred
    ancho_bytes = salida[i + 4] + 256 * salida[i + 5]
    alto = salida[i + 6] + 256 * salida[i + 7]
    assert ancho_bytes * 8 == puntos and alto == puntos // 2
    imagen = logo.logo_ticket(ancho)
    assert imagen.mode == "1" and imagen.size == (puntos, puntos // 2)
    negros = imagen.histogram()[0]
    assert 0.15 < negros / (puntos * puntos // 2) < 0.6  # a real drawing, not blank nor solid


def test_goldens_con_logo_existen_para_ambos_anchos(tmp_path):
    nombres = {nombre for nombre, _ in casos()}
    assert {f"{n}{SUFIJO_LOGO}" for n in CON_LOGO} <= nombres
    for nombre in CON_LOGO:
        for ancho in (32, 48):
            assert GS_V0 not in renderizar(nombre, ancho, tmp_path)
            assert GS_V0 in renderizar(f"{nombre}{SUFIJO_LOGO}", ancho, tmp_path)


def test_servicio_imprime_el_logo_y_sin_archivo_imprime_sin_el(cobrados, monkeypatch, tmp_path):
    terminal = cobrados.libro.terminal
    memoria = ImpresoraMemoria()
    ajustes = Ajustes(logo=True, ancho=58)
    assert servicio.imprimir(terminal, cobrados.tarjeta, copia=7, ajustes=ajustes, impresora=memoria).impreso
    assert GS_V0 in memoria.trabajos[-1]
    monkeypatch.setattr(logo, "ruta_logo", lambda: tmp_path / "no-existe.png")
    assert not modulo_ajustes.con_logo(ajustes)
    assert servicio.imprimir(terminal, cobrados.tarjeta, copia=8, ajustes=ajustes, impresora=memoria).impreso
    assert GS_V0 not in memoria.trabajos[-1]
