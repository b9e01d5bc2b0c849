"""The main window: a header with the navigation keys, the screens in a stack, and the status bar."""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from jerez_pos.gui import mensajes as M
from jerez_pos.gui import mensajes_roles as R
from jerez_pos.gui.vistas.comunes import boton, etiqueta


class VentanaPrincipal(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle(M.TITULO_APP)
        # Small enough for 1366×768 at 150 % (910×512 logical pixels): the screens fit, the window never
        # grows past the screen (the app opens maximised).
        self.setMinimumSize(800, 450)
        central = QWidget()
        capa = QVBoxLayout(central)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.setSpacing(0)
        self.cabecera = QFrame()
        self.cabecera.setProperty("clase", "cabecera")
        capa_cabecera = QHBoxLayout(self.cabecera)
        capa_cabecera.setContentsMargins(16, 6, 16, 6)
        self.marca = etiqueta(M.MUNICIPIO, "cabecera-titulo")
        self.ir_inicio = boton(R.IR_INICIO, "navegacion")
        self.ir_cobro = boton(M.IR_COBRO, "navegacion")
        self.ir_recibos = boton(M.IR_RECIBOS, "navegacion")
        self.ir_corte = boton(M.IR_CORTE, "navegacion")
        self.ir_inspector = boton(M.IR_INSPECTOR, "navegacion")
        self.ir_admin = boton(M.IR_ADMIN, "navegacion")
        self.salir = boton(M.SALIR, "navegacion")
        capa_cabecera.addWidget(self.marca)
        capa_cabecera.addStretch(1)
        # Ajustes de pantalla, on every screen (the login too): letter size and high contrast.
        self.letra_menos = boton(R.LETRA_MENOS, "navegacion")
        self.letra_mas = boton(R.LETRA_MAS, "navegacion")
        self.contraste = boton(R.CONTRASTE, "navegacion")
        self.contraste.setCheckable(True)
        for b, pista in ((self.letra_menos, R.LETRA_PISTA), (self.letra_mas, R.LETRA_PISTA),
                         (self.contraste, R.CONTRASTE_PISTA)):  # fmt: skip
            b.setToolTip(pista)
            b.setAccessibleName(pista)
            b.setFocusPolicy(b.focusPolicy().NoFocus)
            capa_cabecera.addWidget(b)
        for b in (self.ir_inicio, self.ir_cobro, self.ir_inspector, self.ir_recibos, self.ir_corte, self.ir_admin,
                  self.salir):  # fmt: skip
            b.setFocusPolicy(b.focusPolicy().NoFocus)
            capa_cabecera.addWidget(b)
        self.aviso = etiqueta("", "banda-aviso", ajustar=True)
        self.aviso.hide()
        self.banda_demo = etiqueta(M.BANDA_DEMO, "banda-demo")
        self.banda_demo.hide()
        self.pantallas = QStackedWidget()
        capa.addWidget(self.cabecera)
        capa.addWidget(self.banda_demo)
        capa.addWidget(self.aviso)
        capa.addWidget(self.pantallas, 1)
        self.setCentralWidget(central)

        barra = self.statusBar()
        self.estado_catalogo = QLabel(M.CARGANDO_CATALOGO)
        self.estado_usuario = QLabel(M.SIN_USUARIO)
        self.estado_turno = QLabel(M.SIN_TURNO)
        self.estado_impresora = QLabel(M.IMPRESORA_NO)
        self.estado_sincronizacion = QLabel(M.SINCRONIZACION_NO)
        self.estado_terminal = QLabel("")
        barra.addWidget(self.estado_catalogo, 1)
        # The catalog line gives way first when the window is narrow; the tooltip keeps the whole text.
        self.estado_catalogo.setMinimumWidth(80)
        self.estado_catalogo.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        for etiqueta_estado in (
            self.estado_terminal,
            self.estado_usuario,
            self.estado_turno,
            self.estado_impresora,
            self.estado_sincronizacion,
        ):
            etiqueta_estado.setProperty("clase", "estado")
            barra.addPermanentWidget(etiqueta_estado)

        self.sincronizar = boton(M.SINCRONIZAR_AHORA, "navegacion-barra")
        self.sincronizar.hide()
        barra.addPermanentWidget(self.sincronizar)

    def navegacion_visible(self, visible: bool, rol: str = "") -> None:
        for b in (self.ir_cobro, self.ir_recibos, self.ir_corte, self.salir):
            b.setVisible(visible)
        self.ir_inspector.setVisible(visible and rol in ("inspector", "supervisor"))
        self.ir_inicio.setVisible(visible and rol == "supervisor")
        self.ir_admin.setVisible(visible and rol in ("administrador", "supervisor"))
        self.ajustar_marca()

    def ajustar_marca(self) -> None:
        """Every navigation button whole, whatever the width: the municipality's full name when it fits, then a
        short one; when even that would cut a button (the supervisor's nine at 125 %), no name and a one-sign
        contrast button. A button is never cut: its F-key is what the cashier reads."""
        capa = self.cabecera.layout()
        if capa is None:
            return
        margenes = capa.contentsMargins()
        self.contraste.setText(R.CONTRASTE)
        botones = [item.widget() for i in range(capa.count()) if (item := capa.itemAt(i)) is not None]
        visibles = [b for b in botones if b is not None and b is not self.marca and not b.isHidden()]
        ocupado = sum(b.sizeHint().width() for b in visibles) + capa.spacing() * (len(visibles) + 1)
        libre = self.cabecera.width() - margenes.left() - margenes.right() - ocupado
        medida = self.marca.fontMetrics().horizontalAdvance
        if medida(M.MUNICIPIO) + 8 <= libre:
            texto = M.MUNICIPIO
        elif medida(M.MUNICIPIO_CORTO) + 8 <= libre:
            texto = M.MUNICIPIO_CORTO
        else:
            texto = ""
            self.contraste.setText(R.CONTRASTE_CORTO)
        self.marca.setVisible(bool(texto))
        if self.marca.text() != texto:
            self.marca.setText(texto)
            self.marca.setToolTip(M.MUNICIPIO)

    def resizeEvent(self, evento: QResizeEvent) -> None:
        super().resizeEvent(evento)
        self.ajustar_marca()
