"""Chain records like the ledger writes them (same documents, hashes and signatures), made fast for tests."""

from __future__ import annotations

import datetime as dt
import random

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from jerez_pos.sync import protocolo as p
from jerez_pos.sync.almacen import AlmacenMemoria

CLAVES = (("A85-II", "Derechos"), ("A93", "Derechos"), ("A57", "Impuestos"), ("A141-I", "Aprovechamientos"))


class Fabrica:
    """One terminal's ledger in memory: receipts and voids on one hash chain, signed by its key."""

    def __init__(self, serie: str, llave: Ed25519PrivateKey | None = None, rng: random.Random | None = None) -> None:
        self.serie = serie
        self.llave = llave or Ed25519PrivateKey.generate()
        self.publica = p.publica_cruda(self.llave)
        self.rng = rng or random.Random(0)
        self.almacen = AlmacenMemoria()
        self.previo = p.genesis(serie, self.publica)
        self.numero = 0
        self.vigentes: dict[bytes, int] = {}  # receipt hash → total centavos, for receipts not voided
        self.anulados = 0

    def _eslabon(self, tipo: str, documento: dict) -> p.Registro:
        secuencia = documento["eslabon"]
        hash_ = p.enlazar(self.previo, documento)
        registro = p.Registro(
            p.id_registro(self.publica, secuencia),
            secuencia,
            tipo,
            self.previo,
            hash_,
            self.llave.sign(hash_),
            documento,
            ref=secuencia,
        )
        self.previo = hash_
        self.almacen.agregar(registro)
        return registro

    def recibo(self, fecha: dt.datetime, lineas: int = 1) -> p.Registro:
        self.numero += 1
        partes = []
        for n in range(1, lineas + 1):
            clave, rubro = self.rng.choice(CLAVES)
            partes.append(
                {
                    "n": n,
                    "clave": clave,
                    "rubro": rubro,
                    "total_centavos": self.rng.randrange(1, 500_000),
                    "cotizacion": {"uma": "108.57"},
                }
            )
        total = sum(x["total_centavos"] for x in partes)
        documento = {
            "tipo": "recibo",
            "serie": self.serie,
            "numero": self.numero,
            "eslabon": self.almacen.punta() + 1,
            "turno_id": 1,
            "cajero_id": 1,
            "fecha": fecha.strftime("%Y-%m-%dT%H:%M:%S"),
            "total_centavos": total,
            "ajuste_centavos": 0,
            "cambio_centavos": 0,
            "contribuyente": {"nombre": "PÚBLICO EN GENERAL"},
            "lineas": partes,
            "pagos": [{"n": 1, "forma": "tarjeta", "importe_centavos": total, "datos": {}}],
            "autorizaciones": [],
        }
        registro = self._eslabon("recibo", documento)
        self.vigentes[registro.hash] = total
        return registro

    def anulacion(self, fecha: dt.datetime) -> p.Registro | None:
        if not self.vigentes:
            return None
        recibo_hash = self.rng.choice(sorted(self.vigentes))
        del self.vigentes[recibo_hash]
        self.anulados += 1
        documento = {
            "tipo": "anulacion",
            "recibo_hash": recibo_hash.hex(),
            "recibo_id": 1,
            "eslabon": self.almacen.punta() + 1,
            "supervisor_id": 2,
            "usuario_id": 1,
            "motivo": "error de captura",
            "fecha": fecha.strftime("%Y-%m-%dT%H:%M:%S"),
        }
        return self._eslabon("anulacion", documento)

    @property
    def total_vigente(self) -> int:
        return sum(self.vigentes.values())
