"""Libro de recibos: terminal, usuarios, turnos, recibos, anulaciones, entregas, cortes, auditoría, outbox.

Revision ID: 0002
Revises: 0001

Money is integer centavos. Every ledger table is append-only: triggers refuse UPDATE and DELETE, so a
state change is a new row (a void is an ``anulacion``, a shift closes when its ``corte`` row exists).
The only mutable table is ``usuario`` (password rehash, failure counter, lockout), and every change to it
is written to ``auditoria``. Hashes and signatures are BLOBs (32 and 64 bytes) to keep receipts small.
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TABLAS = [
    # One row: who this terminal is. The private key lives in the data home (llave_terminal.pem, 0600).
    """CREATE TABLE terminal (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        municipio TEXT NOT NULL, delegacion TEXT NOT NULL, nombre TEXT NOT NULL,
        serie TEXT NOT NULL UNIQUE CHECK (serie GLOB '[A-Z0-9]*' AND length(serie) BETWEEN 1 AND 12),
        llave_publica BLOB NOT NULL CHECK (length(llave_publica) = 32),
        demo INTEGER NOT NULL DEFAULT 0, creada_en TEXT NOT NULL)""",
    """CREATE TABLE usuario (
        id INTEGER PRIMARY KEY, usuario TEXT NOT NULL UNIQUE, nombre TEXT NOT NULL,
        rol TEXT NOT NULL CHECK (rol IN ('cajero','inspector','supervisor','administrador')),
        hash TEXT NOT NULL, fallos INTEGER NOT NULL DEFAULT 0, bloqueado_hasta TEXT,
        activo INTEGER NOT NULL DEFAULT 1, creado_en TEXT NOT NULL)""",
    """CREATE TABLE turno (
        id INTEGER PRIMARY KEY, cajero_id INTEGER NOT NULL REFERENCES usuario(id),
        fondo_centavos INTEGER NOT NULL CHECK (fondo_centavos >= 0), abierto_en TEXT NOT NULL)""",
    "CREATE INDEX ix_turno_cajero ON turno (cajero_id)",
    # eslabon: position in the one hash chain shared by recibos and anulaciones.
    """CREATE TABLE recibo (
        id INTEGER PRIMARY KEY, serie TEXT NOT NULL, numero INTEGER NOT NULL CHECK (numero >= 1),
        eslabon INTEGER NOT NULL UNIQUE, turno_id INTEGER NOT NULL REFERENCES turno(id),
        cajero_id INTEGER NOT NULL REFERENCES usuario(id), fecha TEXT NOT NULL,
        contribuyente TEXT NOT NULL, total_centavos INTEGER NOT NULL, ajuste_centavos INTEGER NOT NULL,
        cambio_centavos INTEGER NOT NULL CHECK (cambio_centavos >= 0),
        hash BLOB NOT NULL, firma BLOB NOT NULL, UNIQUE (serie, numero))""",
    "CREATE INDEX ix_recibo_turno ON recibo (turno_id)",
    "CREATE INDEX ix_recibo_fecha ON recibo (fecha)",
    # cotizacion: the quote snapshot (catalog, UMA, factors, modifiers, amounts) as canonical JSON.
    """CREATE TABLE recibo_linea (
        recibo_id INTEGER NOT NULL REFERENCES recibo(id), n INTEGER NOT NULL, clave TEXT NOT NULL,
        rubro TEXT NOT NULL, total_centavos INTEGER NOT NULL, cotizacion TEXT NOT NULL,
        PRIMARY KEY (recibo_id, n)) WITHOUT ROWID""",
    # datos: tarjeta {ultimos4, autorizacion}, transferencia {referencia}, cheque {banco, numero}.
    """CREATE TABLE recibo_pago (
        recibo_id INTEGER NOT NULL REFERENCES recibo(id), n INTEGER NOT NULL,
        forma TEXT NOT NULL CHECK (forma IN ('efectivo','tarjeta','transferencia','cheque')),
        importe_centavos INTEGER NOT NULL CHECK (importe_centavos > 0), datos TEXT NOT NULL DEFAULT '{}',
        PRIMARY KEY (recibo_id, n)) WITHOUT ROWID""",
    """CREATE TABLE autorizacion (
        id INTEGER PRIMARY KEY, recibo_id INTEGER NOT NULL REFERENCES recibo(id), linea INTEGER NOT NULL,
        supervisor_id INTEGER NOT NULL REFERENCES usuario(id), motivo TEXT NOT NULL, referencia TEXT NOT NULL)""",
    "CREATE INDEX ix_autorizacion_recibo ON autorizacion (recibo_id)",
    """CREATE TABLE anulacion (
        id INTEGER PRIMARY KEY, recibo_id INTEGER NOT NULL UNIQUE REFERENCES recibo(id),
        eslabon INTEGER NOT NULL UNIQUE, supervisor_id INTEGER NOT NULL REFERENCES usuario(id),
        usuario_id INTEGER NOT NULL REFERENCES usuario(id), motivo TEXT NOT NULL, fecha TEXT NOT NULL,
        hash BLOB NOT NULL, firma BLOB NOT NULL)""",
    """CREATE TABLE reimpresion (
        id INTEGER PRIMARY KEY, recibo_id INTEGER NOT NULL REFERENCES recibo(id),
        usuario_id INTEGER NOT NULL REFERENCES usuario(id), copias INTEGER NOT NULL CHECK (copias >= 1),
        fecha TEXT NOT NULL)""",
    """CREATE TABLE entrega (
        id INTEGER PRIMARY KEY, de_id INTEGER NOT NULL REFERENCES usuario(id),
        para_id INTEGER NOT NULL REFERENCES usuario(id), turno_origen_id INTEGER REFERENCES turno(id),
        turno_id INTEGER REFERENCES turno(id), fecha TEXT NOT NULL, nota TEXT NOT NULL DEFAULT '')""",
    """CREATE TABLE entrega_pago (
        entrega_id INTEGER NOT NULL REFERENCES entrega(id), forma TEXT NOT NULL,
        importe_centavos INTEGER NOT NULL CHECK (importe_centavos > 0), PRIMARY KEY (entrega_id, forma))""",
    "CREATE INDEX ix_entrega_turno ON entrega (turno_id)",
    "CREATE INDEX ix_entrega_origen ON entrega (turno_origen_id)",
    # A shift is closed exactly when its corte exists (UNIQUE turno_id): closing is an insert.
    """CREATE TABLE corte (
        id INTEGER PRIMARY KEY, turno_id INTEGER NOT NULL UNIQUE REFERENCES turno(id),
        cerrado_por_id INTEGER NOT NULL REFERENCES usuario(id), supervisor_id INTEGER REFERENCES usuario(id),
        conteo TEXT NOT NULL, esperado_centavos INTEGER NOT NULL, contado_centavos INTEGER NOT NULL,
        diferencia_centavos INTEGER NOT NULL, totales TEXT NOT NULL, cerrado_en TEXT NOT NULL,
        CHECK (diferencia_centavos = 0 OR supervisor_id IS NOT NULL))""",
    """CREATE TABLE auditoria (
        id INTEGER PRIMARY KEY, fecha TEXT NOT NULL, usuario TEXT NOT NULL, accion TEXT NOT NULL,
        detalle TEXT NOT NULL DEFAULT '')""",
    # Sync record per receipt/void, written in the same transaction; sync marks progress elsewhere.
    """CREATE TABLE outbox (
        id INTEGER PRIMARY KEY, tipo TEXT NOT NULL CHECK (tipo IN ('recibo','anulacion','entrega','corte')),
        ref_id INTEGER NOT NULL, creado_en TEXT NOT NULL)""",
]

SOLO_ANEXAR = (
    "terminal",
    "turno",
    "recibo",
    "recibo_linea",
    "recibo_pago",
    "autorizacion",
    "anulacion",
    "reimpresion",
    "entrega",
    "entrega_pago",
    "corte",
    "auditoria",
    "outbox",
)


def upgrade() -> None:
    for sql in TABLAS:
        op.execute(sql)
    for tabla in SOLO_ANEXAR:
        for operacion in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {tabla}_sin_{operacion.lower()} BEFORE {operacion} ON {tabla} BEGIN "
                f"SELECT RAISE(ABORT, 'la tabla {tabla} es de solo anexar: no se modifica ni se borra'); END"
            )


def downgrade() -> None:
    for tabla in reversed(SOLO_ANEXAR):
        op.execute(f"DROP TABLE IF EXISTS {tabla}")
    op.execute("DROP TABLE IF EXISTS usuario")
