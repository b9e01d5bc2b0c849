"""The desktop app over a real demo data home, offscreen: users demo-cajero (open shift), demo-supervisor..."""

from __future__ import annotations

import os
import shutil

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="session")
def home_plantilla(tmp_path_factory):
    """One demo home built once (migrations, catalog, users, open shift); each test gets a copy."""
    from jerez_pos.ledger import demo
    from jerez_pos.ledger.terminal import Terminal

    directorio = tmp_path_factory.mktemp("plantilla-gui")
    terminal = Terminal(directorio)
    demo.preparar(terminal)
    terminal.bd.dispose()
    return directorio


@pytest.fixture
def home_demo(home_plantilla, tmp_path):
    destino = tmp_path / "home"
    shutil.copytree(home_plantilla, destino)
    return destino


@pytest.fixture
def abrir_escritorio(qtbot):
    """Builds the app over a home; stops its worker and closes the database at the end."""
    from jerez_pos.gui.app import aplicacion, construir
    from jerez_pos.ledger.terminal import Terminal

    abiertos = []

    def abrir(home):
        aplicacion()
        terminal = Terminal(home)
        escritorio = construir(terminal)
        qtbot.addWidget(escritorio.ventana)
        escritorio.ventana.show()
        abiertos.append((escritorio, terminal))
        escritorio.esperar()
        return escritorio

    yield abrir
    for escritorio, terminal in abiertos:
        assert escritorio.principal.sincronizacion.detener(5)
        escritorio.principal.trabajador.detener()
        terminal.bd.dispose()


@pytest.fixture
def escritorio(abrir_escritorio, home_demo):
    return abrir_escritorio(home_demo)


@pytest.fixture
def cajero(escritorio, qtbot):
    """The app with demo-cajero logged in (the demo home already has the shift open): on Cobro."""
    from tests.gui.teclado import entrar

    entrar(escritorio, qtbot, "demo-cajero")
    assert escritorio.principal.actual == "cobro"
    return escritorio


@pytest.fixture
def dialogo(monkeypatch):
    """``dialogo.ruta = …`` is what the next save dialog answers; ``dialogo.pedidos`` what it was asked."""
    from PySide6.QtWidgets import QFileDialog

    class Dialogo:
        def __init__(self) -> None:
            self.ruta: object = ""
            self.pedidos: list[tuple[str, str]] = []

        def __call__(self, _padre, titulo, sugerido, _filtro):
            self.pedidos.append((titulo, sugerido))
            return str(self.ruta), "Documento PDF (*.pdf)"

    falso = Dialogo()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", falso)
    return falso
