"""Slugs: the one place that decides what a URL segment may contain."""

from __future__ import annotations

import re

from slugify import slugify as _slugify

_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}-")
_UNSAFE = re.compile(r"[/\\]|\.\.|^\.")


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: safe as a folder name and in a URL."""
    return _slugify(text, max_length=80, word_boundary=True)


def unique_slug(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`... whichever `taken` lacks; it is added to `taken`."""
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    taken.add(slug)
    return slug


def slug_from_filename(stem: str) -> str:
    return slugify(_DATE_PREFIX.sub("", stem)) or slugify(stem)


def unsafe_slug_reason(raw: str) -> str | None:
    """Why a curator's `slug:` could escape its folder, or None when it is harmless."""
    if _UNSAFE.search(raw):
        return f"{raw!r} must not contain '/', '\\', '..' or start with '.'"
    if not slugify(raw):
        return f"{raw!r} has no letters or digits to make a URL from"
    return None
