"""``restaurar --ultimo``: the ledger rebuilt from the newest verified backup and the receipt journal."""

from __future__ import annotations

import argparse

from jerez_pos import config
from jerez_pos.cli.base import imprimir_json
from jerez_pos.cli.sesion import contrasena, usuario_de
from jerez_pos.core.texto import cantidad
from jerez_pos.ledger.recuperacion import restaurar_ultimo


def restaurar_desde_diario(args: argparse.Namespace) -> int:
    def credenciales() -> tuple[str, str]:
        nombre = usuario_de(args.usuario)
        return nombre, contrasena("JEREZ_POS_CONTRASENA", f"Contraseña de {nombre}: ")

    resultado = restaurar_ultimo(config.home(), credenciales)
    if args.json:
        imprimir_json(resultado.a_dict())
        return 0
    datos = resultado.a_dict()
    print(f"Libro restaurado desde {datos['respaldo'] or 'el diario solo (no había respaldo utilizable)'}")
    print(f"  Diario: {datos['diario']}")
    print(
        f"  Repuestos: {cantidad(datos['recibos'], 'recibo')}, "
        f"{cantidad(datos['anulaciones'], 'anulación', 'anulaciones')}, "
        f"{cantidad(datos['entregas'], 'entrega')}, {cantidad(datos['cortes'], 'corte')}, "
        f"{cantidad(datos['turnos'], 'turno')}, {cantidad(datos['usuarios'], 'usuario')}"
    )
    print(f"  Último folio: {datos['ultimo_folio'] or 'ninguno'}   Eslabón: {datos['eslabon']}")
    if datos["resguardo"]:
        print(f"  La base anterior quedó en {datos['resguardo']}")
    for aviso in datos["avisos"]:
        print(f"  Aviso: {aviso}")
    return 0
