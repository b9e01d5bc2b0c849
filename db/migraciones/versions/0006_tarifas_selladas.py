"""UMA por versiones, sellos de catálogo y disparadores de solo anexar en las tablas de tarifas.

Revision ID: 0006
Revises: 0005

The price of every receipt comes from the catalog files and the UMA table, so they get the ledger's
protection: triggers refuse UPDATE and DELETE on ``uma``, ``catalogo``, ``catalogo_archivo``,
``confirmacion_tarifa`` and the new ``catalogo_sello``. A new UMA value is a new row (``version`` + 1 for
its year; the highest version is in force), so ``uma`` is rebuilt with an id, a version and a hash chained
to the previous row. ``catalogo_sello`` keeps the sha256 of each catalog file, so a changed file can be
named. Rows carried over from older versions have no signature (the terminal's key is not reachable from
here); they are accepted only while they equal the catalog and UMA table shipped with the program, and an
administrator re-imports anything else to sign it (see ``jerez_pos/ledger/sellos.py``).
"""

import sqlalchemy as sa
from alembic import op

from jerez_pos.ledger.sellos import GENESIS_UMA, huella_catalogo, huella_uma, huellas_por_archivo, texto_por_archivo

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

SOLO_ANEXAR = ("uma", "catalogo", "catalogo_archivo", "catalogo_sello", "confirmacion_tarifa")


def _uma_por_versiones() -> None:
    conexion = op.get_bind()
    viejas = conexion.execute(
        sa.text("SELECT anio, diaria_centavos, vigente_desde, fuente FROM uma ORDER BY anio")
    ).all()
    op.execute(
        """CREATE TABLE uma_versionada (
        id INTEGER PRIMARY KEY, anio INTEGER NOT NULL, version INTEGER NOT NULL CHECK (version >= 1),
        diaria_centavos INTEGER NOT NULL CHECK (diaria_centavos > 0), vigente_desde TEXT NOT NULL,
        fuente TEXT NOT NULL, importado_en TEXT NOT NULL, huella BLOB NOT NULL CHECK (length(huella) = 32),
        firma BLOB CHECK (firma IS NULL OR length(firma) = 64), UNIQUE (anio, version))"""
    )
    anterior = GENESIS_UMA
    for f in viejas:
        huella = huella_uma(anterior, f.anio, 1, f.diaria_centavos, f.vigente_desde, f.fuente, "")
        conexion.execute(
            sa.text(
                "INSERT INTO uma_versionada (anio, version, diaria_centavos, vigente_desde, fuente, importado_en, "
                "huella) VALUES (:a, 1, :d, :v, :f, '', :h)"
            ),
            {"a": f.anio, "d": f.diaria_centavos, "v": f.vigente_desde, "f": f.fuente, "h": huella},
        )
        anterior = huella
    op.execute("DROP TABLE uma")
    op.execute("ALTER TABLE uma_versionada RENAME TO uma")


def _sellos_de_catalogos() -> None:
    conexion = op.get_bind()
    op.execute(
        """CREATE TABLE catalogo_sello (
        id INTEGER PRIMARY KEY, catalogo_id INTEGER NOT NULL REFERENCES catalogo(id),
        archivos TEXT NOT NULL, firma BLOB CHECK (firma IS NULL OR length(firma) = 64), sellado_en TEXT NOT NULL)"""
    )
    op.execute("CREATE INDEX ix_catalogo_sello ON catalogo_sello (catalogo_id, id)")
    for catalogo_id, huella in conexion.execute(sa.text("SELECT id, huella FROM catalogo")).all():
        archivos = {
            f.ruta: f.contenido
            for f in conexion.execute(
                sa.text("SELECT ruta, contenido FROM catalogo_archivo WHERE catalogo_id = :c"), {"c": catalogo_id}
            )
        }
        if huella_catalogo(archivos) != huella:
            continue  # already altered: left without a seal, verification names it
        conexion.execute(
            sa.text("INSERT INTO catalogo_sello (catalogo_id, archivos, sellado_en) VALUES (:c, :a, '')"),
            {"c": catalogo_id, "a": texto_por_archivo(huellas_por_archivo(archivos))},
        )


def upgrade() -> None:
    _uma_por_versiones()
    _sellos_de_catalogos()
    # A confirmation lets a tariff marked «verificar» be charged: signed too, so an inserted row counts for nothing.
    op.execute("ALTER TABLE confirmacion_tarifa ADD COLUMN firma BLOB CHECK (firma IS NULL OR length(firma) = 64)")
    for tabla in SOLO_ANEXAR:
        for operacion in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {tabla}_sin_{operacion.lower()} BEFORE {operacion} ON {tabla} BEGIN "
                f"SELECT RAISE(ABORT, 'la tabla {tabla} es de solo anexar: no se modifica ni se borra'); END"
            )


def downgrade() -> None:
    for tabla in SOLO_ANEXAR:
        for operacion in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {tabla}_sin_{operacion}")
    op.execute("DROP TABLE catalogo_sello")
    op.execute("ALTER TABLE confirmacion_tarifa DROP COLUMN firma")
    op.execute(
        "CREATE TABLE uma_anual (anio INTEGER PRIMARY KEY, diaria_centavos INTEGER NOT NULL, "
        "vigente_desde VARCHAR(10) NOT NULL, fuente TEXT NOT NULL)"
    )
    op.execute(
        "INSERT INTO uma_anual SELECT anio, diaria_centavos, vigente_desde, fuente FROM uma u "
        "WHERE version = (SELECT max(version) FROM uma x WHERE x.anio = u.anio)"
    )
    op.execute("DROP TABLE uma")
    op.execute("ALTER TABLE uma_anual RENAME TO uma")
