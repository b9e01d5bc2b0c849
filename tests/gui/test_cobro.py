"""Cobro: finding concepts by typing, charging by giro, validation in place, the running receipt."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from jerez_pos.core.dinero import ajuste_efectivo, pesos
from tests.gui.teclado import buscar_y_elegir, claves_recibo, claves_resultado, enter, escribir, esperar, tecla


def test_encuentra_concepto_con_y_sin_acentos(cajero, qtbot):
    buscador = cajero.cobro.vista.buscar.buscador
    escribir(qtbot, buscador, "cafetería")
    esperar(cajero, qtbot)
    con_acento = claves_resultado(cajero)
    escribir(qtbot, buscador, "cafeteria")
    esperar(cajero, qtbot)
    sin_acento = claves_resultado(cajero)
    assert "A114-III-90" in con_acento
    assert con_acento == sin_acento

    escribir(qtbot, buscador, "certificacion acta nacimiento")
    esperar(cajero, qtbot)
    assert claves_resultado(cajero)[0] == "A85-II"
    enter(cajero, qtbot, buscador)
    concepto = cajero.cobro.vista.concepto
    assert concepto.clave.text() == "A85-II"
    explicacion = concepto.explicacion.text()
    assert "1.0603 UMA × $" in explicacion and "Art. 85 fr. II" in explicacion
    assert concepto.importe.text().endswith(pesos(cajero.cobro.cotizacion.total))


def _items_giro(arbol):
    items = {}
    pila = [arbol.topLevelItem(i) for i in range(arbol.topLevelItemCount())]
    while pila:
        item = pila.pop()
        pila.extend(item.child(i) for i in range(item.childCount()))
        if item.data(0, Qt.ItemDataRole.UserRole):
            items[item.data(0, Qt.ItemDataRole.UserRole)] = item
    return items


def _abrir_giro(cajero, qtbot, texto):
    vista = cajero.cobro.vista
    tecla(cajero, qtbot, "F2")
    assert vista.giro.buscador.hasFocus()
    escribir(qtbot, vista.giro.buscador, texto)
    esperar(cajero, qtbot)
    enter(cajero, qtbot, vista.giro.buscador)
    return _items_giro(vista.giro.sugerencias)


def test_por_giro_no_marca_nada_que_la_ley_no_exija(cajero, qtbot):
    """Cafetería con cerveza: only its own padrón fee is due; the Art. 106 fr. IV options are read by what
    sets them apart, each with its amount, and F6 adds exactly what the cashier confirmed."""
    vista = cajero.cobro.vista
    terminal = cajero.principal.servicios.terminal
    items = _abrir_giro(cajero, qtbot, "cafeteria cerveza")
    assert cajero.cobro.busqueda.marcados() == [("A114-III-91", {})]  # due by Art. 114 fr. III, nothing else
    debido = terminal.cotizar("A114-III-91", {}).total
    assert items["A114-III-91"].text(1) == pesos(debido)
    assert pesos(debido) in vista.giro.marcado.text() and "1 concepto " in vista.giro.marcado.text()

    opciones = {k: items[k] for k in items if k.startswith("A106-IV-")}
    assert len(opciones) == 5
    assert opciones["A106-IV-b"].text(0) == "Renovación"
    assert opciones["A106-IV-a"].text(0) == "Expedición de licencia"
    assert all("Cerveza" not in i.text(0) for i in opciones.values())  # the shared words head the group
    assert "10° G.L." in opciones["A106-IV-b"].parent().text(0)
    renovacion = terminal.cotizar("A106-IV-b", {}).total
    assert opciones["A106-IV-b"].text(1) == pesos(renovacion)
    assert all(i.checkState(0) == Qt.CheckState.Unchecked for k, i in items.items() if k != "A114-III-91")

    # Space on the renewal ticks it; the total in sight adds its amount; alternatives stay exclusive.
    arbol = vista.giro.sugerencias
    arbol.setFocus()
    arbol.setCurrentItem(opciones["A106-IV-b"])
    esperar(cajero, qtbot)
    qtbot.keyClick(arbol, Qt.Key.Key_Space)
    assert opciones["A106-IV-b"].checkState(0) == Qt.CheckState.Checked
    assert pesos(debido + renovacion) in vista.giro.marcado.text() and "2 conceptos" in vista.giro.marcado.text()
    opciones["A106-IV-a"].setCheckState(0, Qt.CheckState.Checked)
    assert opciones["A106-IV-b"].checkState(0) == Qt.CheckState.Unchecked
    opciones["A106-IV-b"].setCheckState(0, Qt.CheckState.Checked)

    # F6 asks first, listing the lines and the total; Esc adds nothing, Enter adds exactly the marked rows.
    tecla(cajero, qtbot, "F6")
    pregunta = cajero.cobro.busqueda.giro.pregunta
    assert pregunta.isVisible() and "Renovación" in pregunta.text() and pesos(debido + renovacion) in pregunta.text()
    qtbot.keyClick(pregunta, Qt.Key.Key_Escape)
    esperar(cajero, qtbot)
    assert claves_recibo(cajero) == []
    tecla(cajero, qtbot, "F6")
    qtbot.keyClick(cajero.cobro.busqueda.giro.pregunta, Qt.Key.Key_Return)
    esperar(cajero, qtbot)
    assert claves_recibo(cajero) == ["A114-III-91", "A106-IV-b"]
    assert cajero.cobro.borrador.total == debido + renovacion


def test_cobro_por_giro_con_parametros(cajero, qtbot):
    vista = cajero.cobro.vista
    items = _abrir_giro(cajero, qtbot, "cafeteria cerveza")
    arbol = vista.giro.sugerencias
    # The advertising concept comes pre-filled (m2=1); the cashier types the real area and adds it.
    arbol.setCurrentItem(items["A127-I-c"])
    arbol.itemActivated.emit(items["A127-I-c"], 0)
    esperar(cajero, qtbot)
    m2 = vista.concepto.formulario.campos["m2"].editor
    assert m2.text() == "1" and m2.hasFocus()
    escribir(qtbot, m2, "3")
    enter(cajero, qtbot, m2)
    assert claves_recibo(cajero) == ["A127-I-c"]
    assert cajero.cobro.borrador.lineas[0].parametros["m2"] == "3"


def test_validacion_en_el_campo(cajero, qtbot):
    buscar_y_elegir(cajero, qtbot, "A31-II")
    concepto = cajero.cobro.vista.concepto
    campo = concepto.formulario.campos["aparatos"]
    assert not campo.error.isVisible()  # an empty form greets nobody with an error
    escribir(qtbot, campo.editor, "0")
    esperar(cajero, qtbot)
    assert not campo.error.isVisible() and "faltan datos" in concepto.importe.text()
    qtbot.keyClick(campo.editor, Qt.Key.Key_Tab)  # leaving the field shows its message
    esperar(cajero, qtbot)
    assert campo.error.isVisible()
    assert "mínimo permitido es 1 (aparatos" in campo.error.text()
    assert not concepto.agregar.isEnabled()
    tecla(cajero, qtbot, "F4")
    assert claves_recibo(cajero) == []
    assert campo.editor.hasFocus()  # the cursor goes where the fix is typed

    escribir(qtbot, campo.editor, "abc")
    esperar(cajero, qtbot)
    assert "no es un número" in campo.error.text()
    escribir(qtbot, campo.editor, "10")
    esperar(cajero, qtbot)
    assert not campo.error.isVisible()
    assert "A31-II" in concepto.explicacion.text() or "Art. 31" in concepto.explicacion.text()


def test_formulario_del_predial(cajero, qtbot):
    """Labels in the catalog's words, the land data required, the amount live, Mexican numbers, no sideways
    scroll at 1366×705."""
    ventana = cajero.principal.ventana
    ventana.resize(1366, 705)
    buscar_y_elegir(cajero, qtbot, "A57")
    concepto = cajero.cobro.vista.concepto
    formulario = concepto.formulario
    titulos = {n: c.titulo.text() for n, c in formulario.campos.items()}
    assert titulos["m2_construccion"].startswith("M² construidos")
    assert titulos["baldio"].startswith("Lote baldío") and titulos["zona"].startswith("Zona urbana")
    for nombre in ("zona", "m2_terreno", "hectareas_temporal"):
        assert "opcional" not in titulos[nombre]
    assert "(opcional)" in titulos["m2_construccion"]
    baldio = formulario.campos["baldio"].editor
    assert [baldio.itemText(i) for i in range(baldio.count())][1:] == ["Sí", "No"]
    assert "predio rústico" in formulario.requisito.text()
    assert not any(c.error.isVisible() for c in formulario.campos.values())

    tecla(cajero, qtbot, "F4")  # empty: nothing is added, the message sits under the land field
    assert claves_recibo(cajero) == []
    assert "hectáreas" in formulario.campos["zona"].error.text()

    terminal = cajero.principal.servicios.terminal
    formulario.campos["zona"].editor.setCurrentIndex(formulario.campos["zona"].editor.findData("III"))
    escribir(qtbot, formulario.campos["m2_terreno"].editor, "1,000.50")
    esperar(cajero, qtbot)
    esperado = terminal.cotizar("A57", {"zona": "III", "m2_terreno": "1000.50"}).total
    assert concepto.importe.text().endswith(pesos(esperado))  # while the cursor is still in the field
    assert concepto.importe.isVisible() and concepto.importe.visibleRegion().boundingRect().height() > 0
    barra = concepto.desplazable.horizontalScrollBar()
    assert not barra.isVisible() and concepto.desplazable.widget().width() <= concepto.desplazable.viewport().width()
    tecla(cajero, qtbot, "F4")
    assert claves_recibo(cajero) == ["A57"]
    assert cajero.cobro.borrador.lineas[0].cotizacion.parametros["m2_terreno"] == "1000.50"


def _responder(cajero, qtbot, tecla_respuesta):
    pregunta = cajero.cobro.pregunta
    assert pregunta is not None and pregunta.isVisible()
    texto = pregunta.text()
    qtbot.keyClick(pregunta, tecla_respuesta)
    esperar(cajero, qtbot)
    return texto


def test_total_del_recibo_en_curso(cajero, qtbot, home_demo):
    buscar_y_elegir(cajero, qtbot, "A85-II")
    tecla(cajero, qtbot, "F4")
    buscar_y_elegir(cajero, qtbot, "A85-II")
    tecla(cajero, qtbot, "F4")  # the same concept with the same data: asked first
    assert "A85-II" in _responder(cajero, qtbot, Qt.Key.Key_Return)
    buscar_y_elegir(cajero, qtbot, "A31-II")
    escribir(qtbot, cajero.cobro.vista.concepto.formulario.campos["aparatos"].editor, "7")
    tecla(cajero, qtbot, "F4")
    assert claves_recibo(cajero) == ["A85-II", "A85-II", "A31-II"]

    terminal = cajero.principal.servicios.terminal
    esperado = sum(
        (terminal.cotizar(k, p).total for k, p in (("A85-II", {}), ("A85-II", {}), ("A31-II", {"aparatos": "7"}))),
        Decimal(0),
    )
    recibo = cajero.cobro.vista.recibo
    assert recibo.total.text() == pesos(esperado)
    assert recibo.tabla.rowCount() == 3
    assert pesos(ajuste_efectivo(esperado)) in recibo.efectivo.text()
    assert "Art. 20" in recibo.efectivo.text()

    recibo.tabla.setFocus()
    recibo.tabla.selectRow(0)
    qtbot.keyClick(recibo.tabla, Qt.Key.Key_Delete)
    assert "¿Quitar" in _responder(cajero, qtbot, Qt.Key.Key_Return)
    assert claves_recibo(cajero) == ["A85-II", "A31-II"]


def test_f4_empieza_de_nuevo_y_las_teclas_del_recibo(cajero, qtbot):
    """F4 leaves the search box empty and nothing chosen, so a second F4 adds nothing; Ctrl+Supr removes the
    selected line from the search box, Ctrl+Mayús+Supr discards the receipt; each asks, Esc keeps it."""
    vista = cajero.cobro.vista
    buscador = vista.buscar.buscador
    buscar_y_elegir(cajero, qtbot, "acta nacimiento")
    tecla(cajero, qtbot, "F4")
    assert claves_recibo(cajero) == ["A85-II"]
    assert buscador.hasFocus() and buscador.text() == ""
    assert cajero.cobro.detalle is None and not vista.concepto.agregar.isEnabled()
    tecla(cajero, qtbot, "F4")
    assert claves_recibo(cajero) == ["A85-II"] and cajero.cobro.pregunta is None

    buscar_y_elegir(cajero, qtbot, "A31-II")
    escribir(qtbot, vista.concepto.formulario.campos["aparatos"].editor, "2")
    tecla(cajero, qtbot, "F4")
    assert claves_recibo(cajero) == ["A85-II", "A31-II"]
    vista.recibo.tabla.selectRow(0)
    buscador.setFocus()
    qtbot.keyClick(buscador, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert "A85-II" in _responder(cajero, qtbot, Qt.Key.Key_Escape)
    assert claves_recibo(cajero) == ["A85-II", "A31-II"]
    qtbot.keyClick(buscador, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    _responder(cajero, qtbot, Qt.Key.Key_Return)
    assert claves_recibo(cajero) == ["A31-II"]

    mayus_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(buscador, Qt.Key.Key_Delete, mayus_ctrl)
    assert "Descartar" in _responder(cajero, qtbot, Qt.Key.Key_Escape)
    assert claves_recibo(cajero) == ["A31-II"]
    qtbot.keyClick(buscador, Qt.Key.Key_Delete, mayus_ctrl)
    assert "1 línea," in _responder(cajero, qtbot, Qt.Key.Key_Return)
    assert claves_recibo(cajero) == [] and vista.recibo.tabla.rowCount() == 0


def test_vista_previa_igual_al_ticket(cajero, qtbot):
    """A106-IV-b: the screen shows the licence at its base amount and the UAZ tax on its own row, as the
    ticket prints them, and the year of the annual charge."""
    from jerez_pos.printing.libro import consulta_del_catalogo
    from jerez_pos.printing.lineas import lineas_impresas

    buscar_y_elegir(cajero, qtbot, "A106-IV-b")
    tecla(cajero, qtbot, "F4")
    buscar_y_elegir(cajero, qtbot, "A85-II")
    tecla(cajero, qtbot, "F4")
    terminal = cajero.principal.servicios.terminal
    cots = [linea.cotizacion for linea in cajero.cobro.borrador.lineas]
    impresas = lineas_impresas([c.a_dict() for c in cots], consulta_del_catalogo(terminal))
    esperadas = [(x.concepto.clave, x.concepto.importe) for x in impresas]
    esperadas += [("", m.importe) for x in impresas for m in x.modificadores]
    tabla = cajero.cobro.vista.recibo.tabla
    en_pantalla = [(tabla.item(f, 0).text(), tabla.item(f, 2).text()) for f in range(tabla.rowCount())]
    assert en_pantalla == [(clave, pesos(importe)) for clave, importe in esperadas]
    licencia = cots[0]
    assert en_pantalla[0][1] == pesos(licencia.importe) != pesos(licencia.total)
    uaz = tabla.item(2, 1).text()
    assert "A106-IV-b" in uaz and tabla.item(2, 2).text() == pesos(licencia.modificadores[0].importe)
    anio = licencia.fecha.year
    assert f"Ejercicio: {anio}" in tabla.item(0, 1).text() and "Ejercicio" not in tabla.item(1, 1).text()
    assert cajero.cobro.vista.recibo.total.text() == pesos(sum(c.total for c in cots))

    tabla.setFocus()
    tabla.selectRow(2)  # the UAZ row belongs to the licence: removing it removes the licence
    qtbot.keyClick(tabla, Qt.Key.Key_Delete)
    assert "A106-IV-b" in _responder(cajero, qtbot, Qt.Key.Key_Return)
    assert claves_recibo(cajero) == ["A85-II"] and tabla.rowCount() == 1


def test_arbol_por_titulo_capitulo_y_seccion(cajero, qtbot):
    """F3 browses the law as it is written: Título › Capítulo › Sección › Artículo › concepto."""
    vista = cajero.cobro.vista
    tecla(cajero, qtbot, "F3")
    esperar(cajero, qtbot)
    arbol = vista.catalogo.arbol
    qtbot.waitUntil(lambda: arbol.topLevelItemCount() > 0, timeout=10000)
    assert vista.catalogo.modo.currentData() == "titulo"
    titulos = [arbol.topLevelItem(i).text(0) for i in range(arbol.topLevelItemCount())]
    assert titulos[0] == "Título Segundo: De los impuestos"
    assert any(t.startswith("Título Quinto") for t in titulos)
    derechos = next(arbol.topLevelItem(i) for i, t in enumerate(titulos) if t.startswith("Título Tercero"))
    servicios = next(
        derechos.child(i) for i in range(derechos.childCount()) if derechos.child(i).text(0).startswith("Capítulo II")
    )
    registro = next(
        servicios.child(i) for i in range(servicios.childCount()) if "Registro Civil" in servicios.child(i).text(0)
    )
    articulo_85 = next(registro.child(i) for i in range(registro.childCount()) if "85" in registro.child(i).text(0))
    hojas = [articulo_85.child(i).text(0) for i in range(articulo_85.childCount())]
    assert any(h.startswith("A85-II · ") for h in hojas)


def test_renglones_por_giro_para_tableta(cajero, qtbot):
    """Issue 14 item 9: the giro tree's rows were ~16 px; a finger needs 32 px or more, at any letter size."""
    from jerez_pos.gui.apariencia import MAXIMO, Apariencia

    vista = cajero.cobro.vista
    tecla(cajero, qtbot, "F2")
    escribir(qtbot, vista.giro.buscador, "91")
    esperar(cajero, qtbot)
    enter(cajero, qtbot, vista.giro.buscador)
    arbol = vista.giro.sugerencias
    qtbot.waitUntil(lambda: arbol.topLevelItemCount() > 0, timeout=10000)

    def renglones():
        items = []
        for i in range(arbol.topLevelItemCount()):
            item = arbol.topLevelItem(i)
            items += [item, *(item.child(j) for j in range(item.childCount()))]
        return [arbol.visualItemRect(x).height() for x in items if not arbol.visualItemRect(x).isEmpty()]

    alturas = renglones()
    assert len(alturas) >= 3 and min(alturas) >= 32, alturas
    cajero.principal.cambiar_apariencia(Apariencia(MAXIMO))  # A+ to the largest letter: rows grow with it
    qtbot.wait(50)
    assert min(renglones()) > arbol.fontMetrics().height() + 8
    cajero.principal.cambiar_apariencia(Apariencia())
