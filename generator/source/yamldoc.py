"""YAML with positions: values plus the line and column of every key and value.

PyYAML's constructors lose positions and accept duplicate keys silently; we compose the node
graph ourselves so every mistake can name its line, and a bad scalar (2021-02-30) becomes an
`Invalid` value for the validator to report instead of an exception that hides the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.errors import Problem, error

Key = tuple[str | int, ...]
_MAX_NODES = 100_000
# libyaml's parser when PyYAML was built with it: the same nodes and marks, several times faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # alias bombs ("billion laughs") stop here


@dataclass(frozen=True)
class Invalid:
    """A scalar YAML could not construct, such as the impossible date 2021-02-30."""

    raw: str
    reason: str


@dataclass(frozen=True)
class YamlDoc:
    value: Any
    positions: dict[Key, tuple[int, int]]  # 1-based (line, col) of each value, by key path
    key_positions: dict[Key, tuple[int, int]]  # 1-based (line, col) of each mapping key

    def where(self, key: Key) -> tuple[int, int]:
        """Position of a value, else of the nearest enclosing value that has one."""
        while key not in self.positions and key:
            key = key[:-1]
        return self.positions.get(key, (1, 1))


class _Builder:
    def __init__(self, path: str, line_offset: int, text: str) -> None:
        self.path = path
        self.text = text
        self.offset = line_offset
        self.problems: list[Problem] = []
        self.positions: dict[Key, tuple[int, int]] = {}
        self.key_positions: dict[Key, tuple[int, int]] = {}
        self.constructor = SafeConstructor()
        self.count = 0
        self.stack: set[int] = set()

    def pos(self, node: Node) -> tuple[int, int]:
        line, col = _offset_position(self.text, node.start_mark.index)
        return line + self.offset, col

    def build(self, node: Node, key: Key) -> Any:
        self.count += 1
        if self.count > _MAX_NODES:
            raise _TooLarge
        self.positions[key] = self.pos(node)
        if id(node) in self.stack:
            self.problems.append(error(self.path, *self.pos(node), "recursive YAML alias"))
            return None
        self.stack.add(id(node))
        try:
            if isinstance(node, MappingNode):
                return self.mapping(node, key)
            if isinstance(node, SequenceNode):
                return [self.build(item, (*key, i)) for i, item in enumerate(node.value)]
            return self.scalar(node)
        finally:
            self.stack.discard(id(node))

    def scalar(self, node: ScalarNode) -> Any:
        try:
            return self.constructor.construct_object(node, deep=True)
        except Exception as exc:  # e.g. `!!bool maybe` raises KeyError, `!!int ""` IndexError
            return Invalid(str(node.value), _reason(exc, node))

    def mapping(self, node: MappingNode, key: Key) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.problems.append(error(self.path, *self.pos(key_node), "keys must be text"))
                continue
            name = str(key_node.value)
            if name in result:
                first = self.key_positions[(*key, name)][0]
                self.problems.append(
                    error(
                        self.path,
                        *self.pos(key_node),
                        f"duplicate key {name!r} (first on line {first})",
                    )
                )
                continue
            self.key_positions[(*key, name)] = self.pos(key_node)
            result[name] = self.build(value_node, (*key, name))
        return result


class _TooLarge(Exception):
    pass


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _reason(exc: Exception, node: ScalarNode) -> str:
    """Why a scalar could not be constructed, on one line (PyYAML's messages span several)."""
    if isinstance(exc, yaml.MarkedYAMLError):
        return _one_line(" ".join(filter(None, [exc.context, exc.problem]))) or "malformed value"
    if isinstance(exc, ValueError) and str(exc):
        return _one_line(str(exc))
    return f"not a valid {node.tag.rsplit(':', 1)[-1]}"


def _offset_position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index into `text`.

    Counted here rather than taken from PyYAML's marks, which also break lines at U+0085,
    U+2028 and U+2029: a message must name the line an editor shows.
    """
    index = max(0, min(index, len(text)))
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


# Constructs PyYAML names as the one it was inside when it gave up: their opening mark is where
# the mistake is (an unclosed bracket or quote), not the line where the parser noticed.
_OPENED = ("while parsing a flow sequence", "while parsing a flow mapping",
           "while scanning a quoted scalar")  # fmt: skip


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, path: str, line_offset: int) -> Problem:
    """A YAML syntax error, reported where its cause is, saying where the parser stopped."""

    def at(mark: yaml.Mark | None) -> tuple[int, int]:
        line, col = _offset_position(text, mark.index) if mark else (1, 1)
        return line + line_offset, col

    context, problem = exc.context or "", _one_line(exc.problem or "")
    stopped = at(exc.problem_mark or exc.context_mark)
    if context in _OPENED and exc.context_mark:
        opening = text[exc.context_mark.index : exc.context_mark.index + 1]
        where = at(exc.context_mark)
        what = f"this {opening!r} is never closed (the parser stopped at {stopped[0]}:{stopped[1]})"
        return error(path, *where, f"invalid YAML: {what}")
    if context == "while scanning a block scalar" and exc.context_mark:
        return error(path, *at(exc.context_mark), f"invalid YAML: block scalar header: {problem}")
    if context.startswith("while parsing a block") and problem.startswith("expected <block end>"):
        opened = at(exc.context_mark)
        what = (
            "this line is indented differently from the block it belongs to "
            f"(which starts at {opened[0]}:{opened[1]})"
        )
        return error(path, *stopped, f"invalid YAML: {what}")
    what = problem
    if context == "expected a single document in the stream":
        what = "only one YAML document is allowed (a second one starts here)"
    if "\t" in what or "'\\t'" in what:
        what = "tab character: indent YAML with spaces"
    return error(path, *stopped, f"invalid YAML: {what or 'malformed YAML'}")


def load_yaml(text: str, path: str, line_offset: int = 0) -> tuple[YamlDoc | None, list[Problem]]:
    """Parse one YAML document; `line_offset` counts lines before it in the file."""
    try:
        try:
            node = yaml.compose(text, Loader=_LOADER)
        except yaml.YAMLError:
            # Parse again with PyYAML's own parser: slower, but its messages say more.
            node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.reader.ReaderError as exc:  # a control character, which YAML does not allow
        line, col = _offset_position(text, exc.position)
        what = (
            f"character #x{exc.character:04x} is not allowed in YAML"
            if isinstance(exc.character, int)
            else _one_line(exc.reason)
        )
        return None, [error(path, line + line_offset, col, f"invalid YAML: {what}")]
    except RecursionError:
        return None, [error(path, 1 + line_offset, 1, "invalid YAML: nested too deeply")]
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(exc, text, path, line_offset)]
    except yaml.YAMLError as exc:
        return None, [error(path, 1 + line_offset, 1, f"invalid YAML: {_one_line(str(exc))}")]
    if node is None:
        return YamlDoc(None, {}, {}), []
    builder = _Builder(path, line_offset, text)
    try:
        value = builder.build(node, ())
    except _TooLarge:
        return None, [error(path, 1 + line_offset, 1, "YAML expands to too many values")]
    except RecursionError:
        return None, [error(path, 1 + line_offset, 1, "invalid YAML: nested too deeply")]
    return YamlDoc(value, builder.positions, builder.key_positions), builder.problems
