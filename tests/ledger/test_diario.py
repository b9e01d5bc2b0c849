"""The receipt journal and the high-water mark, on real files: what is refused, what heals, what is kept."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from apoyo import CLAVE, Libro

from jerez_pos.ledger import (
    auditoria,
    corte,
    diario,
    diario_filas,
    entregas,
    marca,
    recibos,
    recuperacion,
    respaldo,
    usuarios,
)
from jerez_pos.ledger.comun import SinPermiso, canonico
from jerez_pos.ledger.pagos import Pago
from jerez_pos.ledger.terminal import Terminal
from jerez_pos.ledger.verificacion import todo_bien, verificar

PAGO = [Pago("efectivo", Decimal("200"))]


def _cobrar(libro: Libro, n: int = 1) -> list[str]:
    return [recibos.cobrar(libro.terminal, libro.cajero, [("A85-II", {})], PAGO).folio for _ in range(n)]


def _diario(libro: Libro) -> Path:
    return libro.terminal.directorio / "respaldos" / diario.ARCHIVO


def _tipos(ruta: Path) -> list[str]:
    return [json.loads(linea)["tipo"] for linea in ruta.read_text(encoding="utf-8").splitlines()]


@contextmanager
def _sin_disparadores(ruta: Path) -> Iterator[sqlite3.Connection]:
    """A careful insider: drops the append-only triggers, edits, and puts the triggers back, so that only the
    journal's mark (not the missing-trigger check) can notice the edit."""
    conexion = sqlite3.connect(ruta)
    try:
        disparadores = conexion.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
        for nombre, _ in disparadores:
            conexion.execute(f"DROP TRIGGER {nombre}")
        yield conexion
        for _, sql in disparadores:
            conexion.execute(sql)
        conexion.commit()
    finally:
        conexion.close()


def _borrar_ultimo(ruta_bd: Path) -> None:
    with _sin_disparadores(ruta_bd) as conexion:
        for tabla in ("recibo_linea", "recibo_pago", "outbox"):
            columna = "ref_id" if tabla == "outbox" else "recibo_id"
            conexion.execute(f"DELETE FROM {tabla} WHERE {columna} = (SELECT max(id) FROM recibo)")
        conexion.execute("DELETE FROM recibo WHERE id = (SELECT max(id) FROM recibo)")


def test_cada_movimiento_queda_en_el_diario_firmado(libro: Libro) -> None:
    folios = _cobrar(libro, 3)
    recibos.anular(libro.terminal, libro.supervisor, folios[1], "cobro duplicado")
    entregas.entregar(libro.terminal.bd, libro.inspector, libro.cajero, {"efectivo": Decimal("50")})
    tipos = _tipos(_diario(libro))
    assert tipos[0] == "identidad"
    assert tipos.count("usuario") == 5 and tipos.count("turno") == 3
    assert tipos[-5:] == ["recibo", "recibo", "recibo", "anulacion", "entrega"]
    lectura = diario.leer_todo(_diario(libro))
    assert lectura.danadas == [] and len(lectura.lineas) == len(tipos) - 1
    # The journal's chain lines are exactly the ledger's chain: same hashes, same signatures.
    with sqlite3.connect(libro.terminal.directorio / "jerez_pos.sqlite3") as conexion:
        hashes = [bytes(h).hex() for (h,) in conexion.execute("SELECT hash FROM recibo ORDER BY eslabon")]
    assert [ln.hash for ln in lectura.lineas if ln.tipo == "recibo"] == hashes
    assert marca.revisar(libro.terminal.bd, libro.terminal.directorio)["estado"] == "ok"


def test_linea_alterada_o_cortada_no_se_lee(libro: Libro) -> None:
    _cobrar(libro, 2)
    ruta = _diario(libro)
    lineas = ruta.read_bytes().splitlines(keepends=True)
    publica = diario.identidad_de(diario.leer_todo(ruta).identidad)[0]
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    llave = Ed25519PublicKey.from_public_bytes(publica.llave_publica)
    assert diario.de_bytes(lineas[-1], llave) is not None
    datos = json.loads(lineas[-1])
    datos["texto"] = datos["texto"].replace('"total_centavos":12438', '"total_centavos":1243')
    assert diario.de_bytes(canonico(datos) + b"\n", llave) is None  # its own sum gives it away
    datos.pop("suma")
    datos["suma"] = hashlib.sha256(canonico(datos)).hexdigest()[:32]
    assert diario.de_bytes(canonico(datos) + b"\n", llave) is None  # and the hash and signature too
    assert diario.de_bytes(lineas[-1][: len(lineas[-1]) // 2], llave) is None


def test_linea_cortada_por_un_choque_se_ignora_y_no_se_pega_a_la_siguiente(libro: Libro, tmp_path: Path) -> None:
    _cobrar(libro, 2)
    ruta = _diario(libro)
    completa = ruta.read_bytes().splitlines(keepends=True)[-1]
    with ruta.open("ab") as archivo:
        archivo.write(completa[:300])  # a crash half-way through a line
    assert marca.revisar(libro.terminal.bd, libro.terminal.directorio)["estado"] == "ok"
    nuevo = Terminal(libro.terminal.directorio)
    assert not [a for a in nuevo.avisos if "diario" in a]
    siguiente = _cobrar(libro)
    lectura = diario.leer_todo(ruta)
    assert len(lectura.danadas) == 1  # the fragment, alone on its line
    assert [ln.documento()["numero"] for ln in lectura.lineas if ln.tipo == "recibo"][-1] == 3
    assert siguiente == ["JRZ1-3"]


def test_ultimos_recibos_borrados_sin_disparadores_el_cobro_se_rechaza(libro: Libro) -> None:
    _cobrar(libro, 4)
    ruta_bd = libro.terminal.directorio / "jerez_pos.sqlite3"
    _borrar_ultimo(ruta_bd)
    with pytest.raises(marca.LibroAtrasado, match="restaurar --ultimo"):
        _cobrar(libro)
    _borrar_ultimo(ruta_bd)
    with pytest.raises(marca.LibroAtrasado, match="restaurar --ultimo"):
        _cobrar(libro)
    resultado = verificar(libro.terminal.bd)
    assert resultado["cadena"] == "ok"  # the chain alone cannot see a missing tail
    assert resultado["marca"]["estado"] == "atrasado" and resultado["marca"]["folio"] == 4
    assert not todo_bien(resultado)
    with pytest.raises(marca.LibroAtrasado):  # two links missing is no crash window: refused at start too
        Terminal(libro.terminal.directorio)


def test_un_solo_recibo_borrado_vuelve_del_diario_al_arrancar(libro: Libro) -> None:
    """One missing last link looks exactly like a kill between line and commit: it is signed and chains
    onto the tip, so start-up puts it back (audited) instead of ever reissuing its folio."""
    _cobrar(libro, 2)
    _borrar_ultimo(libro.terminal.directorio / "jerez_pos.sqlite3")
    with pytest.raises(marca.LibroAtrasado):
        _cobrar(libro)
    nuevo = Terminal(libro.terminal.directorio)
    assert any("se recuperó recibo" in a for a in nuevo.avisos)
    assert todo_bien(verificar(nuevo.bd))
    assert _cobrar(libro) == ["JRZ1-3"]


def test_hash_distinto_en_la_punta_se_rechaza(libro: Libro) -> None:
    _cobrar(libro, 2)
    with _sin_disparadores(libro.terminal.directorio / "jerez_pos.sqlite3") as conexion:
        conexion.execute("UPDATE recibo SET hash = zeroblob(32) WHERE numero = 2")
    with pytest.raises(marca.LibroAtrasado, match="alterado"):
        _cobrar(libro)
    assert verificar(libro.terminal.bd)["marca"]["estado"] == "distinto"


def test_diario_borrado_se_reconstruye_del_libro_con_aviso_y_auditoria(libro: Libro) -> None:
    folios = _cobrar(libro, 2)
    ruta = _diario(libro)
    antes = diario.leer_todo(ruta)
    ruta.unlink()
    nuevo = Terminal(libro.terminal.directorio)
    assert any("se reconstruyó desde el libro" in a for a in nuevo.avisos)
    assert "diario reconstruido" in [e["accion"] for e in auditoria.eventos(nuevo.bd)]
    despues = diario.leer_todo(ruta)
    assert [ln.hash for ln in despues.lineas if ln.tipo in diario.CADENA] == [
        ln.hash for ln in antes.lineas if ln.tipo in diario.CADENA
    ]
    assert _cobrar(libro) == [f"JRZ1-{len(folios) + 1}"]


def test_diario_atrasado_se_completa_desde_el_libro(libro: Libro) -> None:
    _cobrar(libro, 3)
    ruta = _diario(libro)
    lineas = ruta.read_bytes().splitlines(keepends=True)
    ruta.write_bytes(b"".join(lineas[:-2]))  # the journal lost its last two receipts
    assert marca.revisar(libro.terminal.bd, libro.terminal.directorio)["estado"] == "ok"  # ledger ahead: fine
    Terminal(libro.terminal.directorio)
    assert ruta.read_bytes().splitlines(keepends=True)[-2:] == lineas[-2:]


def test_usb_ausente_es_aviso_y_al_volver_se_pone_al_dia(tmp_path: Path) -> None:
    from apoyo import nuevo_libro

    casa = tmp_path / "casa"
    casa.mkdir()
    bloqueo = tmp_path / "no-es-carpeta"
    bloqueo.write_text("x")
    ajustes = casa / "ajustes.toml"
    ajustes.write_text(f'[respaldo]\ndestino = "{(bloqueo / "usb").as_posix()}"\n', encoding="utf-8")
    libro = nuevo_libro(casa)
    assert _cobrar(libro, 2) == ["JRZ1-1", "JRZ1-2"]  # charging goes on without the drive
    usb = tmp_path / "usb"
    ajustes.write_text(f'[respaldo]\ndestino = "{usb.as_posix()}"\n', encoding="utf-8")
    _cobrar(libro)  # the drive is back: the secondary journal is brought up to date and gets the line
    assert (usb / diario.ARCHIVO).read_bytes() == _diario(libro).read_bytes()
    (usb / diario.ARCHIVO).write_bytes((usb / diario.ARCHIVO).read_bytes()[:-500])
    Terminal(casa)
    assert (usb / diario.ARCHIVO).read_bytes() == _diario(libro).read_bytes()


def test_transaccion_fallida_deja_descarte_y_el_folio_sigue(libro: Libro, monkeypatch: pytest.MonkeyPatch) -> None:
    _cobrar(libro)

    def falla(*_: object) -> None:
        raise sqlite3.OperationalError("disco lleno")

    monkeypatch.setattr(recibos, "_insertar_detalle", falla)
    with pytest.raises(sqlite3.OperationalError):
        _cobrar(libro)
    monkeypatch.undo()
    assert _tipos(_diario(libro))[-2:] == ["recibo", "descarte"]
    assert _cobrar(libro) == ["JRZ1-2"]  # the discarded line never became a receipt
    assert marca.revisar(libro.terminal.bd, libro.terminal.directorio)["estado"] == "ok"


def test_linea_escrita_sin_commit_se_reaplica_al_arrancar(libro: Libro, monkeypatch: pytest.MonkeyPatch) -> None:
    """A process killed between the journal line and the commit: the signed receipt is re-applied, audited."""
    _cobrar(libro)

    def muere(*_: object) -> None:
        raise KeyboardInterrupt  # stands for the kill: nothing after it runs in the process

    monkeypatch.setattr(recibos, "_insertar_detalle", muere)
    monkeypatch.setattr(diario.Pendiente, "descartar", lambda self, ident: self.esperar())
    with pytest.raises(KeyboardInterrupt):
        _cobrar(libro)
    monkeypatch.undo()
    nuevo = Terminal(libro.terminal.directorio)
    assert any("se recuperó recibo" in a for a in nuevo.avisos)
    assert "movimiento recuperado del diario" in [e["accion"] for e in auditoria.eventos(nuevo.bd)]
    resultado = verificar(nuevo.bd)
    assert todo_bien(resultado) and resultado["recibos"] == 2
    assert _cobrar(libro) == ["JRZ1-3"]


def test_restaurar_ultimo_con_respaldo_y_diario(libro: Libro) -> None:
    _cobrar(libro, 2)
    respaldo.respaldar(libro.terminal.bd, libro.admin, libro.terminal.directorio / "respaldos")
    folios = _cobrar(libro, 3)
    recibos.anular(libro.terminal, libro.supervisor, folios[0], "error de captura")
    entregas.entregar(libro.terminal.bd, libro.inspector, libro.cajero, {"efectivo": Decimal("50")})
    corte.cerrar(libro.terminal.bd, libro.cajera2, {Decimal("500"): 1})  # beto: no receipts, fondo 500
    ruta_bd = libro.terminal.directorio / "jerez_pos.sqlite3"
    with sqlite3.connect(ruta_bd) as conexion:
        antes = {t: conexion.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in ("entrega", "corte")}
    libro.terminal.bd.dispose()
    ruta_bd.write_bytes(b"")
    with pytest.raises(marca.LibroAtrasado, match="restaurar --ultimo"):
        Terminal(libro.terminal.directorio)
    with pytest.raises(recuperacion.usuarios.AccesoDenegado):
        recuperacion.restaurar_ultimo(libro.terminal.directorio, lambda: ("admin", "otra"))
    with pytest.raises(SinPermiso):
        recuperacion.restaurar_ultimo(libro.terminal.directorio, lambda: ("ana", CLAVE))
    assert ruta_bd.stat().st_size == 0  # refused: nothing replaced
    hecho = recuperacion.restaurar_ultimo(libro.terminal.directorio, lambda: ("admin", CLAVE))
    datos = hecho.a_dict()
    assert datos["respaldo"] is not None and "jerez_pos-" in datos["respaldo"]
    assert (datos["recibos"], datos["anulaciones"], datos["ultimo_folio"]) == (3, 1, "JRZ1-5")
    assert (datos["entregas"], datos["cortes"]) == (1, 1)
    with sqlite3.connect(ruta_bd) as conexion:
        for tabla, filas in antes.items():
            assert conexion.execute(f"SELECT * FROM {tabla} ORDER BY id").fetchall() == filas
    assert datos["resguardo"] and (Path(datos["resguardo"]) / "jerez_pos.sqlite3").stat().st_size == 0
    nuevo = Terminal(libro.terminal.directorio)
    resultado = verificar(nuevo.bd)
    assert todo_bien(resultado) and resultado["recibos"] == 5 and resultado["anulaciones"] == 1
    libro.terminal = nuevo
    assert _cobrar(libro) == ["JRZ1-6"]


def test_marcas_de_la_ruta_van_al_diario_y_vuelven_con_restaurar_ultimo(libro: Libro, tmp_path: Path) -> None:
    """The inspector's «ausente» / «cerrado» marks (visita_puesto) made after the backup come back with it."""
    from test_padron import CSV, _archivo

    from jerez_pos.ledger import padron, visitas

    padron.importar(libro.terminal, libro.admin, _archivo(tmp_path, CSV))
    bd = libro.terminal.bd
    respaldo.respaldar(bd, libro.admin, libro.terminal.directorio / "respaldos")
    visitas.marcar(bd, libro.inspector, "T1-001", "ausente")
    visitas.marcar(bd, libro.inspector, "T1-002", "cerrado")
    visitas.marcar(bd, libro.supervisor, "T1-001", "pendiente")
    assert _tipos(_diario(libro)).count("visita_puesto") == 3
    _cobrar(libro)
    ruta_bd = libro.terminal.directorio / "jerez_pos.sqlite3"
    with sqlite3.connect(ruta_bd) as conexion:
        antes = conexion.execute("SELECT * FROM visita_puesto ORDER BY id").fetchall()
    assert len(antes) == 3
    bd.dispose()
    ruta_bd.write_bytes(b"")
    hecho = recuperacion.restaurar_ultimo(libro.terminal.directorio, lambda: ("admin", CLAVE)).a_dict()
    assert hecho["recibos"] == 1
    with sqlite3.connect(ruta_bd) as conexion:
        assert conexion.execute("SELECT * FROM visita_puesto ORDER BY id").fetchall() == antes
    nuevo = Terminal(libro.terminal.directorio)
    assert todo_bien(verificar(nuevo.bd))
    hoy = dt.datetime.strptime(antes[0][2], "%Y-%m-%d").date()
    assert visitas.del_dia(nuevo.bd, hoy) == {"T1-002": "cerrado"}
    libro.terminal = nuevo


def test_restablecer_y_desbloquear_van_al_diario_y_vuelven_con_restaurar_ultimo(libro: Libro) -> None:
    bd = libro.terminal.bd
    for _ in range(usuarios.INTENTOS_MAXIMOS):
        with pytest.raises(usuarios.AccesoDenegado):
            usuarios.autenticar(bd, "ana", "mala")
    respaldo.respaldar(bd, libro.admin, libro.terminal.directorio / "respaldos")  # ana locked, beto's old key
    lineas_antes = _tipos(_diario(libro)).count("usuario")
    usuarios.desbloquear(bd, libro.admin, "ana")
    usuarios.restablecer(bd, libro.admin, "beto", "nueva-clave")
    assert _tipos(_diario(libro)).count("usuario") == lineas_antes + 2
    _cobrar(libro)
    ruta_bd = libro.terminal.directorio / "jerez_pos.sqlite3"
    bd.dispose()
    ruta_bd.write_bytes(b"")
    hecho = recuperacion.restaurar_ultimo(libro.terminal.directorio, lambda: ("admin", CLAVE)).a_dict()
    assert hecho["recibos"] == 1
    nuevo = Terminal(libro.terminal.directorio)
    assert todo_bien(verificar(nuevo.bd))
    assert usuarios.autenticar(nuevo.bd, "ana", CLAVE).usuario == "ana"  # the unlock came back, not the lockout
    assert usuarios.autenticar(nuevo.bd, "beto", "nueva-clave").usuario == "beto"
    with pytest.raises(usuarios.AccesoDenegado):
        usuarios.autenticar(nuevo.bd, "beto", CLAVE)  # the backup's password no longer opens the account
    libro.terminal = nuevo


def test_restablecer_sin_commit_se_reaplica_al_arrancar(libro: Libro, monkeypatch: pytest.MonkeyPatch) -> None:
    """Killed between the reset's journal line and its commit: the start-up check finds the ledger's user
    unlike the journal's last line and applies it (the administrator was told the new password works)."""

    def muere(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(diario.Pendiente, "descartar", lambda self, ident: self.esperar())
    monkeypatch.setattr(usuarios.diario_filas, "anotar_fila", _anotar_y_morir(muere))
    with pytest.raises(KeyboardInterrupt):
        usuarios.restablecer(libro.terminal.bd, libro.admin, "beto", "nueva-clave")
    monkeypatch.undo()
    libro.terminal.bd.dispose()
    with pytest.raises(usuarios.AccesoDenegado):
        usuarios.autenticar(libro.terminal.bd, "beto", "nueva-clave")  # not committed
    nuevo = Terminal(libro.terminal.directorio)
    assert usuarios.autenticar(nuevo.bd, "beto", "nueva-clave").usuario == "beto"
    libro.terminal = nuevo


def _anotar_y_morir(muere: Callable[[], None]) -> Callable[..., None]:
    original = diario_filas.anotar_fila

    def anotar(*argumentos: Any) -> None:
        original(*argumentos)
        muere()

    return anotar


def test_restaurar_ultimo_con_un_respaldo_mas_nuevo_que_el_diario(libro: Libro) -> None:
    """The journal lost its tail and the database is gone: the backup that extends the journal is used,
    nothing it holds is dropped, and the next start completes the journal from the restored ledger."""
    _cobrar(libro, 3)
    respaldo.respaldar(libro.terminal.bd, libro.admin, libro.terminal.directorio / "respaldos")
    ruta = _diario(libro)
    lineas = ruta.read_bytes().splitlines(keepends=True)
    ruta.write_bytes(b"".join(lineas[:-2]))
    libro.terminal.bd.dispose()
    (libro.terminal.directorio / "jerez_pos.sqlite3").unlink()
    hecho = recuperacion.restaurar_ultimo(libro.terminal.directorio, lambda: ("admin", CLAVE)).a_dict()
    assert hecho["respaldo"] is not None and hecho["ultimo_folio"] == "JRZ1-3" and hecho["recibos"] == 0
    nuevo = Terminal(libro.terminal.directorio)
    assert ruta.read_bytes().splitlines(keepends=True)[-2:] == lineas[-2:]
    libro.terminal = nuevo
    assert _cobrar(libro) == ["JRZ1-4"]


def test_restaurar_ultimo_rechaza_el_diario_de_otra_terminal(libro: Libro, tmp_path: Path) -> None:
    from apoyo import nuevo_libro

    _cobrar(libro)
    otro = nuevo_libro(tmp_path / "otra")
    recibos.cobrar(otro.terminal, otro.cajero, [("A85-II", {})], PAGO)
    shutil.copy(_diario(otro), _diario(libro))
    with pytest.raises(marca.LibroAtrasado, match="otra terminal"):
        _cobrar(libro)
    with pytest.raises(recuperacion.RecuperacionImposible, match="llave de firma"):
        recuperacion.restaurar_ultimo(libro.terminal.directorio, lambda: ("admin", CLAVE))
    assert verificar(libro.terminal.bd)["recibos"] == 1


def test_diario_con_identidad_cortada_se_aparta_y_se_reconstruye(libro: Libro) -> None:
    _cobrar(libro, 2)
    ruta = _diario(libro)
    ruta.write_bytes(ruta.read_bytes()[:150])  # torn inside its first line (a crash while it was created)
    nuevo = Terminal(libro.terminal.directorio)
    assert any("no tenía una identidad válida" in a for a in nuevo.avisos)
    assert len(list(ruta.parent.glob("diario.jsonl.ilegible-*"))) == 1  # kept, never deleted
    assert marca.revisar(nuevo.bd, nuevo.directorio)["eslabon"] == 2
    assert _cobrar(libro) == ["JRZ1-3"]
