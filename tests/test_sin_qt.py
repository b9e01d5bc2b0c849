"""Nothing outside jerez_pos/gui imports PySide6: checked in a fresh interpreter, module by module."""

import pkgutil
import subprocess
import sys

import jerez_pos


def test_modulos_no_gui_no_importan_pyside6():
    modulos = [
        m.name
        for m in pkgutil.walk_packages(jerez_pos.__path__, "jerez_pos.")
        if not m.name.startswith("jerez_pos.gui") and m.name != "jerez_pos.__main__"
    ]
    assert "jerez_pos.core.motor" in modulos and "jerez_pos.ledger.terminal" in modulos
    codigo = (
        "import importlib, sys\n"
        f"for nombre in {modulos!r}:\n"
        "    importlib.import_module(nombre)\n"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))\n"
    )
    r = subprocess.run([sys.executable, "-c", codigo], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "[]"
