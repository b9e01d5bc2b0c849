"""P9: a charge with the receipt journal (line written under the write lock, fsync overlapped with the
commit, mark compared with the chain tip) vs the same charge with the journal switched off, interleaved
pairs on the same disk in one run. Two homes, so neither variant makes the other heal its journal."""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

from jerez_pos.ledger import demo, diario, marca, recibos
from jerez_pos.ledger.pagos import Pago
from jerez_pos.ledger.terminal import Terminal

METAS = ("P9",)


@contextmanager
def sin_diario() -> Iterator[None]:
    """The charge path as it was before the journal: no line, no mark, no journal to ensure."""
    originales: list[tuple[Any, str, Callable[..., Any]]] = [
        (diario.Pendiente, "anotar", diario.Pendiente.anotar),
        (marca, "asegurar_diario", marca.asegurar_diario),
        (recibos, "exigir_marca", recibos.exigir_marca),
    ]
    for dueno, nombre, _ in originales:
        setattr(dueno, nombre, lambda *a, **k: None)
    try:
        yield
    finally:
        for dueno, nombre, funcion in originales:
            setattr(dueno, nombre, funcion)


def _p9(raiz: Path, n: int = 300) -> dict[str, Any]:
    pago = [Pago("efectivo", Decimal("200"))]
    con = Terminal(raiz / "con")
    cajero_con = demo.preparar(con)
    sin = Terminal(raiz / "sin")
    with sin_diario():
        cajero_sin = demo.preparar(sin)
        recibos.cobrar(sin, cajero_sin, [("A85-II", {})], pago)
    recibos.cobrar(con, cajero_con, [("A85-II", {})], pago)  # warm-up: quick_check, key, catalog, journal
    tiempos_con: list[float] = []
    tiempos_sin: list[float] = []
    for _ in range(n):
        inicio = time.perf_counter()
        recibos.cobrar(con, cajero_con, [("A85-II", {})], pago)
        tiempos_con.append(time.perf_counter() - inicio)
        with sin_diario():
            inicio = time.perf_counter()
            recibos.cobrar(sin, cajero_sin, [("A85-II", {})], pago)
            tiempos_sin.append(time.perf_counter() - inicio)
    a, b = statistics.median(tiempos_con), statistics.median(tiempos_sin)
    return {
        "valor": a / b,
        "meta": 1.5,
        "unidad": "x",
        "detalle": f"mediana de {n} pares: cobrar con diario {a * 1000:.2f} ms vs sin diario {b * 1000:.2f} ms",
    }


def medir() -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="bench-diario-") as temporal:
        return {"P9": _p9(Path(temporal))}
