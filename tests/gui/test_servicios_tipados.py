"""Issue 14: the GUI's services answer with typed results (what ``mypy --strict`` checks in the screens).

A service annotated ``-> Any`` would let a screen read any field of its answer unchecked; a typed answer
that drops or renames what the ledger gives would hide it from the screen. Both are checked here.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from typing import get_type_hints

from jerez_pos.gui.servicios import Servicios
from jerez_pos.gui.servicios_caja import ServiciosCaja, Verificacion


def _publicos(clase: type) -> Iterator[tuple[str, object]]:
    for nombre, miembro in vars(clase).items():
        funcion = miembro.fget if isinstance(miembro, property) else miembro
        if not nombre.startswith("_") and inspect.isfunction(funcion):
            yield nombre, funcion


def test_ningun_servicio_responde_any():
    sin_tipo = [
        f"{clase.__name__}.{nombre}: {anotacion}"
        for clase in (Servicios, ServiciosCaja)
        for nombre, funcion in _publicos(clase)
        if (anotacion := str(inspect.get_annotations(funcion).get("return", "sin anotar"))) == "sin anotar"
        or "Any" in anotacion
    ]
    assert sin_tipo == []


def test_la_verificacion_tipada_trae_todo_lo_del_libro(home_demo):
    from jerez_pos.ledger.terminal import Terminal
    from jerez_pos.ledger.verificacion import todo_bien, verificar

    terminal = Terminal(home_demo)
    try:
        libro = verificar(terminal.bd)
        servicios = Servicios(terminal)
        tipada = servicios.verificar_cadena()
    finally:
        terminal.bd.dispose()
    assert set(get_type_hints(Verificacion)) == set(libro) | {"bien"}
    assert tipada == {**libro, "bien": todo_bien(libro)}
    assert tipada["bien"] is True and tipada["cadena"] == "ok"
