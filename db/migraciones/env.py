"""Alembic environment: the connection comes from jerez_pos (pragmas included); batch mode for SQLite."""

from alembic import context

conexion = context.config.attributes["conexion"]
context.configure(connection=conexion, target_metadata=None, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
