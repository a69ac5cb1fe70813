"""Homeostat from Python: run, sweep and compare token-economy scenarios with the
`homeostat` binary and get pandas DataFrames back; read any results store with `load`;
run sweeps on a Ray cluster with `homeostat.ray.sweep` (install `homeostat[ray]`).

The binary is `$HOMEOSTAT_BIN` if set, else `homeostat` on PATH.
"""

from ._cli import HomeostatError, ScenarioError, find_binary
from .api import CompareResult, RunResult, SweepResult, compare, run, sweep, validate
from .store import Store, load

__all__ = [
    "HomeostatError", "ScenarioError", "find_binary", "run", "sweep", "compare", "validate", "load",
    "RunResult", "SweepResult", "CompareResult", "Store", "ray",
]
__version__ = "0.1.0"


def __getattr__(name):
    # `homeostat.ray` needs the optional `ray` package: import it on first use only.
    if name == "ray":
        import importlib
        return importlib.import_module(".ray", __name__)
    raise AttributeError(f"module 'homeostat' has no attribute {name!r}")
