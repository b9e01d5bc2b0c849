"""The check page's two small rules without a browser: who gets HTML, and the per-address window."""

from __future__ import annotations

import pytest

from jerez_pos.central.publico import Limitador, prefiere_html


@pytest.mark.parametrize(
    ("accept", "html"),
    [
        ("text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8", True),  # Chromium
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", True),  # Firefox, Safari
        ("application/json", False),
        ("", False),
        ("*/*", False),  # curl, httpx: today's JSON
        ("application/json, text/html", False),  # a tie goes to JSON
        ("text/html;q=0.5, application/json", False),
        ("application/json;q=0.1, text/html", True),
        ("text/html;q=0", False),
        ("text/html;q=nada", False),
    ],
)
def test_quien_recibe_html(accept, html):
    assert prefiere_html(accept) is html


def test_ventana_por_direccion():
    ahora = [0.0]
    limite = Limitador(maximo=3, ventana=60, reloj=lambda: ahora[0])
    assert [limite.permitir("1.1.1.1") for _ in range(4)] == [True, True, True, False]
    assert limite.permitir("2.2.2.2")  # another address has its own window
    ahora[0] = 59.9
    assert not limite.permitir("1.1.1.1")
    ahora[0] = 60.0  # the first three left the window
    assert limite.permitir("1.1.1.1")


def test_memoria_acotada():
    ahora = [0.0]
    limite = Limitador(maximo=1, ventana=10, reloj=lambda: ahora[0], max_claves=100)
    for n in range(100):
        assert limite.permitir(f"10.0.0.{n}")
    ahora[0] = 11.0
    assert limite.permitir("10.0.1.1")  # full: the idle addresses are forgotten first
    assert len(limite._llegadas) == 1
