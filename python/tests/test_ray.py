"""Sweeps on a local Ray head (127.0.0.1 only, 2 CPUs = 2 workers): the same bytes as one
machine, with a worker killed mid-shard, and with the driver killed and resumed."""

from __future__ import annotations

import ipaddress
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

import homeostat
from homeostat import _scenario
from conftest import DATA

DRIVER = str(Path(sys.executable).with_name("homeostat-ray"))
# Heavier shards for the failure tests, so there is time to kill something mid-shard:
# 12 runs of 20,000 holders × 365 days per shard.
BIG = {"populations.holders.count": 20000, "horizon_days": 365, "runs": 6}


def driver(*args, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([DRIVER, "sweep", *map(str, args)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, **kwargs)


def finish(p: subprocess.Popen, timeout: float = 300) -> tuple[str, str]:
    out, err = p.communicate(timeout=timeout)
    assert p.returncode == 0, f"homeostat-ray exited {p.returncode}:\n{out}\n{err}"
    return out, err


def same_bytes(a: Path, b: Path) -> bool:
    return a.read_bytes() == b.read_bytes()


def cmdline(pid: int) -> list[str]:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return [part.decode() for part in f.read().split(b"\0") if part]
    except OSError:
        return []


def parent(pid: int) -> int:
    with open(f"/proc/{pid}/stat") as f:
        return int(f.read().rsplit(")", 1)[1].split()[1])


def shard_processes(binary: str, shard: str) -> list[tuple[int, str]]:
    """(pid, --out folder) of running `homeostat sweep … --shard SHARD` processes."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            args = cmdline(int(entry))
            if args and args[0] == binary and "sweep" in args and "--shard" in args \
                    and args[args.index("--shard") + 1] == shard:
                found.append((int(entry), args[args.index("--out") + 1]))
    return found


def stored_runs(store: str) -> int:
    import sqlite3
    try:
        con = sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=0.2)
        try:
            return con.execute("SELECT count(*) FROM runs").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


@pytest.fixture(scope="module")
def big(tmp_path_factory, tiny, cli):
    """The heavier scenario and its single-machine sweep."""
    folder = tmp_path_factory.mktemp("big")
    path = _scenario.prepare(tiny, BIG, str(folder), "big.json").path
    cli("sweep", path, "--out", folder / "single", "--quiet")
    return Path(path), folder / "single"


def test_head_listens_on_loopback_only(ray_head):
    addresses = ray_head.listening()
    assert addresses, "the Ray head listens nowhere?"
    for a in addresses:
        host = a.rsplit(":", 1)[0].strip("[]").replace("::ffff:", "")
        assert ipaddress.ip_address(host).is_loopback, f"Ray listens on {a}"


def test_three_shards_on_two_workers_give_the_single_machine_bytes(ray_head, tiny, tmp_path, cli):
    cli("sweep", tiny, "--out", tmp_path / "single", "--quiet")
    out, err = finish(driver(tiny, "--shards", 3, "--address", ray_head.address, "--out", tmp_path / "ray"))
    assert same_bytes(tmp_path / "ray" / "sweep.csv", tmp_path / "single" / "sweep.csv")
    assert same_bytes(tmp_path / "ray" / "report.html", tmp_path / "single" / "report.html")
    for i in (1, 2, 3):
        assert f"shard {i}/3: ran, 1 attempt" in err
        assert (tmp_path / "ray" / "shards" / f"shard-{i}-of-3.sqlite").exists()
    assert "runs [########################] 18/18  shards 3/3" in err  # the progress bar's last line
    # The merged store equals the single machine's, run by run.
    a = homeostat.load(tmp_path / "ray").finals()
    b = homeostat.load(tmp_path / "single").finals()
    pd.testing.assert_frame_equal(a, b)

    # The same through the Python API, in this process.
    r = homeostat.ray.sweep(tiny, shards=3, address=ray_head.address, out=tmp_path / "api", progress=False,
                            log=lambda m: None)
    pd.testing.assert_frame_equal(r.table, pd.read_csv(tmp_path / "single" / "sweep.csv"))
    assert [s.status for s in r.shards.values()] == ["ran"] * 3


def test_a_bad_scenario_fails_before_any_task(ray_head, tmp_path):
    p = driver(DATA / "bad.yaml", "--shards", 2, "--address", ray_head.address, "--out", tmp_path / "bad")
    out, err = p.communicate(timeout=120)
    assert p.returncode == 64
    assert f"{DATA / 'bad.yaml'}:6:77: error: populations[0].patience" in err
    with pytest.raises(homeostat.ScenarioError) as e:
        homeostat.ray.sweep(DATA / "bad.yaml", shards=2, address=ray_head.address, out=tmp_path / "bad2")
    assert (e.value.line, e.value.column) == (6, 77)


def test_a_worker_killed_mid_shard_is_retried(ray_head, big, binary, tmp_path):
    scenario, single = big
    p = driver(scenario, "--shards", 3, "--address", ray_head.address, "--out", tmp_path / "ray")
    killed_worker = killed_child = None
    deadline = time.monotonic() + 120
    while killed_worker is None and time.monotonic() < deadline and p.poll() is None:
        for pid, out in shard_processes(binary, "2/3"):
            n = stored_runs(os.path.join(out, "homeostat.sqlite"))
            if 1 <= n < 12:  # in the middle of the shard: some runs stored, not all
                worker = parent(pid)
                assert any("ray" in part for part in cmdline(worker)), cmdline(worker)
                os.kill(worker, signal.SIGKILL)  # the Ray worker process running the task
                killed_worker, killed_child = worker, pid
                scratch = os.path.dirname(out)  # the dead task's folder stays behind; remove it below
                break
        time.sleep(0.05)
    assert killed_worker is not None, "never caught shard 2/3 in the middle"
    out, err = finish(p)
    assert "shard 2/3: ran, 2 attempts" in err, err
    assert str(killed_worker) in err.split("shard 2/3:")[1].splitlines()[0]
    assert "shard 1/3: ran, 1 attempt" in err and "shard 3/3: ran, 1 attempt" in err
    assert not os.path.exists(f"/proc/{killed_child}") or cmdline(killed_child) == [], \
        "the killed worker's homeostat outlived it"
    assert same_bytes(tmp_path / "ray" / "sweep.csv", single / "sweep.csv")
    assert same_bytes(tmp_path / "ray" / "report.html", single / "report.html")
    shutil.rmtree(scratch, ignore_errors=True)


def test_a_killed_driver_resumes_without_rerunning_finished_shards(ray_head, big, binary, tmp_path):
    scenario, single = big
    out_dir = tmp_path / "ray"
    shards = out_dir / "shards"
    p = driver(scenario, "--shards", 3, "--address", ray_head.address, "--out", out_dir)
    deadline = time.monotonic() + 120
    kept, running = [], []
    while time.monotonic() < deadline and p.poll() is None:
        kept = sorted(shards.glob("shard-*-of-3.sqlite")) if shards.exists() else []
        if 1 <= len(kept) < 3:
            running = [out for i in (1, 2, 3) for _, out in shard_processes(binary, f"{i}/3")]
            p.send_signal(signal.SIGKILL)
            break
        time.sleep(0.05)
    p.communicate()
    assert p.returncode == -signal.SIGKILL, "the driver finished before it could be killed"
    kept = sorted(shards.glob("shard-*-of-3.sqlite"))
    assert 1 <= len(kept) < 3
    before = {k.name: (k.stat().st_ino, k.stat().st_mtime_ns) for k in kept}
    assert not (out_dir / "sweep.csv").exists()

    # Ray ends the dead driver's tasks; their homeostat processes go with their workers.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and any(shard_processes(binary, f"{i}/3") for i in (1, 2, 3)):
        time.sleep(0.2)
    assert not any(shard_processes(binary, f"{i}/3") for i in (1, 2, 3)), "orphaned shard processes"
    for out in running:  # the killed tasks' scratch folders stay behind on their workers
        shutil.rmtree(os.path.dirname(out), ignore_errors=True)

    out, err = finish(driver(scenario, "--shards", 3, "--address", ray_head.address, "--out", out_dir, "--resume"))
    for name in before:
        i = int(name.split("-")[1])
        assert f"shard {i}/3: kept from an earlier run" in err, err
        k = shards / name
        assert (k.stat().st_ino, k.stat().st_mtime_ns) == before[name], f"{name} was rewritten"
    rerun = {1, 2, 3} - {int(n.split("-")[1]) for n in before}
    for i in rerun:
        assert f"shard {i}/3: ran, 1 attempt" in err
    assert same_bytes(out_dir / "sweep.csv", single / "sweep.csv")
    assert same_bytes(out_dir / "report.html", single / "report.html")

    # Without --resume the kept shards are not silently reused.
    p = driver(scenario, "--shards", 3, "--address", ray_head.address, "--out", out_dir)
    _, err = p.communicate(timeout=120)
    assert p.returncode == 1 and "--resume" in err


def test_the_binary_can_travel_in_the_runtime_env(ray_head, tiny, tmp_path, binary, cli):
    """docs/cluster.md's recipe: the binary in a folder uploaded as the job's working_dir."""
    job = tmp_path / "job"
    job.mkdir()
    (job / "homeostat").write_bytes(Path(binary).read_bytes())
    (job / "homeostat").chmod(0o755)
    cli("sweep", tiny, "--out", tmp_path / "single", "--quiet")
    r = homeostat.ray.sweep(tiny, shards=2, address=ray_head.address, out=tmp_path / "ray", progress=False,
                            log=lambda m: None, worker_binary="./homeostat",
                            runtime_env={"working_dir": str(job), "py_modules": [homeostat]})
    for report in r.shards.values():
        assert report.binary.endswith("/homeostat") and not report.binary.startswith(str(job))
        assert "runtime_resources" in report.binary  # Ray's unpacked copy, not this folder
    assert same_bytes(tmp_path / "ray" / "sweep.csv", tmp_path / "single" / "sweep.csv")


def test_only_whole_shard_stores_are_kept(tiny, tmp_path, cli):
    """What a resumed driver keeps: a store of exactly that shard holding every run of its slice."""
    from homeostat.ray import shard_complete, units_in_shard
    cli("sweep", tiny, "--shard", "2/4", "--out", tmp_path / "s", "--quiet")
    store = tmp_path / "s" / "homeostat.sqlite"
    runs_in_store = homeostat.load(store).runs
    assert len(runs_in_store) == units_in_shard(6 * 3, 2, 4) == 5  # units 2, 6, 10, 14, 18 of 18
    assert shard_complete(str(store), 2, 4, 3)
    assert not shard_complete(str(store), 1, 4, 3)       # another shard's file
    assert not shard_complete(str(store), 2, 4, 4)       # another run count: the slice is not whole
    truncated = tmp_path / "truncated.sqlite"
    truncated.write_bytes(store.read_bytes()[:1000])
    assert not shard_complete(str(truncated), 2, 4, 3)
