"""Fuzzing the per-file stages: any input builds, or fails with located problems. Never a crash.

Each example is one content file handed to `generator.documents.process.process` (parse, then enrich),
the work `briefings build` does for every file. Whatever the file holds, the result is a
document, or problems that each name the file, a line and a column inside it and a one-line
message; no exception escapes.
"""

from __future__ import annotations

import datetime as dt
import os
import string

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.documents.enrich import EnrichSettings
from generator.documents.process import process
from generator.errors import Problem
from generator.models import Article, BriefingDef, PageDoc
from generator.source.discover import Source, digest
from generator.source.parse import ParseSettings

SETTINGS = settings(
    max_examples=int(os.environ.get("BRIEFINGS_FUZZ_EXAMPLES", "200")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
KINDS = {"article": Article, "briefing": BriefingDef, "page": PageDoc}
FOLDERS = {"article": "articles", "briefing": "briefings", "page": "pages"}
FIELDS = ["title", "date", "source", "url", "author", "topics", "tags", "summary"]
FIELDS += ["quotes", "draft", "slug", "order", "text", "speaker", "role"]

# Text with the characters that trouble parsers: controls, line and paragraph separators, NEL,
# BOM, quotes, YAML and Markdown punctuation, and anything else Unicode has.
tricky = st.sampled_from(
    list("\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\u2028\u2029\ufeff\ufffe\t\r\n \"'`\\")
    + list(":-?[]{},&*!|>%@#<>=~")
    + ["---", "...", "\r\n", "<!--more-->", "://", "javascript:"]
)
texts = st.one_of(
    st.text(max_size=40),
    st.lists(st.one_of(tricky, st.text(string.printable, max_size=8)), max_size=12).map("".join),
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    texts,
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.datetimes(timezones=st.one_of(st.none(), st.timezones())),
    st.sampled_from(["2021-02-30", "yesterday", "2024-05-01", "https://example.org/", "1e400"]),
)
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(FIELDS), texts), children, max_size=4),
    ),
    max_leaves=12,
)
markdown_pieces = st.sampled_from(
    [
        "# Heading\n",
        "\n\n",
        "> quote\n",
        "- item\n",
        "1. item\n",
        "```\ncode\n",
        "    indented\n",
        "| a | b |\n|---|---|\n| c | d |\n",
        "[link](https://example.org/)",
        "[js](javascript:alert(1))",
        "![img](data:image/png;base64,AAAA)",
        "<script>alert(1)</script>",
        "<!--more-->\n",
        "[^1]\n\n[^1]: note\n",
        "“Quoted words,” said Ann Lee, the mayor.\n",
        '"Straight quotes," she said.\n',
        "**bold** _em_ `code`",
        "&amp; &#0; &#x110000; &bogus;",
        "---\n",
        "***\n",
        "<div>\n",
        ">" * 60,
        "[" * 60,
        "*" * 60,
    ]
)
bodies = st.lists(st.one_of(markdown_pieces, texts), max_size=20).map("".join)


def check(kind: str, data: bytes) -> None:
    rel = f"content/{FOLDERS[kind]}/2024-05-01-fuzz.md"
    source = Source(rel, kind, data, digest(data))
    parsed = process(source, ParseSettings(timezone="Europe/London"), EnrichSettings())
    errors = [p for p in parsed.problems if p.severity == "error"]
    if parsed.document is None:
        assert errors, "no document, and no error saying why"
    else:
        assert isinstance(parsed.document, KINDS[kind])
        assert not errors, errors
    lines = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")
    for problem in parsed.problems:
        assert isinstance(problem, Problem)
        assert problem.path == rel
        assert 1 <= problem.line <= len(lines), (problem, len(lines))
        # a column inside the line, or just past its end (bytes bound characters from above)
        assert 1 <= problem.col <= len(lines[problem.line - 1]) + 1, (problem, lines)
        assert problem.message.strip(), problem
        assert "\n" not in str(problem) and "\r" not in str(problem), problem
        assert problem.severity in ("error", "warning"), problem


def dump(mapping: dict) -> str:
    return yaml.safe_dump(mapping, allow_unicode=True, sort_keys=False, width=1_000_000)


@SETTINGS
@given(
    kind=st.sampled_from(sorted(KINDS)),
    front=st.dictionaries(st.one_of(st.sampled_from(FIELDS), texts), values, max_size=8),
    body=bodies,
    base=st.booleans(),
)
def test_any_front_matter_values(kind: str, front: dict, body: str, base: bool) -> None:
    """Well-formed YAML with values of any type and shape, in any field."""
    if base:  # often a nearly valid file, so the later stages see what the fuzzer makes
        front = {"title": "A title", "date": dt.date(2024, 5, 1), **front}
    text = "---\n" + dump(front) + "---\n" + body
    check(kind, text.encode("utf-8", "surrogatepass"))


yaml_lines = st.lists(
    st.one_of(
        st.builds(lambda k, v: f"{k}: {v}", st.sampled_from(FIELDS), texts),
        st.builds(
            lambda k, tag, v: f"{k}: {tag} {v}",
            st.sampled_from(FIELDS),
            st.sampled_from(
                [
                    "!!bool",
                    "!!int",
                    "!!float",
                    "!!timestamp",
                    "!!binary",
                    "!!str",
                    "!!null",
                    "!!set",
                    "!!omap",
                    "!!map",
                    "!!seq",
                    "!!python/object:os.system",
                    "!custom",
                    "&a",
                    "*a",
                    "*missing",
                    "!!merge",
                    "<<:",
                ]
            ),
            texts,
        ),
        st.sampled_from(
            [
                "  - item",
                "\t- tab",
                "? complex",
                ": value",
                "a: &x [1, *x]",
                "title: 'unclosed",
                'title: "unclosed',
                "key: [1, 2",
                "key: {a: 1",
                "- top level list",
                "...",
                "%YAML 1.1",
                "<<: *a",
                "k: |",
                "k: >-",
                "  folded text",
                "date: 2021-02-30",
                "date: 2024-05-01",
                "title: Ok",
                "quotes:",
                "  - text: hi",
                "    speaker: [a]",
                "topics: {a: b}",
            ]
        ),
        texts,
    ),
    max_size=10,
)


@SETTINGS
@given(kind=st.sampled_from(sorted(KINDS)), lines=yaml_lines, body=bodies)
def test_any_front_matter_text(kind: str, lines: list[str], body: str) -> None:
    """Front matter as text: broken YAML, tags, anchors, tabs, control characters."""
    text = "---\n" + "\n".join(lines) + "\n---\n" + body
    check(kind, text.encode("utf-8", "surrogatepass"))


@SETTINGS
@given(
    kind=st.sampled_from(sorted(KINDS)),
    data=st.one_of(
        st.binary(max_size=300),
        st.builds(
            lambda head, raw, tail: head + raw + tail,
            st.sampled_from([b"", b"---\n", b"\xef\xbb\xbf---\r\n", b"---\ntitle: x\n"]),
            st.binary(max_size=100),
            st.sampled_from([b"", b"\n---\nbody\n", b"\r\n---\r\n", b"\x00"]),
        ),
    ),
)
def test_any_bytes(kind: str, data: bytes) -> None:
    """Bytes that may not be text at all: binary, half UTF-8, BOMs, NULs, lone CRs."""
    check(kind, data)
