"""``catalogo borrador``: next year's catalog drafted from the new decree's text."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from jerez_pos import config, disco
from jerez_pos.catalogo.borrador import texto as t
from jerez_pos.catalogo.borrador.armar import Borrador, armar
from jerez_pos.catalogo.borrador.escribir import escribir
from jerez_pos.catalogo.cargar import cargar
from jerez_pos.catalogo.fidelidad import revisar
from jerez_pos.cli.base import archivo_existente, imprimir_json
from jerez_pos.core.errores import CatalogoInvalido, ErrorEntrada, ErrorJerez
from jerez_pos.core.texto import cantidad, corto


def directorio_de_catalogo(texto: str, campo: str) -> Path:
    """A catalog folder, or the name of one shipped with the program ("jerez-2024")."""
    ruta = Path(texto)
    if not (ruta / "catalogo.toml").is_file():
        ruta = config.dir_tarifas() / texto
    if not (ruta / "catalogo.toml").is_file():
        raise ErrorEntrada(
            campo, f"«{texto[:60]}» no es un directorio de catálogo ni un catálogo incluido (p. ej. jerez-2024)"
        )
    return ruta


def _leer_ley(texto: str) -> str:
    ruta = archivo_existente(texto, "--ley", "; indique el texto del decreto (.txt en UTF-8)")
    try:
        return ruta.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ErrorEntrada("--ley", "el archivo no está en UTF-8; guárdelo como texto UTF-8") from None
    except OSError as exc:
        raise ErrorEntrada("--ley", f"no se puede leer ({exc.strerror})") from None


def _salida(texto: str) -> Path:
    ruta = Path(texto)
    if ruta.exists() and (not ruta.is_dir() or any(ruta.iterdir())):
        raise ErrorEntrada("--salida", f"«{texto[:60]}» ya existe y no está vacío; indique una carpeta nueva")
    return ruta


def _borrador(args: argparse.Namespace) -> int:
    if not 2000 <= args.ejercicio <= 2100:
        raise ErrorEntrada("--ejercicio", "un año entre 2000 y 2100")
    base = directorio_de_catalogo(args.base, "--base")
    ley = _leer_ley(args.ley)
    salida = _salida(args.salida)
    if not t.tiene_articulos(ley):
        raise ErrorEntrada(
            "--ley", "el texto no tiene artículos («ARTÍCULO 1.»); ¿es el decreto de la Ley de Ingresos?"
        )
    borrador = armar(ley, base, args.ejercicio)
    # The first folder this command creates: a failed draft takes it away with everything under it.
    creada = salida
    while not creada.parent.exists():
        creada = creada.parent
    existia = salida.exists()
    try:
        escribir(borrador, base, salida)
        catalogo = cargar(salida)
    except BaseException as exc:
        # Nothing half written may look like a draft to import: a full disk, a bad place, an invalid result.
        disco.borrar(*(sorted(salida.iterdir()) if existia else [creada]))
        if isinstance(exc, CatalogoInvalido):
            raise ErrorJerez(f"el borrador no pasó la validación del catálogo: {exc.problemas[0]}") from None
        if not isinstance(exc, OSError):
            raise
        lleno = "No space left" in str(exc)  # shutil.copytree gathers its errors without an errno
        raise disco.traducir(exc, salida) or ErrorJerez(
            f"--salida: {'disco lleno' if lleno else 'no se pudo escribir'} en {corto(str(salida), 120)}; "
            "no se guardó nada"
        ) from None
    infieles = revisar(catalogo, salida / "fuente" / "ley.txt")
    informe = borrador.a_dict(len(catalogo.conceptos))
    if args.json:
        imprimir_json(informe)
    else:
        _imprimir(borrador, informe, salida)
    if infieles:  # the writer only carries numbers it found in the new law: this would be a defect
        raise ErrorJerez(f"fidelidad: {infieles[0]}; el borrador en {salida} no se debe importar")
    return 0


def _imprimir(borrador: Borrador, informe: dict[str, Any], salida: Path) -> None:
    print(f"Borrador del ejercicio {borrador.ejercicio} en {salida}: {informe['conceptos']} conceptos")
    print(
        f"  cambios de monto: {len(informe['cambios'])}; renumerados: {len(informe['renumerados'])}; "
        f"nuevos: {len(informe['nuevos'])}; derogados: {len(informe['derogados'])}; "
        f"por revisar: {len(informe['por_revisar'])}"
    )
    for c in informe["cambios"]:
        clave = c["clave"] if c["clave"] == c["clave_base"] else f"{c['clave_base']} → {c['clave']}"
        print(f"  {clave}  {c['campo']}: {c['antes']} → {c['despues']}")
    for clave in informe["por_revisar"]:
        print(f"  por revisar {clave}: {informe['motivos'].get(clave, '')}")
    print(
        "Los conceptos nuevos y por revisar quedan «verificar»: no se cobran hasta que un administrador los confirme."
    )


def _diferencias(args: argparse.Namespace) -> int:
    from jerez_pos.catalogo.borrador.informe import comparar_carpetas

    base = directorio_de_catalogo(args.base, "BASE")
    nuevo = directorio_de_catalogo(args.nuevo, "NUEVO")
    try:
        anterior, actual, renglones = comparar_carpetas(base, nuevo)
    except CatalogoInvalido as exc:
        raise ErrorEntrada("NUEVO", f"no es un catálogo válido: {exc.problemas[0]}") from None
    if args.json:
        imprimir_json({"base": anterior.id, "nuevo": actual.id, "renglones": [r.__dict__ for r in renglones]})
    else:
        print(f"Cambios de {anterior.id} a {actual.id}: {cantidad(len(renglones), 'concepto')}")
        for r in renglones:
            clave = r.clave if r.clave_base in ("", r.clave) else f"{r.clave_base} → {r.clave}"
            print(f"\n{clave or r.clave_base}  [{r.estado}]  {r.descripcion}")
            print(f"  antes: {r.antes or '—'}\n  ahora: {r.despues or '—'}")
            if r.frase_antes:
                print(f"  ley anterior: {r.frase_antes}")
            if r.frase_despues:
                print(f"  ley nueva:    {r.frase_despues}")
    if args.pdf:
        from jerez_pos.printing.pdf.diferencias import pdf_diferencias

        try:
            pdf_diferencias(Path(args.pdf), anterior, actual, renglones)
        except OSError as exc:
            raise ErrorEntrada("--pdf", f"no se pudo escribir {args.pdf[:60]} ({exc.strerror})") from None
        if not args.json:
            print(f"\nPDF: {args.pdf}")
    return 0


def registrar(acciones: Any) -> None:
    a = acciones.add_parser("borrador", help="arma el catálogo de un ejercicio nuevo a partir del texto de su ley")
    a.add_argument("--ley", required=True, metavar="LEY.txt", help="texto del decreto (extraído del Periódico Oficial)")
    a.add_argument(
        "--base", required=True, help="catálogo del ejercicio anterior (carpeta o nombre, p. ej. jerez-2024)"
    )
    a.add_argument("--ejercicio", required=True, type=int, help="año del catálogo nuevo")
    a.add_argument("--salida", required=True, metavar="DIR", help="carpeta nueva donde se escribe el borrador")
    a.add_argument("--json", action="store_true")
    a.set_defaults(accion=_borrador)
    a = acciones.add_parser("diferencias", help="informe de cambios entre dos catálogos, con el texto de ambas leyes")
    a.add_argument("base", metavar="BASE", help="catálogo anterior (carpeta o nombre)")
    a.add_argument("nuevo", metavar="NUEVO", help="catálogo nuevo (carpeta, p. ej. un borrador)")
    a.add_argument("--pdf", metavar="ARCHIVO", help="además, el informe en PDF para la Tesorería y el Cabildo")
    a.add_argument("--json", action="store_true")
    a.set_defaults(accion=_diferencias)
