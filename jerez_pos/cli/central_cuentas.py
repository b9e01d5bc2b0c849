"""``central padron publicar|aprobar``, ``central cuenta``, ``central conflictos`` and ``central reporte
rezago|eficiencia``.

A roll changes what every terminal charges, so the command line keeps the console's two-person rule: one
console user (tesorería or administración) prepares the roll with their own password, another one approves
it, and only then is it signed. Both steps go to the console's audit log.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys
from typing import Any

from jerez_pos.cli.base import archivo_existente, entero, imprimir_json
from jerez_pos.core.dinero import D, pesos
from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.core.texto import cantidad

VARIABLE = "JEREZ_POS_CONTRASENA"
PUBLICAN = ("tesorero", "administrador")


def _motor(url: str) -> Any:
    from jerez_pos.central import bd

    motor = bd.abrir(url)
    bd.migrar(motor)
    return motor


def _quien(motor: Any, usuario: str, ahora: dt.datetime) -> str:
    """The console user, signed in with the password of ``JEREZ_POS_CONTRASENA`` or typed (never an argument:
    the process list is readable by others); only tesorería and administración publish."""
    from jerez_pos.central.consola import usuarios

    contrasena = os.environ.get(VARIABLE)
    if contrasena is None:
        if not sys.stdin.isatty():
            raise ErrorEntrada("contraseña", f"defina {VARIABLE} o ejecute la orden en una terminal para escribirla")
        contrasena = getpass.getpass(f"Contraseña de {usuario}: ")
    quien = usuarios.autenticar(motor, usuario, contrasena, ahora)
    if quien.rol not in PUBLICAN:
        raise ErrorEntrada("--usuario", f"el rol {quien.rol} no publica padrones; debe ser tesorero o administrador")
    return quien.usuario


def _publicar(args: argparse.Namespace) -> int:
    from jerez_pos.central import publicacion
    from jerez_pos.central.consola import sesiones

    ruta = archivo_existente(args.archivo)
    motor = _motor(args.db)
    ahora = dt.datetime.now(dt.UTC)
    autor = _quien(motor, args.usuario, ahora)
    nuevo = publicacion.preparar_padron(motor, autor, ahora, args.tipo, ruta.read_bytes(), ruta.name)
    sesiones.auditar(motor, autor, "preparar_publicacion", f"{nuevo}: padrón de {args.tipo} ({ruta.name})", ahora)
    datos = publicacion.obtener(motor, nuevo)
    if args.json:
        imprimir_json({"publicacion": nuevo, "estado": datos.estado, **datos.diferencias})
        return 0
    r = datos.diferencias["padron"]
    print(
        f"Publicación {nuevo} preparada: padrón de {args.tipo}, {cantidad(r['cuentas'], 'cuenta')} "
        f"({cantidad(r['nuevas'], 'nueva')}, {r['cambiadas']} con datos distintos)."
    )
    print(f"Otra persona debe aprobarla: «jerez-pos central padron aprobar {nuevo} --usuario OTRO» o en la consola.")
    return 0


def _aprobar(args: argparse.Namespace) -> int:
    from jerez_pos.central import publicacion
    from jerez_pos.central.consola import sesiones
    from jerez_pos.central.llave import cargar_o_crear

    motor = _motor(args.db)
    ahora = dt.datetime.now(dt.UTC)
    aprobador = _quien(motor, args.usuario, ahora)
    if publicacion.obtener(motor, args.publicacion).tipo != "padron":
        raise ErrorEntrada("PUBLICACIÓN", f"la publicación {args.publicacion} no es un padrón; apruébela en la consola")
    sobre = publicacion.aprobar(motor, cargar_o_crear(), args.publicacion, aprobador, ahora)
    version = sobre["paquete"]["version"]
    sesiones.auditar(motor, aprobador, "aprobar_publicacion", f"{args.publicacion} → paquete {version}", ahora)
    if args.json:
        imprimir_json({"publicacion": args.publicacion, "version": version, "estado": "publicada"})
    else:
        print(f"Paquete {version} firmado y publicado; las terminales aplican el padrón al sincronizar")
    return 0


def _cuenta(args: argparse.Namespace) -> int:
    from jerez_pos.central import cuentas

    datos = cuentas.vista(_motor(args.db), args.padron, args.cuenta)
    if args.json:
        imprimir_json(datos)
        return 0
    pagados = ", ".join(map(str, datos["anios_pagados"])) or "ninguno"
    print(f"Cuenta {datos['cuenta']} ({args.padron}): ejercicios pagados según la central: {pagados}")
    if datos["pagos_dobles"]:
        print(f"  PAGO DOBLE en: {', '.join(map(str, datos['pagos_dobles']))} (vea «jerez-pos central conflictos»)")
    for p in datos["pagos"]:
        estado = "vigente" if p["vigente"] else f"anulado ({p['anulado_en']})"
        print(
            f"  {p['ejercicio']}  {p['folio']:<14} terminal {p['terminal']:<8} {pesos(D(p['importe'])):>14}  {estado}"
        )
    return 0


def _conflictos(args: argparse.Namespace) -> int:
    from jerez_pos.central import vista_terminales

    if not 1 <= args.limite <= 10000:
        raise ErrorEntrada("--limite", "debe estar entre 1 y 10000")
    serie = args.serie.strip().upper() if args.serie else None
    filas = vista_terminales.conflictos(_motor(args.db), serie, args.limite)
    if args.json:
        imprimir_json(
            [
                {
                    "id": c.id,
                    "serie": c.serie,
                    "secuencia": c.secuencia,
                    "campo": c.campo,
                    "motivo": c.motivo,
                    "registrado_en": c.registrado_en,
                    "detalle": c.detalle,
                    "notas": [{"autor": n.autor, "texto": n.texto, "creada_en": n.creada_en} for n in c.notas],
                }
                for c in filas
            ]
        )
        return 0
    if not filas:
        print("La bitácora de conflictos está vacía")
    for c in filas:
        estado = "resuelto" if c.resuelto else "SIN RESOLVER"
        print(f"#{c.id} {c.registrado_en} terminal {c.serie} secuencia {c.secuencia} [{c.campo}] {estado}")
        print(f"    {c.motivo}")
        for n in c.notas:
            print(f"    nota de {n.autor} ({n.creada_en}): {n.texto}")
    return 0


def _reporte(args: argparse.Namespace) -> int:
    from jerez_pos.central import reporte_padron as r
    from jerez_pos.cli import reportes_cuentas as salida
    from jerez_pos.cli.cotizar import fecha as leer_fecha

    cuando = leer_fecha(args.fecha) or dt.date.today()
    motor = _motor(args.db)
    # The same report, JSON, CSV and PDF as the terminal's «reporte rezago|eficiencia», over central's view.
    if args.tipo_reporte == "rezago":
        return salida.mostrar_rezago(args, salida.MUNICIPIO, r.rezago(motor, args.padron, cuando))
    return salida.mostrar_eficiencia(args, salida.MUNICIPIO, r.eficiencia(motor, args.padron, cuando))


def registrar(ordenes: Any) -> None:
    p = ordenes.add_parser("padron", help="padrones de predial y comercio firmados para las terminales")
    sub = p.add_subparsers(dest="orden_padron", title="órdenes", metavar="ORDEN", required=True)
    c = sub.add_parser(
        "publicar", help=f"prepara un padrón para publicarlo (contraseña de {VARIABLE}); otra persona lo aprueba"
    )
    c.add_argument("--db", required=True, metavar="URL", help="base central")
    c.add_argument("--tipo", required=True, choices=("predial", "comercio"), help="predial o comercio")
    c.add_argument("--usuario", required=True, metavar="NOMBRE", help="usuario de la consola que lo prepara")
    c.add_argument("--json", action="store_true", help="salida JSON")
    c.add_argument("archivo", metavar="ARCHIVO.csv", help="padrón en el formato de «padron … importar»")
    c.set_defaults(accion=_publicar)
    c = sub.add_parser("aprobar", help="aprueba, firma y publica un padrón que preparó otra persona")
    c.add_argument("--db", required=True, metavar="URL", help="base central")
    c.add_argument("--usuario", required=True, metavar="NOMBRE", help="usuario de la consola que aprueba")
    c.add_argument("--json", action="store_true", help="salida JSON")
    c.add_argument("publicacion", type=entero("PUBLICACIÓN"), metavar="PUBLICACIÓN", help="número de la publicación")
    c.set_defaults(accion=_aprobar)

    c = ordenes.add_parser("cuenta", help="ejercicios pagados de una cuenta según los recibos que llegaron")
    c.add_argument("--db", required=True, metavar="URL", help="base central")
    c.add_argument("padron", choices=("predial", "comercio"), help="predial o comercio")
    c.add_argument("cuenta", metavar="CUENTA", help="cuenta catastral o número de licencia")
    c.add_argument("--json", action="store_true", help="salida JSON")
    c.set_defaults(accion=_cuenta)

    from jerez_pos.cli.reportes_cuentas import archivos

    c = ordenes.add_parser(
        "reporte",
        help="rezago y eficiencia de recaudación con la vista de la central",
        description="Los mismos reportes que «jerez-pos reporte rezago|eficiencia» de la terminal (mismo JSON, "
        "CSV y PDF), con el padrón publicado y los recibos que llegaron a la central.",
    )
    c.add_argument("tipo_reporte", choices=("rezago", "eficiencia"), metavar="rezago|eficiencia", help="qué reporte")
    c.add_argument("--db", required=True, metavar="URL", help="base central")
    c.add_argument("--padron", required=True, choices=("predial", "comercio"), help="predial o comercio")
    c.add_argument("--fecha", metavar="AAAA-MM-DD", help="fecha de corte (por omisión hoy); su año es el ejercicio")
    archivos(c)
    c.set_defaults(accion=_reporte)

    c = ordenes.add_parser("conflictos", help="bitácora de conflictos: envíos en conflicto, firmas, pagos dobles")
    c.add_argument("--db", required=True, metavar="URL", help="base central")
    c.add_argument("--serie", metavar="SERIE", help="sólo los de esta terminal")
    c.add_argument("--limite", type=entero("limite"), default=200, help="cuántos, los más recientes (200)")
    c.add_argument("--json", action="store_true", help="salida JSON")
    c.set_defaults(accion=_conflictos)
