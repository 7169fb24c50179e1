"""Plain text pasted from a page: the headline, then paragraphs, without the page's furniture.

The first non-empty line is the headline; a next line repeating it (typographic quotes and
dashes aside) goes; promotions, captions, credits and bylines go by the boilerplate rules the
summaries use (`text.sentences`), and a caption glued to a paragraph's end ("...on
Thursday.Photo Agency / Wire") is cut off; every other paragraph stays, in order.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from generator.text.sentences import content_sentences, is_boilerplate

_TYPOGRAPHIC = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)


def folded(text: str) -> str:
    """`text` compared loosely: typographic quotes and dashes plain, case and spaces aside."""
    plain = unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHIC)
    return " ".join(plain.casefold().split()).strip(" .")


def same_text(a: str, b: str) -> bool:
    return folded(a) == folded(b)


# A sentence end glued to a capitalised credit: "...on Thursday.KCNA via Pool / AP".
_GLUED = re.compile(r"(?<=[a-z0-9\"'\u201d\u2019)][.!?])(?=[A-Z][^\s.]*(?:\s|$))")


def _unglue(paragraph: str) -> str:
    """Split a caption glued to the end of a paragraph into its own sentence."""
    return _GLUED.sub(" ", paragraph)


def _credit_line(paragraph: str) -> bool:
    """ "The Example Wire contributed to this report." and the like."""
    return (
        bool(
            re.search(
                r"\b(?:contributed|contributing)\b.{0,40}\b(?:report|story|article|reporting)\W*$",
                paragraph,
                re.IGNORECASE,
            )
        )
        and len(paragraph) < 200
    )


def clean_paragraphs(paragraphs: Sequence[str]) -> list[str]:
    """The paragraphs that are article text, in order; a paragraph with boilerplate glued to
    its end (a caption after the last sentence) comes back as given when the rest is text,
    or is dropped when it is a caption as a whole."""
    kept = []
    for paragraph in paragraphs:
        text = paragraph.strip()
        if not text or _credit_line(text):
            continue
        if is_boilerplate(text) or is_boilerplate(_unglue(text)):
            continue
        kept.append(text)
    return kept


@dataclass(frozen=True)
class PlainArticle:
    title: str
    paragraphs: tuple[str, ...]


def parse_plain(text: str) -> PlainArticle | None:
    """None when the text has no headline and no paragraph."""
    lines = [line.strip() for line in text.replace("\r\n", "\n").split("\n")]
    nonempty = [i for i, line in enumerate(lines) if line]
    if not nonempty:
        return None
    title = lines[nonempty[0]].lstrip("# ").strip()
    rest = lines[nonempty[0] + 1 :]
    paragraphs = [" ".join(p.split()) for p in _split_paragraphs(rest)]
    if paragraphs and same_text(paragraphs[0], title):
        paragraphs = paragraphs[1:]
    return PlainArticle(title=title, paragraphs=tuple(_drop_glued(clean_paragraphs(paragraphs))))


def _split_paragraphs(lines: list[str]) -> list[str]:
    """Blank lines part paragraphs; text without blank lines has one paragraph a line."""
    text = "\n".join(lines).strip("\n")
    if not text:
        return []
    if re.search(r"\n\s*\n", text):
        return [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    return [line for line in text.split("\n") if line.strip()]


def _drop_glued(paragraphs: list[str]) -> list[str]:
    """A paragraph whose glued tail is a caption credit keeps only the text before it."""
    result = []
    for paragraph in paragraphs:
        parts = content_sentences(_unglue(paragraph))
        unglued = _unglue(paragraph)
        if unglued != paragraph and parts and len(" ".join(parts)) < len(unglued) - 1:
            result.append(" ".join(parts))
        else:
            result.append(paragraph)
    return result
