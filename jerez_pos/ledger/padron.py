"""Padrón de puestos: import from CSV, the day's route (paid / pending) and charging a stall's daily fee.

The fee follows the stall's type (Art. 72 fr. I móvil, II fijo, III semifijo, per day) unless the padrón
names another concept of the floor-fee articles (Art. 75 concessions, Art. 76 vehicle sale). A charge is an
ordinary receipt whose contributor carries ``padron`` = the stall's ``clave``: "paid today" is read from the
append-only ledger (a voided receipt does not count), never stored twice.

CSV header: ``clave,titular,giro,tianguis,ubicacion,tipo,m2[,concepto]``. Every bad row is reported with
its line and field, and nothing is written unless the whole file is valid.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text

from jerez_pos.core.dinero import ajuste_efectivo
from jerez_pos.core.errores import ErrorEntrada, ErrorJerez
from jerez_pos.core.numeros import leer_numero
from jerez_pos.core.texto import corto, limpiar, plano
from jerez_pos.ledger import auditoria, caja, recibos
from jerez_pos.ledger.comun import EstadoInvalido, Reloj, Sesion, marca, reloj_sistema
from jerez_pos.ledger.lectura import leer
from jerez_pos.ledger.pagos import Pago
from jerez_pos.ledger.terminal import Terminal

COLUMNAS = ("clave", "titular", "giro", "tianguis", "ubicacion", "tipo", "m2")
OPCIONALES = ("concepto",)
TIPOS = {"movil": "A72-I", "fijo": "A72-II", "semifijo": "A72-III"}
NOMBRE_TIPO = {"movil": "móvil", "fijo": "fijo", "semifijo": "semifijo"}
QUIEN_IMPORTA = ("administrador", "supervisor")
M2_MAXIMO = Decimal("1000")


class PadronInvalido(ErrorJerez):
    """Every problem of the file, each naming its line and field; nothing was written."""

    def __init__(self, problemas: list[str]) -> None:
        resumen = problemas[0] if len(problemas) == 1 else f"{len(problemas)} errores; el primero: {problemas[0]}"
        super().__init__(f"padrón rechazado: {resumen}")
        self.problemas = problemas


@dataclass(frozen=True)
class Puesto:
    clave: str
    titular: str
    giro: str
    tianguis: str
    ubicacion: str
    tipo: str  # movil | fijo | semifijo
    m2: Decimal
    concepto: str | None = None

    @property
    def clave_cobro(self) -> str:
        return self.concepto or TIPOS[self.tipo]

    def parametros(self) -> dict[str, str]:
        """One day of floor; Art. 76 also counts vehicles (one per stall)."""
        return {"dias": "1", "cantidad": "1"} if self.clave_cobro == "A76" else {"dias": "1"}


@dataclass(frozen=True)
class EnRuta:
    puesto: Puesto
    folio: str | None  # the day's receipt, None while pending

    @property
    def pagado(self) -> bool:
        return self.folio is not None


@dataclass(frozen=True)
class Importacion:
    nuevos: int
    actualizados: int


def concepto_permitido(clave: str) -> bool:
    return clave in TIPOS.values() or clave == "A76" or clave.startswith("A75-")


def _tipo(valor: str) -> str | None:
    limpio = plano(valor.strip()).replace("-", "").replace(" ", "")
    return limpio if limpio in TIPOS else None


def _m2(valor: str) -> Decimal | None:
    try:
        m2 = leer_numero(valor, "m2")  # ASCII digits, point for decimals, as everywhere else
    except ErrorEntrada:
        return None
    if m2 <= 0 or m2 > M2_MAXIMO or m2 != m2.quantize(Decimal("0.01")):
        return None
    return m2


def leer_archivo(ruta: Path) -> str:
    """A roll or INPC file as text, or one Spanish sentence (Python's own reasons are in English)."""
    try:
        return ruta.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        linea = ruta.read_bytes()[: exc.start].count(b"\n") + 1
        raise ErrorEntrada(
            "ARCHIVO",
            f"«{corto(ruta.name, 60)}» no está en UTF-8 (línea {linea}); ábralo en la hoja de cálculo y guárdelo "
            "como «CSV UTF-8»",
        ) from None
    except OSError:
        raise ErrorEntrada(
            "ARCHIVO", f"no se puede leer «{corto(str(ruta), 120)}»: no existe, es una carpeta o no hay permiso"
        ) from None


@contextmanager
def csv_legible() -> Iterator[None]:
    """The ``csv`` module's own errors (a field over its 131,072-character limit, a quote never closed) in
    Spanish: a roll file is whatever an office exported, and its reader must answer, not fail."""
    try:
        yield
    except csv.Error:
        raise ErrorEntrada(
            "ARCHIVO",
            f"no es un CSV válido: un campo pasa de {csv.field_size_limit():,} caracteres o tiene comillas sin cerrar",
        ) from None


def leer_csv(contenido: str, claves_validas: set[str] | None = None) -> list[Puesto]:
    """All rows or ``PadronInvalido`` listing every bad one ("línea 4, campo tipo: …")."""
    lector = csv.DictReader(io.StringIO(contenido.lstrip("\ufeff")))
    encabezado = [plano(c.strip()) for c in (lector.fieldnames or [])]
    faltan = [c for c in COLUMNAS if c not in encabezado]
    if faltan:
        raise PadronInvalido([f"línea 1, encabezado: faltan las columnas {', '.join(faltan)} ({','.join(COLUMNAS)})"])
    lector.fieldnames = encabezado
    problemas: list[str] = []
    puestos: list[Puesto] = []
    vistas: dict[str, int] = {}
    for fila in lector:
        linea = lector.line_num
        datos = {k: (v or "").strip() for k, v in fila.items() if isinstance(k, str)}
        if not any(datos.values()):
            continue

        def error(campo: str, mensaje: str, linea: int = linea) -> None:
            problemas.append(f"línea {linea}, campo {campo}: {mensaje}")

        for campo in ("clave", "titular", "giro", "tianguis", "ubicacion"):
            try:  # names and places end up on tickets and the inspector's PDF: no control characters
                datos[campo] = limpiar(datos.get(campo, ""), campo, nombre="nombre")
            except ErrorEntrada as exc:
                error(campo, exc.mensaje)
        for campo in ("clave", "titular", "tianguis"):
            if not datos.get(campo):
                error(campo, "es obligatorio")
        clave = datos.get("clave", "").upper()
        if len(clave) > 20:
            error("clave", "debe tener a lo más 20 caracteres")
        if clave and clave in vistas:
            error("clave", f"«{corto(clave)}» está repetida (ya aparece en la línea {vistas[clave]})")
        vistas.setdefault(clave, linea)
        tipo = _tipo(datos.get("tipo", ""))
        if tipo is None:
            error("tipo", f"«{corto(datos.get('tipo', ''))}» no es un tipo de puesto; use móvil, fijo o semifijo")
        m2 = _m2(datos.get("m2", ""))
        if m2 is None:
            error("m2", f"«{corto(datos.get('m2', ''))}» debe ser una superficie mayor que 0 y hasta {M2_MAXIMO} m²")
        concepto = datos.get("concepto", "").upper() or None
        if concepto and not concepto_permitido(concepto):
            error("concepto", f"«{corto(concepto)}» no es un derecho de piso; use A72-I, A72-II, A72-III, A75-… o A76")
        elif concepto and claves_validas is not None and concepto not in claves_validas:
            error("concepto", f"«{corto(concepto)}» no existe en el catálogo vigente")
        if tipo is not None and m2 is not None and clave and datos.get("titular") and datos.get("tianguis"):
            puestos.append(
                Puesto(
                    clave,
                    datos["titular"],
                    datos.get("giro", ""),
                    datos["tianguis"],
                    datos.get("ubicacion", ""),
                    tipo,
                    m2,
                    concepto,
                )
            )
    if problemas:
        raise PadronInvalido(problemas)
    if not puestos:
        raise PadronInvalido(["línea 2: el archivo no tiene puestos"])
    return puestos


def importar(terminal: Terminal, sesion: Sesion, ruta: Path, reloj: Reloj = reloj_sistema) -> Importacion:
    """New stalls are added and known ones (same ``clave``) updated, in one transaction."""
    sesion.exigir("importar el padrón de puestos", *QUIEN_IMPORTA)
    contenido = leer_archivo(ruta)
    with csv_legible():
        puestos = leer_csv(contenido, set(terminal.catalogo().conceptos))
    ahora = marca(reloj())
    nuevos = actualizados = 0
    with terminal.bd.begin() as conexion:
        for p in puestos:
            existe = conexion.execute(text("SELECT 1 FROM puesto WHERE clave = :c"), {"c": p.clave}).first()
            valores = {
                "c": p.clave,
                "t": p.titular,
                "g": p.giro,
                "x": p.tianguis,
                "u": p.ubicacion,
                "y": p.tipo,
                "m": int(p.m2 * 100),
                "k": p.concepto,
                "f": ahora,
            }
            if existe:
                conexion.execute(
                    text(
                        "UPDATE puesto SET titular=:t, giro=:g, tianguis=:x, ubicacion=:u, tipo=:y, "
                        "m2_centesimos=:m, concepto=:k, activo=1, actualizado_en=:f WHERE clave=:c"
                    ),
                    valores,
                )
                actualizados += 1
            else:
                conexion.execute(
                    text(
                        "INSERT INTO puesto (clave, titular, giro, tianguis, ubicacion, tipo, m2_centesimos, "
                        "concepto, actualizado_en) VALUES (:c, :t, :g, :x, :u, :y, :m, :k, :f)"
                    ),
                    valores,
                )
                nuevos += 1
        auditoria.registrar(
            conexion,
            sesion.usuario,
            "importación de padrón",
            {"archivo": str(ruta), "nuevos": nuevos, "actualizados": actualizados},
        )
    return Importacion(nuevos, actualizados)


def _puesto(f: Any) -> Puesto:
    return Puesto(
        f["clave"],
        f["titular"],
        f["giro"],
        f["tianguis"],
        f["ubicacion"],
        f["tipo"],
        Decimal(int(f["m2_centesimos"])) / 100,
        f["concepto"],
    )


def puestos(bd: Engine, tianguis: str | None = None) -> list[Puesto]:
    with leer(bd) as c:
        filas = c.execute(
            "SELECT * FROM puesto WHERE activo = 1 AND (:t IS NULL OR tianguis = :t) "
            "ORDER BY tianguis, ubicacion, clave",
            {"t": tianguis},
        ).fetchall()
    return [_puesto(f) for f in filas]


def tianguis(bd: Engine) -> list[str]:
    with leer(bd) as c:
        return [f[0] for f in c.execute("SELECT DISTINCT tianguis FROM puesto WHERE activo = 1 ORDER BY 1")]


def pagados(bd: Engine, fecha: dt.date) -> dict[str, str]:
    """Stall ``clave`` → folio of its valid receipt on ``fecha``."""
    dia = {"d": fecha.isoformat(), "h": (fecha + dt.timedelta(days=1)).isoformat()}
    with leer(bd) as c:
        filas = c.execute(
            "SELECT json_extract(r.contribuyente, '$.padron') AS clave, r.serie || '-' || r.numero AS folio "
            "FROM recibo r WHERE r.fecha >= :d AND r.fecha < :h "
            "AND json_extract(r.contribuyente, '$.padron') IS NOT NULL "
            "AND NOT EXISTS (SELECT 1 FROM anulacion a WHERE a.recibo_id = r.id) ORDER BY r.id",
            dia,
        ).fetchall()
    return {str(f["clave"]): str(f["folio"]) for f in filas}


def ruta_del_dia(bd: Engine, fecha: dt.date, tianguis_: str | None = None) -> list[EnRuta]:
    hechos = pagados(bd, fecha)
    return [EnRuta(p, hechos.get(p.clave)) for p in puestos(bd, tianguis_)]


def buscar_puesto(bd: Engine, clave: str) -> Puesto:
    with leer(bd) as c:
        fila = c.execute("SELECT * FROM puesto WHERE clave = ? AND activo = 1", (clave.strip().upper(),)).fetchone()
    if fila is None:
        raise ErrorEntrada("puesto", f"no existe el puesto «{corto(clave)}» en el padrón")
    return _puesto(fila)


def cobrar_puesto(terminal: Terminal, sesion: Sesion, clave: str, reloj: Reloj = reloj_sistema) -> recibos.Emitido:
    """The stall's daily fee, paid in exact cash (Art. 20 applied); refused when already paid today."""
    sesion.exigir("cobrar derecho de piso", *caja.QUIEN_COBRA)
    puesto = buscar_puesto(terminal.bd, clave)
    hoy = reloj().date()
    folio = pagados(terminal.bd, hoy).get(puesto.clave)
    if folio is not None:
        raise EstadoInvalido(f"puesto: «{puesto.clave}» ya pagó hoy (recibo {folio})")
    cotizacion = terminal.cotizar(puesto.clave_cobro, puesto.parametros(), hoy)
    pagos = [Pago("efectivo", ajuste_efectivo(cotizacion.total))] if cotizacion.total else []
    contribuyente = {"nombre": puesto.titular, "padron": puesto.clave, "domicilio": _domicilio(puesto)}
    return recibos.cobrar(
        terminal, sesion, [(puesto.clave_cobro, puesto.parametros())], pagos, contribuyente, reloj=reloj
    )


def _domicilio(puesto: Puesto) -> str:
    return ", ".join(x for x in (puesto.tianguis, puesto.ubicacion) if x)


def por_entregar(bd: Engine, sesion: Sesion) -> Decimal:
    """Cash collected in the open shift and not yet handed over (what the inspector gives the cashier)."""
    from jerez_pos.ledger import corte

    c = corte.cifras(bd, sesion)
    neto = c.efectivo_recibido - c.cambio - c.efectivo_anulado - c.entregas_hechas
    return Decimal(max(neto, 0)) / 100
