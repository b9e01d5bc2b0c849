"""Administración › «Nuevo ejercicio», driven like an administrator: a small law made from the 2024 decree
(A85-II's factor 1.0603 → 1.1100 and a new fraction I of Art. 105 at 1.2500 UMA) becomes a draft in the
worker with a progress bar; the change shows both laws' sentences; the new concept's shape is refused by the
catalog loader while it lacks its amount and accepted with it; publication needs a second person with their
own password, and both are in the audit log.

Hand-computed after publishing: A85-II in June 2025 = 1.1100 × 113.14 = 125.5854 → $125.59."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import Qt

from jerez_pos.gui import mensajes as M
from jerez_pos.gui.vistas import nuevo_ejercicio as T
from jerez_pos.ledger import auditoria
from jerez_pos.ledger.terminal import Terminal
from tests.catalogo.test_borrador import LEY, cambiar
from tests.gui.teclado import enter, entrar, escribir, esperar
from tests.gui.test_pdf import pestana


def _ley(tmp_path):
    ley = cambiar(LEY, 85, "1.0603", "1.1100")
    ley = cambiar(ley, 105, "4.9885 veces la Unidad de Medida y Actualización diaria.",
                  "4.9885 veces la Unidad de Medida y Actualización diaria.\nI. Por la reposición de la "
                  "credencial de director responsable de obra…… 1.2500")  # fmt: skip
    ruta = tmp_path / "ley-2025.txt"
    ruta.write_text(ley, encoding="utf-8")
    return ruta


def _clic(app, qtbot, boton) -> None:
    qtbot.mouseClick(boton, Qt.MouseButton.LeftButton)
    esperar(app, qtbot)


def test_nuevo_ejercicio_de_la_ley_a_la_publicacion(abrir_escritorio, home_demo, qtbot, tmp_path):
    app = abrir_escritorio(home_demo)
    entrar(app, qtbot, "demo-admin")
    admin = app.administracion.vista
    admin.pestanas.setCurrentIndex(pestana(admin, T.PESTANA))
    v, control = admin.nuevo_ejercicio, app.administracion.nuevo_ejercicio
    assert v.campo(v.ejercicio).text() == "2025"  # the year after the newest catalog

    # 1: the law, built in the worker; the bar goes to 100 through the steps it reported.
    avances: list[int] = []
    v.avance.valueChanged.connect(avances.append)
    escribir(qtbot, v.campo(v.ley), str(_ley(tmp_path)))
    escribir(qtbot, v.campo(v.carpeta), str(tmp_path / "borrador"))
    qtbot.keyClick(v.campo(v.carpeta), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: control.preparado is not None, timeout=120_000)
    esperar(app, qtbot)
    assert avances[-1] == 100 and len(set(avances)) >= 4 and avances == sorted(avances)
    assert "cambios de monto: 1" in v.resumen.text() and "nuevos: 1" in v.resumen.text()

    # 2: the change, side by side with both laws' sentences.
    assert v.pasos.currentIndex() == 1
    filas = [v.renglones.item(i).text() for i in range(v.renglones.count())]
    v.renglones.setCurrentRow(next(i for i, f in enumerate(filas) if f.startswith("A85-II  [cambio]")))
    assert "1.0603" in v.frase_antes.toPlainText() and "1.1100" in v.frase_despues.toPlainText()
    assert "1.0603" in v.tarifa.text() and "1.1100" in v.tarifa.text()

    # 3: the new concept: the loader refuses it without its amount; nothing is written; then accepted.
    v.pasos.setCurrentIndex(2)
    pendientes = [v.pendientes.item(i).text() for i in range(v.pendientes.count())]
    v.pendientes.setCurrentRow(next(i for i, f in enumerate(pendientes) if f.startswith("A105-I  [nuevo]")))
    esperar(app, qtbot)
    assert "1.2500" in v.texto_ley.toPlainText() and 'fundamento = "Art. 105"' in v.otros.toPlainText()
    assert v.forma.currentText() == "uma_fija" and v.campo(v.monto).text() == "1.2500"
    escribir(qtbot, v.campo(v.monto), "")
    _clic(app, qtbot, v.aplicar)
    errores = [v.errores_forma.item(i).text() for i in range(v.errores_forma.count())]
    assert v.errores_forma.isVisible() and any("«monto»: la forma uma_fija lo requiere" in e for e in errores)
    assert "no se guardó nada" in v.resultado_forma.text()
    escribir(qtbot, v.campo(v.monto), "1.2500")
    _clic(app, qtbot, v.aplicar)
    esperar(app, qtbot)
    assert v.resultado_forma.text() == T.FORMA_APLICADA.format("A105-I")
    assert not any(p.clave == "A105-I" for p in control.pendientes)

    # 4: two people. The one who prepared cannot approve; a wrong password is refused; then the supervisor.
    v.pasos.setCurrentIndex(3)
    _clic(app, qtbot, v.preparar)
    assert v.preparada.text().startswith("Preparada por demo-admin: jerez-2025")
    escribir(qtbot, v.campo(v.aprobador), "demo-admin")
    escribir(qtbot, v.campo(v.contrasena), "demo")
    enter(app, qtbot, v.campo(v.contrasena))
    assert "otra persona" in v.publicada.text() and v.campo(v.contrasena).text() == ""
    escribir(qtbot, v.campo(v.aprobador), "demo-supervisor")
    escribir(qtbot, v.campo(v.contrasena), "equivocada")
    enter(app, qtbot, v.campo(v.contrasena))
    assert v.publicada.text() == "Usuario o contraseña incorrectos"
    escribir(qtbot, v.campo(v.contrasena), "demo")
    enter(app, qtbot, v.campo(v.contrasena))
    assert v.publicada.text().startswith("jerez-2025 v1 publicado: preparó demo-admin, aprobó demo-supervisor")

    terminal = app.principal.servicios.terminal
    assert terminal.motor.cotizar("A85-II", {}, dt.date(2025, 6, 16)).importe == Decimal("125.59")
    acciones = [(e["usuario"], e["accion"]) for e in auditoria.eventos(terminal.bd, 30)]
    assert ("demo-admin", "publicación de catálogo preparada") in acciones
    assert ("demo-supervisor", "publicación de catálogo aprobada") in acciones
    # The catalogs tab lists it at once.
    app.administracion.cargar_catalogos()
    esperar(app, qtbot)
    assert admin.catalogos.item(admin.catalogos.rowCount() - 1, 0).text() == "jerez-2025 v1"


def test_la_tabla_de_uma_muestra_lo_publicado_y_lo_que_falta(abrir_escritorio, home_demo, qtbot, tmp_path):
    # A year imported in the old format (daily value only): its monthly and annual are missing, never derived.
    viejo = tmp_path / "uma.csv"
    viejo.write_text("anio,diaria,vigente_desde,fuente\n2027,121.00,2027-02-01,X\n", encoding="utf-8")
    terminal = Terminal(home_demo)
    terminal.importar_uma(viejo, usuario="demo-admin")
    terminal.bd.dispose()
    app = abrir_escritorio(home_demo)
    entrar(app, qtbot, "demo-admin")
    admin = app.administracion.vista
    admin.pestanas.setCurrentIndex(pestana(admin, M.PESTANA_UMA))
    esperar(app, qtbot)
    filas = {
        admin.uma.item(n, 0).text(): [admin.uma.item(n, c).text() for c in range(1, 4)]
        for n in range(admin.uma.rowCount())
    }
    assert filas["2024"] == ["$108.57", "$3,300.53", "$39,606.36"]
    assert filas["2025"] == ["$113.14", "$3,439.46", "$41,273.52"]
    assert filas["2027"][1:] == ["falta", "falta"]
