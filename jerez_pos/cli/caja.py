"""``usuarios crear``, ``terminal registrar``, ``caja abrir``, ``corte``, ``entregar``."""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal
from typing import Any

from jerez_pos.cli.base import imprimir_json
from jerez_pos.cli.imprimir import ruta_pdf
from jerez_pos.cli.sesion import agregar_usuario, contrasena, iniciar, supervisor, usuario_de
from jerez_pos.core.dinero import pesos
from jerez_pos.core.numeros import leer_importe
from jerez_pos.core.texto import limpiar
from jerez_pos.ledger import caja, corte, entregas, identidad, usuarios
from jerez_pos.ledger.comun import ROLES, EstadoInvalido
from jerez_pos.ledger.terminal import Terminal


def monto(texto: str, campo: str) -> Decimal:
    return leer_importe(texto, campo, nombre="monto")


def _usuarios_crear(args: argparse.Namespace) -> int:
    limpiar(args.usuario, "--usuario", nombre="usuario")
    limpiar(args.nombre or "", "--nombre", nombre="nombre")
    terminal = Terminal()
    por = None
    if usuarios.hay_usuarios(terminal.bd):
        nombre = usuario_de(args.por, "--por")
        por = usuarios.autenticar(
            terminal.bd, nombre, contrasena("JEREZ_POS_CONTRASENA_POR", f"Contraseña del administrador {nombre}: ")
        )
    clave = contrasena("JEREZ_POS_CONTRASENA", f"Contraseña para {args.usuario}: ")
    usuarios.crear(terminal.bd, args.usuario, args.rol, clave, por=por, nombre=args.nombre or "")
    print(f"Usuario {args.usuario} creado ({args.rol})")
    return 0


def _terminal_registrar(args: argparse.Namespace) -> int:
    terminal = Terminal()
    if usuarios.hay_usuarios(terminal.bd):
        iniciar(terminal.bd, args.usuario).exigir("registrar la terminal", "administrador")
    ident = identidad.registrar_terminal(
        terminal.bd, terminal.directorio, args.municipio, args.delegacion, args.nombre, args.serie
    )
    print(f"Terminal {ident.nombre} registrada con la serie {ident.serie}")
    return 0


def _caja_abrir(args: argparse.Namespace) -> int:
    fondo = monto(args.fondo, "--fondo")  # read before signing in: a bad value writes nothing, not even the login
    terminal = Terminal()
    sesion = iniciar(terminal.bd, args.usuario)
    turno = caja.abrir(terminal.bd, sesion, fondo)
    print(f"Turno {turno.id} abierto para {sesion.usuario} con fondo {pesos(turno.fondo)}")
    return 0


def _corte(args: argparse.Namespace) -> int:
    conteo = None if args.conteo is None else corte.leer_conteo(args.conteo)
    terminal = Terminal()
    sesion = iniciar(terminal.bd, args.usuario)
    if conteo is None and not args.cerrar:
        resultado = corte.preliminar(terminal.bd, sesion, args.cajero)
    else:
        firma = supervisor(terminal.bd, args.supervisor)
        if conteo is not None:
            numero = corte.contar(terminal.bd, sesion, conteo, args.cajero).conteos[-1].n
        try:
            resultado = corte.cerrar(terminal.bd, sesion, None, args.cajero, firma)
        except EstadoInvalido as exc:
            if conteo is None:
                raise
            raise EstadoInvalido(f"conteo {numero} registrado, el turno sigue abierto; {exc}") from None
    if args.pdf:
        from jerez_pos.cli.imprimir import pdf_corte

        ruta = pdf_corte(terminal, resultado, conteo, args.pdf)
        print(f"Corte en {ruta}", file=sys.stderr if args.json else sys.stdout)
    datos = resultado.a_dict()
    if args.json:
        imprimir_json(datos)
        return 0
    _imprimir_corte(resultado, datos)
    return 0


def _imprimir_corte(resultado: corte.Corte, datos: dict[str, Any]) -> None:
    titulo = "CORTE DE CAJA (cerrado)" if resultado.cerrado else "CORTE PRELIMINAR (el turno sigue abierto)"
    print(f"{titulo}  turno {resultado.turno_id}  cajero {resultado.cajero}")
    if resultado.ciego:
        print(f"  {'Fondo':<20} {datos['fondo']:>12}")
        print("  Corte a ciegas: el esperado se muestra después de registrar un conteo (--conteo)")
        print(f"  Recibos {resultado.recibos}, anulados {resultado.anulados}")
        return
    for etiqueta, clave in (
        ("Fondo", "fondo"),
        ("Efectivo recibido", "efectivo_recibido"),
        ("Cambio", "cambio"),
        ("Efectivo anulado", "efectivo_anulado"),
        ("Entregas recibidas", "entregas_recibidas"),
        ("Entregas hechas", "entregas_hechas"),
        ("Ajuste Art. 20", "ajuste_art20"),
        ("Esperado en caja", "esperado"),
        ("Contado", "contado"),
        ("Diferencia", "diferencia"),
    ):
        if datos[clave] is not None:
            print(f"  {etiqueta:<20} {datos[clave]:>12}")
    for forma, importe in datos["por_forma"].items():
        print(f"  {forma:<20} {importe:>12}")
    print(f"  Recibos {resultado.recibos}, anulados {resultado.anulados}")
    for c in resultado.conteos:
        print(f"  Conteo {c.n}  {c.registrado_en.replace('T', ' ')}  {c.usuario}  {c.descripcion()}")
    if resultado.requiere_supervisor and not resultado.cerrado:
        print("  Un conteo tuvo diferencia: el cierre necesita la firma de un supervisor (--supervisor)")


def _entregar(args: argparse.Namespace) -> int:
    montos = {}
    for crudo in args.monto:
        forma, _, valor = crudo.partition("=")
        montos[forma.strip()] = monto(valor, "--monto")
    nota = limpiar(args.nota or "", "--nota", nombre="nota")
    terminal = Terminal()
    entrega = iniciar(terminal.bd, args.usuario)
    recibe = usuarios.autenticar(
        terminal.bd, args.recibe, contrasena("JEREZ_POS_CONTRASENA_RECIBE", f"Contraseña de {args.recibe}: ")
    )
    numero = entregas.entregar(terminal.bd, entrega, recibe, montos, nota)
    print(f"Entrega {numero} registrada: {entrega.usuario} → {recibe.usuario}")
    return 0


def registrar(sub: Any) -> None:
    p = sub.add_parser("usuarios", help="administra usuarios")
    acciones = p.add_subparsers(dest="accion_usuarios", title="acciones", metavar="ACCIÓN", required=True)
    c = acciones.add_parser("crear", help="crea un usuario (el primero debe ser administrador)")
    c.add_argument("--usuario", required=True, metavar="U", help="nombre de usuario nuevo")
    c.add_argument("--rol", required=True, choices=ROLES, help="rol del usuario")
    c.add_argument("--nombre", metavar="TEXTO", help="nombre completo")
    c.add_argument(
        "--por",
        metavar="ADMIN",
        help="administrador que lo crea (o JEREZ_POS_USUARIO); su contraseña "
        "de JEREZ_POS_CONTRASENA_POR. La contraseña nueva se toma de JEREZ_POS_CONTRASENA",
    )
    c.set_defaults(accion=_usuarios_crear)

    p = sub.add_parser("terminal", help="identidad de la terminal")
    acciones = p.add_subparsers(dest="accion_terminal", title="acciones", metavar="ACCIÓN", required=True)
    c = acciones.add_parser("registrar", help="da de alta la terminal, su serie de folios y su llave de firma")
    c.add_argument("--serie", required=True, help="serie de folios, única por terminal (p. ej. JRZ1)")
    c.add_argument("--municipio", default="Jerez, Zacatecas", help="municipio")
    c.add_argument("--delegacion", default="Cabecera", help="delegación u oficina")
    c.add_argument("--nombre", default="Caja 1", help="nombre de la terminal")
    agregar_usuario(c)
    c.set_defaults(accion=_terminal_registrar)

    p = sub.add_parser("caja", help="turnos de caja")
    acciones = p.add_subparsers(dest="accion_caja", title="acciones", metavar="ACCIÓN", required=True)
    c = acciones.add_parser("abrir", help="abre el turno del usuario con un fondo de caja")
    c.add_argument("--fondo", required=True, metavar="PESOS", help="fondo inicial en pesos (p. ej. 500)")
    agregar_usuario(c)
    c.set_defaults(accion=_caja_abrir)

    p = sub.add_parser("corte", help="corte de caja a ciegas: preliminar, o conteo y cierre con --conteo")
    p.add_argument(
        "--conteo",
        metavar="500x2,200x3,...",
        help="arqueo por denominación: queda registrado (no se edita; otro --conteo es un reconteo) y cierra "
        "el turno si ningún conteo tuvo diferencia o firma un supervisor",
    )
    p.add_argument(
        "--cerrar", action="store_true", help="cierra con el último conteo registrado (p. ej. con --supervisor)"
    )
    p.add_argument("--cajero", metavar="U", help="turno de otro cajero (sólo supervisor)")
    p.add_argument(
        "--supervisor",
        metavar="U",
        help="supervisor que firma una diferencia (contraseña en JEREZ_POS_CONTRASENA_SUPERVISOR)",
    )
    p.add_argument("--json", action="store_true", help="salida JSON")
    p.add_argument("--pdf", type=ruta_pdf, metavar="RUTA", help="escribe además el corte en PDF, con líneas de firma")
    agregar_usuario(p)
    p.set_defaults(accion=_corte)

    p = sub.add_parser("entregar", help="entrega de valores de un usuario a otro (p. ej. inspector a cajero)")
    p.add_argument(
        "--recibe", required=True, metavar="U", help="quien recibe (contraseña en JEREZ_POS_CONTRASENA_RECIBE)"
    )
    p.add_argument("--monto", required=True, action="append", metavar="FORMA=PESOS", help="p. ej. efectivo=1500")
    p.add_argument("--nota", help="nota libre")
    agregar_usuario(p)
    p.set_defaults(accion=_entregar)
