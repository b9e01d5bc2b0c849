"""Ajustes de pantalla: A−/A+ and high contrast, applied at once, kept in the terminal's ajustes.toml
([pantalla]) without touching its other sections, and read again when the app starts."""

from __future__ import annotations

import tomllib

from PySide6.QtWidgets import QApplication

from jerez_pos.gui import apariencia
from tests.gui.teclado import entrar


def test_letra_y_contraste_se_guardan_y_se_aplican(abrir_escritorio, home_demo, qtbot):
    ajustes = home_demo / "ajustes.toml"
    ajustes.write_text("# a mano\n[reloj]\ndias_adelanto = 5\n", encoding="utf-8")
    app = abrir_escritorio(home_demo)
    v = app.ventana
    qt = QApplication.instance()
    normal = qt.font().pointSizeF()
    assert "font-size: 34pt" in qt.styleSheet()  # the big change, as the stylesheet writes it

    v.letra_mas.click()
    v.letra_mas.click()
    assert qt.font().pointSizeF() == normal * 1.2
    assert "font-size: 40.8pt" in qt.styleSheet()  # the change grows with the rest
    entrar(app, qtbot, "demo-cajero")
    assert app.pago.vista.cambio.font().pointSizeF() > 40
    v.contraste.click()
    assert v.contraste.isChecked() and apariencia.CONTRASTE_QSS in qt.styleSheet()
    datos = tomllib.loads(ajustes.read_text(encoding="utf-8"))
    assert datos == {"reloj": {"dias_adelanto": 5}, "pantalla": {"letra": 120, "contraste": True}}
    assert ajustes.read_text(encoding="utf-8").startswith("# a mano\n")

    for _ in range(10):
        v.letra_menos.click()
    assert not v.letra_menos.isEnabled() and apariencia.leer(home_demo).letra == apariencia.MINIMO

    otra = abrir_escritorio(home_demo)  # a new start reads them back
    assert otra.principal.apariencia == apariencia.Apariencia(apariencia.MINIMO, True)
    assert otra.ventana.contraste.isChecked() and apariencia.CONTRASTE_QSS in qt.styleSheet()
    assert qt.font().pointSizeF() == apariencia.tamano_letra(otra.principal.apariencia)


def test_ajustes_ilegibles_dan_la_apariencia_normal(tmp_path):
    (tmp_path / "ajustes.toml").write_text("[pantalla]\nletra = 900\ncontraste = 'sí'\n", encoding="utf-8")
    assert apariencia.leer(tmp_path) == apariencia.Apariencia()
    (tmp_path / "ajustes.toml").write_text("esto no es toml [", encoding="utf-8")
    assert apariencia.leer(tmp_path) == apariencia.Apariencia()


def test_cabecera_nunca_corta_un_boton(escritorio, qtbot):
    """The supervisor's header buttons at 1366×768 and at 125 % (1093 points wide): the name
    shortens or goes, the contrast button becomes one sign, and every button stays whole."""
    from PySide6.QtWidgets import QPushButton

    from jerez_pos.gui import mensajes as M
    from jerez_pos.gui import mensajes_roles as R

    v = escritorio.ventana
    entrar(escritorio, qtbot, "demo-supervisor")
    assert escritorio.principal.actual == "supervisor"
    for ancho in (1366, 1093):  # Windows offers at most 125 % on a 1366×768 screen
        v.resize(ancho, 600)
        qtbot.wait(30)
        botones = [b for b in v.cabecera.findChildren(QPushButton) if b.isVisible()]
        assert len(botones) == 10
        for b in botones:
            assert b.width() >= b.sizeHint().width(), (ancho, b.text(), b.width(), b.sizeHint().width())
            assert b.geometry().right() <= v.cabecera.width()
        assert v.marca.text() in (M.MUNICIPIO_CORTO, "") and v.marca.isVisible() == bool(v.marca.text())
    assert v.contraste.text() == R.CONTRASTE_CORTO and "contraste" in v.contraste.toolTip().lower()
    escritorio.principal.cerrar_sesion()
    v.resize(1366, 768)
    qtbot.wait(30)
    assert v.marca.text() == M.MUNICIPIO and v.contraste.text() == R.CONTRASTE
