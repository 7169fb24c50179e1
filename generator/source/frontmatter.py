"""Split a content file into its YAML front matter and Markdown body, and write one."""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.errors import Problem, error


@dataclass(frozen=True)
class Split:
    yaml: str
    body: str
    body_line: int  # 1-based line of the file where the body starts


def decode(data: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 text (a BOM is fine, CRLF becomes LF), or a message naming the bad byte's line."""
    if not data.strip():
        return None, [error(path, 1, 1, "file is empty (expected front matter and Markdown)")]
    if b"\x00" in data:
        line, _ = _position(data, data.index(b"\x00"))
        return None, [error(path, line, 1, "binary file, not Markdown text")]
    return utf8_text(data, path)


def utf8_text(data: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """Any text file of a site (content, site.yaml, theme.yaml): UTF-8, a BOM allowed, LF ends."""
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        text = data[bom:].decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = bom + exc.start  # exc.start counts from after the BOM
        line, col = _position(data, bad, start=bom)
        return None, [error(path, line, col, f"not UTF-8 text (byte 0x{data[bad]:02x})")]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def _position(data: bytes, index: int, start: int = 0) -> tuple[int, int]:
    """Line and column (in characters) of byte `index`; CRLF, LF and a lone CR end lines."""
    before = data[start:index].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    line_start = before.rfind(b"\n") + 1
    return before.count(b"\n") + 1, len(before[line_start:].decode("utf-8", "replace")) + 1


def split(text: str, path: str) -> tuple[Split | None, list[Problem]]:
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return None, [
            error(path, 1, 1, "missing front matter: the file must start with a '---' line")
        ]
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            body = "\n".join(lines[index + 1 :])
            return Split("\n".join(lines[1:index]), body, index + 2), []
    return None, [error(path, 1, 1, "front matter is never closed: add a '---' line after it")]


def yaml_value(value: Any) -> str:
    """One value as YAML text: quoted when it has to be, so a title like `Yes: no` stays text."""
    dumped = yaml.safe_dump(value, allow_unicode=True, width=1_000_000, default_flow_style=True)
    return dumped.removesuffix("...\n").strip()


def front_matter(fields: Mapping[str, Any], body: str) -> str:
    """A content file: YAML front matter (empty values left out) and a Markdown body.

    One `key: value` line per field, lists inline, as a curator would write them by hand.
    """
    lines = [f"{key}: {yaml_value(value)}\n" for key, value in fields.items() if value]
    return f"---\n{''.join(lines)}---\n{body}"


# A top-level `topics:` line with no topics: the only kind an article placed automatically has.
_EMPTY_TOPICS = re.compile(rb"^topics:[ \t]*(?:\[[ \t]*\])?[ \t]*(?:#[^\r\n]*)?(\r?\n)", re.M)
_CLOSING = re.compile(rb"^(?:---|\.\.\.)[ \t]*(\r?\n|$)", re.M)


def with_topics(data: bytes, topics: list[str]) -> bytes | None:
    """The file with `topics:` set to `topics`, every other byte as it was; None if its front
    matter already holds topics (the curator's, never overwritten)."""
    if not data.startswith(b"---"):
        return None
    first_end = data.find(b"\n") + 1
    closing = _CLOSING.search(data, first_end)
    if first_end == 0 or closing is None:
        return None
    front = data[first_end : closing.start()]
    newline = b"\r\n" if data[:first_end].endswith(b"\r\n") else b"\n"
    line = b"topics: " + json.dumps(topics, ensure_ascii=False).encode()
    empty = _EMPTY_TOPICS.search(front)
    if empty:
        start, end = first_end + empty.start(), first_end + empty.end()
        return data[:start] + line + empty.group(1) + data[end:]
    if re.search(rb"^(?:topics|tags):", front, re.M):
        return None
    at = closing.start()
    return data[:at] + line + newline + data[at:]


def pin_topics(path: Path, topics: list[str]) -> bool:
    """Write `topics` into the article file at `path` (see `with_topics`), in one rename so it
    is never half-written; False when the file already names topics of its own."""
    updated = with_topics(path.read_bytes(), topics)
    if updated is None:
        return False
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(updated)
    tmp.replace(path)
    return True
