"""Entry point of the frozen ``jerez-pos-caja`` program: the desktop app, without a console window.

Same fast start as ``python -m jerez_pos.gui``: the window shows before the ledger is opened. A windowed
Windows program has no console, so Python's ``sys.stdout``/``sys.stderr`` are None: point them at the null
device so nothing that prints can fail.
"""

import os
import sys

if sys.stdout is None or sys.stderr is None:
    nulo = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process
    sys.stdout = sys.stdout or nulo
    sys.stderr = sys.stderr or nulo

from jerez_pos.gui.app import ejecutar

raise SystemExit(ejecutar())
