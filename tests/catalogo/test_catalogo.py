"""The catalog is the law: complete, well-formed, faithful to the text, and every concept prices."""

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from jerez_pos.catalogo.cargar import cargar
from jerez_pos.catalogo.fidelidad import articulos, revisar
from jerez_pos.core.errores import CatalogoInvalido, TarifaPorVerificar

from ..conftest import CATALOGO, JUNIO_2024

LEY = CATALOGO / "fuente" / "ley.txt"


def test_tamano_y_cobertura(catalogo):
    propios = [c for c in catalogo.conceptos.values() if c.padre is None]
    assert len(catalogo.conceptos) >= 1100
    articulos_cubiertos = {c.articulo for c in propios}
    # Every article of Títulos Segundo a Sexto that states an amount has at least one concept.
    for articulo in (
        31,
        32,
        36,
        57,
        65,
        72,
        73,
        75,
        76,
        78,
        79,
        80,
        83,
        84,
        85,
        86,
        87,
        88,
        89,
        90,
        93,
        96,
        101,
        102,
        103,
        106,
        107,
        108,
        109,
        110,
        114,
        116,
        117,
        118,
        119,
        122,
        127,
        129,
        135,
        141,
        147,
        148,
        149,
        150,
        154,
        156,
        157,
        158,
    ):
        assert articulo in articulos_cubiertos, f"Art. {articulo} sin conceptos"


def _claves_del_catalogo() -> list[str]:
    return sorted(cargar(CATALOGO).conceptos)


@pytest.mark.parametrize("clave", _claves_del_catalogo())
def test_cada_concepto_se_cotiza_con_su_ejemplo(motor, catalogo, clave):
    concepto = catalogo.conceptos[clave]
    try:
        cot = motor.cotizar(clave, dict(concepto.ejemplo), JUNIO_2024)
    except TarifaPorVerificar:
        assert concepto.verificar or catalogo.conceptos[concepto.padre or clave].verificar
        return
    assert cot.importe >= 0 and cot.total >= 0
    assert cot.fundamento.startswith(f"Art. {concepto.articulo}")
    assert cot.fundamento.endswith("Ley de Ingresos 2024 de Jerez")
    assert cot.explicacion.endswith(concepto.fundamento)


def test_fidelidad_cada_numero_esta_en_su_articulo(catalogo):
    assert revisar(catalogo, LEY) == []


def test_fidelidad_detecta_un_numero_alterado(tmp_path):
    copia = tmp_path / "cat"
    shutil.copytree(CATALOGO, copia)
    archivo = copia / "conceptos" / "a084-a100.toml"
    texto = archivo.read_text(encoding="utf-8")
    assert '"1.0603"' in texto
    archivo.write_text(texto.replace('"1.0603"', '"1.0630"', 1), encoding="utf-8")
    problemas = revisar(cargar(copia), copia / "fuente" / "ley.txt")
    assert any("1.0630" in p and "Art. 85" in p for p in problemas)


def test_articulos_del_decreto():
    partes = articulos(LEY.read_text(encoding="utf-8"))
    assert set(range(1, 163)) <= set(partes)
    assert "0.9941" in partes[87]


def test_rubros_y_fundamentos(catalogo):
    rubros = {
        linea
        for linea in (CATALOGO / "rubros.txt").read_text(encoding="utf-8").splitlines()
        if linea and not linea.startswith("#")
    }
    for c in catalogo.conceptos.values():
        assert c.rubro in rubros, c.clave
        assert c.descripcion.strip(), c.clave


def test_verificar_expone_el_texto_crudo(catalogo):
    marcadas = [c for c in catalogo.conceptos.values() if c.verificar and c.padre is None]
    assert "A65-II" in {c.clave for c in marcadas}
    assert all(c.texto_fuente.strip() for c in marcadas)


class TestGiros:
    def test_470_giros_numerados(self, catalogo):
        assert [g.numero for g in catalogo.giros] == list(range(1, 471))

    @pytest.mark.parametrize(
        ("numero", "nombre", "uma"),
        [
            (1, "Abarrotes con venta de cerveza", "3.5805"),
            (2, "Abarrotes sin cerveza", "2.4229"),
            (466, "Vinos y licores", "9.3686"),
            (470, "Zapatería", "3.5805"),
        ],
    )
    def test_renglones_de_la_ley(self, catalogo, numero, nombre, uma):
        giro = catalogo.giro(numero)
        assert giro is not None and giro.nombre == nombre and giro.uma == Decimal(uma)
        assert catalogo.conceptos[f"A114-III-{numero}"].monto == Decimal(uma)

    def test_factor_de_cada_giro_esta_en_el_art_114(self, catalogo):
        texto = articulos(LEY.read_text(encoding="utf-8"))[114]
        for giro in catalogo.giros:
            assert f"{giro.numero}. " in texto and str(giro.uma) in texto, giro.numero

    def test_vinculos_apuntan_a_conceptos_existentes(self, catalogo):
        for regla in catalogo.vinculos:
            for clave in regla.claves:
                assert clave == "A114-III-{numero}" or clave in catalogo.conceptos


def _copia_con(tmp_path: Path, archivo: str, viejo: str, nuevo: str) -> Path:
    copia = tmp_path / "cat"
    shutil.copytree(CATALOGO, copia)
    ruta = copia / archivo
    texto = ruta.read_text(encoding="utf-8")
    assert viejo in texto
    ruta.write_text(texto.replace(viejo, nuevo, 1), encoding="utf-8")
    return copia


@pytest.mark.parametrize(
    ("archivo", "viejo", "nuevo", "campo"),
    [
        ("conceptos/a084-a100.toml", 'monto = "1.0603"', "monto = 1.0603", "monto"),
        ("conceptos/a084-a100.toml", 'forma = "uma_fija"', 'forma = "uma_fijo"', "forma"),
        ("conceptos/a084-a100.toml", 'rubro = "Derechos', 'rubro = "Derechoz', "rubro"),
        ("conceptos/a057-predial.toml", 'clave = "A57-IV"', 'clave = "A57"', "clave"),
        ("giros.csv", "3.5805", "tres", "numero/uma"),
    ],
)
def test_catalogo_malformado_se_rechaza_entero(tmp_path, archivo, viejo, nuevo, campo):
    with pytest.raises(CatalogoInvalido) as exc:
        cargar(_copia_con(tmp_path, archivo, viejo, nuevo))
    problema = next(p for p in exc.value.problemas if f"«{campo}»" in p)
    assert Path(archivo).name in problema
    if archivo.endswith(".toml"):
        assert "línea" in problema


def test_sintaxis_toml_rota(tmp_path):
    with pytest.raises(CatalogoInvalido) as exc:
        cargar(_copia_con(tmp_path, "conceptos/a141.toml", "[[concepto]]", "[[concepto]"))
    assert "a141.toml" in exc.value.problemas[0]


def test_anio_sin_catalogo_usa_el_anterior_con_advertencia(motor):
    cot = motor.cotizar("A85-II", {}, dt.date(2026, 3, 2))
    assert cot.catalogo == "jerez-2024 v2"
    assert cot.uma == Decimal("117.31")
    assert any("No existe catálogo para 2026" in a for a in cot.advertencias)


def test_estructura_titulo_capitulo_seccion(catalogo):
    """Every concept sits under the law's own Título › Capítulo › Sección (the browsing tree)."""
    texto = LEY.read_text(encoding="utf-8")
    for concepto in catalogo.conceptos.values():
        titulo, capitulo, seccion = catalogo.ubicacion(concepto)
        assert titulo.startswith("Título ") and capitulo.startswith("Capítulo "), concepto.clave
        assert seccion.startswith("Sección "), concepto.clave
    assert catalogo.ubicacion(catalogo.conceptos["A85-II"])[2] == "Sección Segunda: Registro Civil"
    assert catalogo.ubicacion(catalogo.conceptos["A141-I"])[1] == "Capítulo I: Multas"
    for _titulo, _capitulo, seccion in set(catalogo.estructura.values()):
        assert seccion.split(": ", 1)[1] in texto  # the heading's name is the law's, not invented
