"""Typed errors whose message is already the Spanish sentence a cashier or a CLI caller reads."""

from __future__ import annotations


class ErrorJerez(Exception):
    """Base: ``str(error)`` is a complete Spanish sentence, safe to show."""


class ErrorEntrada(ErrorJerez):
    """Bad input: names the field and what is allowed."""

    def __init__(self, campo: str, mensaje: str) -> None:
        super().__init__(f"{campo}: {mensaje}")
        self.campo = campo
        self.mensaje = mensaje


class ConceptoDesconocido(ErrorEntrada):
    def __init__(self, clave: str) -> None:
        from jerez_pos.core.texto import corto  # late: texto imports this module

        super().__init__("clave", f"no existe el concepto «{corto(clave)}» en el catálogo vigente")
        self.clave = clave


class TarifaPorVerificar(ErrorJerez):
    """The source number is damaged: the engine refuses to price it until an administrator confirms it."""

    def __init__(self, clave: str, texto_fuente: str) -> None:
        super().__init__(
            f"{clave}: la tarifa está marcada «verificar» porque el número de la fuente está dañado "
            f"({' '.join(texto_fuente.split())[:120]}); un administrador debe confirmar el valor antes de cobrarla"
        )
        self.clave = clave


class SinUma(ErrorJerez):
    def __init__(self, fecha: str) -> None:
        super().__init__(f"fecha: no hay valor de UMA registrado para {fecha}; actualice la tabla de UMA")


class UmaNoPublicada(ErrorJerez):
    """The monthly or annual UMA of a year is not recorded as INEGI published it (never derived)."""

    def __init__(self, anio: int, cual: str) -> None:
        super().__init__(
            f"UMA {anio}: no está registrada la UMA {cual} publicada por el INEGI, y no se calcula a partir de "
            "la diaria; un administrador debe importarla («jerez-pos uma importar ARCHIVO», columnas "
            "anio,diaria,mensual,anual,vigente_desde,fuente)"
        )
        self.anio = anio
        self.cual = cual


class CatalogoInvalido(ErrorJerez):
    """A catalog file that can't be loaded: every problem with file, line and field."""

    def __init__(self, problemas: list[str]) -> None:
        resumen = problemas[0] if len(problemas) == 1 else f"{len(problemas)} problemas; el primero: {problemas[0]}"
        super().__init__(f"catálogo rechazado: {resumen}")
        self.problemas = problemas
