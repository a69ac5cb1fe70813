"""Sweeps on a Ray cluster: one Ray task per shard (`homeostat sweep --shard i/N`).

Each task runs the binary on a worker into a store of its own in a scratch folder and
returns that store's bytes through Ray's object store (no shared filesystem is assumed).
The driver keeps every finished shard's store in ``OUT/shards/`` as it arrives, so a
restarted driver (``resume=True``) reruns only the shards it does not have; then it merges
them with `homeostat merge` into ``OUT/homeostat.sqlite`` and lets `homeostat sweep
--resume` write `sweep.csv` and `report.html` from the merged store — the same bytes as a
single-machine sweep. Tasks lost to a dead worker or node are retried by Ray
(``max_retries``); a shard whose binary reports an error is not (it would fail again).

Needs the optional dependency: ``pip install 'homeostat[ray]'``.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

try:
    import ray as _ray
except ImportError as e:  # pragma: no cover
    raise ImportError("homeostat.ray needs Ray: pip install 'homeostat[ray]' (or pip install ray)") from e

from . import _cli, _scenario

__all__ = ["sweep", "ShardFailed"]


class ShardFailed(_cli.HomeostatError):
    """A shard's `homeostat sweep` exited with an error on a worker."""


def shard_file(folder: str, index: int, count: int) -> str:
    return os.path.join(folder, "shards", f"shard-{index}-of-{count}.sqlite")


def _store_runs(path: str) -> tuple[int, int] | None:
    """(runs stored, points) of a store being written, or None if it cannot be read yet."""
    if not os.path.exists(path):
        return None
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1)
        try:
            runs = con.execute("SELECT count(*) FROM runs").fetchone()[0]
            points = con.execute("SELECT count(*) FROM points").fetchone()[0]
            return runs, points
        finally:
            con.close()
    except sqlite3.Error:
        return None


def shard_complete(path: str, index: int, count: int, runs_per_point: int | None) -> bool:
    """Whether a kept shard store holds its whole slice (so a resumed driver may skip it)."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = con.execute("SELECT shard_index, shard_count FROM experiments").fetchall()
            if rows != [(index, count)]:
                return False
            stored = con.execute("SELECT count(*) FROM runs").fetchone()[0]
            points = con.execute("SELECT count(*) FROM points").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return False
    if runs_per_point is None:
        return stored > 0
    return stored == units_in_shard(points * runs_per_point, index, count)


def units_in_shard(total: int, index: int, count: int) -> int:
    """Units (point × run) of shard ``index`` of ``count``: every count-th unit from index − 1."""
    return max(0, (total - index + count) // count)


def _die_with_parent() -> None:
    # The binary must not outlive a worker that is killed: ask Linux to SIGKILL it then.
    try:
        import ctypes
        import signal
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except Exception:
        pass


def run_shard(text: str, filename: str, extra_files: Mapping[str, bytes], options: list[str], index: int, count: int,
              threads: int, progress: Any = None, binary: str | None = None) -> dict:
    """The body of a shard task (runs on a worker): writes the scenario, runs `homeostat
    sweep --shard index/count` into a scratch store, reports its progress to the
    ``progress`` actor, and returns ``{"store": the finished store's bytes,
    "binary_seconds": the binary's wall time, "task_seconds": the task's, "host": …}``."""
    task_start = time.monotonic()
    try:
        exe = _cli.find_binary()  # the worker's HOMEOSTAT_BIN (or the job's runtime env), else its PATH
    except _cli.HomeostatError:
        if not (binary and os.path.isfile(binary) and os.access(binary, os.X_OK)):
            raise
        exe = binary  # the driver's path, present on this worker too (a shared path)
    scratch = tempfile.mkdtemp(prefix=f"homeostat-shard-{index}-of-{count}-")
    try:
        scenario_path = os.path.join(scratch, "scenario", filename)
        os.makedirs(os.path.dirname(scenario_path), exist_ok=True)
        with open(scenario_path, "w", encoding="utf-8") as f:
            f.write(text)
        for rel, data in extra_files.items():
            target = os.path.normpath(os.path.join(os.path.dirname(scenario_path), rel))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as f:
                f.write(data)
        out = os.path.join(scratch, "out")
        store = os.path.join(out, "homeostat.sqlite")
        command = [exe, "sweep", scenario_path, *options, "--shard", f"{index}/{count}", "--out", out,
                   "--threads", str(threads), "--quiet"]
        if progress is not None:
            progress.started.remote(index, os.getpid())
        with open(os.path.join(scratch, "stderr"), "w+") as err:
            binary_start = time.monotonic()
            child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err, env=_cli.child_environment(),
                                     preexec_fn=_die_with_parent)
            last = None
            while True:
                try:
                    child.wait(timeout=0.5)
                    break
                except subprocess.TimeoutExpired:
                    pass
                if progress is not None:
                    state = _store_runs(store)
                    if state is not None and state != last:
                        last = state
                        progress.update.remote(index, state[0], state[1])
            binary_seconds = time.monotonic() - binary_start
            err.seek(0)
            stderr = err.read()
        if child.returncode != 0:
            failure = _cli.parse_error(stderr, child.returncode, command)
            raise ShardFailed(f"shard {index}/{count}: {failure}", child.returncode, stderr, command)
        # One self-contained file (the WAL folded in), read back as bytes.
        packed = os.path.join(scratch, "packed.sqlite")
        src = sqlite3.connect(store)
        dst = sqlite3.connect(packed)
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
        if progress is not None:
            state = _store_runs(store)
            if state is not None:
                progress.update.remote(index, state[0], state[1])
        with open(packed, "rb") as f:
            data = f.read()
        import socket
        return {"store": data, "binary_seconds": binary_seconds, "task_seconds": time.monotonic() - task_start,
                "host": socket.gethostname(), "binary": os.path.abspath(exe)}
    finally:
        import shutil
        shutil.rmtree(scratch, ignore_errors=True)


class _Progress:
    """Ray actor: per shard, the runs its store holds, the points, and the attempts."""

    def __init__(self) -> None:
        self.done: dict[int, int] = {}
        self.points: int | None = None
        self.starts: dict[int, list[int]] = {}

    def started(self, index: int, pid: int) -> None:
        self.starts.setdefault(index, []).append(pid)
        self.done[index] = 0

    def update(self, index: int, done: int, points: int) -> None:
        self.done[index] = done
        self.points = points

    def snapshot(self) -> tuple[dict[int, int], int | None, dict[int, list[int]]]:
        return dict(self.done), self.points, {k: list(v) for k, v in self.starts.items()}


class _Bar:
    """A progress bar over runs on stderr: redrawn in place on a terminal, a line every
    few seconds otherwise."""

    def __init__(self, enabled: bool, stream=sys.stderr, interval: float | None = None):
        self.enabled = enabled
        self.stream = stream
        self.tty = enabled and hasattr(stream, "isatty") and stream.isatty()
        self.interval = interval if interval is not None else (0.2 if self.tty else 5.0)
        self.last = 0.0
        self.start = time.monotonic()
        self.shown = ""

    def draw(self, done: int, total: int | None, shards_done: int, shards: int, final: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not final and now - self.last < self.interval:
            return
        self.last = now
        width = 24
        if total:
            filled = min(width, done * width // total)
            bar = "#" * filled + "." * (width - filled)
            count = f"{done}/{total}"
        else:
            bar, count = "." * width, f"{done}/?"
        rate = done / max(now - self.start, 1e-9)
        line = f"runs [{bar}] {count}  shards {shards_done}/{shards}  {rate:.1f} runs/s"
        line += f"  done in {now - self.start:.0f}s" if final else ""
        if self.tty:
            self.stream.write("\r" + line.ljust(len(self.shown)) + ("\n" if final else ""))
        else:
            self.stream.write(line + "\n")
        self.shown = line
        self.stream.flush()


@dataclass
class ShardReport:
    """How one shard went: ``status`` kept (from an earlier driver), ran; ``attempts`` (Ray
    task starts seen), ``worker_pids``, ``seconds`` from submission to its store arriving,
    ``binary_seconds`` (the binary's wall time) and ``task_seconds`` (the task's), the
    worker's ``host`` and the ``binary`` it ran."""
    index: int
    status: str
    attempts: int = 0
    worker_pids: list[int] = field(default_factory=list)
    seconds: float | None = None
    binary_seconds: float | None = None
    task_seconds: float | None = None
    host: str | None = None
    binary: str | None = None


def _extra_files(prepared: _scenario.PreparedScenario) -> dict[str, bytes]:
    """A relative price-series CSV travels with the scenario (no shared filesystem)."""
    series = prepared.series_file
    if not series or os.path.isabs(series):
        return {}
    source = os.path.join(os.path.dirname(os.path.abspath(prepared.path)), series)
    if os.path.normpath(series).startswith(".."):
        raise ValueError(f"{prepared.path}: market.series.file {series!r} leaves the scenario's folder; "
                         "use an absolute path present on every worker, or pass the scenario as a dict")
    with open(source, "rb") as f:
        return {series: f.read()}


def sweep(scenario, points: int | None = None, runs: int | None = None, shards: int = 2, address: str | None = None,
          out: str | os.PathLike[str] | None = None, design: str | None = None,
          overrides: Mapping[str, Any] | None = None, resume: bool = False, threads_per_shard: int = 1,
          max_retries: int = 3, worker_binary: str | None = None, runtime_env: Mapping[str, Any] | None = None,
          progress: bool = True, binary: str | None = None, log: Callable[[str], None] | None = None,
          init_kwargs: Mapping[str, Any] | None = None) -> "SweepResult":
    """A sweep split into ``shards`` Ray tasks; returns what :func:`homeostat.sweep` returns.

    - ``address``: the Ray cluster (`"auto"`, `"HOST:PORT"`, `"ray://HOST:10001"`); None
      connects to ``RAY_ADDRESS`` if set, else starts Ray on this machine. If Ray is
      already initialised in this process it is used as it is.
    - ``out``: the output folder (default: a new temporary folder); it receives
      ``shards/``, ``homeostat.sqlite``, ``sweep.csv`` and ``report.html``.
    - ``resume``: keep the shard stores already in ``OUT/shards`` and run only the others.
    - ``threads_per_shard``: CPUs each task reserves and the binary's ``--threads``.
    - ``worker_binary``: the binary's path on the workers (sent as ``HOMEOSTAT_BIN`` in
      the job's runtime environment); default: the workers' own ``HOMEOSTAT_BIN`` or PATH.
    - ``runtime_env``: more of Ray's runtime environment for the job (e.g. a
      ``working_dir`` that carries the binary; see docs/cluster.md).
    - ``binary``: the driver's own binary (for merging and writing sweep.csv).
    """
    from .api import sweep_options, sweep_result  # pandas: on the driver only

    if shards < 1:
        raise ValueError("shards must be at least 1")
    say = log or (lambda message: print(message, file=sys.stderr, flush=True))
    local_binary = _cli.find_binary(binary)
    folder = os.fspath(out) if out is not None else tempfile.mkdtemp(prefix="homeostat-ray-sweep-")
    os.makedirs(os.path.join(folder, "shards"), exist_ok=True)
    prepared = _scenario.prepare(scenario, overrides, folder)
    # Check the scenario here first: a bad file is a located error now, not N failed tasks.
    _cli.call(["validate", prepared.path], binary=local_binary)
    options = sweep_options(design, points, runs)
    data = prepared.data if isinstance(prepared.data, Mapping) else {}
    runs_per_point = runs if runs is not None else data.get("runs", 16)

    kept: dict[int, str] = {}
    for i in range(1, shards + 1):
        path = shard_file(folder, i, shards)
        if os.path.exists(path):
            if not resume:
                raise _cli.HomeostatError(
                    f"{folder}/shards already holds shard stores of this sweep; pass resume=True (--resume) to keep "
                    "them and run the rest, or choose another output folder")
            if shard_complete(path, i, shards, runs_per_point):
                kept[i] = path
    final_store = os.path.join(folder, "homeostat.sqlite")
    if os.path.exists(final_store) and not resume:
        raise _cli.HomeostatError(f"{final_store} exists; pass resume=True (--resume) or choose another output folder")

    reports = {i: ShardReport(i, "kept") for i in kept}
    todo = [i for i in range(1, shards + 1) if i not in kept]
    if kept:
        say(f"resuming: shards {', '.join(map(str, sorted(kept)))} of {shards} kept from {folder}/shards")
    if todo:
        _run_on_ray(prepared, options, todo, shards, folder, threads_per_shard, max_retries, worker_binary,
                    runtime_env, address, progress, local_binary, reports, kept, runs_per_point, say,
                    dict(init_kwargs or {}))
    for i in sorted(reports):
        r = reports[i]
        if r.status == "kept":
            say(f"shard {i}/{shards}: kept from an earlier run")
        else:
            say(f"shard {i}/{shards}: ran, {r.attempts} attempt{'s' if r.attempts != 1 else ''} "
                f"(worker pids {', '.join(map(str, r.worker_pids))}), {r.seconds:.2f} s from submission, "
                f"binary {r.binary_seconds:.2f} s")

    shard_paths = [shard_file(folder, i, shards) for i in range(1, shards + 1)]
    _cli.call(["merge", final_store, *shard_paths], binary=local_binary)
    done = _cli.call(["sweep", prepared.path, *options, "--resume", "--out", folder, "--quiet"], binary=local_binary)
    return sweep_result(folder, prepared, design, points, runs, done.stdout,
                        shards={i: reports[i] for i in sorted(reports)})


def _run_on_ray(prepared, options, todo, shards, folder, threads, max_retries, worker_binary, runtime_env, address,
                show_progress, local_binary, reports, kept, runs_per_point, say, init_kwargs) -> None:
    env = dict(runtime_env or {})
    if worker_binary:
        env_vars = dict(env.get("env_vars", {}))
        env_vars["HOMEOSTAT_BIN"] = worker_binary
        env["env_vars"] = env_vars
    started_ray = False
    if not _ray.is_initialized():
        kwargs: dict[str, Any] = {"log_to_driver": False}
        if address is None and not os.environ.get("RAY_ADDRESS"):
            kwargs["include_dashboard"] = False  # a local Ray for this sweep only
        kwargs.update(init_kwargs)
        if env:
            kwargs["runtime_env"] = env
        if address is not None:
            kwargs["address"] = address
        _ray.init(**kwargs)
        started_ray = True
    try:
        task = _ray.remote(run_shard).options(num_cpus=threads, max_retries=max_retries, retry_exceptions=False)
        if env and not started_ray:
            task = task.options(runtime_env=env)
        actor = _ray.remote(_Progress).options(num_cpus=0).remote()
        try:
            _drive(task, actor, prepared, options, todo, shards, folder, threads, show_progress, local_binary, reports,
                   kept, runs_per_point)
        finally:
            _ray.kill(actor)
    finally:
        if started_ray:
            _ray.shutdown()


def _drive(task, actor, prepared, options, todo, shards, folder, threads, show_progress, local_binary, reports, kept,
           runs_per_point) -> None:
    extras = _extra_files(prepared)
    filename = os.path.basename(prepared.path)
    # Bytes, not a path: the workers need not see this machine's disk.
    text_ref = _ray.put(prepared.text)
    submitted: dict[Any, int] = {}
    t0: dict[int, float] = {}
    for i in todo:
        ref = task.remote(text_ref, filename, extras, options, i, shards, threads, actor, local_binary)
        submitted[ref] = i
        t0[i] = time.monotonic()
    kept_runs = 0
    points = None
    for path in kept.values():
        state = _store_runs(path)
        if state:
            kept_runs += state[0]
            points = state[1]
    bar = _Bar(show_progress)
    pending = list(submitted)
    finished_runs = 0
    snapshot = ({}, points, {})
    while pending:
        ready, pending = _ray.wait(pending, num_returns=1, timeout=0.5)
        for ref in ready:
            i = submitted[ref]
            try:
                result = _ray.get(ref)
            except _ray.exceptions.RayTaskError as e:
                cause = e.as_instanceof_cause() if hasattr(e, "as_instanceof_cause") else e
                if isinstance(cause, _cli.HomeostatError):
                    raise _cli.HomeostatError(str(cause), cause.returncode, cause.stderr, cause.command) from None
                raise
            target = shard_file(folder, i, shards)
            with open(target + ".part", "wb") as f:
                f.write(result["store"])
                f.flush()
                os.fsync(f.fileno())
            os.replace(target + ".part", target)
            reports[i] = ShardReport(i, "ran", seconds=time.monotonic() - t0[i],
                                     binary_seconds=result["binary_seconds"], task_seconds=result["task_seconds"],
                                 host=result.get("host"), binary=result.get("binary"))
            state = _store_runs(target)
            if state:
                finished_runs += state[0]
                points = state[1]
        try:
            snapshot = _ray.get(actor.snapshot.remote(), timeout=5)
        except Exception:
            pass
        done_map, p, starts = snapshot
        points = p if p is not None else points
        running = sum(n for i, n in done_map.items() if i not in reports or reports[i].status != "ran")
        total = points * runs_per_point if points is not None and runs_per_point else None
        bar.draw(kept_runs + finished_runs + running, total, len(kept) + sum(r.status == "ran" for r in reports.values()),
                 shards)
    try:
        _, _, starts = _ray.get(actor.snapshot.remote(), timeout=5)
    except Exception:
        starts = snapshot[2]
    for i in todo:
        reports[i].attempts = len(starts.get(i, []))
        reports[i].worker_pids = starts.get(i, [])
    total = points * runs_per_point if points is not None and runs_per_point else None
    bar.draw(kept_runs + finished_runs, total, shards, shards, final=True)
