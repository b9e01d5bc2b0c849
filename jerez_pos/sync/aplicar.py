"""Applying a verified package (catalog/UMA, or a predial or comercio roll) to the terminal, and saying what
changed.

The package carries the catalog directory's files verbatim (``contenido.catalogo.archivos``: relative path →
text) and/or the UMA table (``contenido.uma.csv``). They are written to a temporary directory and go through
the very functions an administrator uses by hand (``Terminal.importar_catalogo`` / ``importar_uma``), so a
package is validated exactly like a local import and nothing half-applied is ever kept. A roll
(``contenido.padron``: ``tipo`` and the ``csv`` text of ``padron … importar``) goes through that import's
own all-or-nothing code, audited under the package's name; the roll's history is the append-only
``cuenta_registro``.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jerez_pos.catalogo import diferencias
from jerez_pos.catalogo.cargar import cargar
from jerez_pos.core.errores import ErrorJerez
from jerez_pos.core.modelo import Catalogo
from jerez_pos.core.texto import cantidad
from jerez_pos.ledger import cuentas_padron, inpc, tarifas
from jerez_pos.ledger.terminal import Terminal


@dataclass
class Cambios:
    version: int
    catalogo: str | None = None
    agregados: list[str] = field(default_factory=list)
    quitados: list[str] = field(default_factory=list)
    importes: list[str] = field(default_factory=list)
    uma: dict[str, str] = field(default_factory=dict)  # year → "antes → después"
    padron: dict[str, Any] = field(default_factory=dict)  # tipo, nuevas, actualizadas, sin_cambios
    inpc: int = 0  # months of the INPC table received

    def a_dict(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "catalogo": self.catalogo,
            "agregados": self.agregados,
            "quitados": self.quitados,
            "importes_cambiados": self.importes,
            "uma": self.uma,
            **({"padron": self.padron} if self.padron else {}),
            **({"inpc": self.inpc} if self.inpc else {}),
        }

    def lineas(self) -> list[str]:
        texto = [f"Paquete {self.version} aplicado."]
        if self.catalogo:
            texto.append(
                f"Catálogo {self.catalogo}: {cantidad(len(self.agregados), 'concepto nuevo', 'conceptos nuevos')}, "
                f"{cantidad(len(self.quitados), 'quitado')}, {len(self.importes)} con importe distinto."
            )
            for titulo, claves in (("Nuevos", self.agregados), ("Quitados", self.quitados)):
                if claves:
                    texto.append(f"  {titulo}: {', '.join(claves[:20])}{' …' if len(claves) > 20 else ''}")
            if self.importes:
                extra = " …" if len(self.importes) > 20 else ""
                texto.append(f"  Importe cambiado: {', '.join(self.importes[:20])}{extra}")
        for anio, cambio in sorted(self.uma.items()):
            texto.append(f"UMA {anio}: {cambio}")
        if self.padron:
            r = self.padron
            texto.append(
                f"Padrón de {r['tipo']}: {cantidad(r['nuevas'], 'cuenta nueva', 'cuentas nuevas')}, "
                f"{cantidad(r['actualizadas'], 'actualizada')}, "
                f"{r['sin_cambios']} sin cambios."
            )
        if self.inpc:
            texto.append(f"INPC: {cantidad(self.inpc, 'mes recibido', 'meses recibidos')} de la tesorería.")
        return texto


def comparar(antes: Catalogo | None, despues: Catalogo, cambios: Cambios) -> None:
    """The same comparison the administrator sees in the GUI (``catalogo.diferencias``)."""
    cambios.catalogo = despues.id
    if antes is None:
        cambios.agregados = sorted(despues.conceptos)
        return
    diferencia = diferencias.comparar(antes, despues)
    cambios.agregados = [clave for clave, _ in diferencia.agregados]
    cambios.quitados = [clave for clave, _ in diferencia.quitados]
    cambios.importes = [cambio.clave for cambio in diferencia.cambiados]


def _actual(terminal: Terminal, ejercicio: int) -> Catalogo | None:
    """The newest installed catalog of that fiscal year (what the new one replaces)."""
    del_anio = [c for c in tarifas.catalogos(terminal.bd) if c.ejercicio == ejercicio]
    return max(del_anio, key=lambda c: c.version) if del_anio else None


def _escribir(destino: Path, archivos: Any) -> None:
    if not isinstance(archivos, dict) or not archivos:
        raise ErrorJerez("paquete: contenido.catalogo.archivos debe ser un objeto ruta → texto no vacío")
    for relativa, texto in archivos.items():
        ruta = (destino / str(relativa)).resolve()
        if not isinstance(texto, str) or destino.resolve() not in ruta.parents:
            raise ErrorJerez(f"paquete: el archivo «{str(relativa)[:80]}» no es válido (ruta fuera del catálogo)")
        ruta.parent.mkdir(parents=True, exist_ok=True)
        ruta.write_text(texto, encoding="utf-8")


def _uma_actual(terminal: Terminal) -> dict[int, str]:
    try:
        return {v.anio: v.describir() for v in tarifas.tabla_uma(terminal.bd).valores}
    except ErrorJerez:
        return {}


def _aplicar_padron(terminal: Terminal, roll: Any, cambios: Cambios) -> Cambios:
    tipo = roll.get("tipo") if isinstance(roll, dict) else None
    texto = roll.get("csv") if isinstance(roll, dict) else None
    if tipo not in (cuentas_padron.PREDIAL, cuentas_padron.COMERCIO) or not isinstance(texto, str):
        raise ErrorJerez("paquete: contenido.padron debe traer «tipo» (predial o comercio) y el «csv» del padrón")
    origen = f"paquete {cambios.version} de la tesorería (padrón de {tipo})"
    r = cuentas_padron.importar_texto(
        terminal.bd, "tesorería", tipo, texto, origen, terminal.motor.catalogos[0]
    )  # PadronInvalido names line and field; nothing is written then
    cambios.padron = {"tipo": tipo, "nuevas": r.nuevas, "actualizadas": r.actualizadas, "sin_cambios": r.sin_cambios}
    return cambios


def _aplicar_inpc(terminal: Terminal, tabla: Any, cambios: Cambios) -> Cambios:
    texto = tabla.get("csv") if isinstance(tabla, dict) else None
    if not isinstance(texto, str) or not texto.strip():
        raise ErrorJerez("paquete: contenido.inpc.csv debe ser el texto de la tabla del INPC")
    with tempfile.TemporaryDirectory(prefix="jerez-paquete-") as temporal:
        ruta = Path(temporal) / f"inpc-paquete-{cambios.version}.csv"
        ruta.write_text(texto, encoding="utf-8")
        cambios.inpc = inpc.importar(terminal.bd, ruta)  # all or nothing; names line and field
    return cambios


def aplicar(terminal: Terminal, paquete: dict[str, Any]) -> Cambios:
    """Imports what the (already verified) package carries; raises ``ErrorJerez`` naming the field if the
    contents don't validate. The catalog import is all-or-nothing; the UMA table is applied after it."""
    contenido = paquete.get("contenido")
    if not isinstance(contenido, dict):
        raise ErrorJerez("paquete: falta «contenido»")
    cambios = Cambios(int(paquete["version"]))
    if "padron" in contenido:
        return _aplicar_padron(terminal, contenido["padron"], cambios)
    if "inpc" in contenido:
        return _aplicar_inpc(terminal, contenido["inpc"], cambios)
    catalogo = contenido.get("catalogo")
    uma = contenido.get("uma")
    if catalogo is None and uma is None:
        raise ErrorJerez("paquete: «contenido» no trae catálogo ni UMA")
    with tempfile.TemporaryDirectory(prefix="jerez-paquete-") as temporal:
        base = Path(temporal)
        if catalogo is not None:
            directorio = base / "catalogo"
            _escribir(directorio, catalogo.get("archivos") if isinstance(catalogo, dict) else None)
            nuevo = cargar(directorio)  # CatalogoInvalido names file, line and field
            comparar(_actual(terminal, nuevo.ejercicio), nuevo, cambios)
            terminal.importar_catalogo(directorio)
        if uma is not None:
            texto = uma.get("csv") if isinstance(uma, dict) else None
            if not isinstance(texto, str) or not texto.strip():
                raise ErrorJerez("paquete: contenido.uma.csv debe ser el texto de la tabla de UMA")
            ruta = base / "uma.csv"
            ruta.write_text(texto, encoding="utf-8")
            previa = _uma_actual(terminal)
            terminal.importar_uma(ruta)
            for anio, diaria in sorted(_uma_actual(terminal).items()):
                if previa.get(anio) != diaria:
                    cambios.uma[str(anio)] = f"{previa.get(anio, '—')} → {diaria}"
    return cambios
