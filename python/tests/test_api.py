"""The Python API against the CLI's own outputs."""

from __future__ import annotations

import io
import json
import math
import os

import numpy as np
import pandas as pd
import pytest

import homeostat
from homeostat import _scenario
from conftest import DATA


def read_csv_text(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), keep_default_na=False, na_values=[""])


def assert_same_values(a: pd.Series, b: pd.Series, what: str) -> None:
    """Exactly equal floats (NaN equal to NaN)."""
    x = np.asarray(a, dtype=float)
    y = np.asarray(b, dtype=float)
    assert x.shape == y.shape, what
    same = (x == y) | (np.isnan(x) & np.isnan(y))
    assert same.all(), f"{what}: {x[~same][:5]} != {y[~same][:5]}"


def test_run_dataframes_equal_the_cli_outputs(tiny, tmp_path, cli):
    r = homeostat.run(tiny, runs=3, seed=11, out=tmp_path / "run")
    assert os.path.isfile(r.report_path) and r.report_path.endswith("report.html")
    assert r.summary["runs"] == 3 and r.summary["seed"] == 11

    # timeseries is timeseries.csv; the store's decoded series hold the same numbers.
    csv = pd.read_csv(tmp_path / "run" / "timeseries.csv")
    pd.testing.assert_frame_equal(r.timeseries, csv)
    assert list(r.timeseries["run"].unique()) == [1, 2, 3]
    series = r.store().series()
    assert len(series) == len(csv)
    for column in csv.columns:
        assert_same_values(series[column], csv[column], f"series {column}")

    # finals: one row per run, equal to `homeostat export`'s columns and to the last row
    # of each run's time series.
    export = read_csv_text(cli("export", r.store_path, "--format", "csv").stdout)
    assert len(r.finals) == 3 == len(export)
    metrics = [c for c in csv.columns if c not in ("run", "step")]
    assert [c for c in r.finals.columns if c not in ("point", "run", "seed", "status")] == metrics
    for m in metrics:
        assert_same_values(r.finals[m], export[m], f"finals {m} vs export")
        assert_same_values(r.finals[m], csv.groupby("run")[m].last(), f"finals {m} vs last series row")
    assert (r.finals["seed"] == 11).all() and (r.finals["status"] == "completed").all()


def test_sweep_dataframes_equal_the_cli_outputs(tiny, tmp_path, cli):
    s = homeostat.sweep(tiny, runs=2, out=tmp_path / "sweep")
    table = pd.read_csv(tmp_path / "sweep" / "sweep.csv")
    pd.testing.assert_frame_equal(s.table, table)
    assert len(table) == 6 and s.timeseries is None

    export = read_csv_text(cli("export", s.store_path, "--format", "csv").stdout)
    assert len(s.finals) == len(export) == 12
    for p in ("market.volatility", "populations.holders.lock_propensity"):
        assert_same_values(s.finals[p], export[f"param:{p}"], p)
    metrics = ["price", "locked", "locked_share", "sell_pressure", "emission", "fees_to_lockers"]
    for m in metrics:
        assert_same_values(s.finals[m], export[m], m)
        # sweep.csv's means are the means per point of each run's statistic: the final value
        # of a stock, the total over the run of a flow (issue #11).
        flow = m in ("sell_pressure", "emission", "fees_to_lockers")
        means = export.groupby("point")[f"{m}.total"].mean() if flow else s.finals.groupby("point")[m].mean()
        np.testing.assert_allclose(table[f"{m}_mean"].to_numpy(), means.to_numpy(), rtol=1e-12, atol=0)
    # The points' parameters are sweep.csv's.
    points = s.store().points
    assert_same_values(points["market.volatility"], table["market.volatility"], "points")


def test_sweep_series_are_decoded(tiny, tmp_path):
    s = homeostat.sweep(tiny, runs=1, points=2, series=True, out=tmp_path / "sweep")
    ts = s.timeseries
    assert ts is not None and list(ts.columns[:3]) == ["point", "run", "step"]
    assert len(ts) == 2 * 90
    last = ts.groupby(["point", "run"]).last().reset_index()
    assert_same_values(last["price"], s.finals["price"], "last step = final")


def test_overrides_and_dict_scenarios(tiny, tmp_path):
    base = homeostat.run(tiny, runs=2, out=tmp_path / "base")
    # The same scenario as a dict gives the same numbers (YAML read as the CLI reads it).
    data = homeostat.read_scenario(tiny)
    as_dict = homeostat.run(data, runs=2, out=tmp_path / "dict")
    pd.testing.assert_frame_equal(base.timeseries, as_dict.timeseries)
    # Overrides change what they name, and only that.
    short = homeostat.run(tiny, runs=2, out=tmp_path / "short",
                          overrides={"horizon_days": 30, "populations.holders.sell_propensity": 0.5})
    assert short.timeseries["step"].max() == 30
    written = json.loads((tmp_path / "short" / "scenario.json").read_text())
    assert written["horizon_days"] == 30 and written["populations"][0]["sell_propensity"] == 0.5
    assert written["market"]["impact"]["coefficient"] == 2.0e-7  # `2.0e-7` stayed a number
    assert not short.timeseries["sell_pressure"].head(30).equals(base.timeseries["sell_pressure"].head(30))
    with pytest.raises(KeyError, match="no element named 'nobody'"):
        homeostat.run(tiny, overrides={"populations.nobody.count": 3}, out=tmp_path / "bad")


def test_a_bad_scenario_raises_the_located_error(tmp_path):
    with pytest.raises(homeostat.ScenarioError) as e:
        homeostat.run(DATA / "bad.yaml", out=tmp_path / "bad")
    err = e.value
    assert err.file == str(DATA / "bad.yaml")
    assert (err.line, err.column) == (6, 77)
    assert err.message == "populations[0].patience: 2.5 is out of range; expected values in [0, 1]"
    assert err.returncode == 64
    assert str(err) == f"{DATA / 'bad.yaml'}:6:77: error: {err.message}"
    # An override that breaks a scenario is located in the JSON file written for it.
    with pytest.raises(homeostat.ScenarioError) as e2:
        homeostat.sweep(DATA / "tiny-sweep.yaml", overrides={"market.volatility": -1}, out=tmp_path / "neg")
    assert e2.value.file.endswith("scenario.json") and "market.volatility" in e2.value.message
    # A sweep-range error points at the sweep section's line in the YAML file.
    with pytest.raises(homeostat.ScenarioError) as e3:
        homeostat.validate(DATA / "tiny-sweep.yaml", overrides={"sweep.parameters.1.range": [0.5, 2.0]})
    assert "sweep.parameters[1]" in e3.value.message


def test_missing_binary_is_reported(monkeypatch, tiny, tmp_path):
    monkeypatch.setenv("HOMEOSTAT_BIN", "/nonexistent/homeostat")
    with pytest.raises(homeostat.HomeostatError, match="HOMEOSTAT_BIN"):
        homeostat.run(tiny, out=tmp_path / "x")


def test_compare(tiny, tmp_path):
    c = homeostat.compare(tiny, tiny, runs=3, overrides_b={"populations.holders.sell_propensity": 0.2},
                          out=tmp_path / "cmp")
    pd.testing.assert_frame_equal(c.table, pd.read_csv(tmp_path / "cmp" / "compare.csv"))
    assert os.path.isfile(c.report_path)
    rows = c.table.set_index("metric")
    assert rows.loc["sell_pressure", "mean_difference"] > 0  # more propensity to sell, more selling
    assert rows.loc["emission", "mean_difference"] == 0  # the schedule does not depend on it
    assert c.summary["seed"] == 7


def test_load_reads_any_store(tiny, tmp_path):
    homeostat.run(tiny, runs=2, out=tmp_path / "both")
    homeostat.sweep(tiny, runs=2, points=3, out=tmp_path / "both")  # a second experiment in the same store
    st = homeostat.load(tmp_path / "both")
    assert list(st.experiments["kind"]) == ["run", "sweep"]
    run_id, sweep_id = st.experiments["id"]
    assert len(st.runs[st.runs["experiment_id"] == run_id]) == 2
    assert len(st.runs[st.runs["experiment_id"] == sweep_id]) == 6
    assert st.runs["seed"].dtype == np.uint64
    assert set(st.points.columns) >= {"experiment_id", "point", "market.volatility"}
    assert st.metrics["value"].dtype == float
    assert {"price", "price.mean", "price.min", "price.max"} <= set(st.metrics["name"])
    assert len(st.finals(sweep_id)) == 6 and len(st.finals(run_id)) == 2
    with pytest.raises(FileNotFoundError):
        homeostat.load(tmp_path / "nowhere")


def test_yaml_reads_like_the_cli():
    d = _scenario.parse_text("a: 1e-7\nb: yes\nc: 010\nd: 10_000\ne: .inf\nf: 0x10\ng: null\nh: 2.0e-7\n")
    assert d == {"a": 1e-7, "b": "yes", "c": 10, "d": 10000, "e": math.inf, "f": 16, "g": None, "h": 2.0e-7}
