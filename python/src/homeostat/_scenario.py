"""Scenarios given as paths or dicts, with overrides, turned into files the CLI reads."""

from __future__ import annotations

import copy
import json
import os
import re
from dataclasses import dataclass
from typing import Any, Mapping

import yaml


class _Yaml12Loader(yaml.SafeLoader):
    """PyYAML's safe loader with YAML 1.2 core-schema scalars, as the CLI (Yams) reads them:
    `1e-7` is a number, `yes`/`on` are strings, `010` is ten; `10_000` is accepted as the
    CLI accepts it."""


_Yaml12Loader.yaml_implicit_resolvers = {}
_Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?[0-9][0-9_]*|0o[0-7]+|0x[0-9a-fA-F]+)$"), list("-+0123456789"))
_Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:\.[0-9][0-9_]*|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?"
               r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+.0123456789"))
_Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])


def _construct_int(loader: yaml.SafeLoader, node: yaml.Node) -> int:
    text = loader.construct_scalar(node).replace("_", "")
    sign = -1 if text.startswith("-") else 1
    body = text.lstrip("+-")
    if body.startswith("0x"):
        return sign * int(body[2:], 16)
    if body.startswith("0o"):
        return sign * int(body[2:], 8)
    return sign * int(body, 10)


_Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)


def parse_text(text: str) -> Any:
    """A scenario's text (YAML or JSON) as Python data."""
    return yaml.load(text, Loader=_Yaml12Loader)


def read_scenario(path: str | os.PathLike[str]) -> Any:
    """A scenario file (YAML or JSON) as a dict, read the way the CLI reads it (YAML 1.2
    scalars), ready to change and pass to ``run``/``sweep``/``compare``."""
    with open(path, encoding="utf-8") as f:
        return parse_text(f.read())


def set_path(tree: Any, path: str, value: Any) -> None:
    """Sets ``value`` at the dotted ``path`` in ``tree``, the way `sweep:` parameters name
    fields: `market.volatility`, `mechanisms.fee_sharing.fee_rate`,
    `populations.traders.sell_propensity` (a list element by its `name`, or by index)."""
    parts = path.split(".")
    node = tree
    for depth, part in enumerate(parts):
        last = depth == len(parts) - 1
        where = ".".join(parts[:depth]) or "the scenario"
        if isinstance(node, list):
            index = None
            if re.fullmatch(r"\d+", part):
                index = int(part)
                if index >= len(node):
                    raise KeyError(f"override {path!r}: {where} has {len(node)} elements, no [{index}]")
            else:
                named = [i for i, e in enumerate(node) if isinstance(e, Mapping) and e.get("name") == part]
                if not named:
                    names = [e.get("name") for e in node if isinstance(e, Mapping)]
                    raise KeyError(f"override {path!r}: no element named {part!r} in {where} (names: {names})")
                index = named[0]
            if last:
                node[index] = value
            else:
                node = node[index]
        elif isinstance(node, dict):
            if last:
                node[part] = value
            else:
                if node.get(part) is None:
                    node[part] = {}
                node = node[part]
        else:
            raise KeyError(f"override {path!r}: {where} is a {type(node).__name__}, not a mapping or a list")


def _jsonable(tree: Any) -> Any:
    if isinstance(tree, Mapping):
        return {str(k): _jsonable(v) for k, v in tree.items()}
    if isinstance(tree, (list, tuple)):
        return [_jsonable(v) for v in tree]
    if hasattr(tree, "item") and callable(tree.item):  # numpy scalars
        return tree.item()
    return tree


@dataclass
class PreparedScenario:
    """A scenario ready for the CLI: ``text`` exactly as the CLI will read it (its hash keys
    the results store), the ``name`` and ``data`` (parsed), the file ``path`` that holds it,
    and ``series_file``: the price-series CSV it names, if any, as written in the file."""
    path: str
    text: str
    data: Any
    series_file: str | None

    @property
    def name(self) -> str:
        return str(self.data.get("name", "scenario")) if isinstance(self.data, Mapping) else "scenario"


def prepare(scenario: str | os.PathLike[str] | Mapping[str, Any], overrides: Mapping[str, Any] | None,
            folder: str, basename: str = "scenario.json") -> PreparedScenario:
    """A path without overrides is used as it is (same text, same store key as on the
    command line). A dict, or a path with overrides, is written as JSON to
    ``folder/basename``; a relative `market.series.file` is made absolute against the
    original file's folder (the working directory for a dict)."""
    if isinstance(scenario, Mapping):
        data = copy.deepcopy(dict(scenario))
        base = os.getcwd()
    else:
        path = os.fspath(scenario)
        try:
            with open(path, encoding="utf-8") as f:
                text = f.read()
        except OSError:
            text = None
        if text is None or not overrides:
            # Let the CLI report a missing file with its own located error.
            data = None
            if text is not None:
                try:
                    data = parse_text(text)
                except yaml.YAMLError:
                    data = None  # the CLI reports the syntax error with its location
            return PreparedScenario(path, text or "", data if isinstance(data, Mapping) else {}, _series_file(data))
        try:
            data = parse_text(text)
        except yaml.YAMLError as e:
            raise ValueError(f"{path}: cannot apply overrides, the file does not parse: {e}") from None
        if not isinstance(data, dict):
            raise ValueError(f"{path}: cannot apply overrides, the file is not a mapping")
        base = os.path.dirname(os.path.abspath(path))
    for key, value in (overrides or {}).items():
        set_path(data, key, copy.deepcopy(value))
    series = _series_file(data)
    if series and not os.path.isabs(series):
        set_path(data, "market.series.file", os.path.normpath(os.path.join(base, series)))
    text = json.dumps(_jsonable(data), indent=2, allow_nan=False) + "\n"
    os.makedirs(folder, exist_ok=True)
    target = os.path.join(folder, basename)
    with open(target, "w", encoding="utf-8") as f:
        f.write(text)
    return PreparedScenario(target, text, data, _series_file(data))


def _series_file(data: Any) -> str | None:
    try:
        f = data["market"]["series"]["file"]
        return f if isinstance(f, str) else None
    except (KeyError, TypeError):
        return None
