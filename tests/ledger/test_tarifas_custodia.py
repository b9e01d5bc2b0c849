"""Tariff data that cannot drift: a catalog file or UMA value edited in the SQLite file (triggers dropped),
a dropped trigger, an unsigned row slipped in: each refuses the charge naming what changed and shows in
``verificar``; legitimate imports of a new UMA year or a new catalog version keep working."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from apoyo import Libro, sql_crudo

from jerez_pos import config
from jerez_pos.catalogo.cargar import cargar
from jerez_pos.ledger import recibos, tarifas
from jerez_pos.ledger.custodia import TarifasAlteradas
from jerez_pos.ledger.disparadores import requeridos
from jerez_pos.ledger.pagos import Pago
from jerez_pos.ledger.terminal import Terminal
from jerez_pos.ledger.verificacion import todo_bien, verificar


def _sql(libro: Libro, *sentencias: str) -> None:
    sql_crudo(libro.terminal.directorio, *sentencias)


def _cobrar(terminal: Terminal, libro: Libro) -> recibos.Emitido:
    return recibos.cobrar(terminal, libro.cajero, [("A85-II", {})], [Pago("efectivo", Decimal("1000"))])


def _de_nuevo(libro: Libro) -> Terminal:
    """The program started again on the same home (a new process would do the same)."""
    return Terminal(libro.terminal.directorio, respaldo_diario=False)


def test_el_motor_sale_de_la_base_sin_copia_en_disco(libro: Libro) -> None:
    assert _cobrar(libro.terminal, libro).total > 0
    assert not (libro.terminal.directorio / "catalogos").exists()
    resultado = verificar(libro.terminal.bd)
    assert todo_bien(resultado), resultado
    assert [c["estado"] for c in resultado["catalogo"]] == ["ok"]
    assert resultado["uma"]["estado"] == "ok" and resultado["disparadores"] == {
        "estado": "ok",
        "faltantes": [],
        "requeridos": len(requeridos()),
    }
    filas = resultado["uma"]["registros"]
    assert filas > 1 and resultado["uma"]["detalle"].startswith(f"{filas} registros verificados; vigentes:")
    assert "(s)" not in resultado["uma"]["detalle"]


def test_cargar_desde_memoria_igual_que_desde_directorio() -> None:
    directorio = config.catalogo_incluido()
    desde_memoria = cargar(tarifas.archivos_de(directorio))
    desde_disco = cargar(directorio)
    assert desde_memoria.conceptos == desde_disco.conceptos and desde_memoria.giros == desde_disco.giros
    assert desde_memoria.vinculos == desde_disco.vinculos and desde_memoria.modificadores == desde_disco.modificadores


def test_archivo_del_catalogo_editado_en_la_base_rechaza_el_cobro(libro: Libro) -> None:
    _sql(
        libro,
        "DROP TRIGGER catalogo_archivo_sin_update",
        "UPDATE catalogo_archivo SET contenido = replace(contenido, '\"1.0603\"', '\"0.0103\"') "
        "WHERE ruta = 'conceptos/a084-a100.toml'",
        "CREATE TRIGGER catalogo_archivo_sin_update BEFORE UPDATE ON catalogo_archivo BEGIN "
        "SELECT RAISE(ABORT, 'x'); END",
    )
    # the running process notices the schema change at its next charge
    with pytest.raises(TarifasAlteradas, match=r"el archivo conceptos/a084-a100\.toml no coincide con la huella"):
        _cobrar(libro.terminal, libro)
    # a new process refuses to price at all
    with pytest.raises(TarifasAlteradas, match=r"catálogo jerez-2024 v2: el archivo conceptos/a084-a100\.toml"):
        _de_nuevo(libro).cotizar("A85-II", {})
    resultado = verificar(libro.terminal.bd)
    assert not todo_bien(resultado)
    assert resultado["catalogo"][0]["estado"] == "alterado"
    assert "conceptos/a084-a100.toml" in resultado["catalogo"][0]["detalle"]


def test_catalogo_editado_con_huellas_recalculadas_lo_delata_la_firma(libro: Libro) -> None:
    """Content, per-file hashes and the catalog hash all rewritten consistently: only the key can tell."""
    from jerez_pos.ledger.sellos import huella_catalogo, huellas_por_archivo, texto_por_archivo

    Terminal(libro.terminal.directorio, respaldo_diario=False)  # adopted: the shipped data is now signed
    conexion = sqlite3.connect(libro.terminal.directorio / "jerez_pos.sqlite3")
    archivos = dict(conexion.execute("SELECT ruta, contenido FROM catalogo_archivo WHERE catalogo_id = 1"))
    archivos["conceptos/a084-a100.toml"] = archivos["conceptos/a084-a100.toml"].replace('"1.0603"', '"0.0103"')
    for t in ("catalogo_archivo_sin_update", "catalogo_sin_update"):
        conexion.execute(f"DROP TRIGGER {t}")
    conexion.execute(
        "UPDATE catalogo_archivo SET contenido = ? WHERE catalogo_id = 1 AND ruta = 'conceptos/a084-a100.toml'",
        (archivos["conceptos/a084-a100.toml"],),
    )
    conexion.execute("UPDATE catalogo SET huella = ? WHERE id = 1", (huella_catalogo(archivos),))
    conexion.execute(
        "INSERT INTO catalogo_sello (catalogo_id, archivos, sellado_en) VALUES (1, ?, '')",
        (texto_por_archivo(huellas_por_archivo(archivos)),),
    )
    conexion.commit()
    conexion.close()
    resultado = verificar(libro.terminal.bd)
    assert "no tiene firma de esta terminal" in resultado["catalogo"][0]["detalle"]
    assert not todo_bien(resultado)
    with pytest.raises(TarifasAlteradas, match="no tiene firma de esta terminal"):
        _de_nuevo(libro).cotizar("A85-II", {})


def test_update_uma_lo_rechaza_el_disparador(libro: Libro) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="solo anexar"):
        _sql(libro, "UPDATE uma SET diaria_centavos = 112 WHERE anio = 2024")
    with pytest.raises(sqlite3.IntegrityError, match="solo anexar"):
        _sql(libro, "DELETE FROM uma")
    with pytest.raises(sqlite3.IntegrityError, match="solo anexar"):
        _sql(libro, "DELETE FROM catalogo_sello")


def test_uma_editada_sin_disparador_se_detecta_al_cobrar_y_en_verificar(libro: Libro) -> None:
    _cobrar(libro.terminal, libro)  # the running process has checked once
    _sql(libro, "DROP TRIGGER uma_sin_update", "UPDATE uma SET diaria_centavos = 112 WHERE anio = 2024")
    with pytest.raises(TarifasAlteradas, match="falta el disparador uma_sin_update"):
        _cobrar(libro.terminal, libro)
    resultado = verificar(libro.terminal.bd)
    assert resultado["disparadores"]["faltantes"] == ["uma_sin_update"]
    assert resultado["uma"]["estado"] == "alterado"
    assert "UMA 2024: el valor guardado ($1.12" in resultado["uma"]["detalle"]
    assert "no coincide con su registro firmado" in resultado["uma"]["detalle"]
    assert not todo_bien(resultado)
    # the trigger put back: the edited value is still refused, in this process and in a new one
    _sql(libro, "CREATE TRIGGER uma_sin_update BEFORE UPDATE ON uma BEGIN SELECT RAISE(ABORT, 'x'); END")
    with pytest.raises(TarifasAlteradas, match=r"UMA 2024: el valor guardado \(\$1.12"):
        _cobrar(libro.terminal, libro)
    with pytest.raises(TarifasAlteradas, match=r"UMA 2024: el valor guardado \(\$1.12"):
        _de_nuevo(libro).cotizar("A85-II", {})


def test_fila_de_uma_sin_firma_agregada_despues_se_rechaza(libro: Libro) -> None:
    from jerez_pos.ledger.sellos import huella_uma

    terminal = _de_nuevo(libro)  # adopted at start: what the program shipped is signed now
    conexion = sqlite3.connect(terminal.directorio / "jerez_pos.sqlite3")
    (anterior,) = conexion.execute("SELECT huella FROM uma ORDER BY id DESC LIMIT 1").fetchone()
    (version,) = conexion.execute("SELECT max(version) FROM uma WHERE anio = 2024").fetchone()
    huella = huella_uma(anterior, 2024, version + 1, 112, "2024-02-01", "x.csv", "")
    conexion.execute(
        "INSERT INTO uma (anio, version, diaria_centavos, vigente_desde, fuente, importado_en, huella) "
        "VALUES (2024, ?, 112, '2024-02-01', 'x.csv', '', ?)",
        (version + 1, huella),
    )
    conexion.commit()
    conexion.close()
    with pytest.raises(TarifasAlteradas, match=r"UMA 2024: el valor guardado \(\$1.12.*no tiene firma"):
        _de_nuevo(libro).cotizar("A85-II", {})
    assert verificar(terminal.bd)["uma"]["estado"] == "alterado"


def test_disparador_de_recibo_borrado_se_informa_y_no_se_cobra(libro: Libro) -> None:
    _sql(libro, "DROP TRIGGER recibo_sin_update")
    resultado = verificar(libro.terminal.bd)
    assert resultado["disparadores"]["estado"] == "faltan"
    assert resultado["disparadores"]["faltantes"] == ["recibo_sin_update"]
    assert not todo_bien(resultado)
    with pytest.raises(TarifasAlteradas, match="falta el disparador recibo_sin_update"):
        _cobrar(libro.terminal, libro)
    # a trigger of the same name that lets the change through is no trigger
    _sql(libro, "CREATE TRIGGER recibo_sin_update BEFORE UPDATE ON recibo BEGIN SELECT 1; END")
    assert verificar(libro.terminal.bd)["disparadores"]["faltantes"] == ["recibo_sin_update"]


def test_importar_uma_de_un_anio_nuevo_y_cambio_de_valor(libro: Libro, tmp_path: Path) -> None:
    csv = tmp_path / "uma.csv"
    csv.write_text(
        "anio,diaria,vigente_desde,fuente\n2024,108.57,2024-02-01,INEGI\n2027,121.00,2027-02-01,INEGI\n",
        encoding="utf-8",
    )
    resultado = libro.terminal.importar_uma(csv, usuario="admin")
    assert resultado.leidos == 2 and resultado.cambios == {"2027": [None, "121.00"]}
    csv.write_text("anio,diaria,vigente_desde,fuente\n2027,121.50,2027-02-01,INEGI\n", encoding="utf-8")
    assert libro.terminal.importar_uma(csv).cambios == {"2027": ["121.00", "121.50"]}
    tabla = {v.anio: v.diaria for v in tarifas.tabla_uma(libro.terminal.bd).valores}
    assert tabla[2027] == Decimal("121.50") and tabla[2024] == Decimal("108.57")
    assert libro.terminal.motor.uma.vigente(dt.date(2027, 3, 1)).diaria == Decimal("121.50")
    assert todo_bien(verificar(libro.terminal.bd))
    assert _cobrar(libro.terminal, libro).total > 0


def test_importar_version_nueva_del_catalogo(libro: Libro, tmp_path: Path) -> None:
    copia = tmp_path / "cat"
    shutil.copytree(config.catalogo_incluido(), copia)
    cabecera = copia / "catalogo.toml"
    cabecera.write_text(cabecera.read_text(encoding="utf-8").replace("version = 2", "version = 3"), encoding="utf-8")
    assert libro.terminal.importar_catalogo(copia).nuevo
    assert sorted(c.version for c in libro.terminal.motor.catalogos) == [2, 3]
    resultado = verificar(libro.terminal.bd)
    assert todo_bien(resultado) and [c["estado"] for c in resultado["catalogo"]] == ["ok", "ok"]
    assert _cobrar(libro.terminal, libro).total > 0


def test_cache_en_disco_de_versiones_anteriores_no_cuenta(libro: Libro) -> None:
    """A catalog folder left in the data home by an older version is ignored: editing it changes nothing."""
    viejo = libro.terminal.directorio / "catalogos" / "jerez-2024-v1"
    shutil.copytree(config.catalogo_incluido(), viejo)
    (viejo / ".huella").write_text("x")
    a = viejo / "conceptos" / "a084-a100.toml"
    a.write_text(a.read_text(encoding="utf-8").replace('"1.0603"', '"0.0103"'), encoding="utf-8")
    esperado = cargar(config.catalogo_incluido()).conceptos["A85-II"].monto
    assert _de_nuevo(libro).motor.concepto("A85-II", dt.date.today()).monto == esperado
    assert _cobrar(_de_nuevo(libro), libro).total == libro.terminal.cotizar("A85-II", {}).total


def test_muestra_0006_firmada_migra_y_verifica_sin_su_llave(tmp_path: Path) -> None:
    """Schema 0006: a demo home (nine receipts) whose tariff data the terminal signed, copied without its key
    file (as a backup sent for support). It migrates to head; hashes and signatures check out with the
    public key in the file; an edit made by dropping a trigger is still found."""
    home = tmp_path / "home"
    home.mkdir()
    shutil.copy(Path(__file__).parent / "muestras" / "esquema_0006.sqlite3", home / "jerez_pos.sqlite3")
    terminal = Terminal(home, respaldo_diario=False)
    resultado = verificar(terminal.bd)
    assert todo_bien(resultado), resultado
    assert resultado["recibos"] == 9 and resultado["uma"]["registros"] == 8
    sql_crudo(home, "DROP TRIGGER uma_sin_update", "UPDATE uma SET diaria_centavos = 11000 WHERE anio = 2025")
    resultado = verificar(terminal.bd)
    assert resultado["uma"]["estado"] == "alterado" and "UMA 2025" in resultado["uma"]["detalle"]
    terminal.bd.dispose()


def test_confirmacion_insertada_a_mano_no_cuenta_y_la_firmada_si(libro: Libro) -> None:
    from jerez_pos.core.errores import TarifaPorVerificar

    terminal = _de_nuevo(libro)  # adopted: the terminal signs from now on
    parametros = {"base": "500000"}
    with pytest.raises(TarifaPorVerificar):
        terminal.cotizar("A65-II", parametros)
    _sql(
        libro,
        "INSERT INTO confirmacion_tarifa (catalogo_id, clave, usuario, motivo, confirmado_en) "
        "VALUES (1, 'A65-II', 'admin', 'a mano', '2024-06-01T10:00:00')",
    )
    with pytest.raises(TarifaPorVerificar):
        _de_nuevo(libro).cotizar("A65-II", parametros)
    terminal.confirmar_tarifa("A65-II", "admin", "Periódico Oficial impreso, pág. 54")
    assert _de_nuevo(libro).cotizar("A65-II", parametros).importe > 0


def test_el_registro_nombra_todos_los_disparadores_de_solo_anexar(libro: Libro) -> None:
    """A migration that protects a new table must add it to the registry, or its trigger goes unwatched."""
    conexion = sqlite3.connect(libro.terminal.directorio / "jerez_pos.sqlite3")
    en_la_base = {
        nombre
        for (nombre, sql) in conexion.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
        if "RAISE(ABORT" in sql.upper()
    }
    conexion.close()
    assert en_la_base == set(requeridos())
