"""``verificar``: SQLite integrity, the hash chain and signatures, and gap-free folios per series."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from jerez_pos.core.texto import cantidad
from jerez_pos.ledger import cadena, integridad, marca, reloj, verificacion_cuentas, verificacion_tarifas
from jerez_pos.ledger.identidad import leer_identidad
from jerez_pos.ledger.lectura import leer


def _huecos(conexion: Any, serie: str, primero: int, ultimo: int, limite: int = 50) -> list[int]:
    """Missing numbers, 1 included: a series starts at 1."""
    faltan = [n for n in range(1, primero)]
    filas = conexion.execute(
        "SELECT numero + 1 FROM recibo r WHERE serie = :s AND numero < :u AND NOT EXISTS "
        "(SELECT 1 FROM recibo x WHERE x.serie = r.serie AND x.numero = r.numero + 1) LIMIT :l",
        {"s": serie, "u": ultimo, "l": limite},
    )
    faltan.extend(int(f[0]) for f in filas)
    return sorted(faltan)[:limite]


def verificar(bd: Engine) -> dict[str, Any]:
    estado_integridad = integridad.integridad(bd)
    identidad = leer_identidad(bd)
    resultado: dict[str, Any] = {
        "integridad": estado_integridad,
        "cadena": "ok",
        "recibos": 0,
        "anulaciones": 0,
        "series": {},
        "detalle": "",
    }
    detalles: list[str] = []
    if estado_integridad != "ok":
        detalles.append(f"integridad: {estado_integridad}")
    with leer(bd) as conexion:
        if identidad is not None:
            revision = cadena.revisar(conexion, identidad)
            resultado["recibos"], resultado["anulaciones"] = revision.recibos, revision.anulaciones
            revision.fallas += reloj.revisar_orden(conexion, identidad)
            if not revision.integra:
                resultado["cadena"] = "rota"
                detalles.append(
                    f"{cantidad(len(revision.fallas), 'falla')} en la cadena; la primera: {revision.fallas[0]}"
                )
        for serie, primero, ultimo in conexion.execute(
            "SELECT serie, min(numero), max(numero) FROM recibo GROUP BY serie"
        ).fetchall():
            huecos = _huecos(conexion, serie, primero, ultimo)
            resultado["series"][serie] = {"primero": primero, "ultimo": ultimo, "huecos": huecos}
            if huecos:
                detalles.append(f"serie {serie}: faltan folios {', '.join(map(str, huecos[:10]))}")
    detalles.extend(verificacion_tarifas.agregar(resultado, bd))
    detalles += verificacion_cuentas.en_verificacion(bd, resultado)  # key "cuentas": links and rolls vs signed
    detalles += marca.en_verificacion(bd, resultado)  # key "marca": the ledger against its journal
    resultado["detalle"] = "; ".join(detalles) or (
        f"{cantidad(resultado['recibos'], 'recibo')} y "
        f"{cantidad(resultado['anulaciones'], 'anulación', 'anulaciones')} verificados"
    )
    return resultado


def todo_bien(resultado: dict[str, Any]) -> bool:
    return (
        resultado["integridad"] == "ok"
        and resultado["cadena"] == "ok"
        and not any(s["huecos"] for s in resultado["series"].values())
        and verificacion_tarifas.bien(resultado)
        and marca.bien(resultado.get("marca"))
        and verificacion_cuentas.bien(resultado.get("cuentas"))
    )
