"""``verificar`` keys ``catalogo``, ``uma`` and ``disparadores``: is what prices are computed from intact?"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from jerez_pos.core.texto import cantidad
from jerez_pos.core.uma import ValorUma
from jerez_pos.ledger import custodia
from jerez_pos.ledger.disparadores import requeridos
from jerez_pos.ledger.lectura import leer


def agregar(resultado: dict[str, Any], bd: Engine) -> list[str]:
    """Adds the three keys to a ``verificar`` result; returns the problems for its ``detalle``."""
    with leer(bd) as conexion:
        revision = custodia.revisar(conexion)
    resultado["catalogo"] = [
        {
            "id": c.id_catalogo,
            "huella": c.huella,
            "estado": "alterado" if c.problemas else "ok",
            "detalle": "; ".join(c.problemas),
        }
        for c in revision.catalogos
    ]
    uma = revision.uma
    resultado["uma"] = {
        "estado": "alterado" if uma.problemas else "ok",
        "detalle": "; ".join(uma.problemas)
        or f"{cantidad(uma.filas, 'registro verificado', 'registros verificados')}; vigentes: "
        + ", ".join(f"{a} ${v.diaria} (versión {uma.versiones[a]})" for a, v in sorted(uma.vigentes.items()))
        + _sin_publicar(uma.vigentes),
        "registros": uma.filas,
        # Years whose monthly/annual value as INEGI published it is not recorded: not an alteration, but a
        # charge that needs it (Art. 101 fr. III) is refused until an administrator imports it.
        "sin_publicar": {str(a): v.faltantes for a, v in sorted(uma.vigentes.items()) if v.faltantes},
    }
    resultado["disparadores"] = {
        "estado": "faltan" if revision.faltan else "ok",
        "faltantes": revision.faltan,
        "requeridos": len(requeridos()),
    }
    return revision.problemas


def _sin_publicar(vigentes: dict[int, ValorUma]) -> str:
    faltan = [f"{a} ({' y '.join(v.faltantes)})" for a, v in sorted(vigentes.items()) if v.faltantes]
    return f"; sin UMA mensual/anual publicada registrada: {', '.join(faltan)}" if faltan else ""


def bien(resultado: dict[str, Any]) -> bool:
    return (
        all(c["estado"] == "ok" for c in resultado["catalogo"])
        and resultado["uma"]["estado"] == "ok"
        and resultado["disparadores"]["estado"] == "ok"
    )


def lineas(resultado: dict[str, Any]) -> list[str]:
    """The same three checks in words, for ``verificar`` without ``--json``."""
    salida = [
        f"Catálogo {c['id']}: {'correcto' if c['estado'] == 'ok' else 'ALTERADO'} (huella {c['huella'][:16]}…)"
        for c in resultado["catalogo"]
    ]
    uma = resultado["uma"]
    salida.append(f"UMA: {'correcta' if uma['estado'] == 'ok' else 'ALTERADA'}: {uma['detalle']}")
    d = resultado["disparadores"]
    salida.append(
        f"Disparadores: los {d['requeridos']} presentes"
        if d["estado"] == "ok"
        else f"Disparadores: FALTAN {', '.join(d['faltantes'])}"
    )
    return salida
