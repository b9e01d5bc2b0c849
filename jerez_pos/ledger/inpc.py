"""The INPC table (Art. 14) kept in the ledger like the UMA table: imported from CSV by an administrator,
append-only, the newest row of a month wins. The shipped file carries no invented figure (see README)."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine, text

from jerez_pos.core.cuentas import Inpc
from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.core.numeros import es_digitos, leer_numero
from jerez_pos.core.texto import corto, limpiar
from jerez_pos.ledger import auditoria, diario, diario_filas
from jerez_pos.ledger.comun import Reloj, Sesion, marca, reloj_sistema
from jerez_pos.ledger.lectura import leer
from jerez_pos.ledger.padron import csv_legible, leer_archivo

COLUMNAS = ("anio", "mes", "indice")
SINONIMOS = {"año": "anio", "inpc": "indice", "valor": "indice", "índice": "indice", "fecha": "periodo"}


def leer_csv(contenido: str) -> list[tuple[int, int, Decimal, str]]:
    """``anio,mes,indice[,fuente]``; lines starting with ``#`` are notes. All or nothing."""
    todas = contenido.lstrip("\ufeff").splitlines()
    originales = [n for n, x in enumerate(todas, 1) if not x.lstrip().startswith("#")]
    lineas = [todas[n - 1] for n in originales]
    lector = csv.DictReader(io.StringIO("\n".join(lineas)))
    encabezado = [SINONIMOS.get(c.strip().lower(), c.strip().lower()) for c in (lector.fieldnames or [])]
    por_periodo = "periodo" in encabezado and "indice" in encabezado
    if not por_periodo and any(c not in encabezado for c in COLUMNAS):
        raise ErrorEntrada(
            "encabezado", "el archivo del INPC debe tener las columnas anio,mes,indice[,fuente] (o periodo,indice)"
        )
    lector.fieldnames = encabezado
    filas: list[tuple[int, int, Decimal, str]] = []
    vistos: dict[tuple[int, int], int] = {}
    for fila in lector:
        n = originales[lector.line_num - 1]
        datos = {k: (v or "").strip() for k, v in fila.items() if isinstance(k, str)}
        if not any(datos.values()):
            continue
        if por_periodo:  # INEGI's own downloads name the month "2024/02" or "2024-02"
            anio, _, mes = datos.get("periodo", "").replace("/", "-").partition("-")
            datos["anio"], datos["mes"] = anio.strip(), mes.strip().lstrip("0")
        # ASCII digits only (``str.isdigit`` also takes "²", which ``int`` then refuses, and "٢٠٢٤")
        if not es_digitos(datos["anio"], 4) or not 1900 <= int(datos["anio"]) <= 2100:
            raise ErrorEntrada("anio", f"línea {n}: «{corto(datos['anio'])}» debe ser un año de 1900 a 2100")
        if not es_digitos(datos["mes"], 2) or not 1 <= int(datos["mes"]) <= 12:
            raise ErrorEntrada("mes", f"línea {n}: «{corto(datos['mes'])}» debe ser un mes de 1 a 12")
        try:
            indice = leer_numero(datos["indice"], "indice")
        except ErrorEntrada as exc:
            raise ErrorEntrada("indice", f"línea {n}: {exc.mensaje}") from None
        try:  # the source is printed in «inpc listar» and kept in the journal
            fuente = limpiar(datos.get("fuente", ""), "fuente")
        except ErrorEntrada as exc:
            raise ErrorEntrada("fuente", f"línea {n}: {exc.mensaje}") from None
        periodo = (int(datos["anio"]), int(datos["mes"]))
        if periodo in vistos:  # two values of one month in one file: neither is guessed
            raise ErrorEntrada(
                "mes", f"línea {n}: el mes {periodo[0]}-{periodo[1]:02d} ya aparece en la línea {vistos[periodo]}"
            )
        vistos[periodo] = n
        filas.append((*periodo, indice, fuente))
    if not filas:
        raise ErrorEntrada("ARCHIVO", "el archivo del INPC no tiene valores (anio,mes,indice)")
    return filas


def importar(bd: Engine, ruta: Path, sesion: Sesion | None = None, reloj: Reloj = reloj_sistema) -> int:
    if sesion is not None:
        sesion.exigir("importar el INPC", "administrador")
    contenido = leer_archivo(ruta)
    with csv_legible():
        filas = leer_csv(contenido)
    ahora = marca(reloj())
    with diario.transaccion(bd) as (conexion, pendiente):
        anterior = diario_filas.ultimo_id(conexion, "inpc")
        if filas:
            conexion.execute(
                text("INSERT INTO inpc (anio, mes, indice, fuente, registrado_en) VALUES (:a, :m, :i, :f, :t)"),
                [{"a": a, "m": m, "i": str(i), "f": f or ruta.name, "t": ahora} for a, m, i, f in filas],
            )
            diario_filas.anotar_nuevas(conexion, pendiente, "inpc", anterior)
        auditoria.registrar(
            conexion,
            sesion.usuario if sesion else "sistema",
            "importación del INPC",
            {"archivo": str(ruta), "meses": len(filas)},
        )
    return len(filas)


def tabla(bd: Engine) -> Inpc:
    with leer(bd) as c:
        filas = c.execute("SELECT anio, mes, indice FROM inpc ORDER BY id").fetchall()
    return {(int(f["anio"]), int(f["mes"])): Decimal(f["indice"]) for f in filas}
