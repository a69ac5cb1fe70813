"""`homeostat-ray sweep FILE --shards N [--address …] [--resume]`: a sweep on a Ray cluster."""

from __future__ import annotations

import argparse
import os
import sys

from . import _cli


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="homeostat-ray", description="Run Homeostat sweeps on a Ray cluster.")
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser(
        "sweep", help="a sweep split into shards, one Ray task each",
        description="Runs `homeostat sweep FILE --shard i/N` for i = 1…N as Ray tasks, keeps each shard's store in "
                    "OUT/shards/, merges them into OUT/homeostat.sqlite and writes OUT/sweep.csv and OUT/report.html "
                    "exactly as `homeostat sweep FILE` on one machine would.")
    s.add_argument("file", help="the scenario file, with a `sweep:` section")
    s.add_argument("--shards", type=int, required=True, help="number of shards (Ray tasks)")
    s.add_argument("--address", help="the Ray cluster: auto, HOST:PORT or ray://HOST:10001 "
                                     "(default: $RAY_ADDRESS, else Ray started on this machine)")
    s.add_argument("--resume", action="store_true", help="keep the shard stores in OUT/shards and run only the others")
    s.add_argument("--out", help="output folder (default: out/<scenario name>-sweep, as `homeostat sweep`)")
    s.add_argument("--design", help="grid, random or lhs (default: the file's)")
    s.add_argument("--points", type=int, help="points of a random or lhs design (default: the file's)")
    s.add_argument("--runs", type=int, help="Monte Carlo runs per point (default: the scenario's)")
    s.add_argument("--threads-per-shard", type=int, default=1, help="CPUs per task and the binary's --threads (default 1)")
    s.add_argument("--max-retries", type=int, default=3, help="Ray retries of a task lost with its worker (default 3)")
    s.add_argument("--worker-binary", help="the homeostat binary's path on the workers (default: their HOMEOSTAT_BIN or PATH)")
    s.add_argument("--quiet", action="store_true", help="no progress bar or shard lines")
    args = parser.parse_args(argv)

    from .ray import sweep  # needs the `ray` package
    from . import _scenario

    out = args.out
    if out is None:
        name = "scenario"
        try:
            with open(args.file, encoding="utf-8") as f:
                data = _scenario.parse_text(f.read())
            if isinstance(data, dict) and data.get("name"):
                name = str(data["name"])
        except Exception:
            pass
        out = os.path.join("out", f"{name}-sweep")
    try:
        result = sweep(args.file, points=args.points, runs=args.runs, shards=args.shards, address=args.address, out=out,
                       design=args.design, resume=args.resume, threads_per_shard=args.threads_per_shard,
                       max_retries=args.max_retries, worker_binary=args.worker_binary, progress=not args.quiet,
                       log=(lambda m: None) if args.quiet else None)
    except _cli.ScenarioError as e:
        print(str(e), file=sys.stderr)
        return _cli.EXIT_BAD_INPUT
    except _cli.HomeostatError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    if not args.quiet:
        print(f"wrote {result.out}/sweep.csv, {result.report_path} and {result.store_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
