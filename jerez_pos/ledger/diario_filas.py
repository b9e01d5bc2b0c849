"""Ledger rows ↔ journal lines: what each kind of journal line holds and how it becomes rows again.

Receipts and voids travel as their chain documents (the text the ledger's hash covers), so replaying one
rebuilds exactly the rows the chain verification expects. Users, shifts, hand-overs and cortes are not chain
links: their line holds the row itself (and its child rows), signed by the terminal key. Row ids travel
too: a void's document names its receipt's id, and receipts name their shift and cashier.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, text

from jerez_pos.ledger import cadena
from jerez_pos.ledger.comun import canonico
from jerez_pos.ledger.diario import CADENA, Linea, Pendiente, linea_cadena, linea_firmada, linea_identidad
from jerez_pos.ledger.identidad import Identidad

# tipo → child tables (their foreign key column) kept in the same line
FILAS: dict[str, tuple[tuple[str, str], ...]] = {
    "usuario": (),
    "turno": (),
    "entrega": (("entrega_pago", "entrega_id"),),
    "arqueo": (),  # every cash count of a shift (blind corte): replayed before the corte that closes it
    "recibo_cuenta": (),  # the account and year each receipt line paid (taxpayer accounts)
    "cuenta_registro": (),  # every version of a taxpayer account (imports of the rolls)
    "inpc": (),  # the price index the arrears are updated with (Art. 14)
    "visita_puesto": (),  # the inspector's «ausente» / «cerrado» marks on the route (migration 0016)
    "corte": (),
}
CON_OUTBOX = ("recibo", "anulacion", "entrega", "corte")


def _dicts(conexion: Connection, sql: str, **parametros: Any) -> list[dict[str, Any]]:
    return [dict(f._mapping) for f in conexion.execute(text(sql), parametros)]


def linea_fila(conexion: Connection, directorio: Path, ident: Identidad, tipo: str, id_: int) -> Linea:
    fila = _dicts(conexion, f"SELECT * FROM {tipo} WHERE id = :i", i=id_)[0]
    hijas = {t: _dicts(conexion, f"SELECT * FROM {t} WHERE {col} = :i", i=id_) for t, col in FILAS[tipo]}
    return linea_firmada(directorio, ident, tipo, id_, {"fila": fila, "hijas": hijas})


def anotar_fila(conexion: Connection, pendiente: Pendiente, tipo: str, id_: int) -> None:
    """Journals a row just written in the caller's ``diario.transaccion`` (nothing before registration)."""
    if pendiente.ident is not None:
        pendiente.anotar(linea_fila(conexion, pendiente.directorio, pendiente.ident, tipo, id_))


def ultimo_id(conexion: Connection, tabla: str) -> int:
    return int(conexion.execute(text(f"SELECT coalesce(max(id), 0) FROM {tabla}")).scalar_one())


def anotar_nuevas(conexion: Connection, pendiente: Pendiente, tabla: str, despues_de: int) -> None:
    """Journals every row a bulk insert added to ``tabla`` (ids above ``despues_de``) in this transaction."""
    for (id_,) in conexion.execute(text(f"SELECT id FROM {tabla} WHERE id > :i ORDER BY id"), {"i": despues_de}):
        anotar_fila(conexion, pendiente, tabla, int(id_))


def _documento_recibo(conexion: Connection, fila: dict[str, Any]) -> str:
    if fila.get("documento"):
        return str(fila["documento"])
    # Receipts written before schema 0005 keep no text: rebuild it from the rows, as verification does.
    i = fila["id"]
    documento = cadena.doc_recibo(
        fila,
        _dicts(conexion, "SELECT * FROM recibo_linea WHERE recibo_id = :i ORDER BY n", i=i),
        _dicts(conexion, "SELECT * FROM recibo_pago WHERE recibo_id = :i ORDER BY n", i=i),
        _dicts(conexion, "SELECT * FROM autorizacion WHERE recibo_id = :i ORDER BY id", i=i),
    )
    return canonico(documento).decode("utf-8")


def _eslabones(conexion: Connection, desde: int) -> Iterator[tuple[int, str, dict[str, Any]]]:
    recibos = (
        (int(f["eslabon"]), "recibo", f)
        for f in _dicts(conexion, "SELECT * FROM recibo WHERE eslabon > :e ORDER BY eslabon", e=desde)
    )
    anulaciones = (
        (int(f["eslabon"]), "anulacion", f)
        for f in _dicts(
            conexion,
            "SELECT a.*, r.hash AS hash_recibo FROM anulacion a JOIN recibo r ON r.id = a.recibo_id "
            "WHERE a.eslabon > :e ORDER BY a.eslabon",
            e=desde,
        )
    )
    yield from heapq.merge(recibos, anulaciones, key=lambda t: t[0])


def lineas_de_eslabones(conexion: Connection, desde: int, previo: bytes) -> Iterator[Linea]:
    """Journal lines for the ledger's chain links after ``desde`` (whose hash is ``previo``)."""
    for eslabon, tipo, fila in _eslabones(conexion, desde):
        if tipo == "recibo":
            texto_ = _documento_recibo(conexion, fila)
        else:
            texto_ = canonico(cadena.doc_anulacion(fila, bytes(fila["hash_recibo"]))).decode("utf-8")
        hash_ = bytes(fila["hash"])
        yield linea_cadena(tipo, int(fila["id"]), eslabon, previo, hash_, bytes(fila["firma"]), texto_)
        previo = hash_


def hash_en(conexion: Connection, eslabon: int) -> bytes | None:
    for tabla in CADENA:
        fila = conexion.execute(text(f"SELECT hash FROM {tabla} WHERE eslabon = :e"), {"e": eslabon}).first()
        if fila is not None:
            return bytes(fila.hash)
    return None


def todo_el_libro(conexion: Connection, directorio: Path, ident: Identidad) -> Iterator[Linea]:
    """The whole ledger as a journal: identity, users, shifts, chain links, hand-overs, cortes (an order
    in which every row's references come first)."""
    creada = conexion.execute(text("SELECT creada_en FROM terminal WHERE id = 1")).scalar_one()
    yield linea_identidad(directorio, ident, creada)
    for tipo in ("usuario", "turno"):
        for (id_,) in conexion.execute(text(f"SELECT id FROM {tipo} ORDER BY id")).all():
            yield linea_fila(conexion, directorio, ident, tipo, int(id_))
    yield from lineas_de_eslabones(conexion, 0, cadena.genesis(ident))
    for tipo in ("entrega", "arqueo", "corte", "recibo_cuenta", "cuenta_registro", "inpc", "visita_puesto"):
        for (id_,) in conexion.execute(text(f"SELECT id FROM {tipo} ORDER BY id")).all():
            yield linea_fila(conexion, directorio, ident, tipo, int(id_))


# -- replay ----------------------------------------------------------------------------------------------------------
def _insertar(conexion: Connection, tabla: str, fila: dict[str, Any]) -> None:
    columnas = ", ".join(fila)
    valores = ", ".join(f":{c}" for c in fila)
    conexion.execute(text(f"INSERT INTO {tabla} ({columnas}) VALUES ({valores})"), fila)


def _outbox(conexion: Connection, tipo: str, ref: int, fecha: str) -> None:
    conexion.execute(
        text("INSERT INTO outbox (tipo, ref_id, creado_en) VALUES (:t, :r, :f)"), {"t": tipo, "r": ref, "f": fecha}
    )


def presente(conexion: Connection, linea: Linea) -> bool:
    """Whether the ledger already holds what the line describes."""
    if linea.tipo in CADENA:
        assert linea.eslabon is not None
        hash_ = hash_en(conexion, linea.eslabon)
        return hash_ is not None
    if linea.tipo == "identidad":
        return conexion.execute(text("SELECT 1 FROM terminal WHERE id = 1")).first() is not None
    if linea.tipo == "usuario":
        return _usuario_al_dia(conexion, linea.documento()["fila"]) is True  # None: the user is missing
    fila = conexion.execute(text(f"SELECT 1 FROM {linea.tipo} WHERE id = :i"), {"i": linea.id}).first()
    return fila is not None


# What an administrator sets on a user (a password reset changes the hash): a row that differs in these from
# its newest line lacks that line. The failure counter and the lockout also change at every failed login,
# which is not journaled: they are restored with the line but never make a row count as behind.
_USUARIO_ADMINISTRADO = ("usuario", "nombre", "rol", "hash", "activo")


def _usuario_al_dia(conexion: Connection, fila: dict[str, Any]) -> bool | None:
    """None: no such user; True: the row holds what the line says an administrator set; False: it does not."""
    actual = _dicts(conexion, "SELECT * FROM usuario WHERE id = :i", i=fila["id"])
    if not actual:
        return None
    return all(actual[0].get(c) == fila.get(c) for c in _USUARIO_ADMINISTRADO)


def _actualizar_usuario(conexion: Connection, fila: dict[str, Any]) -> bool:
    """A user's newer line (a reset or an unlock) over the row an older line or the backup wrote."""
    actual = _dicts(conexion, "SELECT * FROM usuario WHERE id = :i", i=fila["id"])[0]
    cambios = {c: v for c, v in fila.items() if c != "id" and c in actual and actual[c] != v}
    if not cambios:
        return False
    asignaciones = ", ".join(f"{c} = :{c}" for c in cambios)
    conexion.execute(text(f"UPDATE usuario SET {asignaciones} WHERE id = :id"), {**cambios, "id": fila["id"]})
    return True


def aplicar(conexion: Connection, linea: Linea) -> bool:
    """Writes the line's rows unless they are already there; True when something was written. A user's
    line over an existing user brings the row to the line's values (users are the one mutable table)."""
    if linea.tipo == "usuario":
        fila = linea.documento()["fila"]
        if _usuario_al_dia(conexion, fila) is not None:
            return _actualizar_usuario(conexion, fila)
    elif presente(conexion, linea):
        return False
    documento = linea.documento()
    if linea.tipo == "identidad":
        conexion.execute(
            text(
                "INSERT INTO terminal (id, municipio, delegacion, nombre, serie, llave_publica, demo, creada_en) "
                "VALUES (1, :municipio, :delegacion, :nombre, :serie, :llave, :demo, :creada_en)"
            ),
            {**documento, "llave": bytes.fromhex(documento["llave_publica"]), "demo": int(documento["demo"])},
        )
    elif linea.tipo == "recibo":
        _aplicar_recibo(conexion, linea, documento)
    elif linea.tipo == "anulacion":
        campos = ("recibo_id", "eslabon", "supervisor_id", "usuario_id", "motivo", "fecha")
        fila = {k: documento[k] for k in campos}
        fila.update(id=linea.id, hash=bytes.fromhex(linea.hash), firma=bytes.fromhex(linea.firma))
        _insertar(conexion, "anulacion", fila)
        _outbox(conexion, "anulacion", int(fila["id"]), str(fila["fecha"]))
    else:
        _insertar(conexion, linea.tipo, documento["fila"])
        for tabla, filas in documento["hijas"].items():
            for hija in filas:
                _insertar(conexion, tabla, hija)
        if linea.tipo in CON_OUTBOX:
            fila = documento["fila"]
            _outbox(conexion, linea.tipo, int(fila["id"]), str(fila.get("fecha") or fila.get("cerrado_en")))
    return True


def _aplicar_recibo(conexion: Connection, linea: Linea, d: dict[str, Any]) -> None:
    campos = ("serie", "numero", "eslabon", "turno_id", "cajero_id", "fecha", "total_centavos")
    fila = {k: d[k] for k in (*campos, "ajuste_centavos", "cambio_centavos")}
    fila.update(
        id=linea.id,
        contribuyente=canonico(d["contribuyente"]).decode("utf-8"),
        hash=bytes.fromhex(linea.hash),
        firma=bytes.fromhex(linea.firma),
        documento=linea.texto,
    )
    _insertar(conexion, "recibo", fila)
    for x in d["lineas"]:
        _insertar(
            conexion,
            "recibo_linea",
            {
                "recibo_id": linea.id,
                "n": x["n"],
                "clave": x["clave"],
                "rubro": x["rubro"],
                "total_centavos": x["total_centavos"],
                "cotizacion": canonico(x["cotizacion"]).decode("utf-8"),
            },
        )
    for p in d["pagos"]:
        datos = canonico(p["datos"]).decode("utf-8")
        _insertar(
            conexion,
            "recibo_pago",
            {"recibo_id": linea.id, **{k: p[k] for k in ("n", "forma", "importe_centavos")}, "datos": datos},
        )
    for a in d["autorizaciones"]:
        _insertar(conexion, "autorizacion", {"recibo_id": linea.id, **a})
    _outbox(conexion, "recibo", int(linea.id or 0), str(d["fecha"]))
