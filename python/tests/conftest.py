"""Fixtures: the binary, scratch folders, and a Ray head on 127.0.0.1 (only) for the Ray tests."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
REPO = HERE.parent.parent


def _binary() -> str:
    explicit = os.environ.get("HOMEOSTAT_BIN")
    if explicit:
        return explicit
    built = REPO / ".build" / "release" / "homeostat"
    if built.exists():
        return str(built)
    found = shutil.which("homeostat")
    if found:
        return found
    pytest.exit("no homeostat binary: set HOMEOSTAT_BIN or build with `swift build -c release`", returncode=2)


@pytest.fixture(scope="session", autouse=True)
def binary() -> str:
    path = os.path.abspath(_binary())
    os.environ["HOMEOSTAT_BIN"] = path
    # Ray binds every server to 127.0.0.1 only when the node's address is the loopback one;
    # with this set, Ray picks 127.0.0.1 as this machine's address (see docs/cluster.md).
    os.environ["RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"] = "0"
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    # Our heads and drivers agree on no token authentication (the heads listen on loopback
    # only). Left unset, Ray turns token auth on for a head whenever ~/.ray/auth_token
    # exists — a local `ray.init()` writes that file — and drivers then fail to connect.
    os.environ["RAY_AUTH_MODE"] = "disabled"
    return path


@pytest.fixture(scope="session")
def cli(binary):
    """Runs the binary, returning the CompletedProcess; fails the test on a non-zero exit."""
    def call(*args, check=True):
        env = dict(os.environ, SWIFT_BACKTRACE="enable=no")
        p = subprocess.run([binary, *map(str, args)], capture_output=True, text=True, env=env)
        if check and p.returncode != 0:
            raise AssertionError(f"homeostat {' '.join(map(str, args))} exited {p.returncode}: {p.stderr}")
        return p
    return call


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _session_pids(sid: int) -> set[int]:
    pids = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                if int(fields[3]) == sid:  # field 6 of stat: the session id
                    pids.add(int(entry))
            except (OSError, IndexError, ValueError):
                pass
    return pids


def _listening(pids: set[int]) -> list[str]:
    """Local addresses the given processes listen on (TCP), from `ss -ltnpH`."""
    out = subprocess.run(["ss", "-ltnpH"], capture_output=True, text=True).stdout
    found = []
    for line in out.splitlines():
        if any(f"pid={p}," in line for p in pids):
            found.append(line.split()[3])
    return found


class RayHead:
    def __init__(self, cpus: int):
        self.cpus = cpus
        self.port = _free_port()
        self.address = f"127.0.0.1:{self.port}"
        self.temp = tempfile.mkdtemp(prefix="rayhs-", dir="/tmp")
        ray_cli = str(Path(sys.executable).with_name("ray"))
        self.log = open(os.path.join(self.temp, "head.log"), "w")
        # Our own session, so that stopping it ends exactly the processes this head started
        # (never `ray stop`, which stops every Ray on the machine).
        self.proc = subprocess.Popen(
            [ray_cli, "start", "--head", "--block", f"--node-ip-address=127.0.0.1", f"--port={self.port}",
             f"--num-cpus={cpus}", "--include-dashboard=false", "--disable-usage-stats", f"--temp-dir={self.temp}"],
            stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True, env=dict(os.environ))
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"ray start exited: {open(self.log.name).read()}")
            if "Ray runtime started" in open(self.log.name).read():
                break
            time.sleep(0.5)
        else:
            self.stop()
            raise RuntimeError("the Ray head did not start in 90 s")

    def pids(self) -> set[int]:
        return _session_pids(self.proc.pid)

    def listening(self) -> list[str]:
        return _listening(self.pids())

    def stop(self) -> None:
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            self.proc.wait(timeout=3)
        except subprocess.TimeoutExpired:
            pass
        deadline = time.monotonic() + 3
        while self.pids() and time.monotonic() < deadline:
            time.sleep(0.2)
        for pid in self.pids():
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.log.close()
        shutil.rmtree(self.temp, ignore_errors=True)


@pytest.fixture(scope="session")
def ray_head(binary):
    import ray  # noqa: F401  (the Ray tests need it; CI installs it)
    head = RayHead(cpus=2)
    try:
        yield head
    finally:
        head.stop()


@pytest.fixture(scope="session")
def tiny() -> Path:
    return DATA / "tiny-sweep.yaml"
