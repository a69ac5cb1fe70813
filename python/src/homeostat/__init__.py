"""Homeostat from Python: run, sweep and compare token-economy scenarios with the
`homeostat` binary and get pandas DataFrames back; read any results store with `load`;
run sweeps on a Ray cluster with `homeostat.ray.sweep` (install `homeostat[ray]`).

The binary is `$HOMEOSTAT_BIN` if set, else `homeostat` on PATH.
"""

from ._cli import HomeostatError, ScenarioError, find_binary

__all__ = [
    "HomeostatError", "ScenarioError", "find_binary", "read_scenario", "run", "sweep", "compare", "validate", "load",
    "RunResult", "SweepResult", "CompareResult", "Store", "ray",
]
__version__ = "0.1.0"

# pandas is imported on first use, so that a Ray worker running a shard (homeostat.ray)
# starts without it.
_LAZY = {
    "run": "api", "sweep": "api", "compare": "api", "validate": "api",
    "RunResult": "api", "SweepResult": "api", "CompareResult": "api",
    "load": "store", "Store": "store", "read_scenario": "_scenario",
}


def __getattr__(name):
    import importlib
    if name == "ray":  # needs the optional `ray` package
        return importlib.import_module(".ray", __name__)
    if name in _LAZY:
        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'homeostat' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(__all__))
