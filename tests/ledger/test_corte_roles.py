"""Corte arithmetic to the centavo, shift rules, users: roles, lockout and rehash."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from apoyo import CLAVE, Libro, Reloj, cifras
from argon2 import PasswordHasher
from sqlalchemy import text

from jerez_pos.ledger import caja, corte, entregas, recibos, usuarios
from jerez_pos.ledger.comun import EstadoInvalido, SinPermiso
from jerez_pos.ledger.pagos import Pago

ACTA = ("A85-II", {})


def test_corte_cuadra_al_centavo(libro: Libro) -> None:
    t, ana = libro.terminal, libro.cajero
    total = t.cotizar(*ACTA).total  # 124.38: cash pays 124.00
    r1 = recibos.cobrar(t, ana, [ACTA], [Pago("efectivo", Decimal("200"))])  # change 76
    recibos.cobrar(t, ana, [ACTA], [Pago("tarjeta", total, ultimos4="4242", autorizacion="A1")])
    recibos.cobrar(t, ana, [ACTA], [Pago("transferencia", total, referencia="SPEI1")])
    r4 = recibos.cobrar(t, ana, [ACTA], [Pago("efectivo", Decimal("124"))])  # exact, voided below
    recibos.cobrar(
        t, ana, [ACTA], [Pago("cheque", Decimal("100"), banco="BANORTE", numero="7"), Pago("efectivo", Decimal("50"))]
    )  # cash part 24.38 → 24, change 26
    recibos.anular(t, libro.supervisor, r4.folio, "recibo duplicado")
    entregas.entregar(t.bd, libro.inspector, ana, {"efectivo": Decimal("300.50")})
    pre = cifras(t, "ana")
    cambio = Decimal("76") + Decimal("26")
    esperado = (
        Decimal("500") + Decimal("200") + Decimal("124") + Decimal("50") - cambio - Decimal("124") + Decimal("300.50")
    )
    assert pre.esperado == int(esperado * 100)
    assert pre.recibos == 5 and pre.anulados == 1
    assert pre.por_forma == {"efectivo": 12400 + 2400, "tarjeta": 12438, "transferencia": 12438, "cheque": 10000}
    assert pre.ajuste_art20 == -38 * 2  # r1 and r5; the voided r4 no longer counts
    assert pre.por_concepto == {"A85-II": 4 * 12438}
    assert r1.a_pagar == Decimal("124.00")
    assert esperado == Decimal("948.50")
    cerrado = corte.cerrar(t.bd, ana, corte.leer_conteo("500x1,200x2,20x2,5x1,2x1,1x1,0.50x1"))
    assert (cerrado.contado, cerrado.diferencia, cerrado.cerrado) == (94850, 0, True)
    # the inspector's route closes with the hand-over: it leaves their drawer
    assert cifras(t, "ivan").entregas_hechas == 30050


def test_diferencia_requiere_supervisor_y_corte_es_inmutable(libro: Libro) -> None:
    t, ana = libro.terminal, libro.cajero
    recibos.cobrar(t, ana, [ACTA], [Pago("efectivo", Decimal("124"))])
    with pytest.raises(EstadoInvalido, match=r"conteo 1 tuvo un faltante de \$4\.00"):
        corte.cerrar(t.bd, ana, {Decimal("500"): 1, Decimal("100"): 1, Decimal("20"): 1})
    with pytest.raises(SinPermiso):
        corte.cerrar(t.bd, ana, {Decimal("500"): 1}, supervisor=libro.cajera2)
    cerrado = corte.cerrar(
        t.bd, ana, {Decimal("500"): 1, Decimal("100"): 1, Decimal("20"): 1}, supervisor=libro.supervisor
    )
    assert cerrado.diferencia == -400 and cerrado.cerrado
    with pytest.raises(EstadoInvalido, match="no tiene turno abierto"):
        recibos.cobrar(t, ana, [ACTA], [Pago("efectivo", Decimal("124"))])
    with pytest.raises(EstadoInvalido, match="corte cerrado"):
        recibos.anular(t, libro.supervisor, "JRZ1-1", "ya no se puede")
    with t.bd.connect() as c, pytest.raises(Exception, match="solo anexar"):
        c.execute(text("UPDATE corte SET diferencia_centavos = 0"))


def test_cajero_no_cierra_turno_ajeno_supervisor_si(libro: Libro) -> None:
    with pytest.raises(SinPermiso):
        corte.cerrar(libro.terminal.bd, libro.cajero, {Decimal("500"): 1}, cajero="beto")
    with pytest.raises(SinPermiso):
        corte.preliminar(libro.terminal.bd, libro.cajero, cajero="beto")
    cerrado = corte.cerrar(libro.terminal.bd, libro.supervisor, {Decimal("500"): 1}, cajero="beto")
    assert cerrado.cajero == "beto" and cerrado.diferencia == 0


def test_un_turno_abierto_por_cajero(libro: Libro) -> None:
    with pytest.raises(EstadoInvalido, match="ya tiene un turno abierto"):
        caja.abrir(libro.terminal.bd, libro.cajero, Decimal("100"))


def test_conteo_invalido_nombra_el_campo() -> None:
    assert corte.leer_conteo("500x2, 0.50x3,20x1") == {Decimal("500"): 2, Decimal("0.5"): 3, Decimal("20"): 1}
    for malo in ("300x1", "500", "abcx2", "500x-1", "500x100000", "500x99999,500x1", "nanx1"):
        with pytest.raises(Exception, match="--conteo"):
            corte.leer_conteo(malo)


def test_bloqueo_tras_intentos_fallidos(libro: Libro) -> None:
    bd = libro.terminal.bd
    reloj = Reloj(dt.datetime(2026, 5, 1, 9, 0))
    for _ in range(usuarios.INTENTOS_MAXIMOS):
        with pytest.raises(usuarios.AccesoDenegado, match="incorrectos"):
            usuarios.autenticar(bd, "ana", "mala", reloj)
    with pytest.raises(usuarios.AccesoDenegado, match="bloqueado"):
        usuarios.autenticar(bd, "ana", CLAVE, reloj)  # even the right password
    reloj.ahora += usuarios.BLOQUEO + dt.timedelta(seconds=1)
    assert usuarios.autenticar(bd, "ana", CLAVE, reloj).rol == "cajero"
    with bd.connect() as c:
        fallidos = c.execute(text("SELECT count(*) FROM auditoria WHERE accion = 'acceso fallido'")).scalar_one()
    assert fallidos == usuarios.INTENTOS_MAXIMOS + 1


def test_rehash_cuando_cambian_los_parametros(libro: Libro, monkeypatch: pytest.MonkeyPatch) -> None:
    bd = libro.terminal.bd
    with bd.connect() as c:
        antes = c.execute(text("SELECT hash FROM usuario WHERE usuario = 'ana'")).scalar_one()
    monkeypatch.setattr(usuarios, "HASHER", PasswordHasher(time_cost=2, memory_cost=2048, parallelism=1))
    usuarios.autenticar(bd, "ana", CLAVE)
    with bd.connect() as c:
        despues = c.execute(text("SELECT hash FROM usuario WHERE usuario = 'ana'")).scalar_one()
    assert antes != despues and "$argon2id$" in despues and "t=2" in despues


def test_solo_administrador_crea_usuarios(libro: Libro) -> None:
    with pytest.raises(SinPermiso):
        usuarios.crear(libro.terminal.bd, "eva", "cajero", CLAVE, por=libro.supervisor)
    with pytest.raises(usuarios.AccesoDenegado):
        usuarios.crear(libro.terminal.bd, "eva", "cajero", CLAVE)
