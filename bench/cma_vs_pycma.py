#!/usr/bin/env python3
"""Function evaluations CMA-ES needs to reach f <= 1e-8: Homeostat's own CMA-ES against pycma.

Both run IPOP-CMA-ES (each restart from the same start, population doubled) with their
default settings, on sphere, ellipsoid and Rosenbrock in 10-D and Rastrigin in 5-D, from the
same start and step size, over 10 seeds, and count evaluations in whole generations up to
the one that reaches the target. The table compares the medians (target: Homeostat within
1.5x of pycma).

    python3 bench/cma_vs_pycma.py [--homeostat .build/release/homeostat] [--seeds 10]

pycma is installed into a private virtual environment (bench/.venv) on first use; it is not
a dependency of Homeostat.
"""
import argparse
import json
import math
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
VENV = os.path.join(HERE, ".venv")
TARGET = 1e-8
MAX_EVALUATIONS = 1_000_000


def ensure_pycma():
    try:
        import cma  # noqa: F401
        return
    except ImportError:
        pass
    python = os.path.join(VENV, "bin", "python3")
    # A venv's python is a symlink to the system one: compare prefixes, not executables.
    if os.path.realpath(sys.prefix) != os.path.realpath(VENV):
        if not os.path.exists(python):
            subprocess.check_call([sys.executable, "-m", "venv", VENV])
            subprocess.check_call([python, "-m", "pip", "install", "--quiet", "cma", "numpy"])
        os.execv(python, [python] + sys.argv)


# The functions and starts are those of Sources/HomeostatExperiments/Optimize/TestFunctions.swift.
def sphere(x):
    return sum(v * v for v in x)


def ellipsoid(x):
    n = len(x)
    return sum(10 ** (6 * i / (n - 1)) * x[i] ** 2 for i in range(n))


def rosenbrock(x):
    return sum(100 * (x[i] ** 2 - x[i + 1]) ** 2 + (x[i] - 1) ** 2 for i in range(len(x) - 1))


def rastrigin(x):
    return 10 * len(x) + sum(v * v - 10 * math.cos(2 * math.pi * v) for v in x)


FUNCTIONS = {
    "sphere": (sphere, 10, [3.0] * 10, 2.0),
    "ellipsoid": (ellipsoid, 10, [3.0] * 10, 2.0),
    "rosenbrock": (rosenbrock, 10, [0.0] * 10, 0.5),
    "rastrigin": (rastrigin, 5, [3.0] * 5, 2.0),
}


def pycma_evaluations(name, seed):
    import cma
    import numpy as np
    f, n, x0, sigma0 = FUNCTIONS[name]
    evaluations = 0
    restarts = 0
    while evaluations < MAX_EVALUATIONS:
        options = {
            "seed": 1000 * seed + restarts + 1, "verbose": -9, "ftarget": TARGET,
            "popsize": (4 + int(3 * math.log(n))) * 2 ** restarts,
            "maxfevals": MAX_EVALUATIONS - evaluations,
        }
        es = cma.CMAEvolutionStrategy(x0, sigma0, options)
        while not es.stop():
            X = es.ask()
            F = [f(np.asarray(x)) for x in X]
            evaluations += len(X)
            es.tell(X, F)
            if min(F) <= TARGET:
                return evaluations, restarts
        restarts += 1
    return None, restarts


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--homeostat", default=os.path.join(HERE, "..", ".build", "release", "homeostat"))
    parser.add_argument("--seeds", type=int, default=10)
    args = parser.parse_args()
    ensure_pycma()
    import cma

    swift = json.loads(subprocess.check_output(
        [args.homeostat, "optimize", "--test-functions", "--seeds", str(args.seeds)]))
    print(f"pycma {cma.__version__}; {args.seeds} seeds; evaluations to f <= {TARGET:g} (IPOP restarts)\n")
    print("| function | n | pycma median | Homeostat median | ratio | pycma restarts (median) | Homeostat restarts (median) | Homeostat reached |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    worst = 0.0
    for name in FUNCTIONS:
        runs = [pycma_evaluations(name, s) for s in range(args.seeds)]
        py = [e for e, _ in runs if e is not None]
        ours = [r for r in swift if r["function"] == name]
        ours_e = [r["evaluations"] for r in ours if r["reached"]]
        py_median = statistics.median(py)
        our_median = statistics.median(ours_e) if ours_e else float("inf")
        ratio = our_median / py_median
        worst = max(worst, ratio)
        print(f"| {name} | {FUNCTIONS[name][1]} | {py_median:g} | {our_median:g} | {ratio:.2f} | "
              f"{statistics.median(r for _, r in runs):g} | {statistics.median(r['restarts'] for r in ours):g} | "
              f"{len(ours_e)}/{len(ours)} |")
    print(f"\nworst ratio {worst:.2f} (target <= 1.5)")
    return 0 if worst <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())
