"""Figures the benchmarks read from a running app (no Qt needed)."""

from __future__ import annotations

import resource
from pathlib import Path


def memoria_residente_mb() -> float:
    """Resident set size now (Linux /proc), falling back to the peak the OS reports elsewhere."""
    try:
        for linea in Path("/proc/self/status").read_text().splitlines():
            if linea.startswith("VmRSS:"):
                return int(linea.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
