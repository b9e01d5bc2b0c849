"""The catalog change report as a PDF, for the treasurer and the Cabildo."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from jerez_pos.catalogo.borrador.informe import Renglon
from jerez_pos.core.modelo import Catalogo
from jerez_pos.printing.pdf.comun import ANCHO_UTIL, corto, escribir, estilos, p, pn, tabla

_ESTADOS = {"cambio": "Cambia", "renumerado": "Renumerado", "nuevo": "Nuevo", "derogado": "Derogado",
            "por revisar": "Por revisar"}  # fmt: skip


def _lineas(*textos: str) -> Paragraph:
    """Several plain texts (escaped: the law's words may hold < or &) one under the other in one cell."""
    return Paragraph("<br/>".join(escape(x) for x in textos), estilos()["base"])


def pdf_diferencias(ruta: Path, base: Catalogo, nuevo: Catalogo, renglones: list[Renglon]) -> Path:
    historia: list[Flowable] = [
        pn("TESORERÍA MUNICIPAL — CAMBIOS DEL CATÁLOGO DE TARIFAS", "titulo"),
        p(f"De {base.id} ({base.fuente}) a {nuevo.id} ({nuevo.fuente})", "subtitulo"),
        Spacer(1, 3 * mm),
    ]
    cuenta = {e: sum(1 for r in renglones if r.estado == e) for e in _ESTADOS}
    historia.append(p(" · ".join(f"{_ESTADOS[e]}: {n}" for e, n in cuenta.items())))
    historia.append(Spacer(1, 3 * mm))
    filas = []
    for r in renglones:
        clave = r.clave if r.clave_base in ("", r.clave) else f"{r.clave_base} → {r.clave}"
        filas.append(
            [
                _lineas(clave or r.clave_base, _ESTADOS[r.estado]),
                _lineas(
                    corto(r.descripcion, 200),
                    f"Antes: {corto(r.antes or '—', 260)}",
                    f"Ahora: {corto(r.despues or '—', 260)}",
                ),
                p(corto(r.frase_antes or "—", 420)),
                p(corto(r.frase_despues or "—", 420)),
            ]
        )
    anchos = (ANCHO_UTIL * 0.16, ANCHO_UTIL * 0.28, ANCHO_UTIL * 0.28, ANCHO_UTIL * 0.28)
    historia.append(tabla(["Clave", "Concepto y tarifa", "Ley anterior", "Ley nueva"], filas, anchos))
    return escribir(ruta, historia, f"Cambios {base.id} → {nuevo.id}")
