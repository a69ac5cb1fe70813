"""Ray scaling on this machine: a 64-point sweep on 1 vs 2 Ray workers, and Ray's cost per shard.

    HOMEOSTAT_BIN=.build/release/homeostat .venv/bin/python python/benchmarks/ray_scaling.py \
        [--scenario examples/ve-economy.yaml] [--points 64] [--runs 2] [--shards 4] [--repeats 3]

Starts its own Ray heads on 127.0.0.1 (1 CPU, then 2 CPUs), alternating, and prints one
JSON line per measurement, then medians. Per-shard overhead is measured on shards that do
almost nothing (1 point × 1 run of the tiny test scenario): the time from submitting a
task to its store arriving at the driver, minus the binary's own wall time.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))
os.environ["RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"] = "0"  # bind Ray to 127.0.0.1 only
os.environ["RAY_AUTH_MODE"] = "disabled"  # heads and driver agree, whatever ~/.ray holds (tests/conftest.py)

from conftest import RayHead  # noqa: E402

import homeostat  # noqa: E402
import homeostat.ray  # noqa: E402


def load() -> str:
    return " ".join(open("/proc/loadavg").read().split()[:3])


def ray_sweep(head, scenario, points, runs, shards, out):
    reports = []
    t = time.monotonic()
    r = homeostat.ray.sweep(scenario, points=points, runs=runs, shards=shards, address=head.address, out=out,
                            progress=False, log=reports.append)
    return time.monotonic() - t, r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--scenario", default="examples/ve-economy.yaml")
    ap.add_argument("--points", type=int, default=64)
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--shards", type=int, default=4)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--overhead-repeats", type=int, default=5)
    ap.add_argument("--skip-single", action="store_true", help="skip the plain `homeostat sweep` references")
    a = ap.parse_args()
    binary = homeostat.find_binary()
    scratch = tempfile.mkdtemp(prefix="homeostat-ray-bench-")
    walls = {1: [], 2: [], "threads1": [], "threads2": []}
    ratio_inputs = []
    heads = {}
    try:
        for cpus in (1, 2):
            heads[cpus] = RayHead(cpus=cpus)
        for rep in range(a.repeats):
            for cpus in (1, 2):
                out = os.path.join(scratch, f"ray{cpus}-{rep}")
                before = load()
                wall, r = ray_sweep(heads[cpus], a.scenario, a.points, a.runs, a.shards, out)
                binary_total = sum(s.binary_seconds for s in r.shards.values())
                walls[cpus].append(wall)
                print(json.dumps({"what": f"ray_{cpus}_workers", "rep": rep, "wall_s": round(wall, 2),
                                  "binary_s_sum": round(binary_total, 2), "shards": a.shards,
                                  "load_before": before, "load_after": load()}), flush=True)
            for threads in (() if a.skip_single else (1, 2)):
                out = os.path.join(scratch, f"single{threads}-{rep}")
                before = load()
                t = time.monotonic()
                subprocess.run([binary, "sweep", a.scenario, "--points", str(a.points), "--runs", str(a.runs),
                                "--threads", str(threads), "--out", out, "--quiet"], check=True)
                wall = time.monotonic() - t
                walls[f"threads{threads}"].append(wall)
                print(json.dumps({"what": f"homeostat_sweep_threads_{threads}", "rep": rep, "wall_s": round(wall, 2),
                                  "load_before": before, "load_after": load()}), flush=True)
                ref = Path(out) / "sweep.csv"
                assert ref.read_bytes() == (Path(scratch) / f"ray2-{rep}" / "sweep.csv").read_bytes()
            # 1 and 2 workers wrote the same bytes.
            assert (Path(scratch) / f"ray1-{rep}" / "sweep.csv").read_bytes() == \
                (Path(scratch) / f"ray2-{rep}" / "sweep.csv").read_bytes()

        # Per-shard overhead: near-empty shards, as many as workers, so none waits.
        tiny = HERE.parent / "tests" / "data" / "tiny-sweep.yaml"
        overheads, fixed = [], []
        for rep in range(a.overhead_repeats):
            out = os.path.join(scratch, f"overhead-{rep}")
            wall, r = ray_sweep(heads[2], str(tiny), 2, 1, 2, out)
            per = [s.seconds - s.binary_seconds for s in r.shards.values()]
            overheads += per
            fixed.append(wall - max(s.seconds for s in r.shards.values()))
            print(json.dumps({"what": "overhead", "rep": rep, "wall_s": round(wall, 2),
                              "per_shard_overhead_s": [round(x, 3) for x in per],
                              "binary_s": [round(s.binary_seconds, 3) for s in r.shards.values()],
                              "driver_fixed_s": round(fixed[-1], 2), "load": load()}), flush=True)
        # Many near-empty shards on 2 workers: the cost per shard once workers are warm,
        # (time to the last arrival × workers − Σ binary time) / shards.
        warm = []
        for rep in range(a.overhead_repeats):
            out = os.path.join(scratch, f"warm-{rep}")
            wall, r = ray_sweep(heads[2], str(tiny), 8, 1, 8, out)
            phase = max(s.seconds for s in r.shards.values())
            binary_sum = sum(s.binary_seconds for s in r.shards.values())
            warm.append((phase * 2 - binary_sum) / 8)
            print(json.dumps({"what": "overhead_8_shards_2_workers", "rep": rep, "wall_s": round(wall, 2),
                              "phase_s": round(phase, 2), "binary_s_sum": round(binary_sum, 2),
                              "per_shard_s": round(warm[-1], 3), "load": load()}), flush=True)
    finally:
        for h in heads.values():
            h.stop()
    med = {k: statistics.median(v) for k, v in walls.items() if v}
    print(json.dumps({"median_wall_s": {str(k): round(v, 2) for k, v in med.items()},
                      "ray_ratio_1_over_2_workers": round(med[1] / med[2], 3),
                      "single_machine_ratio_threads_1_over_2":
                          round(med["threads1"] / med["threads2"], 3) if "threads1" in med else None,
                      "per_shard_overhead_s_median": round(statistics.median(overheads), 3),
                      "driver_fixed_s_median": round(statistics.median(fixed), 2),
                      "per_shard_s_8_shards_2_workers_median": round(statistics.median(warm), 3)}), flush=True)


if __name__ == "__main__":
    main()
