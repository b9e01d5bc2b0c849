"""A new fiscal year's catalog published at the terminal by two people: one prepares, another approves.

Preparing validates the draft folder with the catalog loader and records, in the audit table, who prepared
which exact files (their hash). Approving needs a different person, an administrador or supervisor who
types their own password here; the folder must still hash the same (what the approver reviewed is what is
imported), and the import is the ordinary ``Terminal.importar_catalogo`` (sealed and signed like any other).
Both steps are audited. A terminal enrolled with the central also gets the catalog as a zip that the
central console's two-person publication takes as it is (``central/publicacion.py``).
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from jerez_pos.catalogo.cargar import cargar
from jerez_pos.core.errores import CatalogoInvalido, ErrorEntrada, ErrorJerez
from jerez_pos.ledger import auditoria, custodia, usuarios
from jerez_pos.ledger.comun import Sesion, SinPermiso
from jerez_pos.ledger.lectura import leer
from jerez_pos.ledger.sellos import huella_catalogo
from jerez_pos.ledger.tarifas import archivos_de
from jerez_pos.ledger.terminal import Terminal

ROLES_APROBAR = ("administrador", "supervisor")


@dataclass(frozen=True)
class Preparacion:
    carpeta: Path
    catalogo: str  # "jerez-2025 v2"
    huella: str
    preparo: str
    por_verificar: int  # concepts still refused at the charge until someone confirms them
    fecha: str


@dataclass(frozen=True)
class Aprobacion:
    catalogo: str
    preparo: str
    aprobo: str
    nuevo: bool  # False: that exact catalog was already imported
    paquete: Path | None  # the zip for the central console, when the terminal is enrolled


def exportar_vigente(terminal: Terminal, destino: Path) -> Path:
    """The newest stored catalog (by year and version), written as a folder: the base of the next draft.
    Only verified files leave the ledger."""
    with leer(terminal.bd) as conexion:
        guardados = custodia.leer_catalogos(conexion, custodia.llave_terminal(conexion))
    if not guardados:
        raise ErrorJerez("no hay catálogo cargado que sirva de base")
    ultimo = max(guardados, key=lambda c: (c.ejercicio, c.version))
    if ultimo.problemas:
        raise custodia.TarifasAlteradas(custodia.resumen(ultimo.problemas))
    carpeta = destino / f"{ultimo.municipio.lower()}-{ultimo.ejercicio}-v{ultimo.version}"
    for ruta, texto in ultimo.archivos.items():
        archivo = carpeta / ruta
        archivo.parent.mkdir(parents=True, exist_ok=True)
        archivo.write_text(texto, encoding="utf-8")
    return carpeta


def _validar(carpeta: Path) -> tuple[str, int]:
    try:
        catalogo = cargar(carpeta)
    except CatalogoInvalido as exc:
        raise ErrorJerez(f"el borrador no es un catálogo válido: {exc.problemas[0]}") from None
    return catalogo.id, sum(1 for c in catalogo.conceptos.values() if c.verificar)


def preparar(terminal: Terminal, sesion: Sesion, carpeta: Path) -> Preparacion:
    sesion.exigir("preparar la publicación de un catálogo", "administrador")
    catalogo, por_verificar = _validar(carpeta)
    huella = huella_catalogo(archivos_de(carpeta))
    fecha = dt.datetime.now().isoformat(timespec="seconds")
    detalle = {"catalogo": catalogo, "huella": huella, "carpeta": str(carpeta), "por_verificar": por_verificar}
    auditoria.registrar_aparte(terminal.bd, sesion.usuario, "publicación de catálogo preparada", detalle)
    return Preparacion(carpeta, catalogo, huella, sesion.usuario, por_verificar, fecha)


def aprobar(
    terminal: Terminal, preparacion: Preparacion, usuario: str, contrasena: str, enviar_a_central: bool = False
) -> Aprobacion:
    """The second person approves with their own password; then the catalog is imported and audited."""
    if not usuario.strip():
        raise ErrorEntrada("usuario", "escriba el usuario de quien aprueba (otra persona)")
    if usuario.strip() == preparacion.preparo:
        raise ErrorEntrada("usuario", "quien aprueba debe ser otra persona, no quien preparó la publicación")
    aprobador = usuarios.autenticar(terminal.bd, usuario, contrasena)  # failures are counted and audited
    try:
        aprobador.exigir("aprobar la publicación de un catálogo", *ROLES_APROBAR)
    except SinPermiso:
        auditoria.registrar_aparte(
            terminal.bd, aprobador.usuario, "publicación de catálogo rechazada", {"motivo": "rol sin permiso"}
        )
        raise
    catalogo, _ = _validar(preparacion.carpeta)
    if huella_catalogo(archivos_de(preparacion.carpeta)) != preparacion.huella or catalogo != preparacion.catalogo:
        raise ErrorJerez(
            "el borrador cambió después de prepararse la publicación; quien lo prepara debe prepararlo de nuevo"
        )
    resultado = terminal.importar_catalogo(preparacion.carpeta, usuario=preparacion.preparo)
    paquete = empaquetar(terminal, preparacion) if enviar_a_central else None
    detalle = {
        "catalogo": resultado.catalogo,
        "huella": preparacion.huella,
        "preparo": preparacion.preparo,
        "aprobo": aprobador.usuario,
        "paquete_central": str(paquete) if paquete else "",
    }
    auditoria.registrar_aparte(terminal.bd, aprobador.usuario, "publicación de catálogo aprobada", detalle)
    return Aprobacion(resultado.catalogo, preparacion.preparo, aprobador.usuario, resultado.nuevo, paquete)


def empaquetar(terminal: Terminal, preparacion: Preparacion) -> Path:
    """The catalog's stored files as a zip at its root, as the central console's «Publicación» takes it."""
    destino = terminal.directorio / "publicaciones"
    destino.mkdir(parents=True, exist_ok=True)
    nombre = preparacion.catalogo.replace(" ", "-")
    final = destino / f"{nombre}-{preparacion.huella[:12]}.zip"
    with (
        tempfile.NamedTemporaryFile(dir=destino, suffix=".parcial", delete=False) as temporal,
        zipfile.ZipFile(temporal, "w", zipfile.ZIP_DEFLATED) as archivo,
    ):
        for ruta, texto in sorted(archivos_de(preparacion.carpeta).items()):
            archivo.writestr(ruta, texto)
    shutil.move(temporal.name, final)  # complete or absent, never half a zip
    return final
