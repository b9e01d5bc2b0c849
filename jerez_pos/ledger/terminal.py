"""The terminal's data home as one object the CLI and the GUI call: open, migrate, seed, price, search.

First run creates the SQLite file, migrates it and imports the catalog and UMA table shipped with the
program, so a fresh install can charge at once.
"""

from __future__ import annotations

import datetime as dt
from contextlib import suppress
from functools import cached_property
from pathlib import Path

from sqlalchemy import Engine, text

from jerez_pos import config
from jerez_pos.core.cotizacion import Cotizacion
from jerez_pos.core.errores import ErrorEntrada, ErrorJerez
from jerez_pos.core.giros import Sugerencia, conceptos_para_giro, encontrar_giro
from jerez_pos.core.modelo import Catalogo, Concepto, Giro
from jerez_pos.core.motor import Motor
from jerez_pos.core.texto import corto
from jerez_pos.disco import borrar
from jerez_pos.ledger import arranque, auditoria, custodia, identidad, marca, tarifas
from jerez_pos.ledger.base import abrir, lector
from jerez_pos.ledger.busqueda import Hallazgo, buscar
from jerez_pos.ledger.migraciones import migrar
from jerez_pos.ledger.sellos import Firmador


class Terminal:
    def __init__(
        self, directorio: Path | None = None, respaldo_diario: bool = True, revisar_marca: bool = True
    ) -> None:
        self.directorio = directorio or config.home()
        ruta = config.ruta_bd(self.directorio)
        marca.exigir_archivo(ruta, self.directorio)  # a lost file is never replaced by an empty ledger
        primera_vez = not ruta.exists()
        carpeta_nueva = not self.directorio.exists()
        self.bd: Engine = abrir(ruta)
        try:
            self.respaldo_previo_a_migrar = arranque.respaldar_antes_de_migrar(self.bd, ruta, self.directorio)
            migrar(self.bd)
            # A ledger behind its journal is refused before anything is written to it (see ledger/marca.py).
            avisos_diario = marca.al_arrancar(self.bd, self.directorio) if revisar_marca else []
            self._sembrar()
            self._adoptar()
        except BaseException:
            if primera_vez:  # a first run that could not finish (a full disk): no half-made ledger is left
                self._deshacer_primera_vez(ruta, carpeta_nueva)
            raise
        # Start-up duties: warnings are kept for the GUI's status bar and `diagnostico`; none stops the start.
        self.avisos: list[str] = arranque.revisar_integridad(self.bd)
        if respaldo_diario and not self.avisos:
            self.avisos += arranque.respaldo_diario(self.bd, self.directorio).avisos
        self.avisos += avisos_diario

    def _deshacer_primera_vez(self, ruta: Path, carpeta_nueva: bool) -> None:
        """Removes what an unfinished first run created: the database, its WAL and shared-memory files and,
        when this run made it, the data folder. Nothing was charged in it (set-up never finished), and a
        file left there would be taken for the terminal's ledger at the next start."""
        self.bd.dispose()
        borrar(*(Path(f"{ruta}{sufijo}") for sufijo in ("", "-wal", "-shm", "-journal")))
        if carpeta_nueva:
            with suppress(OSError):
                self.directorio.rmdir()  # only when empty: anything else in it is not ours to remove

    def _sembrar(self) -> None:
        with lector(self.bd).connect() as conexion:
            hay_catalogo = conexion.execute(text("SELECT count(*) FROM catalogo")).scalar_one()
            hay_uma = conexion.execute(text("SELECT count(*) FROM uma")).scalar_one()
        if not hay_uma:
            tarifas.importar_uma(self.bd, config.dir_tarifas() / "uma.csv")
        if not hay_catalogo:
            tarifas.importar_catalogo(self.bd, config.catalogo_incluido(), "incluido con el programa")

    def _adoptar(self) -> None:
        with suppress(ErrorJerez):  # no readable key: nothing is signed now; charging names the key problem
            tarifas.adoptar(self.bd, self.firmador)

    @cached_property
    def motor(self) -> Motor:
        self._adoptar()  # the terminal may have been registered since it was opened
        return tarifas.cargar_motor(self.bd)

    def olvidar_motor(self) -> None:
        self.__dict__.pop("motor", None)
        custodia.olvidar(self.bd.url.database or "")

    def catalogo(self, fecha: dt.date | None = None) -> Catalogo:
        return self.motor.catalogo_para(fecha or dt.date.today())[0]

    def cotizar(self, clave: str, parametros: dict[str, str], fecha: dt.date | None = None) -> Cotizacion:
        return self.motor.cotizar(clave, parametros, fecha or dt.date.today())

    def buscar(self, consulta: str, limite: int = 30) -> list[Hallazgo]:
        return buscar(self.bd, consulta, limite)

    def conceptos(self, consulta: str | None = None, giro: str | None = None) -> list[Concepto]:
        catalogo = self.catalogo()
        if giro is not None:
            claves = [s.clave for s in self.por_giro(giro)]
        elif consulta:
            claves = [h.clave for h in self.buscar(consulta, limite=200)]
        else:
            claves = list(catalogo.conceptos)
        return [catalogo.conceptos[k] for k in claves if k in catalogo.conceptos]

    def giros(self, consulta: str | None = None) -> list[Giro]:
        catalogo = self.catalogo()
        return encontrar_giro(catalogo, consulta) if consulta else list(catalogo.giros)

    def giro_unico(self, consulta: str) -> Giro:
        encontrados = self.giros(consulta)
        if not encontrados:
            raise ErrorEntrada("giro", f"no hay giro que coincida con «{corto(consulta)}» (número 1-470 o palabras)")
        if len(encontrados) > 1 and not consulta.strip().isdigit():
            exacto = [g for g in encontrados if g.nombre.casefold() == consulta.strip().casefold()]
            if len(exacto) == 1:
                return exacto[0]
            nombres = "; ".join(f"{g.numero} {g.nombre}" for g in encontrados[:5])
            raise ErrorEntrada(
                "giro", f"«{corto(consulta)}» coincide con {len(encontrados)} giros ({nombres}…); precise"
            )
        return encontrados[0]

    def por_giro(self, consulta: str) -> list[Sugerencia]:
        return conceptos_para_giro(self.catalogo(), self.giro_unico(consulta))

    def firmador(self) -> Firmador | None:
        """The terminal's key signs imported tariff data; None before the terminal is registered."""
        ident = identidad.leer_identidad(self.bd)
        return None if ident is None else identidad.llave_privada(self.directorio, ident).sign

    def importar_catalogo(self, directorio: Path, usuario: str = "sistema") -> tarifas.Importacion:
        self._adoptar()
        resultado = tarifas.importar_catalogo(self.bd, directorio, firmar=self.firmador())
        if resultado.nuevo:
            detalle = {"catalogo": resultado.catalogo, "origen": str(directorio), "conceptos": resultado.conceptos}
            auditoria.registrar_aparte(self.bd, usuario, "importación de catálogo", detalle)
        self.olvidar_motor()
        return resultado

    def importar_uma(self, ruta: Path, usuario: str = "sistema") -> tarifas.ImportacionUma:
        self._adoptar()
        resultado = tarifas.importar_uma(self.bd, ruta, self.firmador())
        detalle = {"archivo": str(ruta), "leidos": resultado.leidos, "cambios": resultado.cambios}
        auditoria.registrar_aparte(self.bd, usuario, "cambio de UMA", detalle)
        self.olvidar_motor()
        return resultado

    def confirmar_tarifa(self, clave: str, usuario: str, motivo: str) -> None:
        concepto = self.motor.concepto(clave, dt.date.today())
        if not concepto.verificar:
            raise ErrorEntrada("clave", f"{concepto.clave} no está marcada «verificar»; no requiere confirmación")
        tarifas.confirmar(self.bd, concepto.clave, usuario, motivo, self.firmador())
        auditoria.registrar_aparte(
            self.bd, usuario, "confirmación de tarifa", {"clave": concepto.clave, "motivo": motivo}
        )
        self.olvidar_motor()
