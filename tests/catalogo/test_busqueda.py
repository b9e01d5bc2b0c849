"""The cashier's search: accents and case do not matter; keys, articles and giro numbers rank first."""

import pytest

from jerez_pos.ledger.busqueda import orden_natural


def _claves(terminal, consulta, limite=10):
    return [h.clave for h in terminal.buscar(consulta, limite)]


@pytest.mark.parametrize("consulta", ["cafeteria con venta", "CAFETERÍA CON VENTA", "Cafeteria Con Venta De"])
def test_sin_acentos_encuentra_cafeteria_con_cerveza(terminal, consulta):
    assert _claves(terminal, consulta)[0] == "A114-III-91"


def test_cafeteria_encuentra_los_tres_giros(terminal):
    assert {"A114-III-90", "A114-III-91", "A114-III-285"} <= set(_claves(terminal, "cafeteria"))


def test_enie_se_pliega(terminal):
    for consulta in ("senal de sangre", "SEÑAL DE SANGRE", "señal"):
        assert "A122-I-sangre" in _claves(terminal, consulta)


def test_clave_exacta_primero(terminal):
    assert _claves(terminal, "a85-ii")[0] == "A85-II"
    assert terminal.buscar("A85-II", 3)[0].orden == 0


@pytest.mark.parametrize("consulta", ["A85", "art 85", "Art. 85", "artículo 85"])
def test_articulo_en_orden_de_la_ley(terminal, consulta):
    claves = _claves(terminal, consulta, 30)
    assert all(c.startswith("A85-") for c in claves[:10])
    propias = [c for c in claves if c.startswith("A85-")]
    assert propias == sorted(propias, key=orden_natural)
    assert propias.index("A85-II") < propias.index("A85-IX") < propias.index("A85-X")


def test_numero_de_giro(terminal):
    assert "A114-III-61" in _claves(terminal, "61")


def test_palabras_y_descripcion_original(terminal):
    hallazgos = terminal.buscar("acta de nacimiento", 5)
    assert hallazgos and hallazgos[0].clave == "A85-II"
    assert "Nacimiento" in hallazgos[0].descripcion


def test_consulta_vacia_o_sin_resultados(terminal):
    assert terminal.buscar("   ") == []
    assert terminal.buscar("xyzzyqw") == []


def test_buscar_mientras_otro_proceso_escribe(terminal):
    """Readers take no write lock (WAL + deferred read transactions): search works during a long write."""
    from sqlalchemy import text

    with terminal.bd.begin() as escritura:
        escritura.execute(
            text(
                "INSERT INTO auditoria (fecha, usuario, accion, detalle) "
                "VALUES ('1999-02-01', 'prueba', 'escritura larga', '')"
            )
        )
        assert _claves(terminal, "a85-ii")[0] == "A85-II"
        escritura.rollback()


def test_las_palabras_de_la_descripcion_pesan_mas_que_el_rubro(terminal):
    # Every A103 item sits under the rubro "Licencias de Construcción"; the licence itself must come first.
    assert _claves(terminal, "licencia construccion")[0] == "A103-I"
    assert _claves(terminal, "matrimonio")[0].startswith("A85-")
