"""Network helpers the tests share: a free port on the loopback for a real server."""

from __future__ import annotations

import socket


def puerto_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
