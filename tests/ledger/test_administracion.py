"""Administration services: list users, reset a password, unlock; compare two catalogs."""

from __future__ import annotations

import dataclasses

import pytest
from apoyo import CLAVE, Libro

from jerez_pos.catalogo.diferencias import comparar
from jerez_pos.core.dinero import D
from jerez_pos.core.errores import ErrorEntrada
from jerez_pos.ledger import auditoria, usuarios
from jerez_pos.ledger.comun import SinPermiso


def test_restablecer_y_desbloquear(libro: Libro) -> None:
    bd = libro.terminal.bd
    for _ in range(usuarios.INTENTOS_MAXIMOS):
        with pytest.raises(usuarios.AccesoDenegado):
            usuarios.autenticar(bd, "ana", "mala")
    bloqueada = {c.usuario: c for c in usuarios.listar(bd, libro.admin)}["ana"]
    assert bloqueada.bloqueado_hasta is not None and bloqueada.rol == "cajero"
    usuarios.desbloquear(bd, libro.admin, "ana")
    assert usuarios.autenticar(bd, "ana", CLAVE).usuario == "ana"
    usuarios.restablecer(bd, libro.admin, "ana", "nueva1")
    assert usuarios.autenticar(bd, "ana", "nueva1").rol == "cajero"
    with pytest.raises(usuarios.AccesoDenegado):
        usuarios.autenticar(bd, "ana", CLAVE)
    acciones = [e["accion"] for e in auditoria.eventos(bd, 20)]
    assert "restablecer contraseña" in acciones and "desbloquear usuario" in acciones
    with pytest.raises(SinPermiso):
        usuarios.restablecer(bd, libro.supervisor, "ana", "otra1")
    with pytest.raises(ErrorEntrada, match="no existe"):
        usuarios.desbloquear(bd, libro.admin, "nadie")
    with pytest.raises(ErrorEntrada, match="4 caracteres"):
        usuarios.restablecer(bd, libro.admin, "ana", "x")


def test_diferencias_entre_catalogos(libro: Libro) -> None:
    viejo = libro.terminal.catalogo()
    conceptos = dict(viejo.conceptos)
    conceptos["A85-II"] = dataclasses.replace(conceptos["A85-II"], monto=D("1.1000"))
    conceptos["A85-III"] = dataclasses.replace(conceptos["A85-III"], descripcion="Otra redacción")
    del conceptos["A93"]
    conceptos["A999-I"] = dataclasses.replace(conceptos["A85-II"], clave="A999-I", descripcion="Concepto nuevo")
    nuevo = dataclasses.replace(viejo, conceptos=conceptos, ejercicio=2025)
    cambios = comparar(viejo, nuevo)
    assert cambios.agregados == [("A999-I", "Concepto nuevo")]
    assert [k for k, _ in cambios.quitados] == ["A93"]
    assert [(c.clave, c.antes, c.despues) for c in cambios.cambiados] == [
        ("A85-II", "uma_fija uma monto=1.0603", "uma_fija uma monto=1.1000")
    ]
    assert comparar(viejo, viejo).vacias
