"""How big and how contrasted the screens are: A−/A+ and the high-contrast theme (Ajustes de pantalla).

Kept in the terminal's settings, the ``[pantalla]`` section of ``ajustes.toml`` in the data home, so every
cashier of that till sees the same:

    [pantalla]
    letra = 120        # percent of the normal size, 80 to 160 in steps of 10
    contraste = true   # white and yellow on black, thick focus frames

The file is also edited by hand (backups, clock): only the ``[pantalla]`` section is rewritten, atomically.
The stylesheet's sizes are points, so the size is applied by scaling every ``font-size`` of it.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

ARCHIVO = "ajustes.toml"
NORMAL, MINIMO, MAXIMO, PASO = 100, 80, 160, 10
LETRA_BASE_PT = 10
_TAMANO = re.compile(r"font-size:\s*([0-9]+(?:\.[0-9]+)?)pt")
_SECCION = re.compile(r"^\s*\[([^\]]+)\]\s*(?:#.*)?$")

CONTRASTE_QSS = """
QWidget { background: #000000; color: #ffffff; }
QFrame, QLabel { background: #000000; color: #ffffff; }
QLabel[clase="nota"], QLabel[clase="campo"], QLabel[clase="estado"], QLabel[clase="subtitulo"] { color: #ffffff; }
QLabel[clase="error"], QLabel[clase="error-grande"], QLabel[clase="falta"] { color: #ffff00; }
QLabel[clase="cambio"], QLabel[clase="total"], QLabel[clase="importe"] { color: #00ff66; }
QLineEdit, QComboBox, QTableWidget, QListWidget, QTreeWidget, QTextEdit {
    background: #000000; color: #ffffff; border: 2px solid #ffffff;
}
QLineEdit:focus, QComboBox:focus, QTableWidget:focus, QListWidget:focus, QTreeWidget:focus, QPushButton:focus {
    border: 3px solid #ffff00;
}
QTableWidget::item:selected, QListWidget::item:selected, QTreeWidget::item:selected {
    background: #ffff00; color: #000000;
}
QHeaderView::section { background: #000000; color: #ffff00; border: 1px solid #ffffff; }
QPushButton { background: #000000; color: #ffff00; border: 2px solid #ffff00; }
QPushButton:disabled { color: #9ca3af; border-color: #9ca3af; }
"""


@dataclass(frozen=True)
class Apariencia:
    letra: int = NORMAL  # percent
    contraste: bool = False

    def mas(self) -> Apariencia:
        return Apariencia(min(self.letra + PASO, MAXIMO), self.contraste)

    def menos(self) -> Apariencia:
        return Apariencia(max(self.letra - PASO, MINIMO), self.contraste)

    def alternar_contraste(self) -> Apariencia:
        return Apariencia(self.letra, not self.contraste)


def leer(directorio: Path) -> Apariencia:
    """The saved settings; a missing, unreadable or out-of-range value is the normal look (never an error
    that keeps the till from starting: the screen still works)."""
    try:
        datos = tomllib.loads((directorio / ARCHIVO).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return Apariencia()
    seccion = datos.get("pantalla", {})
    if not isinstance(seccion, dict):
        return Apariencia()
    letra = seccion.get("letra", NORMAL)
    valida = isinstance(letra, int) and not isinstance(letra, bool) and MINIMO <= letra <= MAXIMO
    contraste = seccion.get("contraste", False)
    return Apariencia(letra if valida else NORMAL, contraste if isinstance(contraste, bool) else False)


def guardar(directorio: Path, apariencia: Apariencia) -> None:
    """Rewrites only ``[pantalla]`` of ``ajustes.toml``; the other sections stay as they were typed."""
    ruta = directorio / ARCHIVO
    try:
        lineas = ruta.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        lineas = []
    conservadas: list[str] = []
    dentro = False
    for linea in lineas:
        seccion = _SECCION.match(linea)
        if seccion:
            dentro = seccion.group(1).strip() == "pantalla"
        if not dentro:
            conservadas.append(linea)
    while conservadas and not conservadas[-1].strip():
        conservadas.pop()
    nueva = ["[pantalla]", f"letra = {apariencia.letra}", f"contraste = {'true' if apariencia.contraste else 'false'}"]
    texto = "\n".join([*conservadas, *([""] if conservadas else []), *nueva]) + "\n"
    tomllib.loads(texto)  # never leave a file the rest of the program can't read
    directorio.mkdir(parents=True, exist_ok=True)
    temporal = ruta.with_suffix(".toml.tmp")
    temporal.write_text(texto, encoding="utf-8")
    temporal.replace(ruta)


def hoja_de_estilo(base: str, apariencia: Apariencia) -> str:
    """The stylesheet with every ``font-size`` scaled, plus the high-contrast rules when chosen."""
    factor = apariencia.letra / NORMAL

    def escalar(m: re.Match[str]) -> str:
        return f"font-size: {float(m.group(1)) * factor:.1f}pt"

    hoja = _TAMANO.sub(escalar, base)
    return hoja + (CONTRASTE_QSS if apariencia.contraste else "")


def tamano_letra(apariencia: Apariencia) -> float:
    return LETRA_BASE_PT * apariencia.letra / NORMAL


def aplicar(apariencia: Apariencia) -> None:
    """Sets the application's font and stylesheet (every open window follows)."""
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    from jerez_pos.gui.app import estilo

    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    fuente = QFont(app.font())
    fuente.setPointSizeF(tamano_letra(apariencia))
    app.setFont(fuente)
    app.setStyleSheet(hoja_de_estilo(estilo(), apariencia))
