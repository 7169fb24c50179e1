# Typographic quotation marks and apostrophes are this code's subject matter.
# ruff: noqa: RUF001
"""Quotation marks in an article: which pair up, and the narrative left around them.

1. Pair the quotation marks in each paragraph (curly or straight, with apostrophes ignored)
   and carry a quotation whose paragraph ends open into the next paragraph that reopens it.
2. Replace each quotation by a placeholder, which leaves the narrative ("skeleton") that holds
   the attributions, and split it into sentences.
3. Join a quotation interrupted only by its attribution ("First," she said, "second.").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from generator.text.quotes.clauses import (
    ABBREV_END_RE,
    attribution_follows,
    is_bare_attribution,
    right_attribution,
)
from generator.text.quotes.ranking import TERMINAL_RE

_OPENERS = "“«"
_CLOSERS = "”»"
_DOUBLE = _OPENERS + _CLOSERS + '"'

# Characters after which a mark opens a quotation, and before which one closes it.
_OPEN_BEFORE = " \t\n([{—–-/:;…"
_CLOSE_AFTER = " \t\n.,;:!?)]}—–-…’'"
_MARK_RE = re.compile(r'[“”«»"]')
PLACEHOLDER_RE = re.compile(r"\x00(\d+)([\x01\x02])")  # \x01 opens a quotation, \x02 continues one
_SENT_END_RE = re.compile(r"[.!?…]+[)’'\]]*(?=\s+[\x00A-Z0-9“‘\"(])")
_SENTENCES_RE = re.compile(r"\s+[\x00A-Z“\"]")
_MERGE_SPLITS_RE = re.compile(r"[,.!?…—–-][’']?$")
_MERGE_SPLITS_1_RE = re.compile(r"\s*,?\s*[—–]")


def blank_placeholders(text: str) -> str:
    """The narrative alone: each placeholder blanked out, so offsets stay the same."""
    if "\x00" not in text:
        return text
    return PLACEHOLDER_RE.sub(lambda m: " " * len(m.group(0)), text)


@dataclass
class Raw:
    """A quotation as found: where its marks are and what it says."""

    start_para: int
    start: int  # index of the opening mark
    end_para: int
    end: int  # index just after the closing mark (or end of the paragraph)
    text: str
    joined: list[int] = field(default_factory=list)  # ids merged into this one


@dataclass
class Sentence:
    para: int
    text: str  # skeleton text, with placeholders
    offset: int  # start in the paragraph skeleton


def _classify(par: str, i: int) -> str:
    """'o' (opens), 'c' (closes) or '?' (either) for the double mark at `i`."""
    prev = par[i - 1] if i > 0 else " "
    nxt = par[i + 1] if i + 1 < len(par) else " "
    left = prev in _OPEN_BEFORE or prev in _DOUBLE or prev in "‘"
    right = nxt in _CLOSE_AFTER or nxt in _DOUBLE
    glyph = par[i]
    if glyph in _OPENERS:
        return "c" if right and not left and nxt.isspace() is not False and prev.isalnum() else "o"
    if glyph in _CLOSERS:
        # A closing glyph that opens ("”We …"), as some keyboards and feeds type it.
        return "o" if left and not right and (prev.isspace() or i == 0) else "c"
    if left and not right:
        return "o"
    if right and not left:
        return "c"
    if prev.isalnum() and nxt.isalnum():
        return "x"  # inside a word (a typo or inch mark): not a quotation mark
    return "?"


def pair_marks(paragraphs: Sequence[str]) -> list[Raw]:
    """Pair marks into quotations, joining multi-paragraph ones (open at the end of one
    paragraph, reopened at the start of the next)."""
    found: list[Raw] = []
    carry: tuple[int, int] | None = None  # (para, start) of a quotation still open
    pieces: list[str] = []
    for p, par in enumerate(paragraphs):
        open_at: int | None = None
        depth = 0
        content_from = 0
        marks = [(m.start(), _classify(par, m.start())) for m in _MARK_RE.finditer(par)]
        marks = [(i, k) for i, k in marks if k != "x"]
        if carry is not None:
            lead = par.lstrip()
            if marks and marks[0][0] == len(par) - len(lead) and marks[0][1] != "c":
                open_at, depth, content_from = marks[0][0], 1, marks[0][0] + 1
                marks = marks[1:]
            elif marks and marks[0][1] == "c" and par[: marks[0][0]].strip():
                # Not reopened, but the first mark closes: the quotation runs on into this
                # paragraph ("… on this.¶Every state …,” he added.").
                open_at, depth, content_from = 0, 1, 0
            else:
                _close_carry(found, carry, pieces, paragraphs)
                carry, pieces = None, []
        for i, kind in marks:
            if open_at is None:
                if kind in {"o", "?"}:
                    open_at, depth, content_from = i, 1, i + 1
                continue
            if kind == "o" and par[i] in _OPENERS and i > content_from:
                depth += 1  # a nested double quotation inside a curly one
                continue
            if kind == "o" and par[i] == '"' and depth == 1 and i > content_from:
                # A straight mark that looks like an opener while one is open: the earlier one
                # was never closed. Close it where this one starts.
                pass
            depth -= 1
            if depth > 0:
                continue
            inner = par[content_from:i]
            if carry is not None:
                pieces.append(inner)
                found.append(Raw(carry[0], carry[1], p, i + 1, _join_pieces(pieces)))
                carry, pieces = None, []
            else:
                found.append(Raw(p, open_at, p, i + 1, inner))
            open_at = None
        if open_at is not None:
            if carry is None:
                carry = (p, open_at)
            pieces.append(par[content_from:])
    if carry is not None:
        _close_carry(found, carry, pieces, paragraphs)
    return found


def _close_carry(
    found: list[Raw], carry: tuple[int, int], pieces: list[str], paragraphs: Sequence[str]
) -> None:
    """A quotation left open: it ends with the last paragraph it reached."""
    last = carry[0] + len(pieces) - 1
    found.append(Raw(carry[0], carry[1], last, len(paragraphs[last]), _join_pieces(pieces)))


def _join_pieces(pieces: list[str]) -> str:
    return " ".join(piece.strip() for piece in pieces if piece.strip())


def skeletonize(paragraphs: Sequence[str], raws: list[Raw]) -> list[str]:
    """Each paragraph with its quotations replaced by placeholders."""
    cuts: list[list[tuple[int, int, str]]] = [[] for _ in paragraphs]
    for q, raw in enumerate(raws):
        if raw.start_para == raw.end_para:
            cuts[raw.start_para].append((raw.start, raw.end, f"\x00{q}\x01"))
            continue
        cuts[raw.start_para].append((raw.start, len(paragraphs[raw.start_para]), f"\x00{q}\x01"))
        for p in range(raw.start_para + 1, raw.end_para):
            cuts[p].append((0, len(paragraphs[p]), ""))
        cuts[raw.end_para].append((0, raw.end, f"\x00{q}\x02"))
    out = []
    for par, spans in zip(paragraphs, cuts, strict=True):
        parts, at = [], 0
        for start, end, ph in sorted(spans):
            parts += [par[at:start], ph]
            at = end
        parts.append(par[at:])
        out.append("".join(parts))
    return out


def split_skeleton(skeleton: str, para: int, raws: list[Raw]) -> list[Sentence]:
    cuts: list[int] = []
    for m in _SENT_END_RE.finditer(skeleton):
        # An abbreviation is decided by the few characters before the period.
        if m.group(0) != "." or not ABBREV_END_RE.search(
            skeleton[max(0, m.start() - 40) : m.start() + 1]
        ):
            cuts.append(m.end())
    # After a quotation that ends its own sentence ("…tonight." She left.), unless the next
    # words attribute it ("…tonight?" Smith asked.).
    for m in PLACEHOLDER_RE.finditer(skeleton):
        if TERMINAL_RE.search(raws[int(m.group(1))].text.rstrip()):
            rest = skeleton[m.end() :]
            if _SENTENCES_RE.match(rest) and not attribution_follows(rest):
                cuts.append(m.end())
    out, start = [], 0
    for cut in sorted(set(cuts)):
        if skeleton[start:cut].strip():
            out.append(Sentence(para, skeleton[start:cut], start))
        start = cut
    if skeleton[start:].strip():
        out.append(Sentence(para, skeleton[start:], start))
    return out


def _join_text(first: str, middle: str, second: str) -> str:
    first, second = first.rstrip(), second.strip()
    if first.endswith((",", ";")) and middle.strip().endswith("."):
        first = first[:-1] + "."  # "We are ready," he said. "We …" reads as two sentences
    elif first.endswith(",") and second[:1].isupper() and not second.startswith("I "):
        first = first[:-1] + "."
    if first.endswith(("—", "–", "-", "…")) or first.endswith("..."):
        return f"{first} {second}"
    return f"{first} {second}"


def merge_splits(skeletons: list[str], raws: list[Raw]) -> list[str]:
    """Join `"A," she said, "B."` into one quotation; returns the updated skeletons."""
    for p, skel in enumerate(skeletons):
        changed = True
        while changed:
            changed = False
            marks = list(PLACEHOLDER_RE.finditer(skel))
            for m1, m2 in pairwise(marks):
                a, b = int(m1.group(1)), int(m2.group(1))
                middle = skel[m1.end() : m2.start()]
                if m2.group(2) != "\x01":
                    continue
                first = raws[a].text.rstrip()
                dashed = middle.lstrip()[:1] in "—–" and middle.rstrip()[-1:] in "—–"
                if not (_MERGE_SPLITS_RE.search(first) or dashed):
                    continue  # "“A” — she said — “B”": the dashes mark the split
                if not is_bare_attribution(middle):
                    continue
                after = skel[m2.end() :]
                second = raws[b].text.rstrip()
                # After a second part that ends its sentence, only a bare attribution is its
                # own: `"…" He added that …` starts a new sentence about something else.
                ended = bool(TERMINAL_RE.search(second)) and second[-1:] not in "?!"
                if _MERGE_SPLITS_1_RE.match(after) or right_attribution(
                    after.split("\x00")[0], after_sentence=ended
                ):
                    continue  # the second quotation has its own attribution
                raws[a].text = _join_text(first, middle, raws[b].text)
                raws[a].joined.append(b)
                raws[a].end_para, raws[a].end = raws[b].end_para, raws[b].end
                # Keep the attribution in the skeleton: the speaker is resolved from it.
                skel = skel[: m2.start()] + skel[m2.end() :]
                end = raws[b].end_para
                if end != p:  # the second part ran on: its end is now the joined quotation's
                    skeletons[end] = skeletons[end].replace(f"\x00{b}\x02", f"\x00{a}\x02")
                changed = True
                break
        skeletons[p] = skel
    return skeletons
