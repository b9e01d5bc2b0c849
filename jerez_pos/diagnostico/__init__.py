"""Support tools for a terminal PC: ``--selftest`` (can this build run here?) and ``diagnostico`` (is this PC
healthy?), plus the list of data files a frozen build must carry (``datos``).

No Qt at import time: the window check of the selftest imports PySide6 inside its own function.
"""
