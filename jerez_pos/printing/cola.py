"""The pending-print queue: an append-only event log in its own SQLite file in the data home.

Choice: a separate file (``impresion.sqlite3``), not a table in the ledger. Printing state is not money: it
must never share a transaction (or a lock) with charging, a schema change here must not touch the ledger's
migrations, and losing the file loses no receipt (every receipt is still in the ledger and can be reprinted
as a logged copy). The sync module keeps its acknowledgements the same way.

Each print attempt appends rows; nothing is updated or deleted (triggers refuse it, as in the ledger):
``enviando`` is written *before* the bytes go out, so a crash mid-print leaves the job pending; then
``pendiente`` (with the reason) when the printer could not take it, or ``impreso`` when it did. The state of
a job (folio + copy number, 0 = the original) is its last row. Retrying prints the same job again; it never
charges: nothing here writes the ledger.

A supervisor may discard a pending job (the contributor left, the paper did come out after all): that
appends a row to ``descarte`` with who authorized it and why, and the job leaves the pending list for good.
Its own table, not a fourth ``estado``, because the CHECK of files already in the field can't be widened.
The receipt is untouched and can still be reprinted as a logged copy; the discarded job itself is never
printed again (a discarded original is not printed as ORIGINAL later: it may have come out already).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.ledger.comun import Reloj, marca, reloj_sistema

ARCHIVO = "impresion.sqlite3"
ENVIANDO = "enviando"
PENDIENTE = "pendiente"
IMPRESO = "impreso"
DESCARTADO = "descartado"
INTERRUMPIDO = "la impresión se interrumpió (cierre del programa o corte de luz); revise si salió el papel"
_ESQUEMA = (
    "CREATE TABLE IF NOT EXISTS evento (id INTEGER PRIMARY KEY, folio TEXT NOT NULL, "
    "copia INTEGER NOT NULL CHECK (copia >= 0), "
    "estado TEXT NOT NULL CHECK (estado IN ('enviando','pendiente','impreso')), "
    "motivo TEXT NOT NULL DEFAULT '', impresora TEXT NOT NULL DEFAULT '', fecha TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS ix_evento_folio ON evento (folio, copia)",
    "CREATE TRIGGER IF NOT EXISTS evento_sin_update BEFORE UPDATE ON evento BEGIN "
    "SELECT RAISE(ABORT, 'la cola de impresión es de solo anexar'); END",
    "CREATE TRIGGER IF NOT EXISTS evento_sin_delete BEFORE DELETE ON evento BEGIN "
    "SELECT RAISE(ABORT, 'la cola de impresión es de solo anexar'); END",
    "CREATE TABLE IF NOT EXISTS descarte (id INTEGER PRIMARY KEY, folio TEXT NOT NULL, "
    "copia INTEGER NOT NULL CHECK (copia >= 0), motivo TEXT NOT NULL CHECK (length(trim(motivo)) > 0), "
    "usuario TEXT NOT NULL, supervisor TEXT NOT NULL, fecha TEXT NOT NULL, UNIQUE (folio, copia))",
    "CREATE TRIGGER IF NOT EXISTS descarte_sin_update BEFORE UPDATE ON descarte BEGIN "
    "SELECT RAISE(ABORT, 'la cola de impresión es de solo anexar'); END",
    "CREATE TRIGGER IF NOT EXISTS descarte_sin_delete BEFORE DELETE ON descarte BEGIN "
    "SELECT RAISE(ABORT, 'la cola de impresión es de solo anexar'); END",
)
# Jobs whose last event is not "impreso", oldest job first, with how many attempts were started.
_PENDIENTES = (
    "SELECT e.folio, e.copia, e.estado, e.motivo, e.impresora, e.fecha, u.intentos FROM evento e JOIN "
    "(SELECT folio, copia, max(id) AS ultimo, min(id) AS primero, sum(estado = 'enviando') AS intentos "
    "FROM evento GROUP BY folio, copia) u ON e.id = u.ultimo WHERE e.estado <> 'impreso' "
    "AND NOT EXISTS (SELECT 1 FROM descarte d WHERE d.folio = e.folio AND d.copia = e.copia) ORDER BY u.primero"
)
MOTIVO_MAXIMO = 300


@dataclass(frozen=True)
class Pendiente:
    folio: str
    copia: int
    motivo: str
    impresora: str
    fecha: str
    intentos: int

    def a_dict(self) -> dict[str, Any]:
        return {
            "folio": self.folio,
            "copia": self.copia,
            "motivo": self.motivo,
            "impresora": self.impresora,
            "fecha": self.fecha,
            "intentos": self.intentos,
        }


@dataclass(frozen=True)
class Descarte:
    folio: str
    copia: int
    motivo: str
    usuario: str
    supervisor: str
    fecha: str

    def a_dict(self) -> dict[str, Any]:
        return {
            "folio": self.folio,
            "copia": self.copia,
            "motivo": self.motivo,
            "usuario": self.usuario,
            "supervisor": self.supervisor,
            "fecha": self.fecha,
        }


class Cola:
    def __init__(self, directorio: Path, reloj: Reloj = reloj_sistema) -> None:
        self.ruta = directorio / ARCHIVO
        self.reloj = reloj
        directorio.mkdir(parents=True, exist_ok=True)
        with self._conexion() as c:
            for sql in _ESQUEMA:
                c.execute(sql)

    @contextmanager
    def _conexion(self) -> Iterator[sqlite3.Connection]:
        with closing(sqlite3.connect(self.ruta, timeout=15, isolation_level=None)) as c:
            c.execute("PRAGMA journal_mode=WAL")
            c.execute("PRAGMA synchronous=FULL")  # a "pendiente" must survive a power cut
            yield c

    def anotar(self, folio: str, copia: int, estado: str, motivo: str = "", impresora: str = "") -> None:
        with self._conexion() as c:
            c.execute(
                "INSERT INTO evento (folio, copia, estado, motivo, impresora, fecha) VALUES (?, ?, ?, ?, ?, ?)",
                (folio, copia, estado, motivo, impresora, marca(self.reloj())),
            )

    def estado(self, folio: str, copia: int = 0) -> str | None:
        """``enviando``, ``pendiente``, ``impreso``, ``descartado``, or None when this job was never tried."""
        with self._conexion() as c:
            if c.execute("SELECT 1 FROM descarte WHERE folio = ? AND copia = ?", (folio, copia)).fetchone():
                return DESCARTADO
            fila = c.execute(
                "SELECT estado FROM evento WHERE folio = ? AND copia = ? ORDER BY id DESC LIMIT 1", (folio, copia)
            ).fetchone()
        return None if fila is None else str(fila[0])

    def pendientes(self) -> list[Pendiente]:
        with self._conexion() as c:
            filas = c.execute(_PENDIENTES).fetchall()
        return [
            Pendiente(folio, copia, INTERRUMPIDO if estado == ENVIANDO else motivo, impresora, fecha, intentos)
            for folio, copia, estado, motivo, impresora, fecha, intentos in filas
        ]

    def descartar(
        self, folio: str, motivo: str, usuario: str, supervisor: str, copia: int | None = None
    ) -> list[Descarte]:
        """Discard the pending jobs of ``folio`` (only copy ``copia`` when given), in one transaction.

        Raises ``ErrorEntrada`` when there is no pending job to discard or the reason is empty.
        """
        motivo = " ".join(motivo.split())
        if not motivo:
            raise ErrorEntrada("--motivo", "indique por qué se descarta la impresión")
        if len(motivo) > MOTIVO_MAXIMO:
            raise ErrorEntrada("--motivo", f"a lo más {MOTIVO_MAXIMO} caracteres")
        elegidos = [p for p in self.pendientes() if p.folio == folio and copia in (None, p.copia)]
        if not elegidos:
            que = "" if copia is None else (" (original)" if copia == 0 else f" (copia {copia})")
            raise ErrorEntrada("FOLIO", f"el recibo {folio}{que} no tiene impresión pendiente que descartar")
        fecha = marca(self.reloj())
        with self._conexion() as c:
            c.execute("BEGIN IMMEDIATE")
            try:
                for p in elegidos:
                    c.execute(
                        "INSERT INTO descarte (folio, copia, motivo, usuario, supervisor, fecha) "
                        "VALUES (?, ?, ?, ?, ?, ?)",
                        (p.folio, p.copia, motivo, usuario, supervisor, fecha),
                    )
            except sqlite3.IntegrityError:  # another window discarded it a moment ago
                c.execute("ROLLBACK")
                raise ErrorEntrada("FOLIO", f"la impresión pendiente del recibo {folio} ya se descartó") from None
            c.execute("COMMIT")
        return [Descarte(p.folio, p.copia, motivo, usuario, supervisor, fecha) for p in elegidos]

    def descartes(self) -> list[Descarte]:
        with self._conexion() as c:
            filas = c.execute(
                "SELECT folio, copia, motivo, usuario, supervisor, fecha FROM descarte ORDER BY id"
            ).fetchall()
        return [Descarte(*fila) for fila in filas]
