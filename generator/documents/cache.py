"""The build cache: parsed and enriched documents keyed by content hash, as plain JSON.

A key covers everything a document depends on: the file's bytes and path, the settings that shape
parsing and enrichment, and the code that makes them. Entries are plain data (no pickle), decoded
into the typed models, so a corrupt or foreign cache can only be ignored, never executed. Entries
are also kept in memory, so `briefings serve` re-processes only the files that changed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import sys
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import msgspec

from generator import __version__
from generator.codedigest import code_digest
from generator.errors import Problem
from generator.models import Article, BriefingDef, PageDoc, Quote
from generator.source.discover import Source
from generator.source.parse import Parsed
from generator.source.yamldoc import Invalid

CACHE_DIR = ".briefings-cache"
_FORMAT = "2"
_MEMORY: dict[str, Parsed] = {}
_MEMORY_LIMIT = 50_000


class CacheCorrupt(Exception):
    """An entry that cannot be read back; it is ignored and rebuilt."""


# The code a cached document is made by: the per-file step and all it imports.
CODE_DIGEST = code_digest("generator.documents.process")


def entry_key(source: Source, settings: object) -> str:
    return entry_keys([source], settings)[0]


def entry_keys(sources: Sequence[Source], settings: object) -> list[str]:
    """The cache key of each source: its bytes, path and kind, the settings and this code."""
    common = "\0".join((_FORMAT, __version__, CODE_DIGEST, repr(settings)))  # once, not per file
    return [
        hashlib.blake2b(
            "\0".join((common, s.rel, s.kind, s.digest)).encode(), digest_size=16
        ).hexdigest()
        for s in sources
    ]


def encode(value: Any) -> Any:
    """A front-matter value (`extra`: any YAML) as JSON that says what it was: dates, mappings
    and tuples come back as they went in."""
    if isinstance(value, datetime):
        return {"__dt": value.isoformat()}
    if isinstance(value, date):
        return {"__d": value.isoformat()}
    if isinstance(value, Invalid):
        return value.raw
    if isinstance(value, tuple | list):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {"__map": [[encode(k), encode(v)] for k, v in value.items()]}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise CacheCorrupt(f"cannot store {type(value).__name__}")


def decode(value: Any) -> Any:
    """`encode` undone."""
    if isinstance(value, list):
        return tuple(decode(v) for v in value)
    if not isinstance(value, dict):
        return value
    if "__dt" in value:
        return datetime.fromisoformat(value["__dt"])
    if "__d" in value:
        return date.fromisoformat(value["__d"])
    if "__map" in value:
        return {decode(k): decode(v) for k, v in value["__map"]}
    raise CacheCorrupt("unexpected mapping")


class _Entry(msgspec.Struct, array_like=True, frozen=True):
    """One cached file on disk: the document's type, the document, the problems."""

    kind: str
    document: msgspec.Raw
    problems: tuple[Problem, ...]


# Typed decoders build the frozen models straight from JSON, in C: several times faster than
# json.loads plus a Python pass that turns lists into tuples and dicts into dataclasses.
_DECODERS = {cls.__name__: msgspec.json.Decoder(cls) for cls in (Article, BriefingDef, PageDoc)}
_ENTRY = msgspec.json.Decoder(_Entry)
_ENCODER = msgspec.json.Encoder()


def dumps(parsed: Parsed) -> bytes:
    document = parsed.document
    if document is not None and document.extra:
        document = dataclasses.replace(
            document, extra=tuple((k, encode(v)) for k, v in document.extra)
        )
    raw = msgspec.Raw(_ENCODER.encode(document))
    return _ENCODER.encode(
        _Entry(type(document).__name__ if document else "", raw, parsed.problems)
    )


def loads(raw: bytes | str) -> Parsed:
    try:
        entry = _ENTRY.decode(raw)
        if not entry.kind:
            return Parsed(None, entry.problems)
        decoder = _DECODERS.get(entry.kind)
        if decoder is None:
            raise CacheCorrupt("unknown type")
        document = decoder.decode(entry.document)
    except msgspec.DecodeError as error:
        raise CacheCorrupt(str(error)) from None
    if document.extra:
        document = dataclasses.replace(
            document, extra=tuple((k, decode(v)) for k, v in document.extra)
        )
    return Parsed(document, entry.problems)


# The (term, weight) pairs of every term vector in this process, each held once. A site repeats
# its words, so most of a vector's 64 pairs are in other articles' vectors too: one shared
# object per pair instead of a tuple, a string and a float per article.
_PAIRS: dict[tuple[str, float], tuple[str, float]] = {}


def shared(parsed: Parsed) -> Parsed:
    """The same document holding one object where decoding made equal copies: its term pairs
    (shared across the site), its key quotes (the objects in its quotes), its outlet's name.
    A tenth less memory for a site's articles, in the build and in every render worker."""
    article = parsed.document
    if not isinstance(article, Article):
        return parsed
    terms = tuple(_PAIRS.setdefault(pair, pair) for pair in article.terms)
    quotes: dict[Quote, Quote] = {q: q for q in article.quotes}
    key_quotes = tuple(quotes.get(q, q) for q in article.key_quotes)
    source = sys.intern(article.source) if article.source else article.source
    compact = dataclasses.replace(article, terms=terms, key_quotes=key_quotes, source=source)
    return Parsed(compact, parsed.problems)


class DocumentCache:
    """Memory first, then `<site>/.briefings-cache/documents/`; `folder=None` is memory only."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.corrupt = 0

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> Parsed | None:
        hit = _MEMORY.get(key)
        if hit is not None or self.folder is None:
            return hit
        try:
            raw = self._path(key).read_bytes()
        except OSError:
            return None
        try:
            parsed = shared(loads(raw))
        except CacheCorrupt:
            self.corrupt += 1
            return None
        _remember(key, parsed)
        return parsed

    def put_memory(self, key: str, parsed: Parsed) -> Parsed:
        """Remember a document a worker made; returns the copy to use (see `shared`)."""
        parsed = shared(parsed)
        _remember(key, parsed)
        return parsed

    def put(self, key: str, parsed: Parsed) -> None:
        """Store on disk only: a worker process calls this, and its memory dies with it (the
        parent remembers what the workers send back, with put_memory)."""
        if self.folder is None:
            return
        path = self._path(key)
        try:
            data = dumps(parsed)
        except (CacheCorrupt, TypeError):
            return  # a value JSON cannot hold: simply not cached
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        tmp.write_bytes(data)
        tmp.replace(path)

    def prune(self, keep: Iterable[str]) -> int:
        """Delete entries no current file uses (old versions, deleted files); returns how many."""
        if self.folder is None or not self.folder.is_dir():
            return 0
        wanted = set(keep)
        removed = 0
        for shard in os.scandir(self.folder):
            if not shard.is_dir():
                continue
            for entry in os.scandir(shard.path):
                if entry.name.removesuffix(".json") not in wanted:
                    os.unlink(entry.path)
                    removed += 1
        return removed


def _remember(key: str, parsed: Parsed) -> None:
    if len(_MEMORY) >= _MEMORY_LIMIT:
        _MEMORY.clear()
        _PAIRS.clear()
    _MEMORY[key] = parsed


def forget_memory() -> None:
    _MEMORY.clear()
    _PAIRS.clear()
