"""`run`, `sweep` and `compare`: the CLI's commands, with results as DataFrames."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from typing import Any, Mapping

import pandas as pd

from . import _cli, _scenario
from .store import Store, load



def _read_csv(path: str) -> pd.DataFrame:
    # Empty cells are NaN, `inf`/`-inf` infinities, as the CLI writes them.
    return pd.read_csv(path, keep_default_na=False, na_values=[""])


def _folder(out: str | os.PathLike[str] | None, prefix: str) -> str:
    if out is None:
        return tempfile.mkdtemp(prefix=f"homeostat-{prefix}-")
    folder = os.fspath(out)
    os.makedirs(folder, exist_ok=True)
    return folder


def _prepare_into(folder: str, made: bool, *scenarios: tuple) -> list:
    """Writes each (scenario, overrides[, file name]) into ``folder`` for the CLI; a
    temporary folder made for the call is removed again when one cannot be written."""
    try:
        return [_scenario.prepare(scenario, overrides, folder, *name) for scenario, overrides, *name in scenarios]
    except BaseException:
        if made:
            shutil.rmtree(folder, ignore_errors=True)
        raise


def _call_into(folder: str, made: bool, args: list[str], binary: str | None) -> _cli.Completed:
    """Runs the CLI. A temporary folder made for a call that fails is removed again —
    unless it holds the scenario file written for the call, which the error locates."""
    try:
        return _cli.call(args, binary=binary)
    except BaseException:
        if made and not os.path.exists(os.path.join(folder, "scenario.json")) \
                and not os.path.exists(os.path.join(folder, "a.json")) and not os.path.exists(os.path.join(folder, "b.json")):
            shutil.rmtree(folder, ignore_errors=True)
        raise


@dataclass
class RunResult:
    """What `homeostat run` wrote to ``out``: ``timeseries`` (timeseries.csv: run, step, one
    column per metric), ``finals`` (one row per run: point, run, seed, status, each
    metric's final value, from the results store), ``summary`` (summary.json as a dict),
    ``report_path``, ``store_path`` and the ``scenario`` file run."""
    out: str
    scenario: str
    timeseries: pd.DataFrame
    finals: pd.DataFrame
    summary: dict
    report_path: str
    store_path: str
    stdout: str = ""

    def store(self) -> Store:
        return load(self.store_path)


@dataclass
class SweepResult:
    """What `homeostat sweep` wrote to ``out``: ``table`` (sweep.csv: one row per point, the
    parameters, then per metric its mean and 95% half-width), ``finals`` (one row per run:
    point, run, seed, status, the point's parameters, each metric's final value),
    ``timeseries`` (with ``series=True``: point, run, step, one column per metric; else
    None), ``report_path``, ``store_path`` and the ``scenario`` file swept."""
    out: str
    scenario: str
    table: pd.DataFrame
    finals: pd.DataFrame
    timeseries: pd.DataFrame | None
    report_path: str
    store_path: str
    stdout: str = ""
    shards: dict = field(default_factory=dict)

    def store(self) -> Store:
        return load(self.store_path)


@dataclass
class CompareResult:
    """What `homeostat compare` wrote to ``out``: ``table`` (compare.csv: per metric the
    mean paired difference B − A and its interval), ``summary`` (compare.json as a dict),
    ``report_path``."""
    out: str
    table: pd.DataFrame
    summary: dict
    report_path: str
    stdout: str = ""


def _common(args: list[str], threads: int | None, check: bool) -> list[str]:
    if threads is not None:
        args += ["--threads", str(int(threads))]
    if check:
        args.append("--check")
    return args


def run(scenario, runs: int | None = None, seed: int | None = None, overrides: Mapping[str, Any] | None = None,
        out: str | os.PathLike[str] | None = None, threads: int | None = None, check: bool = False,
        binary: str | None = None) -> RunResult:
    """`homeostat run`: the scenario's Monte Carlo ensemble.

    ``scenario`` is a file path or a dict (the scenario format, docs/scenario.md);
    ``overrides`` maps dotted paths (as in `sweep:` parameters, e.g. ``market.volatility`` or
    ``populations.traders.sell_propensity``) to values. ``out`` defaults to a new temporary
    folder. A bad scenario raises ScenarioError with its file, line and column."""
    folder = _folder(out, "run")
    (prepared,) = _prepare_into(folder, out is None, (scenario, overrides))
    args = ["run", prepared.path, "--out", folder, "--quiet"]
    if runs is not None:
        args += ["--runs", str(int(runs))]
    if seed is not None:
        args += ["--seed", str(int(seed))]
    done = _call_into(folder, out is None, _common(args, threads, check), binary)
    return _run_result(folder, prepared, done.stdout)


def _run_result(folder: str, prepared: _scenario.PreparedScenario, stdout: str) -> RunResult:
    store_path = os.path.join(folder, "homeostat.sqlite")
    stored = load(store_path)
    # The experiment this call wrote: the store keys it by the scenario and settings, so a
    # re-run into the same folder reuses it; pick it by hash.
    with open(os.path.join(folder, "summary.json"), encoding="utf-8") as f:
        summary = json.load(f)
    eid = _experiment_for(stored, "run", prepared.text, summary)
    return RunResult(
        out=folder, scenario=prepared.path, timeseries=_read_csv(os.path.join(folder, "timeseries.csv")),
        finals=stored.finals(eid), summary=summary, report_path=os.path.join(folder, "report.html"),
        store_path=store_path, stdout=stdout)


def fnv1a64(text: str) -> str:
    """The store's scenario hash (StableHash.fnv1a64): FNV-1a over UTF-8, 16 hex digits."""
    h = 0xCBF29CE484222325
    for b in text.encode("utf-8"):
        h ^= b
        h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{h:016x}"


def _experiment_for(stored: Store, kind: str, text: str, summary: dict | None = None, settings: str | None = None) -> int:
    e = stored.experiments[stored.experiments["kind"] == kind]
    if settings is None and summary is not None:
        meta = summary.get("metadata", summary)
        runs, seed = meta.get("runs"), meta.get("seed")
        if runs is not None and seed is not None:
            settings = f"\nruns={runs} seed={seed}"
    if settings is not None:
        match = e[e["scenario_hash"] == fnv1a64(text + settings)]
        if not match.empty:
            return int(match["id"].iloc[-1])
    return stored.experiment(kind=kind)


def sweep(scenario, points: int | None = None, runs: int | None = None, design: str | None = None,
          overrides: Mapping[str, Any] | None = None, out: str | os.PathLike[str] | None = None,
          threads: int | None = None, resume: bool = False, series: bool = False, shard: str | None = None,
          check: bool = False, binary: str | None = None) -> SweepResult:
    """`homeostat sweep`: every point of the scenario's `sweep:` section × every run.

    ``design`` is grid, random or lhs (default: the file's); ``series=True`` also stores
    every run's series and returns them as ``timeseries``; ``resume`` continues an
    interrupted sweep in ``out``; ``shard="i/N"`` runs one slice."""
    folder = _folder(out, "sweep")
    (prepared,) = _prepare_into(folder, out is None, (scenario, overrides))
    args = ["sweep", prepared.path, "--out", folder, "--quiet"]
    args += sweep_options(design, points, runs)
    if resume:
        args.append("--resume")
    if series:
        args.append("--series")
    if shard is not None:
        args += ["--shard", shard]
    done = _call_into(folder, out is None, _common(args, threads, check), binary)
    return sweep_result(folder, prepared, design, points, runs, done.stdout)


def sweep_options(design: str | None, points: int | None, runs: int | None) -> list[str]:
    args: list[str] = []
    if design is not None:
        args += ["--design", str(design)]
    if points is not None:
        args += ["--points", str(int(points))]
    if runs is not None:
        args += ["--runs", str(int(runs))]
    return args


def sweep_settings(prepared: _scenario.PreparedScenario, design: str | None, points: int | None,
                   runs: int | None) -> str | None:
    """The settings suffix of a sweep's store key (`design=… points=… runs=…`), or None
    when the scenario's defaults cannot be read here."""
    data = prepared.data if isinstance(prepared.data, Mapping) else {}
    space = data.get("sweep") if isinstance(data.get("sweep"), Mapping) else {}
    d = design or space.get("design", "lhs")
    p = points if points is not None else space.get("points", 16)
    r = runs if runs is not None else data.get("runs", 16)
    try:
        return f"\ndesign={d} points={int(p)} runs={int(r)}"
    except (TypeError, ValueError):
        return None


def sweep_result(folder: str, prepared: _scenario.PreparedScenario, design, points, runs, stdout: str = "",
                 shards: dict | None = None) -> SweepResult:
    store_path = os.path.join(folder, "homeostat.sqlite")
    stored = load(store_path)
    eid = _experiment_for(stored, "sweep", prepared.text, settings=sweep_settings(prepared, design, points, runs))
    timeseries = stored.series(eid)
    return SweepResult(
        out=folder, scenario=prepared.path, table=_read_csv(os.path.join(folder, "sweep.csv")),
        finals=stored.finals(eid), timeseries=None if timeseries.empty else timeseries,
        report_path=os.path.join(folder, "report.html"), store_path=store_path, stdout=stdout, shards=shards or {})


def compare(a, b, runs: int | None = None, seed: int | None = None, overrides_a: Mapping[str, Any] | None = None,
            overrides_b: Mapping[str, Any] | None = None, out: str | os.PathLike[str] | None = None,
            threads: int | None = None, check: bool = False, binary: str | None = None) -> CompareResult:
    """`homeostat compare A B`: two designs on the same random futures (paired
    differences B − A). ``a`` and ``b`` are paths or dicts, each with its own overrides."""
    folder = _folder(out, "compare")
    pa, pb = _prepare_into(folder, out is None, (a, overrides_a, "a.json"), (b, overrides_b, "b.json"))
    args = ["compare", pa.path, pb.path, "--out", folder, "--quiet"]
    if runs is not None:
        args += ["--runs", str(int(runs))]
    if seed is not None:
        args += ["--seed", str(int(seed))]
    done = _call_into(folder, out is None, _common(args, threads, check), binary)
    with open(os.path.join(folder, "compare.json"), encoding="utf-8") as f:
        summary = json.load(f)
    return CompareResult(out=folder, table=_read_csv(os.path.join(folder, "compare.csv")), summary=summary,
                         report_path=os.path.join(folder, "report.html"), stdout=done.stdout)


def validate(scenario, overrides: Mapping[str, Any] | None = None, binary: str | None = None) -> str:
    """`homeostat validate`: returns the CLI's `FILE: ok (…)` line, or raises ScenarioError."""
    with tempfile.TemporaryDirectory(prefix="homeostat-validate-") as folder:
        prepared = _scenario.prepare(scenario, overrides, folder)
        return _cli.call(["validate", prepared.path], binary=binary).stdout.strip()
