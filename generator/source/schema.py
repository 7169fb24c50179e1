"""Declarative validation of YAML mappings: every problem at once, each with its position.

A schema is a dict of field name to `Field`; a field's `check` turns the raw YAML value into the
typed value or raises `Reject` with a message. Used for site.yaml and for front matter.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from generator.errors import Problem, error, warning
from generator.source.yamldoc import Invalid, Key, YamlDoc


class Reject(Exception):
    """A value that does not fit its field; the message completes '<field>: ...'."""


Check = Callable[[Any], Any]


@dataclass(frozen=True)
class Field:
    check: Check
    default: Any = None
    required: bool = False


def _describe(value: Any) -> str:
    if isinstance(value, Invalid):
        return repr(value.raw)
    return repr(value) if isinstance(value, str) else type(value).__name__


def text(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise Reject(f"must be text, not {_describe(value)}")
    result = str(value).strip()
    if not result:
        raise Reject("must not be empty")
    return result


def boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise Reject(f"must be true or false, not {_describe(value)}")
    return value


def whole_number(minimum: int, maximum: int) -> Check:
    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise Reject(f"must be a whole number, not {_describe(value)}")
        if not minimum <= value <= maximum:
            raise Reject(f"must be between {minimum} and {maximum}, not {value}")
        return value

    return check


def number_between(minimum: float, maximum: float) -> Check:
    def check(value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise Reject(f"must be a number, not {_describe(value)}")
        if not minimum <= value <= maximum:
            raise Reject(f"must be between {minimum} and {maximum}, not {value}")
        return float(value)

    return check


def http_url(value: Any) -> str:
    url = text(value)
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise Reject(f"{url!r} is not an http(s) URL")
    if any(ch in url for ch in "\"'<> \t\r\n"):
        raise Reject(f"{url!r} contains characters a URL cannot hold")
    return url


def text_list(value: Any) -> tuple[str, ...]:
    """A list of text, or one text standing for a list of one."""
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return (text(value),)
    if not isinstance(value, list):
        raise Reject(f"must be a list of text, not {_describe(value)}")
    items = []
    for item in value:
        try:
            items.append(text(item))
        except Reject as exc:
            raise Reject(f"every item {exc}") from None
    return tuple(items)


def date_or_datetime(value: Any) -> date | datetime:
    if isinstance(value, Invalid):
        raise Reject(f"{value.raw!r} is not a valid date ({value.reason})")
    if isinstance(value, datetime | date):
        return value
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.strip())
        except ValueError:
            pass
    raise Reject(f"{_describe(value)} is not a date (use YYYY-MM-DD)")


def one_of(*choices: str) -> Check:
    def check(value: Any) -> str:
        if value not in choices:
            raise Reject(f"{_describe(value)} is not one of {', '.join(choices)}")
        return str(value)

    return check


def validate(
    doc: YamlDoc,
    schema: Mapping[str, Field],
    path: str,
    *,
    at: Key = (),
    unknown: str = "error",
    label: str = "",
) -> tuple[dict[str, Any], list[Problem]]:
    """Check the mapping at key path `at` against `schema`.

    Returns typed values for every field (defaults filled in) and the problems. Unknown keys are
    errors, or warnings with `unknown="warning"` (their raw values are kept under their names).
    """
    raw = _value_at(doc.value, at)
    problems: list[Problem] = []
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        where = doc.where(at)
        what = (
            f"{label.rstrip('.')}: must be a mapping"
            if label
            else "must be a mapping of keys to values"
        )
        return {}, [error(path, *where, f"{what}, not {_describe(raw)}")]
    values: dict[str, Any] = {}
    for name, field in schema.items():
        if name not in raw or raw[name] is None:
            if field.required:
                line, col = doc.where(at)
                problems.append(error(path, line, col, f"missing required field '{label}{name}'"))
            values[name] = field.default
            continue
        try:
            values[name] = field.check(raw[name])
        except Reject as exc:
            problems.append(error(path, *doc.where((*at, name)), f"{label}{name}: {exc}"))
            values[name] = field.default
    for name in raw:
        if name in schema:
            continue
        line, col = doc.key_positions.get((*at, name), doc.where(at))
        known = ", ".join(schema)
        if unknown == "error":
            problems.append(
                error(path, line, col, f"unknown key {label + name!r} (known: {known})")
            )
        else:
            problems.append(
                warning(path, line, col, f"unknown field {label + name!r} (kept as extra)")
            )
        values.setdefault("__extra__", {})[name] = raw[name]
    return values, problems


def _value_at(value: Any, key: Key) -> Any:
    for part in key:
        if isinstance(value, dict) and isinstance(part, str):
            value = value.get(part)
        elif isinstance(value, list) and isinstance(part, int) and part < len(value):
            value = value[part]
        else:
            return None
    return value
