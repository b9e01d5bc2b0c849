"""jerez_pos: punto de venta de la Tesorería Municipal de Jerez, Zacatecas."""

__version__ = "0.1.0"
