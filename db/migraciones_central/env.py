"""Alembic environment of the central server: the connection comes from jerez_pos.central.bd; batch mode."""

from alembic import context

conexion = context.config.attributes["conexion"]
context.configure(connection=conexion, target_metadata=None, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
