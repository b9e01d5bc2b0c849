"""Corte de caja: what the drawer must hold, the blind count by denomination and the immutable close.

Expected cash = fondo + cash received − change − cash of voided receipts (net of their change)
+ cash handed in by others (entregas recibidas) − cash handed over (entregas hechas).
The Art. 20 adjustment is already inside the cash received (the cashier took the adjusted amount).
Computed inside the closing ``BEGIN IMMEDIATE`` transaction, so no receipt slips in between the
figures and the close.

Blind and locked: the shift's figures stay hidden until a count is recorded (``contar``, see
``ledger.arqueo``); every count is kept; the close uses the last one, and a variance (sobrante/faltante)
on any count of the shift needs a supervisor's sign-off.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Engine, text

from jerez_pos.core.dinero import D, de_centavos, pesos, texto
from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.core.numeros import leer_entero, leer_numero
from jerez_pos.core.texto import corto
from jerez_pos.ledger import arqueo, auditoria, caja, diario, diario_filas
from jerez_pos.ledger.arqueo import Conteo
from jerez_pos.ledger.comun import EstadoInvalido, Reloj, Sesion, marca, reloj_sistema
from jerez_pos.ledger.lectura import leer

DENOMINACIONES = tuple(D(x) for x in ("1000", "500", "200", "100", "50", "20", "10", "5", "2", "1", "0.50"))
Consulta = Callable[[str, dict[str, Any]], list[Any]]
PIEZAS_MAXIMAS = 99_999  # per denomination, as the screen allows: far above any drawer


@dataclass
class Corte:
    turno_id: int
    cajero: str
    fondo: int
    recibos: int = 0
    anulados: int = 0
    efectivo_recibido: int = 0
    cambio: int = 0
    efectivo_anulado: int = 0
    entregas_recibidas: int = 0
    entregas_hechas: int = 0
    ajuste_art20: int = 0
    por_forma: dict[str, int] = field(default_factory=dict)
    por_concepto: dict[str, int] = field(default_factory=dict)
    por_rubro: dict[str, int] = field(default_factory=dict)
    contado: int | None = None
    cerrado: bool = False
    conteos: list[Conteo] = field(default_factory=list)  # every count recorded in the shift, in order
    ciego: bool = False  # no count recorded yet: the figures that tell the expected cash are withheld

    @property
    def esperado(self) -> int:
        return (
            self.fondo
            + self.efectivo_recibido
            - self.cambio
            - self.efectivo_anulado
            + self.entregas_recibidas
            - self.entregas_hechas
        )

    @property
    def diferencia(self) -> int | None:
        return None if self.contado is None else self.contado - self.esperado

    @property
    def requiere_supervisor(self) -> bool:
        return bool(self.diferencia) or arqueo.con_diferencia(self.conteos) is not None

    def a_dict(self) -> dict[str, Any]:
        """Public form: amounts as "123.45" strings; a blind corte withholds every cash figure (null)."""
        if self.ciego:
            return _ciego(self)
        datos = asdict(self)
        datos["conteos"] = [c.a_dict() for c in self.conteos]
        for clave, valor in list(datos.items()):
            es_monto = isinstance(valor, int) and not isinstance(valor, bool)
            if es_monto and clave not in ("turno_id", "recibos", "anulados"):
                datos[clave] = texto(de_centavos(valor))
            elif isinstance(valor, dict):
                datos[clave] = {k: texto(de_centavos(v)) for k, v in valor.items()}
        datos["esperado"] = texto(de_centavos(self.esperado))
        datos["contado"] = None if self.contado is None else texto(de_centavos(self.contado))
        datos["diferencia"] = None if self.diferencia is None else texto(de_centavos(self.diferencia))
        datos["requiere_supervisor"] = self.requiere_supervisor
        return datos


_VISIBLES_A_CIEGAS = ("turno_id", "cajero", "fondo", "recibos", "anulados", "cerrado", "ciego")


def _ciego(corte: Corte) -> dict[str, Any]:
    """Same keys as a revealed corte, but only what the cashier may know before counting."""
    datos: dict[str, Any] = {k: None for k in asdict(corte)}
    datos.update({k: getattr(corte, k) for k in _VISIBLES_A_CIEGAS})
    datos["fondo"] = texto(de_centavos(corte.fondo))
    datos.update(por_forma={}, por_concepto={}, por_rubro={}, conteos=[], esperado=None, diferencia=None)
    datos["requiere_supervisor"] = False
    return datos


def _a_ciegas(corte: Corte) -> Corte:
    return Corte(corte.turno_id, corte.cajero, corte.fondo, corte.recibos, corte.anulados, ciego=True)


def calcular(consulta: Consulta, turno_id: int) -> Corte:
    cabeza = consulta(
        "SELECT t.fondo_centavos, u.usuario FROM turno t JOIN usuario u ON u.id = t.cajero_id WHERE t.id = :t",
        {"t": turno_id},
    )[0]
    corte = Corte(turno_id, cabeza[1], int(cabeza[0]))
    recibos = consulta(
        "SELECT r.id, r.cambio_centavos, r.ajuste_centavos, a.id IS NOT NULL FROM recibo r "
        "LEFT JOIN anulacion a ON a.recibo_id = r.id WHERE r.turno_id = :t",
        {"t": turno_id},
    )
    anulados = {r[0] for r in recibos if r[3]}
    corte.recibos, corte.anulados = len(recibos), len(anulados)
    for _, cambio, ajuste, anulado in recibos:
        corte.cambio += cambio
        if anulado:
            corte.efectivo_anulado -= cambio
        else:
            corte.ajuste_art20 += ajuste
    for recibo_id, forma, importe in consulta(
        "SELECT p.recibo_id, p.forma, p.importe_centavos FROM recibo r JOIN recibo_pago p "
        "ON p.recibo_id = r.id WHERE r.turno_id = :t",
        {"t": turno_id},
    ):
        if forma == "efectivo":
            corte.efectivo_recibido += importe
            if recibo_id in anulados:
                corte.efectivo_anulado += importe
        if recibo_id not in anulados:
            corte.por_forma[forma] = corte.por_forma.get(forma, 0) + importe
    if "efectivo" in corte.por_forma:  # the net cash of valid receipts: what they paid, not what they handed
        corte.por_forma["efectivo"] -= sum(r[1] for r in recibos if r[0] not in anulados)
    for clave, rubro, importe in consulta(
        "SELECT l.clave, l.rubro, l.total_centavos FROM recibo r JOIN recibo_linea l ON l.recibo_id = r.id "
        "WHERE r.turno_id = :t AND NOT EXISTS (SELECT 1 FROM anulacion a WHERE a.recibo_id = r.id)",
        {"t": turno_id},
    ):
        corte.por_concepto[clave] = corte.por_concepto.get(clave, 0) + importe
        corte.por_rubro[rubro] = corte.por_rubro.get(rubro, 0) + importe
    for columna, atributo in (("turno_id", "entregas_recibidas"), ("turno_origen_id", "entregas_hechas")):
        suma = consulta(
            f"SELECT coalesce(sum(p.importe_centavos), 0) FROM entrega e JOIN entrega_pago p "
            f"ON p.entrega_id = e.id WHERE e.{columna} = :t AND p.forma = 'efectivo'",
            {"t": turno_id},
        )
        setattr(corte, atributo, int(suma[0][0]))
    return corte


def leer_conteo(crudo: str) -> dict[Decimal, int]:
    """``500x2,200x3,0.50x4`` → {500: 2, 200: 3, 0.50: 4}."""
    conteo: dict[Decimal, int] = {}
    for parte in filter(None, (p.strip() for p in crudo.split(","))):
        valor, signo, piezas = parte.lower().partition("x")
        if not signo:
            raise ErrorEntrada("--conteo", f"«{corto(parte)}» debe ser DENOMINACIONxPIEZAS (p. ej. 500x2)")
        denominacion = leer_numero(valor, "--conteo", nombre="denominacion")
        cantidad = leer_entero(piezas, "--conteo", nombre="piezas")
        if denominacion not in DENOMINACIONES or cantidad > PIEZAS_MAXIMAS:
            permitidas = ", ".join(str(d) for d in DENOMINACIONES)
            raise ErrorEntrada(
                "--conteo", f"«{corto(parte)}»: denominaciones válidas {permitidas}; piezas de 0 a {PIEZAS_MAXIMAS}"
            )
        conteo[denominacion] = conteo.get(denominacion, 0) + cantidad
    _exigir_conteo(conteo, "--conteo")
    return conteo


def _exigir_conteo(conteo: dict[Decimal, int], campo: str) -> None:
    """What a count may hold, checked again where it is recorded (the screen builds its own dict)."""
    for denominacion, piezas in conteo.items():
        if denominacion not in DENOMINACIONES or type(piezas) is not int or not 0 <= piezas <= PIEZAS_MAXIMAS:
            raise ErrorEntrada(
                campo, f"{denominacion}: piezas de 0 a {PIEZAS_MAXIMAS} de una denominación de billete o moneda"
            )


def _turno(consulta: Consulta, sesion: Sesion, cajero: str | None) -> int:
    if cajero and cajero != sesion.usuario:
        sesion.exigir("ver o cerrar el turno de otro usuario", "supervisor")
    nombre = cajero or sesion.usuario
    filas = consulta(
        "SELECT t.id FROM turno t JOIN usuario u ON u.id = t.cajero_id WHERE u.usuario = :u "
        "AND NOT EXISTS (SELECT 1 FROM corte k WHERE k.turno_id = t.id) ORDER BY t.id DESC LIMIT 1",
        {"u": nombre},
    )
    if not filas:
        raise EstadoInvalido(f"turno: «{nombre}» no tiene turno abierto")
    return int(filas[0][0])


def _revelado(consulta: Consulta, turno_id: int) -> Corte:
    """The figures plus the counts recorded so far; ``contado`` is the last count's."""
    corte = calcular(consulta, turno_id)
    corte.conteos = arqueo.leer(consulta, turno_id)
    if corte.conteos:
        corte.contado = corte.conteos[-1].contado
    return corte


def cifras(bd: Engine, sesion: Sesion, cajero: str | None = None) -> Corte:
    """The open shift's figures for other ledger services (the inspector's hand-over amount); never
    shown as a corte: the corte screens and commands go through ``preliminar``, which is blind."""
    sesion.exigir("consultar el corte", *caja.QUIEN_COBRA)
    with leer(bd) as conexion:

        def consulta(sql: str, p: dict[str, Any]) -> list[Any]:
            return conexion.execute(sql, p).fetchall()

        return _revelado(consulta, _turno(consulta, sesion, cajero))


def preliminar(bd: Engine, sesion: Sesion, cajero: str | None = None) -> Corte:
    """The open shift's figures; closes nothing and writes nothing. Blind until a count is recorded."""
    corte = cifras(bd, sesion, cajero)
    return corte if corte.conteos else _a_ciegas(corte)


def _consulta_de(conexion: Connection) -> Consulta:
    def consulta(sql: str, p: dict[str, Any]) -> list[Any]:
        return list(conexion.execute(text(sql), p).all())

    return consulta


def contar(
    bd: Engine,
    sesion: Sesion,
    conteo: dict[Decimal, int],
    cajero: str | None = None,
    reloj: Reloj = reloj_sistema,
) -> Corte:
    """Records a count (the next number of the shift) and returns the revealed corte with every count.

    Its own transaction: the count stays recorded even when the close that follows is refused."""
    sesion.exigir("contar la caja", *caja.QUIEN_COBRA)
    _exigir_conteo(conteo, "conteo")
    with diario.transaccion(bd) as (conexion, pendiente):
        consulta = _consulta_de(conexion)
        corte = _revelado(consulta, _turno(consulta, sesion, cajero))
        nuevo = arqueo.registrar(
            conexion, sesion, corte.turno_id, len(corte.conteos) + 1, conteo, corte.esperado, marca(reloj())
        )
        # Journaled like the corte it leads to: a restore rebuilds every count, the first shortage included.
        id_arqueo = consulta(
            "SELECT id FROM arqueo WHERE turno_id = :t AND n = :n", {"t": corte.turno_id, "n": nuevo.n}
        )
        diario_filas.anotar_fila(conexion, pendiente, "arqueo", int(id_arqueo[0][0]))
    corte.conteos.append(nuevo)
    corte.contado = nuevo.contado
    return corte


def _exigir_firma(corte: Corte, supervisor: Sesion | None) -> None:
    primero = arqueo.con_diferencia(corte.conteos)
    if primero is None and not corte.diferencia:
        return
    if supervisor is None:
        if primero is None:  # receipts charged after the last count moved the expected cash
            tipo = "sobrante" if (corte.diferencia or 0) > 0 else "faltante"
            motivo = f"hay un {tipo} de {pesos(de_centavos(abs(corte.diferencia or 0)))}"
        else:
            motivo = f"el conteo {primero.n} tuvo un {primero.descripcion()}"
            if primero is not corte.conteos[-1]:
                motivo += " (aunque un conteo posterior cuadre)"
        raise EstadoInvalido(f"supervisor: {motivo}; el cierre necesita la firma de un supervisor (--supervisor)")
    supervisor.exigir("firmar un corte con diferencia", "supervisor")


def cerrar(
    bd: Engine,
    sesion: Sesion,
    conteo: dict[Decimal, int] | None = None,
    cajero: str | None = None,
    supervisor: Sesion | None = None,
    reloj: Reloj = reloj_sistema,
) -> Corte:
    """Closes the shift with its last recorded count; ``conteo`` given is recorded first (and stays
    recorded if the close is refused). Any count with a variance requires ``supervisor``."""
    sesion.exigir("cerrar turno", *caja.QUIEN_COBRA)
    if conteo is not None:
        contar(bd, sesion, conteo, cajero, reloj)
    with diario.transaccion(bd) as (conexion, pendiente):
        consulta = _consulta_de(conexion)
        corte = _revelado(consulta, _turno(consulta, sesion, cajero))
        if not corte.conteos:
            raise EstadoInvalido("conteo: el turno no tiene ningún conteo registrado; cuente la caja antes de cerrar")
        _exigir_firma(corte, supervisor)
        ultimo = corte.conteos[-1]
        corte.cerrado = True
        datos = corte.a_dict()
        nuevo = conexion.execute(
            text(
                "INSERT INTO corte (turno_id, cerrado_por_id, supervisor_id, conteo, esperado_centavos, "
                "contado_centavos, diferencia_centavos, totales, cerrado_en) "
                "VALUES (:t, :u, :s, :c, :e, :k, :d, :x, :f) RETURNING id"
            ),
            {
                "t": corte.turno_id,
                "u": sesion.usuario_id,
                "s": supervisor.usuario_id if supervisor else None,
                "c": json.dumps(arqueo.piezas_texto(ultimo.piezas), sort_keys=True),
                "e": corte.esperado,
                "k": ultimo.contado,
                "d": corte.diferencia,
                "x": json.dumps(datos, ensure_ascii=False, sort_keys=True),
                "f": marca(reloj()),
            },
        ).scalar_one()
        conexion.execute(
            text("INSERT INTO outbox (tipo, ref_id, creado_en) VALUES ('corte', :r, :t)"),
            {"r": nuevo, "t": marca(reloj())},
        )
        auditoria.registrar(
            conexion,
            sesion.usuario,
            "corte",
            {
                "turno": corte.turno_id,
                "conteos": len(corte.conteos),
                "diferencia": datos["diferencia"],
                "supervisor": supervisor.usuario if supervisor else None,
            },
        )
        diario_filas.anotar_fila(conexion, pendiente, "corte", int(nuevo))
    return corte
