"""Every POST form of the console's templates carries the CSRF field (the browser tests submit them; this
catches a form added later without it, before any browser runs)."""

from __future__ import annotations

import re
from pathlib import Path

PLANTILLAS = Path(__file__).resolve().parents[2] / "jerez_pos" / "central" / "consola" / "plantillas"
FORMULARIO = re.compile(r"<form\b[^>]*>.*?</form>", re.S | re.I)
CAMPO = '<input type="hidden" name="{{ CAMPO_CSRF }}" value="{{ token_csrf(request) }}">'


def test_cada_formulario_post_lleva_csrf():
    revisados = 0
    for plantilla in sorted(PLANTILLAS.glob("*.html")):
        for formulario in FORMULARIO.findall(plantilla.read_text(encoding="utf-8")):
            apertura = formulario.split(">", 1)[0].lower()
            if 'method="post"' in apertura:
                revisados += 1
                assert CAMPO in formulario, f"{plantilla.name}: {apertura}>"
            else:
                assert 'method="get"' in apertura, f"{plantilla.name}: un formulario sin método explícito"
    assert revisados >= 7  # sign-in, sign-out, users, note, enrollment, revocation, upload, approval
