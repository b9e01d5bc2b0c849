"""The UMA as INEGI publishes it: daily, monthly and annual values stored as published, never derived.

Art. 101 fr. III states its avalúo brackets in annual UMA. The 2024 published annual UMA is $39,606.36
(3,300.53 × 12); the derived 108.57 × 30.4 × 12 is 39,606.336. Hand-computed: the urban bracket a) ends at
2.5 × 39,606.36 = $99,015.90 (derived: 99,015.84), so a land value of $99,015.88 pays inciso a),
6.3000 UMA × 108.57 = 683.991 → $683.99, and not inciso b), 10.5000 × 108.57 = 1,139.985 → $1,139.99."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from apoyo import Libro, sql_crudo

from jerez_pos.catalogo.uma import leer_uma
from jerez_pos.core.errores import CatalogoInvalido, UmaNoPublicada
from jerez_pos.ledger import tarifas
from jerez_pos.ledger.verificacion import todo_bien, verificar

JUNIO_2024 = dt.date(2024, 6, 1)
CABECERA = "anio,diaria,mensual,anual,vigente_desde,fuente\n"


def _csv(tmp_path: Path, texto: str) -> Path:
    ruta = tmp_path / "uma.csv"
    ruta.write_text(texto, encoding="utf-8")
    return ruta


def test_la_tabla_incluida_trae_2024_como_se_publico(libro: Libro) -> None:
    tabla = {v.anio: v for v in tarifas.tabla_uma(libro.terminal.bd).valores}
    assert (tabla[2024].diaria, tabla[2024].mensual, tabla[2024].anual) == (
        Decimal("108.57"),
        Decimal("3300.53"),
        Decimal("39606.36"),
    )
    # Every bundled year carries the figures of its DOF publication (annual = rounded monthly × 12).
    assert (tabla[2025].mensual, tabla[2025].anual) == (Decimal("3439.46"), Decimal("41273.52"))
    assert (tabla[2026].mensual, tabla[2026].anual) == (Decimal("3566.22"), Decimal("42794.64"))
    assert all(not v.faltantes for v in tabla.values())
    resultado = verificar(libro.terminal.bd)
    assert todo_bien(resultado)
    assert resultado["uma"]["sin_publicar"] == {}


def test_art_101_iii_usa_la_uma_anual_publicada(libro: Libro) -> None:
    motor = libro.terminal.motor
    assert motor.cotizar("A101-III-urbano", {"base": "99015.88"}, JUNIO_2024).importe == Decimal("683.99")
    assert motor.cotizar("A101-III-urbano", {"base": "99015.90"}, JUNIO_2024).importe == Decimal("683.99")
    assert motor.cotizar("A101-III-urbano", {"base": "99015.91"}, JUNIO_2024).importe == Decimal("1139.99")
    # Construction: inciso e) ends at 7 × 39,606.36 = 277,244.52 (derived: 277,244.35); 8.4 × 108.57 = 911.988.
    assert motor.cotizar("A101-III-construccion", {"base": "277244.50"}, JUNIO_2024).importe == Decimal("911.99")
    # January 2025 still uses the 2024 UMA (Transitorio segundo), and so its published annual value.
    enero = motor.cotizar("A101-III-urbano", {"base": "99015.88"}, dt.date(2025, 1, 15))
    assert enero.importe == Decimal("683.99") and enero.uma == Decimal("108.57")


def test_en_2025_los_limites_usan_la_anual_publicada_de_2025(libro: Libro) -> None:
    motor = libro.terminal.motor
    marzo_2025 = dt.date(2025, 3, 3)
    # Inciso a) ends at 2.5 × 41,273.52 = 103,183.80 (derived from the daily value: 103,183.76).
    assert motor.cotizar("A101-III-urbano", {"base": "103183.80"}, marzo_2025).importe == Decimal("712.78")
    assert motor.cotizar("A101-III-urbano", {"base": "103183.81"}, marzo_2025).importe == Decimal("1187.97")
    assert motor.cotizar("A85-II", {}, marzo_2025).uma == Decimal("113.14")


def test_formato_anterior_se_importa_con_aviso_y_no_borra_lo_publicado(libro: Libro, tmp_path: Path) -> None:
    viejo = _csv(tmp_path, "anio,diaria,vigente_desde,fuente\n2024,108.57,2024-02-01,INEGI\n2027,121.00,2027-02-01,X\n")
    resultado = libro.terminal.importar_uma(viejo, usuario="admin")
    assert resultado.cambios == {"2027": [None, "121.00"]}
    assert any(a.startswith("UMA 2027: falta la mensual y la anual publicada por el INEGI") for a in resultado.avisos)
    assert not any("UMA 2024" in a for a in resultado.avisos)
    tabla = {v.anio: v for v in tarifas.tabla_uma(libro.terminal.bd).valores}
    assert tabla[2024].anual == Decimal("39606.36") and tabla[2027].anual is None
    with pytest.raises(UmaNoPublicada, match="UMA 2027"):
        libro.terminal.motor.cotizar("A101-III-rustico", {"base": "100000"}, dt.date(2027, 3, 1))


def test_publicar_la_anual_despues_es_una_version_nueva(libro: Libro, tmp_path: Path) -> None:
    ruta = _csv(tmp_path, CABECERA + "2027,121.00,,,2027-02-01,INEGI\n")
    assert libro.terminal.importar_uma(ruta).cambios == {"2027": [None, "121.00"]}
    ruta = _csv(tmp_path, CABECERA + "2027,121.00,3678.40,44140.80,2027-02-01,INEGI\n")
    resultado = libro.terminal.importar_uma(ruta)
    assert resultado.cambios == {"2027": ["121.00", "121.00 (mensual 3678.40, anual 44140.80)"]}
    assert resultado.avisos == [] or all("2027" not in a for a in resultado.avisos)
    assert libro.terminal.importar_uma(ruta).cambios == {}
    # 4.1 × 44,140.80 = 180,977.28 is inside inciso d) (rústico, hasta 8): 10.5 × 121.00 = 1,270.50.
    cot = libro.terminal.motor.cotizar("A101-III-rustico", {"base": "180977.28"}, dt.date(2027, 3, 1))
    assert cot.importe == Decimal("1270.50")
    assert todo_bien(verificar(libro.terminal.bd))


def test_anual_alterada_en_el_archivo_se_detecta(libro: Libro) -> None:
    sql_crudo(
        libro.terminal.directorio,
        "DROP TRIGGER uma_sin_update",
        "UPDATE uma SET anual_centavos = 3960634 WHERE anio = 2024",
    )
    resultado = verificar(libro.terminal.bd)
    assert resultado["uma"]["estado"] == "alterado" and "UMA 2024" in resultado["uma"]["detalle"]


def test_los_disparadores_protegen_las_columnas_nuevas(libro: Libro) -> None:
    import sqlite3

    with pytest.raises(sqlite3.IntegrityError, match="solo anexar"):
        sql_crudo(libro.terminal.directorio, "UPDATE uma SET anual_centavos = 1 WHERE anio = 2024")


@pytest.mark.parametrize(
    ("fila", "campo"),
    [
        ("2024,108.57,33005.30,39606.36,2024-02-01,X", "mensual"),  # a digit too many
        ("2024,108.57,39606.36,3300.53,2024-02-01,X", "mensual"),  # swapped columns
        ("2024,108.57,3300.53,39606.36.1,2024-02-01,X", "anual"),
        ("2024,108.57,3300.53,-5,2024-02-01,X", "anual"),
    ],
)
def test_valores_publicados_imposibles_se_rechazan(tmp_path: Path, fila: str, campo: str) -> None:
    with pytest.raises(CatalogoInvalido) as error:
        leer_uma(_csv(tmp_path, CABECERA + fila + "\n"))
    assert f"uma.csv, línea 2: {campo}:" in str(error.value)
