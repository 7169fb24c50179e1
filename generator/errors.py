"""Problems found in the user's input, reported as `path:line:col: message`, and the one kind of
exception a user's mistake raises: the CLI catches `BriefingsError` and prints its problems."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One mistake; `path` is relative to the site ("" when no file is at fault), line and col
    are 1-based, or None when the mistake has no position (a whole file, a missing template)."""

    path: str
    line: int | None
    col: int | None
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        if not self.path:
            return f"{self.severity}: {self.message}"
        prefix = "warning: " if self.severity == "warning" else ""
        where = self.path if self.line is None else f"{self.path}:{self.line}:{self.col or 1}"
        return f"{where}: {prefix}{self.message}"

    def _order(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line or 0, self.col or 0, self.message, self.severity)

    def __lt__(self, other: Problem) -> bool:
        return self._order() < other._order()


def error(path: str, line: int | None, col: int | None, message: str) -> Problem:
    return Problem(path, line, col, message, "error")


def warning(path: str, line: int | None, col: int | None, message: str) -> Problem:
    return Problem(path, line, col, message, "warning")


def failure(message: str) -> Problem:
    """A problem that is in no one file: an output folder refused, a tool that failed."""
    return Problem("", None, None, message)


class BriefingsError(Exception):
    """A mistake the user can fix. The CLI prints its problems and exits 1, never a traceback."""

    def __init__(self, problems: Iterable[Problem] | str) -> None:
        found = [failure(problems)] if isinstance(problems, str) else problems
        self.problems = tuple(sorted(found))
        super().__init__("\n".join(map(str, self.problems)))

    def __reduce__(self) -> tuple[type[BriefingsError], tuple[tuple[Problem, ...]]]:
        return type(self), (self.problems,)  # raised in a child process, shown by the parent


class ContentError(BriefingsError):
    """Raised once a stage has collected every problem it found in the site's files."""


class OutputError(BriefingsError):
    """An output folder we refuse to touch, or cannot write; the message says why."""


def errors_only(problems: Iterable[Problem], *, strict: bool = False) -> list[Problem]:
    """The problems that stop a build: errors, and warnings too under --strict."""
    return [p for p in problems if strict or p.severity == "error"]


def print_problems(problems: Iterable[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


def shown_path(path: Path, root: Path | None = None) -> str:
    """`path` as a message shows it: relative to `root` (default: the working folder) when
    inside it, else as given."""
    base = (root or Path.cwd()).resolve()
    resolved = path.resolve()
    if resolved.is_relative_to(base):
        return resolved.relative_to(base).as_posix()
    return path.as_posix()
