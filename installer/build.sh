#!/usr/bin/env bash
# Builds the cashier's program as a pyinstaller ONEDIR folder: DIST/jerez-pos/ with DIST/jerez-pos/jerez-pos.
#
#   installer/build.sh [--dist DIR] [--work DIR]      (defaults: dist/ and build/pyinstaller/ in the repo)
#
# Python: $PYTHON if set, else the repository's .venv, else python3; it must have jerez-pos installed
# (pip install -e .). PyInstaller is installed at the version pinned in setup.cfg ([empaque]) when missing.
# Used by CI (tests/installer/test_congelado.py) and by developers on Linux; Windows uses build.ps1.
set -euo pipefail
RAIZ="$(cd "$(dirname "$0")/.." && pwd)"
DIST="$RAIZ/dist"
WORK="$RAIZ/build/pyinstaller"
while [ $# -gt 0 ]; do
    case "$1" in
        --dist) DIST="$2"; shift 2 ;;
        --work) WORK="$2"; shift 2 ;;
        -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
        *) echo "build.sh: opción desconocida: $1 (use --dist DIR o --work DIR)" >&2; exit 2 ;;
    esac
done
if [ -n "${PYTHON:-}" ]; then PY="$PYTHON"
elif [ -x "$RAIZ/.venv/bin/python" ]; then PY="$RAIZ/.venv/bin/python"
else PY="python3"; fi

# The [empaque] pins of setup.cfg, one per line.
mapfile -t EMPAQUE < <("$PY" - "$RAIZ/setup.cfg" <<'PYEOF'
import configparser, sys
cfg = configparser.ConfigParser()
cfg.read(sys.argv[1], encoding="utf-8")
print("\n".join(r.strip() for r in cfg["options.extras_require"]["empaque"].splitlines() if r.strip()))
PYEOF
)
if ! "$PY" - "${EMPAQUE[@]}" <<'PYEOF'
import sys
from importlib.metadata import PackageNotFoundError, version
for pin in sys.argv[1:]:
    nombre, _, esperada = pin.partition("==")
    try:
        if version(nombre) != esperada:
            raise SystemExit(1)
    except PackageNotFoundError:
        raise SystemExit(1)
PYEOF
then
    echo "build.sh: instalando ${EMPAQUE[*]}" >&2
    "$PY" -m pip install --quiet --disable-pip-version-check "${EMPAQUE[@]}"
fi

inicio=$(date +%s)
"$PY" -m PyInstaller --noconfirm --log-level WARN --distpath "$DIST" --workpath "$WORK" \
    "$RAIZ/installer/jerez_pos.spec"
fin=$(date +%s)
echo "build.sh: $DIST/jerez-pos/jerez-pos listo en $((fin - inicio)) s; tamaño $(du -sh "$DIST/jerez-pos" | cut -f1)"
