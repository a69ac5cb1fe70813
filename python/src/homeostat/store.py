"""Reading a Homeostat results store (SQLite; schema in docs/store.md) into pandas."""

from __future__ import annotations

import os
import sqlite3
import struct
from dataclasses import dataclass

import pandas as pd

_SEED_WRAP = 1 << 64


def _frame(con: sqlite3.Connection, sql: str, params: tuple = ()) -> pd.DataFrame:
    cur = con.execute(sql, params)
    columns = [d[0] for d in cur.description]
    return pd.DataFrame.from_records(cur.fetchall(), columns=columns)


def _as_float(column: pd.Series) -> pd.Series:
    # Values are untyped in the store; NULL means NaN.
    return pd.to_numeric(column.astype(object).where(column.notna(), float("nan")), errors="coerce").astype("float64")


def store_file(path: str | os.PathLike[str]) -> str:
    """A store path, or an output folder holding `homeostat.sqlite`."""
    p = os.fspath(path)
    if os.path.isdir(p):
        p = os.path.join(p, "homeostat.sqlite")
    if not os.path.isfile(p):
        raise FileNotFoundError(f"{p}: no results store here")
    return p


@dataclass
class Store:
    """A results store's tables as DataFrames.

    - ``experiments``: one row per experiment (``id``, ``scenario_name``, ``kind``,
      ``shard_index``, ``shard_count``, ``version``, ``command``, ``created_at``,
      ``scenario_hash``, ``scenario_text``);
    - ``points``: one row per parameter point (``experiment_id``, ``point``, then one column
      per parameter, in the sweep's order); ``parameters`` the same in long form;
    - ``runs``: one row per run (``experiment_id``, ``point``, ``run``, ``seed`` as an
      unsigned 64-bit integer, ``status``, ``error``, ``seconds``, ``finished_at``,
      ``series_rows``);
    - ``metrics``: long form, one row per stored value (``experiment_id``, ``point``,
      ``run``, ``position``, ``name``, ``value``; NaN where the store holds NULL).
    """
    path: str
    experiments: pd.DataFrame
    points: pd.DataFrame
    parameters: pd.DataFrame
    runs: pd.DataFrame
    metrics: pd.DataFrame

    def experiment(self, experiment: int | None = None, kind: str | None = None) -> int:
        """An experiment id: ``experiment`` if given (checked), else the newest one (of
        ``kind`` if given)."""
        e = self.experiments
        if kind is not None:
            e = e[e["kind"] == kind]
        if experiment is not None:
            if experiment not in set(e["id"]):
                raise KeyError(f"{self.path}: no experiment {experiment}" + (f" of kind {kind}" if kind else ""))
            return int(experiment)
        if e.empty:
            raise KeyError(f"{self.path}: no experiment" + (f" of kind {kind}" if kind else ""))
        return int(e["id"].max())

    def finals(self, experiment: int | None = None, summaries: bool = False, completed_only: bool = False) -> pd.DataFrame:
        """One row per run of an experiment (default: the newest): ``point``, ``run``,
        ``seed``, ``status``, the point's parameters, then each metric's final value in the
        stored order (with ``summaries``, also the ``NAME.mean``/``.min``/``.max`` columns)."""
        eid = self.experiment(experiment)
        runs = self.runs[self.runs["experiment_id"] == eid][["point", "run", "seed", "status"]]
        m = self.metrics[self.metrics["experiment_id"] == eid]
        if not summaries:
            m = m[~m["name"].str.contains(".", regex=False)]
        order = m.sort_values(["position"]).drop_duplicates("name")["name"].tolist()
        wide = m.pivot_table(index=["point", "run"], columns="name", values="value", aggfunc="first", dropna=False)
        wide = wide.reindex(columns=order)
        wide.columns.name = None
        points = self.points[self.points["experiment_id"] == eid].drop(columns=["experiment_id"])
        out = runs.merge(points, on="point", how="left").merge(wide.reset_index(), on=["point", "run"], how="left")
        if completed_only:
            out = out[out["status"] == "completed"]
        return out.sort_values(["point", "run"]).reset_index(drop=True)

    def series(self, experiment: int | None = None) -> pd.DataFrame:
        """Every stored per-step series of an experiment (default: the newest), decoded:
        one row per (point, run, step), one column per metric. Empty when the experiment
        stored none (sweeps store series only with `--series`)."""
        eid = self.experiment(experiment)
        con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        try:
            frames = []
            rows = con.execute(
                "SELECT point, run, series_rows, series_steps FROM runs WHERE experiment_id = ? AND series_rows IS NOT NULL "
                "ORDER BY point, run", (eid,)).fetchall()
            for point, run, n, steps_blob in rows:
                cols = {"point": [point] * n, "run": [run] * n, "step": decode_steps(steps_blob, n)}
                for name, encoding, data in con.execute(
                        "SELECT name, encoding, data FROM series WHERE experiment_id = ? AND point = ? AND run = ? "
                        "ORDER BY position", (eid, point, run)):
                    if encoding != "xor1":
                        raise ValueError(f"{self.path}: unknown series encoding {encoding!r}")
                    cols[name] = decode_values(data, n)
                frames.append(pd.DataFrame(cols))
        finally:
            con.close()
        if not frames:
            return pd.DataFrame(columns=["point", "run", "step"])
        return pd.concat(frames, ignore_index=True)


def load(store_path: str | os.PathLike[str]) -> Store:
    """Reads a results store (or an output folder's `homeostat.sqlite`) with Python's
    sqlite3 module, read-only."""
    path = store_file(store_path)
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        experiments = _frame(con, "SELECT id, scenario_name, kind, shard_index, shard_count, version, command, created_at, "
                                  "scenario_hash, scenario_text FROM experiments ORDER BY id")
        parameters = _frame(con, "SELECT experiment_id, point, position, name, value FROM parameters "
                                 "ORDER BY experiment_id, point, position")
        point_rows = _frame(con, "SELECT experiment_id, point FROM points ORDER BY experiment_id, point")
        runs = _frame(con, "SELECT experiment_id, point, run, seed, status, error, seconds, finished_at, series_rows "
                           "FROM runs ORDER BY experiment_id, point, run")
        metrics = _frame(con, "SELECT experiment_id, point, run, position, name, value FROM metrics "
                              "ORDER BY experiment_id, point, run, position")
    finally:
        con.close()
    parameters["value"] = _as_float(parameters["value"])
    metrics["value"] = _as_float(metrics["value"])
    runs["seed"] = runs["seed"].map(lambda s: int(s) % _SEED_WRAP).astype("uint64")
    if parameters.empty:
        points = point_rows
    else:
        order = parameters.sort_values("position").drop_duplicates("name")["name"].tolist()
        wide = parameters.pivot_table(index=["experiment_id", "point"], columns="name", values="value",
                                      aggfunc="first", dropna=False).reindex(columns=order)
        wide.columns.name = None
        points = point_rows.merge(wide.reset_index(), on=["experiment_id", "point"], how="left")
    return Store(path, experiments, points, parameters, runs, metrics)


def decode_steps(blob: bytes, n: int) -> list[int]:
    """`series_steps`: zig-zag LEB128 varints of step deltas (docs/store.md)."""
    out, prev, i = [], 0, 0
    for _ in range(n):
        z = shift = 0
        while True:
            b = blob[i]
            i += 1
            z |= (b & 0x7F) << shift
            shift += 7
            if b < 0x80:
                break
        prev += (z >> 1) ^ -(z & 1)
        out.append(prev)
    return out


def decode_values(blob: bytes, n: int) -> list[float]:
    """A series' `xor1` data (Gorilla XOR encoding, docs/store.md)."""
    if n == 0:
        return []
    bits = int.from_bytes(blob, "big")
    total = len(blob) * 8
    pos = 0

    def read(k: int) -> int:
        nonlocal pos
        pos += k
        return (bits >> (total - pos)) & ((1 << k) - 1)

    prev = read(64)
    out = [prev]
    lead = trail = 0
    while len(out) < n:
        if read(1):
            if read(1):
                lead = read(6)
                length = read(6) + 1
                trail = 64 - lead - length
            prev ^= read(64 - lead - trail) << trail
        out.append(prev)
    return [struct.unpack("<d", struct.pack("<Q", v))[0] for v in out]
