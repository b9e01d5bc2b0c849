"""Issue 14's keystroke budgets, counted on the real window: every key goes as a key event to the widget that
has the focus (F-keys reach the app's shortcuts the way a keyboard's do), from the search box to the change on
screen, ready for the next customer. Each test checks that the receipt really is in the ledger."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from jerez_pos.ledger import consultas, favoritos
from jerez_pos.printing import ajustes
from tests.gui.teclado import esperar

PRESUPUESTOS = {"acta_palabras": 10, "acta_favorito": 5, "giro": 12, "piso": 10}
MEDIDAS: dict[str, int] = {}

TECLAS = {
    "Enter": Qt.Key.Key_Return,
    "Esc": Qt.Key.Key_Escape,
    "Espacio": Qt.Key.Key_Space,
    "↓": Qt.Key.Key_Down,
    **{f"F{n}": getattr(Qt.Key, f"Key_F{n}") for n in range(1, 13)},
}


class Teclado:
    """Counts what the cashier presses; ``escribir`` is one key per character."""

    def __init__(self, app, qtbot) -> None:
        self.app = app
        self.qtbot = qtbot
        self.cuenta = 0
        ventana = app.ventana
        ventana.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is ventana, timeout=5000)

    def _foco(self):
        foco = QApplication.focusWidget()
        assert foco is not None, "nothing has the keyboard focus"
        return foco

    def pulsar(self, *nombres: str) -> None:
        for nombre in nombres:
            self.cuenta += 1
            self.qtbot.keyClick(self._foco(), TECLAS[nombre])
            esperar(self.app, self.qtbot)

    def escribir(self, texto: str) -> None:
        for letra in texto:
            self.cuenta += 1
            self.qtbot.keyClicks(self._foco(), letra)
        esperar(self.app, self.qtbot)


def _con_impresora(app, tmp_path) -> None:
    directorio = app.principal.servicios.terminal.directorio
    ajustes.guardar(directorio, ajustes.leer(directorio).con(f"archivo:{tmp_path / 'ticket.bin'}", 80))


def _listo_para_el_siguiente(app, qtbot, teclado: Teclado, nombre: str, claves: list[str]) -> None:
    """The receipt is issued with exactly these lines, it is in the ledger, the change is on screen and the
    next customer's first letter already searches."""
    pago = app.pago
    emitido = pago.ultimo_emitido
    assert emitido is not None and emitido.folio
    assert app.principal.actual == "pago" and pago.mostrando_cambio and emitido.folio in pago.vista.emitido.text()
    assert emitido.cambio == Decimal("0") and [x["clave"] for x in emitido.lineas] == claves
    principal = app.principal
    guardado = consultas.detalle(principal.servicios.terminal.bd, principal.sesion, emitido.folio)
    assert guardado.resumen.a_pagar_centavos == int(emitido.a_pagar * 100) > 0
    assert [x["clave"] for x in guardado.lineas] == claves
    assert sum(x["importe_centavos"] for x in guardado.pagos) == int(emitido.a_pagar * 100)
    MEDIDAS[nombre] = teclado.cuenta
    print(f"{nombre}: {teclado.cuenta} teclas (presupuesto {PRESUPUESTOS[nombre]}), folio {emitido.folio} "
          f"por {emitido.a_pagar}")  # fmt: skip
    assert teclado.cuenta <= PRESUPUESTOS[nombre]
    qtbot.keyClicks(pago.vista.efectivo, "a")  # the next customer: not counted, it is already their search
    esperar(app, qtbot)
    assert principal.actual == "cobro" and app.cobro.vista.buscar.buscador.text() == "a"
    assert app.cobro.borrador.lineas == []


def test_acta_de_nacimiento_por_palabras(cajero, qtbot, tmp_path):
    _con_impresora(cajero, tmp_path)
    t = Teclado(cajero, qtbot)
    assert cajero.cobro.vista.buscar.buscador.hasFocus()
    t.escribir("acta n")  # the words' beginnings: «acta» and «nacimiento»
    t.pulsar("Enter")  # the first result
    assert cajero.cobro.vista.concepto.clave.text() == "A85-II"
    t.pulsar("F4", "F12")  # add, to Pago
    assert cajero.principal.actual == "pago"
    t.pulsar("Enter")  # nothing typed: exact cash
    _listo_para_el_siguiente(cajero, qtbot, t, "acta_palabras", ["A85-II"])


def test_acta_de_nacimiento_favorita(cajero, qtbot, tmp_path):
    _con_impresora(cajero, tmp_path)
    terminal = cajero.principal.servicios.terminal
    favoritos.agregar(terminal.directorio, terminal.catalogo(), "A85-II")
    cajero.cobro.busqueda.favoritos.mostrar()
    esperar(cajero, qtbot)
    t = Teclado(cajero, qtbot)
    t.pulsar("Enter")  # the empty box: the first favourite
    assert cajero.cobro.vista.concepto.clave.text() == "A85-II"
    t.pulsar("F4", "F12", "Enter")
    _listo_para_el_siguiente(cajero, qtbot, t, "acta_favorito", ["A85-II"])


def test_renovacion_de_licencia_por_giro(cajero, qtbot, tmp_path):
    """A cafetería (giro 91) renews its licence and its beer sale: the giro's own line is due, the beer
    alternative is ticked by the cashier with Space after looking at it, F6 asks once."""
    _con_impresora(cajero, tmp_path)
    vista = cajero.cobro.vista
    t = Teclado(cajero, qtbot)
    t.pulsar("F2")
    t.escribir("91")
    t.pulsar("Enter")
    arbol = vista.giro.sugerencias
    assert arbol.hasFocus() and arbol.currentItem().data(0, Qt.ItemDataRole.UserRole) == "A114-III-91"
    while arbol.currentItem().data(0, Qt.ItemDataRole.UserRole) != "A106-IV-b":
        t.pulsar("↓")
        assert t.cuenta < 10
    t.pulsar("Espacio", "F6")
    pregunta = cajero.cobro.busqueda.giro.pregunta
    assert pregunta is not None and pregunta.isVisible()
    qtbot.waitUntil(lambda: pregunta.isAncestorOf(QApplication.focusWidget()), timeout=3000)
    t.pulsar("Enter")  # «Sí» to the list of marked lines and amounts
    t.pulsar("F12", "Enter")
    _listo_para_el_siguiente(cajero, qtbot, t, "giro", ["A114-III-91", "A106-IV-b"])


def test_derecho_de_piso_en_ventanilla(cajero, qtbot, tmp_path):
    """A vendor pays a day of a fixed stall on the public way (Art. 72 fr. II) at the window."""
    _con_impresora(cajero, tmp_path)
    t = Teclado(cajero, qtbot)
    t.escribir("piso")
    t.pulsar("Enter")
    formulario = cajero.cobro.vista.concepto.formulario
    assert cajero.cobro.vista.concepto.clave.text() == "A72-II"
    assert formulario.campos["dias"].editor.hasFocus()
    t.escribir("1")
    t.pulsar("Enter")  # Enter in the form adds the line
    t.pulsar("F12", "Enter")
    _listo_para_el_siguiente(cajero, qtbot, t, "piso", ["A72-II"])
