"""The empty search list: favourites (append-only journal in the data home) and the most charged concepts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from apoyo import Libro

from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.ledger import favoritos, recibos
from jerez_pos.ledger.pagos import Pago


def _cobrar(libro: Libro, *claves: str) -> str:
    lineas = [(c, {"aparatos": "3"} if c == "A31-II" else {}) for c in claves]
    emitido = recibos.cobrar(
        libro.terminal, libro.cajero, lineas, [Pago("efectivo", Decimal("9000"))], {"nombre": "Ana Ruiz"}
    )
    return emitido.folio


def test_favoritos_se_agregan_quitan_y_guardan_en_orden(libro: Libro) -> None:
    t = libro.terminal
    catalogo = t.catalogo()
    assert favoritos.listar(t.directorio) == []
    assert favoritos.agregar(t.directorio, catalogo, "a85-ii") == ("A85-II", True)
    assert favoritos.agregar(t.directorio, catalogo, "A144") == ("A144", True)
    assert favoritos.agregar(t.directorio, catalogo, "A85-II") == ("A85-II", False)
    assert favoritos.listar(t.directorio) == ["A85-II", "A144"]
    assert favoritos.quitar(t.directorio, "a85-ii") == "A85-II"
    assert favoritos.agregar(t.directorio, catalogo, "A85-II") == ("A85-II", True)
    assert favoritos.listar(t.directorio) == ["A144", "A85-II"]
    # Append-only: every mark and unmark is one more line; nothing earlier was rewritten.
    renglones = (t.directorio / favoritos.ARCHIVO).read_text(encoding="utf-8").splitlines()
    assert [r.split("\t")[1] for r in renglones] == ["+A85-II", "+A144", "-A85-II", "+A85-II"]


def test_un_renglon_cortado_no_rompe_la_lista(libro: Libro) -> None:
    t = libro.terminal
    favoritos.agregar(t.directorio, t.catalogo(), "A144")
    with (t.directorio / favoritos.ARCHIVO).open("a", encoding="utf-8") as f:
        f.write("2024-06-01T10:00:00\t+A8")  # power cut in the middle of a line
    assert favoritos.listar(t.directorio) == ["A144"]
    favoritos.agregar(t.directorio, t.catalogo(), "A85-II")  # the next mark is not glued to the torn line
    assert favoritos.listar(t.directorio) == ["A144", "A85-II"]


@pytest.mark.parametrize(("clave", "dice"), [("A999", "no existe"), ("  ", "escriba la clave")])
def test_clave_invalida_no_escribe_nada(libro: Libro, clave: str, dice: str) -> None:
    t = libro.terminal
    with pytest.raises(ErrorEntrada) as exc:
        favoritos.agregar(t.directorio, t.catalogo(), clave)
    assert exc.value.campo == "clave" and dice in exc.value.mensaje
    assert not (t.directorio / favoritos.ARCHIVO).exists()
    with pytest.raises(ErrorEntrada, match="no está entre los favoritos"):
        favoritos.quitar(t.directorio, "A144")


def test_mas_cobrados_cuenta_recibos_recientes_sin_anulados(libro: Libro) -> None:
    t = libro.terminal
    _cobrar(libro, "A85-II")
    _cobrar(libro, "A85-II", "A85-III")
    _cobrar(libro, "A85-III")
    anulado = _cobrar(libro, "A85-IV")
    _cobrar(libro, "A85-III")
    recibos.anular(t, libro.supervisor, anulado, "cobro duplicado", solicitante=libro.cajero)
    assert favoritos.mas_cobrados(t.bd, dias=30) == [("A85-III", 3), ("A85-II", 2)]
    futuro = dt.date.today() + dt.timedelta(days=40)
    assert favoritos.mas_cobrados(t.bd, dias=30, hoy=futuro) == []  # outside the window
    with pytest.raises(ErrorEntrada, match="dias"):
        favoritos.mas_cobrados(t.bd, dias=0)


def test_sugeridos_pone_favoritos_primero_sin_repetir(libro: Libro) -> None:
    t = libro.terminal
    _cobrar(libro, "A85-III")
    _cobrar(libro, "A85-III", "A85-II")
    favoritos.agregar(t.directorio, t.catalogo(), "A85-II")
    favoritos.agregar(t.directorio, t.catalogo(), "A114-III-61")
    lista = favoritos.sugeridos(t.bd, t.directorio, t.catalogo())
    assert [(s.clave, s.motivo, s.veces) for s in lista] == [
        ("A85-II", "favorito", 1),
        ("A114-III-61", "favorito", 0),
        ("A85-III", "cobrado", 2),
    ]
    assert lista[1].tipo == "giro" and lista[0].descripcion.startswith("Expedición")
    assert [s.clave for s in favoritos.sugeridos(t.bd, t.directorio, t.catalogo(), dias=None)] == [
        "A85-II",
        "A114-III-61",
    ]
