"""Demo home: a demo terminal, four demo users (password ``demo``), an open shift and random valid receipts.

Every step is its own transaction and reuses what exists, so a demo killed at any moment (the crash
tests do exactly that) resumes where it stopped.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from decimal import Decimal

from sqlalchemy import text

from jerez_pos.core.dinero import D, ajuste_efectivo, techo
from jerez_pos.core.errores import ErrorJerez
from jerez_pos.ledger import caja, identidad, recibos, usuarios
from jerez_pos.ledger.comun import Sesion
from jerez_pos.ledger.pagos import Pago
from jerez_pos.ledger.terminal import Terminal

CONTRASENA = "demo"
USUARIOS = (
    ("demo-admin", "administrador"),
    ("demo-cajero", "cajero"),
    ("demo-supervisor", "supervisor"),
    ("demo-inspector", "inspector"),
)
SERIE = "DEMO"
FONDO = Decimal("500")


def _existe(terminal: Terminal, usuario: str) -> bool:
    with terminal.bd.connect() as conexion:
        return conexion.execute(text("SELECT 1 FROM usuario WHERE usuario = :u"), {"u": usuario}).first() is not None


def preparar(terminal: Terminal) -> Sesion:
    """Returns the demo cashier's session with an open shift."""
    if identidad.leer_identidad(terminal.bd) is None:
        identidad.registrar_terminal(
            terminal.bd,
            terminal.directorio,
            "Jerez, Zacatecas",
            "Demostración",
            "Terminal de demostración",
            SERIE,
            demo=True,
        )
    admin: Sesion | None = None
    for nombre, rol in USUARIOS:
        if _existe(terminal, nombre):
            continue
        if rol != "administrador" and admin is None:
            admin = usuarios.autenticar(terminal.bd, "demo-admin", CONTRASENA)
        usuarios.crear(terminal.bd, nombre, rol, CONTRASENA, por=admin, nombre=f"Usuario {nombre} (DEMO)")
    cajero = usuarios.autenticar(terminal.bd, "demo-cajero", CONTRASENA)
    if caja.turno_de(terminal.bd, cajero) is None:
        caja.abrir(terminal.bd, cajero, FONDO)
    return cajero


def _pagos(rng: random.Random, total: Decimal) -> list[Pago]:
    forma = rng.choice(("efectivo", "efectivo", "efectivo", "tarjeta", "transferencia", "cheque", "mixto"))
    if total == 0:
        return []
    if forma == "efectivo":
        debido = ajuste_efectivo(total)
        entregado = debido if rng.random() < 0.3 else techo(debido / 100) * 100
        return [Pago("efectivo", max(entregado, D("1")))] if debido else [Pago("efectivo", D("1"))]
    if forma == "tarjeta":
        return [Pago("tarjeta", total, ultimos4=f"{rng.randrange(10000):04d}", autorizacion=f"A{rng.randrange(10**6)}")]
    if forma == "transferencia":
        return [Pago("transferencia", total, referencia=f"SPEI{rng.randrange(10**8)}")]
    if forma == "cheque":
        return [Pago("cheque", total, banco="BANORTE", numero=f"{rng.randrange(10**6):06d}")]
    parte = (total / 2).quantize(D("0.01"))
    if parte <= 0:
        return [Pago("efectivo", ajuste_efectivo(total) or D("1"))]
    resto = ajuste_efectivo(total - parte)
    return [Pago("tarjeta", parte, ultimos4="4242", autorizacion="DEMO1"), Pago("efectivo", max(resto, D("1")))]


def emitir(
    terminal: Terminal, cajero: Sesion, cantidad: int, semilla: int | None = None, supervisor: Sesion | None = None
) -> Iterator[recibos.Emitido]:
    """Issues ``cantidad`` receipts; with a supervisor, voids about one in ten of them right after."""
    rng = random.Random(semilla)
    catalogo = terminal.catalogo()
    claves = sorted(k for k, c in catalogo.conceptos.items() if not c.verificar and not c.requiere_autorizacion)
    hechos = 0
    while hechos < cantidad:
        clave = rng.choice(claves)
        concepto = catalogo.conceptos[clave]
        try:
            cot = terminal.cotizar(clave, dict(concepto.ejemplo))
        except ErrorJerez:
            continue  # a concept whose example needs more than the demo knows: pick another
        if cot.requiere_autorizacion or cot.total <= 0:  # $0.00 needs an authorized exemption
            continue
        emitido = recibos.cobrar(
            terminal,
            cajero,
            [(clave, dict(concepto.ejemplo))],
            _pagos(rng, cot.total),
            {"nombre": f"Contribuyente de prueba {rng.randrange(1000)}"},
        )
        hechos += 1
        yield emitido
        if supervisor is not None and rng.random() < 0.1:
            recibos.anular(terminal, supervisor, emitido.folio, "anulación de demostración", solicitante=cajero)
