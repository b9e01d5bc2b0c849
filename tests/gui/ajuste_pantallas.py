"""Run by ``test_ajuste.py`` in a subprocess (``QT_SCALE_FACTOR`` must be set before Qt starts), one window
size per run: ``AJUSTE_TAMANO=1093x564`` in logical pixels. Not collected on its own (no ``test_`` prefix).

Every main screen is shown in a window of that size: the window must not grow past it, no visible widget of
the screen may fall outside it (widgets inside a scrolling area are the area's business), and the Cobrar
button and the status bar must be visible.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from tests.gui.teclado import buscar_y_elegir, enter, entrar, escribir, tecla


def _en_desplazable(w: QWidget) -> bool:
    padre = w.parentWidget()
    while padre is not None:
        if isinstance(padre, QAbstractScrollArea):
            return True
        padre = padre.parentWidget()
    return False


def fuera(ventana: QWidget, raiz: QWidget) -> list[str]:
    """Visible widgets of ``raiz`` not wholly inside the window."""
    marco = ventana.rect().adjusted(-1, -1, 1, 1)
    problemas = []
    for w in [raiz, *raiz.findChildren(QWidget)]:
        if not w.isVisible() or w.width() == 0 or _en_desplazable(w):
            continue
        rect = QRect(w.mapTo(ventana, QPoint(0, 0)), w.size())
        if not marco.contains(rect):
            nombre = w.objectName() or type(w).__name__
            texto = getattr(w, "text", lambda: "")()
            problemas.append(f"{nombre} «{str(texto)[:30]}» {rect.getRect()} fuera de {ventana.rect().getRect()}")
    return problemas


def _revisar(app, nombre: str, ancho: int, alto: int, obligatorios: tuple[QWidget, ...] = ()) -> list[str]:
    v = app.ventana
    app.esperar()
    problemas = [f"{nombre}: {p}" for p in fuera(v, app.principal.pantallas[nombre].vista)]
    if v.width() > ancho or v.height() > alto:
        problemas.append(f"{nombre}: la ventana creció a {v.width()}×{v.height()} (pantalla {ancho}×{alto})")
    for w in (v.statusBar(), *obligatorios):
        rect = QRect(w.mapTo(v, QPoint(0, 0)), w.size())
        if not w.isVisible() or not v.rect().contains(rect):
            problemas.append(f"{nombre}: {type(w).__name__} «{getattr(w, 'text', lambda: '')()}» no se ve")
    return problemas


def test_pantallas_caben(abrir_escritorio, home_demo, qtbot):
    from tests.gui.test_fase2 import _importar_padron

    ancho, alto = (int(x) for x in os.environ.get("AJUSTE_TAMANO", "1366x705").split("x"))
    _importar_padron(home_demo)
    problemas: list[str] = []

    app = abrir_escritorio(home_demo)
    app.ventana.resize(ancho, alto)
    entrar(app, qtbot, "demo-cajero")
    cobrar = app.cobro.vista.recibo.cobrar
    buscar_y_elegir(app, qtbot, "A85-II")
    tecla(app, qtbot, "F4")
    problemas += _revisar(app, "cobro", ancho, alto, (cobrar,))
    tecla(app, qtbot, "F12")
    problemas += _revisar(app, "pago", ancho, alto, (app.pago.vista.confirmar, app.pago.vista.cambio))
    tecla(app, qtbot, "F7")
    tecla(app, qtbot, "F12")
    problemas += _revisar(app, "pago", ancho, alto, (app.pago.vista.cambio,))
    tecla(app, qtbot, "F5")
    problemas += _revisar(app, "recibos", ancho, alto, (app.recibos.vista.anular,))
    tecla(app, qtbot, "F9")
    problemas += _revisar(app, "corte", ancho, alto)

    app = abrir_escritorio(home_demo)
    app.ventana.resize(ancho, alto)
    entrar(app, qtbot, "demo-supervisor")
    problemas += _revisar(app, "supervisor", ancho, alto, (app.supervisor.vista.cerrar,))

    app = abrir_escritorio(home_demo)
    app.ventana.resize(ancho, alto)
    entrar(app, qtbot, "demo-inspector")
    escribir(qtbot, app.turno.vista.fondo, "0")
    enter(app, qtbot, app.turno.vista.fondo)
    problemas += _revisar(app, "inspector", ancho, alto, (app.inspector.vista.entregar,))
    assert not problemas, "\n".join(problemas)
