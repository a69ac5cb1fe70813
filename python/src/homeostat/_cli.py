"""Finding and calling the `homeostat` binary, and turning its errors into exceptions."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from typing import Sequence

#: Exit status of the CLI for bad input (EX_USAGE).
EXIT_BAD_INPUT = 64

# `FILE:LINE:COLUMN: error: MESSAGE`, as every scenario and store error is printed.
_LOCATED = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): error: (?P<message>.*)$")
_CODE = re.compile(r"^(?P<code>[A-Z]{3}\d{3})\b:?\s*(?P<rest>.*)$")


class HomeostatError(Exception):
    """The `homeostat` binary failed (or could not be found).

    Attributes: ``returncode`` (None when the binary was not run), ``stderr`` (everything
    it printed there), ``command`` (the argument list).
    """

    def __init__(self, message: str, returncode: int | None = None, stderr: str = "", command: Sequence[str] = ()):
        super().__init__(message)
        self.message = message
        self.returncode = returncode
        self.stderr = stderr
        self.command = list(command)


class ScenarioError(HomeostatError):
    """A located error in a scenario (or store) file, as the CLI reports it with exit status 64:
    ``file``, ``line`` and ``column`` (1-based), ``message`` (the text after ``error:``) and
    ``code`` (e.g. ``SCN003``) when the message starts with one, else None.
    ``errors`` holds every located error printed, the first being this one's fields."""

    def __init__(self, file: str, line: int, column: int, message: str, *, code: str | None = None,
                 errors: list[tuple[str, int, int, str]] | None = None, returncode: int | None = EXIT_BAD_INPUT,
                 stderr: str = "", command: Sequence[str] = ()):
        super().__init__(f"{file}:{line}:{column}: error: {message}", returncode, stderr, command)
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.code = code
        self.errors = errors or [(file, line, column, message)]


def find_binary(explicit: str | os.PathLike[str] | None = None) -> str:
    """The `homeostat` executable: ``explicit`` if given, else ``$HOMEOSTAT_BIN``, else
    `homeostat` on ``PATH``. Raises HomeostatError when there is none."""
    for candidate, origin in ((explicit, "the binary argument"), (os.environ.get("HOMEOSTAT_BIN"), "HOMEOSTAT_BIN")):
        if candidate:
            path = os.fspath(candidate)
            if os.path.isfile(path) and os.access(path, os.X_OK):
                return os.path.abspath(path)
            raise HomeostatError(f"{origin} names {path!r}, which is not an executable file")
    found = shutil.which("homeostat")
    if found:
        return found
    raise HomeostatError(
        "cannot find the homeostat binary: set HOMEOSTAT_BIN or put homeostat on PATH "
        "(build it with `swift build -c release`; it is .build/release/homeostat)")


def child_environment() -> dict[str, str]:
    """The environment for a child `homeostat`: ours, without Swift's crash-backtrace helper
    (a crashing child's helper can keep the parent waiting; see the team notes)."""
    env = dict(os.environ)
    env.setdefault("SWIFT_BACKTRACE", "enable=no")
    return env


def parse_error(stderr: str, returncode: int, command: Sequence[str]) -> HomeostatError:
    """The exception for a failed CLI call: a ScenarioError when stderr holds located
    errors, else a HomeostatError with the last non-empty line as its message."""
    located = []
    for line in stderr.splitlines():
        m = _LOCATED.match(line.strip())
        if m:
            located.append((m["file"], int(m["line"]), int(m["column"]), m["message"]))
    if located:
        file, line, column, message = located[0]
        c = _CODE.match(message)
        return ScenarioError(file, line, column, message, code=c["code"] if c else None, errors=located,
                             returncode=returncode, stderr=stderr, command=command)
    lines = [l for l in stderr.splitlines() if l.strip()]
    message = lines[-1].strip() if lines else f"homeostat exited with status {returncode}"
    if message.startswith("error: "):
        message = message[len("error: "):]
    return HomeostatError(message, returncode, stderr, command)


@dataclass
class Completed:
    """A finished CLI call."""
    command: list[str]
    stdout: str
    stderr: str
    returncode: int = 0
    extra: dict = field(default_factory=dict)


def call(args: Sequence[str], *, binary: str | None = None, check: bool = True) -> Completed:
    """Runs `homeostat ARGS...` and waits. Raises ScenarioError / HomeostatError on a
    non-zero exit when ``check``."""
    command = [find_binary(binary), *map(str, args)]
    proc = subprocess.run(command, capture_output=True, text=True, env=child_environment())
    if check and proc.returncode != 0:
        raise parse_error(proc.stderr, proc.returncode, command)
    return Completed(command, proc.stdout, proc.stderr, proc.returncode)
