"""Printing fixtures: one real ledger home with committed receipts of every kind, shared by the module."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from jerez_pos.core.dinero import D
from jerez_pos.ledger import entregas, padron, recibos, usuarios
from jerez_pos.ledger.pagos import Pago
from tests.ledger.apoyo import Libro, Reloj, nuevo_libro

INICIO = dt.datetime(2024, 6, 15, 9, 0)


@dataclass
class Recibos:
    libro: Libro
    reloj: Reloj
    efectivo: str  # A85-II paid in cash: Art. 20 adjustment and change
    tarjeta: str  # A109 with the UAZ modifier, paid by card
    mixto: str  # two concepts, card + cash
    anulado: str
    inspector: list[str]

    @property
    def home(self) -> Path:
        return self.libro.terminal.directorio


PADRON = """clave,titular,giro,tianguis,ubicacion,tipo,m2
P-012,Puesto 12,Frutas,Tianguis del Jardín,Pasillo A 1,semifijo,4
P-014,Puesto 14,Ropa,Tianguis del Jardín,Pasillo A 3,fijo,6
P-020,Doña Ñeli Gómez,Antojitos,Tianguis del Jardín,Pasillo B 2,movil,2
P-031,Herrajes Úrsula,Ferretería,Tianguis de la Soledad,Calle 5,fijo,9
"""


def _cobrar(libro: Libro, reloj: Reloj, sesion, conceptos, pagos, nombre: str, padron: str = "") -> str:
    reloj.ahora += dt.timedelta(minutes=7)
    contribuyente = {"nombre": nombre, **({"padron": padron} if padron else {})}
    return recibos.cobrar(libro.terminal, sesion, conceptos, pagos, contribuyente, reloj=reloj).folio


def construir(directorio: Path) -> Recibos:
    original = usuarios.HASHER
    usuarios.HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    try:
        libro = nuevo_libro(directorio)
    finally:
        usuarios.HASHER = original
    reloj = Reloj(INICIO)
    cajero = libro.cajero
    efectivo = _cobrar(libro, reloj, cajero, [("A85-II", {})], [Pago("efectivo", D("200"))], "Ñandú Pérez")
    tarjeta = _cobrar(
        libro,
        reloj,
        cajero,
        [("A109", {})],
        [Pago("tarjeta", D("2388.54"), ultimos4="4242", autorizacion="A1B2C3")],
        "Abarrotes La Güera, S.A. de C.V.",
    )
    mixto = _cobrar(
        libro,
        reloj,
        cajero,
        [("A85-II", {}), ("A109", {})],
        [Pago("tarjeta", D("1000"), ultimos4="1111", autorizacion="Z9"), Pago("efectivo", D("1600"))],
        "José Ángel Muñoz",
    )
    anulado = _cobrar(libro, reloj, cajero, [("A85-II", {})], [Pago("efectivo", D("130"))], "Captura errónea")
    reloj.ahora += dt.timedelta(minutes=1)
    recibos.anular(libro.terminal, libro.supervisor, anulado, "captura equivocada", solicitante=cajero, reloj=reloj)
    archivo = directorio.parent / "padron.csv"
    archivo.write_text(PADRON, encoding="utf-8")
    padron.importar(libro.terminal, libro.supervisor, archivo, reloj=reloj)
    inspector = [
        _cobrar(libro, reloj, libro.inspector, [("A85-II", {})], [Pago("efectivo", D("125"))], f"Puesto {n}", f"P-0{n}")
        for n in (12, 14)
    ]
    entregas.entregar(
        libro.terminal.bd, libro.inspector, cajero, {"efectivo": Decimal("124")}, "primera vuelta", reloj=reloj
    )
    return Recibos(libro, reloj, efectivo, tarjeta, mixto, anulado, inspector)


@pytest.fixture(scope="module")
def cobrados(tmp_path_factory: pytest.TempPathFactory) -> Recibos:
    return construir(tmp_path_factory.mktemp("impresion") / "home")
