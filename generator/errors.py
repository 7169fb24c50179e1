"""Problems found in the user's input, reported as `path:line:col: message`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in a user's file; `path` is relative to the site, line and col are 1-based."""

    path: str
    line: int
    col: int
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{self.path}:{self.line}:{self.col}: {prefix}{self.message}"


def error(path: str, line: int, col: int, message: str) -> Problem:
    return Problem(path, line, col, message, "error")


def warning(path: str, line: int, col: int, message: str) -> Problem:
    return Problem(path, line, col, message, "warning")


class ContentError(Exception):
    """Raised once a stage has collected every problem it found; the CLI prints them all."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(sorted(problems))
        super().__init__("\n".join(map(str, self.problems)))

    def __reduce__(self) -> tuple[type[ContentError], tuple[tuple[Problem, ...]]]:
        return ContentError, (self.problems,)  # raised in a child process, shown by the parent


def errors_only(problems: Iterable[Problem], *, strict: bool = False) -> list[Problem]:
    """The problems that stop a build: errors, and warnings too under --strict."""
    return [p for p in problems if strict or p.severity == "error"]
