"""The test page of ``jerez-pos impresora probar``: accents, both amount alignments, a native QR, the cut.

If the accented line comes out as other symbols, the printer's profile (``perfil`` in impresora.toml)
does not match the printer's code-page numbering.
"""

from __future__ import annotations

import datetime as dt

from jerez_pos.printing.conexiones import Destino
from jerez_pos.printing.escpos import texto_imprimible
from jerez_pos.printing.ticket import (
    Alineacion,
    CodigoQR,
    Corte,
    EtiquetaImporte,
    Linea,
    Separador,
    Texto,
    Ticket,
    envolver,
)

ALFABETO = "ÁÉÍÓÚÜÑ áéíóúüñ ¿¡"
CONTENIDO_QR = "JEREZPOS-PRUEBA"


def pagina_prueba(columnas: int, destino: Destino | None, perfil: str, momento: dt.datetime) -> Ticket:
    lineas: list[Linea] = [
        Texto("PRUEBA DE IMPRESORA", Alineacion.CENTRO, negrita=True, doble_alto=True),
        Texto("jerez-pos", Alineacion.CENTRO),
        Separador("="),
        Texto(ALFABETO, Alineacion.CENTRO, negrita=True),
        Texto(ALFABETO, Alineacion.CENTRO),
        Texto("Ñandú, café, ¿cuánto? ¡Güero!", Alineacion.CENTRO),
        Separador(),
    ]
    for texto in (
        f"Impresora: {texto_imprimible(str(destino)) if destino else 'sin configurar'}",
        f"Perfil: {perfil}",
        f"Ancho: {columnas} columnas",
        f"Fecha: {momento:%d/%m/%Y %H:%M}",
    ):
        lineas.extend(Texto(renglon) for renglon in envolver(texto, columnas))
    lineas += [
        Separador(),
        EtiquetaImporte("Importe", "$1,234.56"),
        EtiquetaImporte("TOTAL", "$1,234.56", negrita=True, doble_alto=True),
        Separador(),
        CodigoQR(f"{CONTENIDO_QR}|{momento:%Y-%m-%dT%H:%M}"),
    ]
    lineas.extend(
        Texto(r, Alineacion.CENTRO)
        for r in envolver("Si el QR se lee y los acentos salen bien, la impresora está lista.", columnas)
    )
    lineas.append(Corte())
    return Ticket(columnas, tuple(lineas))
