# Typographic quotation marks and apostrophes are this code's subject matter.
# ruff: noqa: RUF001, RUF002, RUF003
"""Direct quotations in an article: finding them, and who said each one.

The pipeline reads an article the way a reader does, in one pass:

1. pair the quotation marks in each paragraph (curly or straight, with apostrophes ignored)
   and carry a quotation whose paragraph ends open into the next paragraph that reopens it;
2. replace each quotation by a placeholder, which leaves the narrative ("skeleton") that holds
   the attributions, and split it into sentences;
3. join a quotation interrupted only by its attribution ("First," she said, "second.");
4. find each quotation's attribution words, nearest first (right after it, in the same
   sentence, the sentence before, the next sentence, the previous paragraph);
5. walk the sentences in order, remembering who has been named, so that "he", "the
   researcher" or "Varriale" resolve to the person a reader would name (`quote_speakers`).

Judging the quotations found (speech or label, the same quote across outlets, which are key)
is `quote_ranking`'s job; its three functions are re-exported here.

Pure Python and `re`; all patterns are compiled at import.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import pairwise

from generator.models import Quote
from generator.quote_ranking import (
    TERMINAL_RE,
    is_speech,
    quote_key,
    rank_quotes,
    speechlike,
    word_list,
)
from generator.quote_speakers import (
    AUX,
    DETERMINERS,
    GENDER_WORDS,
    LABEL_VERBS,
    ORG_NAME_WORDS,
    ORG_NOUNS,
    PERSON_NOUNS,
    PLURAL_PERSON,
    STOP_CAPS,
    TITLE_WORDS,
    VERB_RE,
    VERBS,
    Memory,
    Phrase,
    clean_role,
    is_cap,
    parse_after_verb,
    parse_subject,
    phrase_from_tokens,
    wordlist,
    words,
)

__all__ = ["extract_quotes", "is_speech", "quote_key", "rank_quotes"]

_OPENERS = "“«"
_CLOSERS = "”»"
_DOUBLE = _OPENERS + _CLOSERS + '"'
# Characters after which a mark opens a quotation, and before which one closes it.
_OPEN_BEFORE = " \t\n([{—–-/:;…"
_CLOSE_AFTER = " \t\n.,;:!?)]}—–-…’'"

_MARK_RE = re.compile(r'[“”«»"]')
_PH_RE = re.compile(r"\x00(\d+)([\x01\x02])")  # \x01 opens a quotation, \x02 continues one
_SENT_END_RE = re.compile(r"[.!?…]+[)’'\]]*(?=\s+[\x00A-Z0-9“‘\"(])")
_ABBREV_END_RE = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Sen|Rep|Gov|Gen|Col|Lt|Capt|Sgt|Rev|Jr|Sr|Inc|Ltd|Co|Corp|No|"
    r"Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec|vs|etc|approx|Fr|Mt|Ft|a\.m|p\.m|i\.e|e\.g)"
    r"|\b[A-Z]|(?:\b[A-Za-z]\.){2,}[A-Za-z]?)\.$"
)
_VERB_WORD_RE = re.compile(r"\b" + VERB_RE + r"\b")
_AUX_SEQ = r"(?:(?:" + "|".join(sorted(AUX, key=len, reverse=True)) + r")\s+){0,3}"
# "…," she said / "…," Varriale added / "…," the minister told reporters
_RIGHT_SUBJ_VERB_RE = re.compile(
    r"^[\s,]*(?P<subj>[^\x00!?;:“”\"]{1,140}?)\s+" + _AUX_SEQ + r"(?P<verb>" + VERB_RE + r")\b"
)
# "…," said Jonah Feld, director of Riders First.
_RIGHT_VERB_SUBJ_RE = re.compile(
    r"^[\s,]*" + _AUX_SEQ + r"(?P<verb>" + VERB_RE + r")\s+(?P<subj>[^\x00]{1,200})"
)
_DASH_RE = re.compile(r"^\s*[—–-]{1,2}\s*(?P<subj>[^\x00]{1,160})")
# "…, Varriale added." at the end of the sentence that holds a partial quotation.
_TRAILING_RE = re.compile(
    r",\s*(?P<subj>[^,\x00]{1,100}?)\s+" + _AUX_SEQ + r"(?P<verb>" + VERB_RE + r")\b[^\x00]{0,80}$"
)
_TRAILING_INV_RE = re.compile(r",\s*(?P<verb>" + VERB_RE + r")\s+(?P<subj>[^\x00]{1,160})$")
_ACCORDING_RE = re.compile(r"\baccording to\s+(?P<subj>[^\x00]{1,160}?)[,:]?\s*$", re.IGNORECASE)
# "That was the message from Dr. Solberg" – a quotation at the head of the paragraph.
_MESSAGE_RE = re.compile(
    r"\b(?:message|words|verdict|view|warning|assessment|reaction|response|answer|advice)\s+"
    r"(?:of|from)\s+(?P<subj>[^\x00]{1,160})$"
)
# Cues that the quoted words are a name, not speech: titles, nicknames, brands.
_NAMING_RE = re.compile(
    r"\b(?:titled|entitled|title|called|named|nicknamed|dubbed|known as|brand name|headlined|"
    r"headline|slogan|motto|hashtag|book|film|movie|song|album|novel|memoir|series|show|"
    r"play|poem|documentary|podcast|painting|exhibition|opera|musical|so-called|code-named|"
    r"codenamed|operation|word|words|term|phrase|label)\s*$",
    re.IGNORECASE,
)
# Of the naming cues, those that also report what someone called something.
_LABEL_CUE_RE = re.compile(r"\b(?:called|dubbed|word|words|term|phrase|label)\s*$", re.IGNORECASE)


# Patterns used inside the functions below, compiled once.
_ATTRIBUTION_FOLLOWS_RE = re.compile(r"[^\x00]*?(?:[.!?](?=\s|$)|(?=\x00)|$)")
_SENTENCES_RE = re.compile(r"\s+[\x00A-Z“\"]")
_HAS_SENTENCE_BREAK_RE = re.compile(r"[.!?](?=\s+\S)")
_IS_BARE_ATTRIBUTION_RE = re.compile(r"\s+[\w’'\-.]+")
_MERGE_SPLITS_RE = re.compile(r"[,.!?…—–-][’']?$")
_MERGE_SPLITS_1_RE = re.compile(r"\s*,?\s*[—–]")
_LEFT_ATTRIBUTION_RE = re.compile(r"\s+[A-Z]")
_ATTRIBUTIONS_RE = re.compile(r"\x00\d+[\x01\x02]")
_ATTRIBUTIONS_1_RE = re.compile(r"\x00(\d+)[\x01\x02]")
_MESSAGE_ATTRIBUTION_RE = re.compile(r"(?:So|Thus)\s+(?:said|says|wrote)\s+(?P<subj>.+)$")
_MENTIONS_RE = re.compile(r"[’']s?$")
_MENTIONS_1_RE = re.compile(r",\s+\d{1,3},")
_SUBJECT_RE = re.compile(r",\s+[A-Z]")
_SUBJECT_1_RE = re.compile(r"\s+(?:of|for)\b")
_RESOLVE_DESCRIPTION_RE = re.compile(r"\s+(?:for|of|at|with|from|in|involved|who)\s+")
_RESOLVE_DESCRIPTION_1_RE = re.compile(r"\s+(?:for|of|at|with|from)\s+")
_RESOLVE_DESCRIPTION_2_RE = re.compile(r"^(?:the|a|an)\s+")
_RESOLVE_DESCRIPTION_3_RE = re.compile(r"[A-Z][\w\-]*|[A-Z]{2,}")
_CLEAN_TEXT_RE = re.compile(r"\s+")
_CLEAN_TEXT_1_RE = re.compile(r"\s+([,.!?;:])")
_SPEECHLIKE_RE = re.compile(r"[.!?,]$")
_KEEP_UNATTRIBUTED_RE = re.compile(r"[.!?:]\s*$|[.!?]\s*\x00\d+\x02\s*$")
_KEEP_UNATTRIBUTED_1_RE = re.compile(r",\s*$")
_CARRIED_SPEAKER_RE = re.compile(r"[.!?]\s+[A-Z][^\x00]*[.!?]$")


@dataclass
class _Raw:
    """A quotation as found: where its marks are and what it says."""

    start_para: int
    start: int  # index of the opening mark
    end_para: int
    end: int  # index just after the closing mark (or end of the paragraph)
    text: str
    joined: list[int] = field(default_factory=list)  # ids merged into this one


@dataclass
class _Sentence:
    para: int
    text: str  # skeleton text, with placeholders
    offset: int  # start in the paragraph skeleton


@dataclass
class _Attr:
    phrase: Phrase
    sentence: int  # index of the sentence whose reader state resolves it
    offset: int  # position within that sentence, to interleave with narrative mentions
    label: bool = False  # introduced by "called"/"described as": a characterisation


# --- 1. Quotation marks ---------------------------------------------------------------------


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
        return "o" if left and not right and prev.isspace() and i > 0 else "c"
    if left and not right:
        return "o"
    if right and not left:
        return "c"
    if prev.isalnum() and nxt.isalnum():
        return "x"  # inside a word (a typo or inch mark): not a quotation mark
    return "?"


def _pair(paragraphs: Sequence[str]) -> list[_Raw]:
    """Pair marks into quotations, joining multi-paragraph ones (open at the end of one
    paragraph, reopened at the start of the next)."""
    found: list[_Raw] = []
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
                found.append(_Raw(carry[0], carry[1], p, i + 1, _join_pieces(pieces)))
                carry, pieces = None, []
            else:
                found.append(_Raw(p, open_at, p, i + 1, inner))
            open_at = None
        if open_at is not None:
            if carry is None:
                carry = (p, open_at)
            pieces.append(par[content_from:])
    if carry is not None:
        _close_carry(found, carry, pieces, paragraphs)
    return found


def _close_carry(
    found: list[_Raw], carry: tuple[int, int], pieces: list[str], paragraphs: Sequence[str]
) -> None:
    """A quotation left open: it ends with the last paragraph it reached."""
    last = carry[0] + len(pieces) - 1
    found.append(_Raw(carry[0], carry[1], last, len(paragraphs[last]), _join_pieces(pieces)))


def _join_pieces(pieces: list[str]) -> str:
    return " ".join(piece.strip() for piece in pieces if piece.strip())


# --- 2. Skeleton and sentences --------------------------------------------------------------


def _skeletons(paragraphs: Sequence[str], raws: list[_Raw]) -> list[str]:
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


def _attribution_follows(text: str) -> bool:
    """Does `text` open with a bare attribution ('Smith asked.', 'said Smith, a lawyer.')?"""
    m = _ATTRIBUTION_FOLLOWS_RE.match(text)
    return bool(m) and _is_bare_attribution(m.group(0))


def _sentences(skeleton: str, para: int, raws: list[_Raw]) -> list[_Sentence]:
    cuts: list[int] = []
    for m in _SENT_END_RE.finditer(skeleton):
        # An abbreviation is decided by the few characters before the period.
        if m.group(0) != "." or not _ABBREV_END_RE.search(
            skeleton[max(0, m.start() - 40) : m.start() + 1]
        ):
            cuts.append(m.end())
    # After a quotation that ends its own sentence ("…tonight." She left.), unless the next
    # words attribute it ("…tonight?" Smith asked.).
    for m in _PH_RE.finditer(skeleton):
        if TERMINAL_RE.search(raws[int(m.group(1))].text.rstrip()):
            rest = skeleton[m.end() :]
            if _SENTENCES_RE.match(rest) and not _attribution_follows(rest):
                cuts.append(m.end())
    out, start = [], 0
    for cut in sorted(set(cuts)):
        if skeleton[start:cut].strip():
            out.append(_Sentence(para, skeleton[start:cut], start))
        start = cut
    if skeleton[start:].strip():
        out.append(_Sentence(para, skeleton[start:], start))
    return out


# --- 3. Split quotations --------------------------------------------------------------------


def _has_sentence_break(text: str) -> bool:
    for m in _HAS_SENTENCE_BREAK_RE.finditer(text):
        if m.group(0) != "." or not _ABBREV_END_RE.search(text[max(0, m.end() - 41) : m.end()]):
            return True
    return False


_BARE_TAIL_RE = re.compile(
    r"(?:\s+(?:in|at|on|after|during|to|from|when|while|as|before|outside|inside|with|by|"
    r"of|over|later|earlier|again|recently|yesterday|today|tonight|afterward|afterwards|"
    r"then|repeatedly|flatly|simply|quietly|bluntly)\b.*|\s*,.*|\s*[—–(].*|)$"
)


@lru_cache(maxsize=1024)
def _is_bare_attribution(text: str) -> bool:
    """`, she said, ` / ` said Hendrik Bos, who farms potatoes. ` – one attribution clause and
    nothing a reader would take as a new statement ('Smith said the plan would fail')."""
    text = text.strip()
    if len(text) > 300 or not _VERB_WORD_RE.search(text):
        return False
    body = text.strip(" ,.:;—–-")
    if not body or len(text.split()) > 40 or _has_sentence_break(body):
        return False
    m = _RIGHT_SUBJ_VERB_RE.match(body)
    if m and parse_subject(m.group("subj"), strict=True) is not None:
        tail = body[m.end() :]
        if _BARE_TAIL_RE.match(tail):
            return True
        if m.group("verb") in {"told", "tells", "tell", "asked", "asks", "urged", "warned"}:
            # "told reporters at a briefing": an object, then the usual circumstances.
            obj = _IS_BARE_ATTRIBUTION_RE.findall(tail)
            for n in range(1, min(4, len(obj)) + 1):
                if _BARE_TAIL_RE.match("".join(obj[n:]) + tail[len("".join(obj)) :]):
                    return True
        return False
    m = _RIGHT_VERB_SUBJ_RE.match(body)
    return bool(m and parse_after_verb(m.group("subj")) is not None)


def _join_text(first: str, middle: str, second: str) -> str:
    first, second = first.rstrip(), second.strip()
    if first.endswith((",", ";")) and middle.strip().endswith("."):
        first = first[:-1] + "."  # "We are ready," he said. "We …" reads as two sentences
    elif first.endswith(",") and second[:1].isupper() and not second.startswith("I "):
        first = first[:-1] + "."
    if first.endswith(("—", "–", "-", "…")) or first.endswith("..."):
        return f"{first} {second}"
    return f"{first} {second}"


def _merge_splits(skeletons: list[str], raws: list[_Raw]) -> list[str]:
    """Join `"A," she said, "B."` into one quotation; returns the updated skeletons."""
    for p, skel in enumerate(skeletons):
        changed = True
        while changed:
            changed = False
            marks = list(_PH_RE.finditer(skel))
            for m1, m2 in pairwise(marks):
                a, b = int(m1.group(1)), int(m2.group(1))
                middle = skel[m1.end() : m2.start()]
                if m2.group(2) != "\x01" or raws[b].start_para != raws[b].end_para:
                    continue
                first = raws[a].text.rstrip()
                if not _MERGE_SPLITS_RE.search(first) or not _is_bare_attribution(middle):
                    continue
                after = skel[m2.end() :]
                second = raws[b].text.rstrip()
                # After a second part that ends its sentence, only a bare attribution is its
                # own: `"…" He added that …` starts a new sentence about something else.
                ended = bool(TERMINAL_RE.search(second)) and second[-1:] not in "?!"
                if _MERGE_SPLITS_1_RE.match(after) or _right_attribution(
                    after.split("\x00")[0], after_sentence=ended
                ):
                    continue  # the second quotation has its own attribution
                raws[a].text = _join_text(first, middle, raws[b].text)
                raws[a].joined.append(b)
                raws[a].end_para, raws[a].end = raws[b].end_para, raws[b].end
                # Keep the attribution in the skeleton: the speaker is resolved from it.
                skel = skel[: m2.start()] + skel[m2.end() :]
                changed = True
                break
        skeletons[p] = skel
    return skeletons


# --- 4. Attributions ------------------------------------------------------------------------


def _right_attribution(text: str, after_sentence: bool = False) -> tuple[Phrase, str, int] | None:
    """The attribution that opens the narrative after a quotation: (subject, verb, end).

    After a quotation that ended its sentence, only a bare attribution counts: in `"...
    model." Ridley's campaign called the figure...` the next sentence is about something else.
    """
    m = _DASH_RE.match(text)
    if m:
        phrase = parse_after_verb(m.group("subj"))
        if phrase is not None and phrase.kind == "name":
            return phrase, "said", m.end()
    if after_sentence:
        clause = _ATTRIBUTION_FOLLOWS_RE.match(text)
        if not clause or not _is_bare_attribution(clause.group(0)):
            return None
    m = _RIGHT_VERB_SUBJ_RE.match(text)
    if m and not m.group("verb").endswith("ing"):  # ", noting that …" is not "said Smith"
        phrase = parse_after_verb(m.group("subj"))
        if phrase is not None:
            return phrase, m.group("verb"), m.end("verb")
    m = _RIGHT_SUBJ_VERB_RE.match(text)
    if m and len(words(m.group("subj"))) <= 40:
        phrase = parse_subject(m.group("subj"), strict=True)
        if phrase is not None:
            return phrase, m.group("verb"), m.end()
    return None


_LEAD_SUBJ = (
    r"((?:[A-Z][\w’'\-.]*|(?:the|a|an)\b)(?:\s+(?:[A-Z][\w’'\-.]*|[a-z][\w\-]*(?=\s+[A-Z])|"
    r"(?:de|van|von|bin|al|da)\b))*"
    r"(?:\s+(?:" + "|".join(sorted(ORG_NOUNS, key=len, reverse=True)) + r")\b(?![’'\-]))?)"
)
_LEAD_SUBJ_RE = re.compile(r"^\s*" + _LEAD_SUBJ)
_LEAD_SUBJ_AFTER_RE = re.compile(r"^\s*(?:[A-Z][a-z]+\b[^,\x00]{0,60}),\s+" + _LEAD_SUBJ)


def _leading_subject(text: str) -> Phrase | None:
    """The subject that opens a sentence ('He declined…, saying' -> He; 'On Friday, the Harlan
    administration …' -> the Harlan administration)."""
    for pattern in (_LEAD_SUBJ_RE, _LEAD_SUBJ_AFTER_RE):
        m = pattern.match(text)
        if not m:
            continue
        phrase = phrase_from_tokens(words(m.group(1)))
        if phrase is not None and (phrase.kind in {"name", "pronoun"} or phrase.org):
            return phrase
    return None


def _left_attribution(text: str) -> tuple[Phrase, str, int] | None:
    """The attribution in the narrative before a quotation, within its sentence: (subject,
    verb, offset of the verb)."""
    verbs = list(_VERB_WORD_RE.finditer(text))
    m = _ACCORDING_RE.search(text)
    if m:
        # "According to the news agency, Kim said …": the source is the agency, the speaker
        # is the subject of the reporting verb that follows.
        got = _verb_attribution(text, [vm for vm in verbs if vm.start() > m.start()])
        if got is not None and got[1] != "saying":
            return got
        phrase = parse_after_verb(m.group("subj"))
        if phrase is not None:
            return phrase, "said", m.start()
    return _verb_attribution(text, verbs)


def _verb_attribution(text: str, verbs: list[re.Match[str]]) -> tuple[Phrase, str, int] | None:
    """The subject of the last reporting verb in `text` that has one."""
    participle = False
    for vm in reversed(verbs):
        verb = vm.group(0)
        before = text[: vm.start()]
        if verb.endswith("ing"):
            participle = participle or before.rstrip().endswith(",")
            continue  # "…, saying": the subject is the main clause's
        if verb in {"read", "reads"} and not re.search(
            r"\b(?:statement|note|letter|sign|post|message|tweet|banner)\s*$", before
        ):
            continue
        phrase = parse_subject(before)
        if phrase is None:
            after = text[vm.end() :]  # "said Smith:"
            if _LEFT_ATTRIBUTION_RE.match(after) and after.rstrip().endswith((":", ",")):
                phrase = parse_after_verb(after)
        if phrase is not None:
            return phrase, verb, vm.start()
    if participle:
        phrase = _leading_subject(text)
        if phrase is not None:
            return phrase, "saying", 0
    # "Smith was blunt: “…”" – a colon after a clause led by a person.
    if text.rstrip().endswith(":"):
        phrase = _leading_subject(text)
        if phrase is not None:
            return phrase, "said", 0
    return None


def _sentence_subject(text: str) -> tuple[Phrase, int] | None:
    """The subject of a narrative sentence that reports speech ('He added that …') and the
    offset of its verb: names in the reported clause come after it and do not count."""
    text = _PH_RE.sub(lambda m: " " * len(m.group(0)), text)
    vm = _VERB_WORD_RE.search(text)
    if vm is None or vm.group(0) in LABEL_VERBS:
        return None
    phrase = parse_subject(text[: vm.start()])
    return None if phrase is None else (phrase, vm.start())


def _attributions(
    sentences: list[_Sentence], raws: list[_Raw], alive: set[int]
) -> dict[int, _Attr]:
    where: dict[tuple[int, str], tuple[int, int, int]] = {}  # (q, kind) -> (sentence, start, end)
    for s, sent in enumerate(sentences):
        for m in _PH_RE.finditer(sent.text):
            where[(int(m.group(1)), m.group(2))] = (s, m.start(), m.end())
    found: dict[int, _Attr] = {}
    order = sorted((q for q in alive if (q, "\x01") in where), key=lambda q: where[(q, "\x01")])
    for q in order:
        s0, a0, _ = where[(q, "\x01")]
        s1, _, b1 = where.get((q, "\x02"), where[(q, "\x01")])
        left_full = sentences[s0].text[:a0]
        left = _ATTRIBUTIONS_RE.split(left_full)[-1]
        right_full = sentences[s1].text[b1:]
        right = right_full.split("\x00")[0]
        if _NAMING_RE.search(left.rstrip(" ,:")) and not _LABEL_CUE_RE.search(left.rstrip(" ,:")):
            continue  # a title or a name ("the brand name 'Helios'"), whoever said it
        ended = (
            bool(TERMINAL_RE.search(raws[q].text.rstrip()))
            and raws[q].text.rstrip()[-1:] not in "?!"
        )
        got = _right_attribution(right, after_sentence=ended)
        if got is not None and raws[q].text[:1].islower() and left.strip():
            # "X called for 'calm', state media reported": the fragment is X's.
            early = _left_attribution(left)
            if early is not None:
                base = len(left_full) - len(left)
                found[q] = _Attr(early[0], s0, base + early[2], early[1] in LABEL_VERBS)
                continue
        if got is not None:
            phrase, verb, end = got
            found[q] = _Attr(phrase, s1, b1 + end, verb in LABEL_VERBS)
            continue
        # A partial quotation inside a reported clause belongs to that clause's subject
        # ("Kim called for 'dialogue', state media reported" is Kim's phrase).
        early = _left_attribution(left) if left.strip() else None
        if early is not None:
            base = len(left_full) - len(left)
            found[q] = _Attr(early[0], s0, base + early[2], early[1] in LABEL_VERBS)
            continue
        tail = _PH_RE.split(right_full)[-1] if "\x00" in right_full else right
        tail = tail.rstrip()
        m = _TRAILING_RE.search(tail)
        if m and (p := parse_subject(m.group("subj"), strict=True)) is not None:
            found[q] = _Attr(p, s1, len(sentences[s1].text), m.group("verb") in LABEL_VERBS)
            continue
        m = _TRAILING_INV_RE.search(tail)
        if m and m.group("verb").endswith("ing"):
            m = None  # ", noting that …": a participle clause, not "said Smith"
        if m and (p := parse_after_verb(m.group("subj"))) is not None:
            found[q] = _Attr(p, s1, len(sentences[s1].text), m.group("verb") in LABEL_VERBS)
            continue
        got2 = _left_attribution(left)
        base = len(left_full) - len(left)
        prev = [int(x) for x in _ATTRIBUTIONS_1_RE.findall(left_full)]
        if got2 is None and prev:
            # A later quotation in the sentence shares the earlier one's attribution
            # ('called him a "dictator" and a "thug"'), or one before it ('She said orders
            # for the accelerator "Helios" had "exceeded…"').
            if prev[-1] in found and found[prev[-1]].sentence == s0:
                found[q] = found[prev[-1]]
                continue
            got2 = _left_attribution(_PH_RE.sub(" it ", left_full))
            base = 0
        if got2 is None and not left_full.strip() and s0 > 0:
            # The paragraph before ends "He wrote:" and this one is the quotation.
            prev_s = sentences[s0 - 1]
            if prev_s.para == sentences[s0].para - 1 and prev_s.text.rstrip().endswith(":"):
                body = _ATTRIBUTIONS_RE.split(prev_s.text)[-1]
                got3 = _left_attribution(body)
                if got3 is not None and not _PH_RE.search(prev_s.text):
                    found[q] = _Attr(got3[0], s0 - 1, len(prev_s.text), got3[1] in LABEL_VERBS)
                    continue
        if got2 is not None:
            found[q] = _Attr(got2[0], s0, base + got2[2], got2[1] in LABEL_VERBS)
    # Whole-sentence quotations: the reporting sentence just before or after, same paragraph.
    for q in order:
        if q in found:
            continue
        s0, a0, _ = where[(q, "\x01")]
        s1, _, b1 = where.get((q, "\x02"), where[(q, "\x01")])
        if sentences[s0].text[:a0].strip() or sentences[s1].text[b1:].strip(" .!?"):
            continue
        prev = s0 - 1
        if prev >= 0 and sentences[prev].para == sentences[s0].para - 1:
            # A paragraph that is only a quotation, after one that ends by reporting what
            # someone said: "Brook said the North had held back." / "“For most of …”"
            if not _quotes_in(sentences[prev].text):
                subj = _sentence_subject(sentences[prev].text)
                if subj is not None and subj[0].kind != "desc" and not subj[0].org:
                    found[q] = _Attr(subj[0], prev, subj[1])
                    continue
        elif prev >= 0 and sentences[prev].para == sentences[s0].para:
            before = _quotes_in(sentences[prev].text)
            if not before:
                subj = _sentence_subject(sentences[prev].text)
                if subj is not None and subj[0].kind != "desc":
                    found[q] = _Attr(subj[0], prev, subj[1])
                    continue
            elif before[-1] in found and found[before[-1]].sentence == prev:
                found[q] = found[before[-1]]  # "…, Varriale added. “North Korea is …”"
                continue
        nxt = s1 + 1
        if nxt < len(sentences) and sentences[nxt].para == sentences[s1].para:
            text = sentences[nxt].text
            if "\x00" not in text:
                got4 = _message_attribution(text)
                if got4 is not None:
                    found[q] = _Attr(got4, nxt, len(text))
    return found


def _quotes_in(text: str) -> list[int]:
    return [int(m.group(1)) for m in _PH_RE.finditer(text)]


def _message_attribution(text: str) -> Phrase | None:
    """'That was the message from X.' / 'So said X.' / 'Smith said in an interview.'"""
    body = text.strip().rstrip(".")
    m = _MESSAGE_RE.search(body)
    if m:
        phrase = parse_after_verb(m.group("subj"))
        if phrase is not None and phrase.kind == "name":
            return phrase
    m = _MESSAGE_ATTRIBUTION_RE.match(body)
    if m:
        return parse_after_verb(m.group("subj"))
    m = _RIGHT_SUBJ_VERB_RE.match(body)
    if m and m.group("verb") not in LABEL_VERBS:
        phrase = parse_subject(m.group("subj"))
        if phrase is not None and phrase.kind == "name":
            return phrase
    return None


# --- 5. Reading in order: mentions and resolution -------------------------------------------

_NAME_RUN_RE = re.compile(
    r"(?:(?<=\s)|^)((?:[A-Z][\w’'\-]*\.?|(?:de|van|von|der|bin|al|da|dos|del|la|le|di|du)"
    r"(?=\s+[A-Z]))(?:\s+(?:[A-Z][\w’'\-]*\.?|(?:de|van|von|der|bin|al|da|dos|del|la|le|di|du)"
    r"(?=\s+[A-Z])))*)"
)
# A leading adverbial before the subject: "On Tuesday, she …", "In a statement, the board …".
_ADVERBIAL_WORDS = frozenset(
    wordlist(
        """
        In On At After Before During Since Under Over For With Without Last Earlier Later But
        And Meanwhile However Still Yet Then Now Today Yesterday Asked Speaking Writing Outside
        Inside Back Once When While As By
        """
    )
)
_ADVERBIAL = r"(?:(?:" + "|".join(sorted(_ADVERBIAL_WORDS)) + r")\b[^,\x00]{0,60},\s+)?"
_ADVERBIAL_RE = re.compile(r"\s*" + _ADVERBIAL + r"\s*")
# The subject patterns below are matched where the adverbial ends (or, failing that, at 0).
_FIRST_WORD_RE = re.compile(r"\s*([\w’'\-]+)")
_SUBJ_PRONOUN_RE = re.compile(r"\s*(He|She)\b")
_INDEF_SUBJ_RE = re.compile(r"\s*((?:An?|Another|One)\s+(?:[\w\-’']+\s+){0,3}?[\w\-’']+)(?=[\s,])")
_GENDER_PRONOUN_RE = re.compile(r"\b(he|his|him|himself|she|her|hers|herself)\b", re.IGNORECASE)


_REPORTS_AFTER_RE = re.compile(r"^(?:,[^,\x00]{0,100},)?\s*" + _AUX_SEQ + r"(?:" + VERB_RE + r")\b")
_APPOSITIVE_RE = re.compile(
    r",\s+(?:(\d{1,3}),\s+)?((?:an?|the)\s+[^,.;\x00]{2,90}|[a-z][^,.;\x00]{2,90})"
)
# "The Danish climate envoy, Ida Holm,": a role in front of the name (not "His neighbour").
_ROLE_FIRST_RE = re.compile(
    r"(?:^|\s)(?:[Tt]he|[Aa]n?|[Aa]nother)\s+((?:[\w\-’']+\s+){0,4}[\w\-’']+)$"
)


_LEADING_STOPS = STOP_CAPS | {"according"}
_ROLE_HEAD_RE = re.compile(r"\s+(?:at|of|for|with|in|from)\s+")
_ROLE_MODIFIER_RE = re.compile(r"[a-z][a-z\-]+(?<!ed)(?<!ing)")
_NOT_MODIFIERS = frozenset(wordlist("met saw made took gave led ran won lost thanked"))
_WHO_AFTER_RE = re.compile(r",\s+who\s")
_SPOKES = frozenset({"spokesperson", "spokesman", "spokeswoman"})
_OF_NAME_RE = re.compile(r"\s+of\s+(?:the\s+)?([A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){0,3})")


def _mentions(text: str) -> list[tuple[int, str, Phrase]]:
    """Named people and organisations in narrative text, with the evidence a reader has that
    a name is a person: a title or role, an appositive, an age, or reporting speech."""
    out: list[tuple[int, str, Phrase]] = []
    for m in _NAME_RUN_RE.finditer(text):
        toks = m.group(1).split()
        start = m.start(1)
        while toks and toks[0].lower().rstrip(".") in _LEADING_STOPS:
            start += len(toks[0]) + 1
            toks = toks[1:]
        if not toks:
            continue
        if toks[-1].endswith(("’s", "'s", "’")):  # "Kim’s comments" mention Kim
            toks[-1] = _MENTIONS_RE.sub("", toks[-1])
        if not toks[-1].endswith(("Jr.", "Sr.")):
            toks[-1] = toks[-1].rstrip(".")
        before = text[max(0, start - 120) : start].rstrip()  # the words just before suffice
        prev_words = before.split()
        prev_word = prev_words[-1].lower() if prev_words else ""
        lead: list[str] = []
        if prev_word in PERSON_NOUNS or prev_word in {"retired", "former"}:
            # "North Korean leader Kim Jong Un": the role runs back over its modifiers.
            for w in reversed(prev_words[-6:]):
                low = w.lower()
                if low in STOP_CAPS or w.endswith((",", ".", ";", ":")):
                    break
                if not (is_cap(w) or low in PERSON_NOUNS or low in {"retired", "former"}):
                    # "foreign minister", "national security adviser": a lowercase modifier
                    # of the role noun, but not a verb ("met minister …", "told …").
                    if not lead or not _ROLE_MODIFIER_RE.fullmatch(low) or low in AUX:
                        break
                    if low in VERBS or low in _NOT_MODIFIERS:
                        break
                lead.insert(0, w)
        after = text[m.end(1) : m.end(1) + 250]  # what follows the name, as far as matters
        last_low = toks[-1].lower()
        of = _OF_NAME_RE.match(after) if last_low in ORG_NAME_WORDS else None
        if of and not lead:
            # "the Bank of Canada", "the University of Bergen": one organisation.
            name = " ".join([*toks, "of", of.group(1)])
            out.append((start, "org", Phrase("name", name, org=True)))
            continue
        if len(toks) == 1 and not lead and after[:1] != ",":
            # The common case, a lone capitalised word: only a known name or a speaker matters.
            tok = toks[0]
            if len(tok) < 2 or tok.lower() in TITLE_WORDS or tok.lower() in PERSON_NOUNS:
                continue
            # "the Fed", "the Treasury": after the article a lone name is an institution.
            org = tok.isupper() or tok.lower() in ORG_NOUNS or prev_word == "the"
            evidence = "org" if org else "person" if _REPORTS_AFTER_RE.match(after) else "single"
            out.append((start, evidence, Phrase("name", tok, org=org)))
            continue
        phrase = phrase_from_tokens(lead + toks)
        if phrase is None or phrase.kind != "name":
            continue
        evidence = "weak"
        if phrase.org:
            evidence = "org"
        elif phrase.role or phrase.gender or any(t.lower() in TITLE_WORDS for t in toks[:-1]):
            evidence = "person"
        elif prev_word.rstrip(",") in PERSON_NOUNS and before.endswith(","):
            evidence = "person"  # "His neighbour, Rosa Ibarra,"
            gender = GENDER_WORDS.get(prev_word.rstrip(","), "")
            first = _ROLE_FIRST_RE.search(before[:-1])
            role = clean_role(first.group(1)) if first else None
            phrase = replace(phrase, role=role, gender=gender)
        elif _REPORTS_AFTER_RE.match(after) or _WHO_AFTER_RE.match(after):
            evidence = "person"  # "Mwangi said", "Mwangi, who runs a charity,"
        app = _APPOSITIVE_RE.match(after)
        if app and phrase.org and not phrase.role:
            phrase = replace(phrase, role=clean_role(app.group(2)))  # "…, the city’s newspaper,"
        elif app and not phrase.org:
            if not app.group(2).startswith(("a ", "an ", "the ")):
                # No article: "policy director at a Berlin group" only if it reads as a role.
                head = _ROLE_HEAD_RE.split(app.group(2), maxsplit=1)[0].split()
                desc = None
                if len(head) <= 6 and head[-1].lower() in PERSON_NOUNS:
                    desc = phrase_from_tokens(head)
            else:
                desc = phrase_from_tokens(words(app.group(2)))
            if desc is not None and desc.kind == "desc" and not desc.org:
                role = phrase.role or clean_role(app.group(2))
                phrase = Phrase("name", phrase.text, role=role, gender=phrase.gender or desc.gender)
                evidence = "person"
            elif app.group(1):
                evidence = "person"
        elif _MENTIONS_1_RE.match(after):
            evidence = "person"
        if evidence == "weak" and len(phrase.text.split()) < 2:
            evidence = "single"
        out.append((start, evidence, phrase))
    return out


_ORG_ALTERNATION = "|".join(sorted(ORG_NOUNS, key=len, reverse=True))
_ORG_SUBJ_RE = re.compile(
    r"\s*((?:The|the)\s+(?:[\w\-’']+\s+){0,4}?(?:" + _ORG_ALTERNATION + r"))\b"
)
# "Finland's transport ministry …"
_ORG_POSS_SUBJ_RE = re.compile(
    r"\s*"
    + r"([A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,3}[’']s\s+(?:[\w\-’']+\s+){0,3}?(?:"
    + _ORG_ALTERNATION
    + r"))\b"
)
# "The accord has …": a thing as the subject, which a following "it" refers to.
_THING_SUBJ_RE = re.compile(r"\s*(?:The|This|That)\s+([a-z][\w\-]*)\s+[a-z]")


@dataclass
class _Reader:
    """The reader's state while going through the sentences in order."""

    memory: Memory = field(default_factory=Memory)

    def subject(self, text: str) -> None:
        """The subject that opens a sentence: 'He …', 'Another resident, …', 'The board …'."""
        first = _FIRST_WORD_RE.match(text)
        word = first.group(1) if first else ""
        if word in _ADVERBIAL_WORDS:
            # After a leading adverbial ("On Tuesday, she …"), or at the very start if nothing
            # is found there.
            lead = _ADVERBIAL_RE.match(text)
            at = lead.end() if lead else 0
            if at:
                first = _FIRST_WORD_RE.match(text, at)
                if self._subject_at(text, at, first.group(1) if first else ""):
                    return
        self._subject_at(text, 0, word)

    def _subject_at(self, text: str, pos: int, word: str) -> bool:
        if word in {"He", "She"}:
            m = _SUBJ_PRONOUN_RE.match(text, pos)
            if m and not _NAME_RUN_RE.match(text[m.end(1) :].strip()):
                self.memory.pronoun(m.group(1).lower())
                return True
        if word in {"A", "An", "Another", "One"}:
            m = _INDEF_SUBJ_RE.match(text, pos)
            if m and not _SUBJECT_RE.match(text[m.end(1) :]):
                phrase = phrase_from_tokens(words(m.group(1)))
                head = m.group(1).split()[-1].lower()
                if (
                    phrase is not None
                    and phrase.kind == "desc"
                    and not phrase.org
                    and head in PERSON_NOUNS
                ):
                    self.memory.note_unnamed(phrase)
                    return True
        m = None
        if word in {"The", "the"}:
            m = _ORG_SUBJ_RE.match(text, pos)
        elif word[:1].isupper() and ("’s" in text[pos : pos + 60] or "'s" in text[pos : pos + 60]):
            m = _ORG_POSS_SUBJ_RE.match(text, pos)
        if m and not _SUBJECT_1_RE.match(text[m.end(1) :]):
            # "The Irish government", "Finland's transport ministry": a named organisation
            # that "the government" / "the ministry" will refer to.
            toks = m.group(1).split()
            body = toks[1:] if toks[0] in {"The", "the"} else toks
            if len(body) >= 2 and not any(w[:1].isupper() for w in body[-1:]):
                name = " ".join(body)
                ent = self.memory.note_name(Phrase("name", name, org=True), person=False)
                ent.roles |= {w for w in name.casefold().split() if w in ORG_NOUNS}
                ent.salient = ent.last
            return True
        if word in {"The", "This", "That"}:
            m = _THING_SUBJ_RE.match(text, pos)
            if m:
                head = m.group(1).lower()
                if head not in ORG_NOUNS and head not in PERSON_NOUNS and head not in PLURAL_PERSON:
                    self.memory.note_thing()
                    return True
        return False

    def mention(self, text: str, found: list[tuple[int, str, Phrase]], lo: int, hi: int) -> None:
        """Update the memory with the names `found` in text[lo:hi]."""
        mentions = [m for m in found if lo <= m[0] < hi]
        first = True
        for i, (start, evidence, phrase) in enumerate(mentions):
            subject = lo == 0 and first and start < 80
            if evidence == "single":
                ent = self.memory._by_name(phrase.text)
                if ent is None:
                    continue
                ent.last = self.memory.tick()
                if subject:
                    ent.salient = ent.last
                ent.mentions += 1
            else:
                ent = self.memory.note_name(phrase, evidence == "person", subject)
            was_first = first
            first = first and ent.org
            # "Smith said his …": a gendered pronoun before the next name is Smith's.
            if not ent.org and not ent.gender and was_first:
                end = mentions[i + 1][0] if i + 1 < len(mentions) else len(text)
                g = _GENDER_PRONOUN_RE.search(text, start + len(phrase.text), end)
                if g:
                    male = g.group(1).lower() in {"he", "his", "him", "himself"}
                    ent.gender = "he" if male else "she"
                    ent.person = True

    def resolve(self, phrase: Phrase) -> tuple[str | None, str | None]:
        memory = self.memory
        if phrase.kind == "pronoun":
            ent = memory.pronoun(phrase.text)
            if ent is None or ent.name is None:
                return None, None
            return ent.name, ent.role
        if phrase.kind == "name":
            ent = memory.note_name(phrase, not phrase.org, subject=True)
            return ent.name, ent.role
        return self._resolve_description(phrase)

    def _resolve_description(self, phrase: Phrase) -> tuple[str | None, str | None]:
        memory = self.memory
        text = phrase.text
        head = _RESOLVE_DESCRIPTION_RE.split(text)[0]
        head_noun = head.split()[-1].lower() if head.split() else ""
        affiliation = _RESOLVE_DESCRIPTION_1_RE.split(text, maxsplit=1)[1:]
        if not phrase.org and head_noun in PERSON_NOUNS and affiliation:
            # "a spokesperson for the Digital Industry Association": the organisation speaks.
            org = affiliation[0]
            if phrase.role:
                ent = memory.note_name(Phrase("name", phrase.role, org=True), person=False)
                return ent.name, head_noun
            aff = phrase_from_tokens(words("the " + _RESOLVE_DESCRIPTION_2_RE.sub("", org)))
            if aff is not None and aff.org:
                ent = memory.description(aff)
                if ent is not None and ent.name:
                    return ent.name, head_noun
        if not phrase.org and head_noun in _SPOKES and not affiliation:
            # "a Treasury spokesperson": the organisation in front of the noun speaks.
            caps = [t for t in head.split()[:-1] if is_cap(t) and t.lower() not in DETERMINERS]
            if caps:
                ent = memory.note_name(Phrase("name", " ".join(caps), org=True), person=False)
                return ent.name, head_noun
            org_word = head.split()[-2].lower() if len(head.split()) >= 2 else ""
            if org_word in ORG_NOUNS:  # "a company spokeswoman": the company named before
                orgs = [
                    e
                    for e in memory.entities
                    if e.org and e.name and org_word in e.roles | set(e.name.casefold().split())
                ]
                if orgs:
                    ent = max(orgs, key=lambda e: e.last)
                    ent.last = memory.tick()
                    return ent.name, head_noun
        ent = memory.description(phrase)
        if ent is not None:
            return (ent.name, ent.role) if ent.name else (None, None)
        if not phrase.org or text.split()[0].lower() in {"a", "an", "one", "another"}:
            return None, None  # "a Paris lobby group": an organisation the text does not name
        caps = [t for t in head.split()[1:] if _RESOLVE_DESCRIPTION_3_RE.fullmatch(t)]
        if caps:
            ent = memory.note_name(Phrase("name", " ".join(caps), org=True), person=False)
            ent.roles |= {w for w in head.casefold().split() if w in ORG_NOUNS}
            return ent.name, ent.role
        body = [w for w in head.split() if w.lower() not in DETERMINERS]
        if len(body) >= 2 and body[-1].lower() not in PLURAL_PERSON:
            name = " ".join(body)
            ent = memory.note_name(Phrase("name", name, org=True), person=False)
            ent.roles |= {w for w in name.casefold().split() if w in ORG_NOUNS}
            return ent.name, None
        return None, None


def _read(
    sentences: list[_Sentence], attrs: dict[int, _Attr]
) -> dict[int, tuple[str | None, str | None]]:
    """Resolve every attribution with what the reader knows at that point of the text."""
    reader = _Reader()
    by_sentence: dict[int, list[tuple[int, int]]] = {}
    for q, attr in attrs.items():
        by_sentence.setdefault(attr.sentence, []).append((attr.offset, q))
    resolved: dict[int, tuple[str | None, str | None]] = {}
    speakers: dict[int, tuple[str | None, str | None]] = {}
    for s, sent in enumerate(sentences):
        text = sent.text
        narrative = _PH_RE.sub(lambda m: " " * len(m.group(0)), text) if "\x00" in text else text
        found = _mentions(narrative)
        reader.subject(narrative)
        at = 0
        for offset, q in sorted(by_sentence.get(s, [])):
            reader.mention(narrative, found, at, offset)
            at = max(at, offset)
            attr = attrs[q]
            if id(attr) not in resolved:
                resolved[id(attr)] = reader.resolve(attr.phrase)
            speakers[q] = resolved[id(attr)]
        reader.mention(narrative, found, at, len(narrative) + 1)
    return speakers


# --- 6. Putting it together -----------------------------------------------------------------


def _clean_text(text: str) -> str:
    text = _CLEAN_TEXT_RE.sub(" ", text).strip()
    text = _CLEAN_TEXT_1_RE.sub(r"\1", text)
    return text.rstrip(",;:").rstrip() if text.endswith((",", ";", ":")) else text


def extract_quotes(paragraphs: Sequence[str]) -> tuple[Quote, ...]:
    """Every direct quotation of speech, reading order, curated=False, paragraph=index where
    it starts.

    Scare quotes, titles and nicknames are left out unless the text attributes them to a
    speaker ("Biden called him a 'thug'"); `is_speech` tells those apart afterwards.
    """
    # The same attribution clause is tested from several places; remember the answers for
    # this article only (a pure function, so the cache is an optimisation, not state).
    _is_bare_attribution.cache_clear()
    paragraphs = [p.replace("\u00a0", " ") for p in paragraphs]
    raws = _pair(paragraphs)
    if not raws:
        return ()
    skeletons = _skeletons(paragraphs, raws)
    skeletons = _merge_splits(skeletons, raws)
    alive = {q for q in range(len(raws))} - {b for r in raws for b in r.joined}
    sentences: list[_Sentence] = []
    for p, skel in enumerate(skeletons):
        sentences += _sentences(skel, p, raws)
    attrs = _attributions(sentences, raws, alive)
    speakers = _read(sentences, attrs)
    last_in_para: dict[int, int] = {}
    out: list[tuple[int, Quote]] = []
    for q in sorted(alive, key=lambda i: (raws[i].start_para, raws[i].start)):
        raw = raws[q]
        text = _clean_text(raw.text)
        if not word_list(text):
            continue
        attr = attrs.get(q)
        speaker, role = speakers.get(q, (None, None))
        if attr is None:
            if not _keep_unattributed(q, raw, text, skeletons):
                continue
            speaker, role = _carried_speaker(q, raw, skeletons, raws, speakers, attrs)
        elif speaker is None and not speechlike(text):
            continue  # "what opponents called a 'budget hole'": a label with nobody behind it
        last_in_para[raw.end_para] = q
        out.append((q, Quote(text, speaker, role, False, raw.start_para)))
    return tuple(quote for _, quote in out)


def _keep_unattributed(q: int, raw: _Raw, text: str, skeletons: list[str]) -> bool:
    """An unattributed quotation is kept only if it reads as speech, not as a label."""
    if not speechlike(text):
        return False
    skel = skeletons[raw.start_para]
    at = skel.find(f"\x00{q}\x01")
    before = skel[:at]
    if _NAMING_RE.search(before.rstrip(" ,:")) or _NAMING_RE.search(before.rstrip(" ,:a")):
        return False
    starts_sentence = not before.strip() or _KEEP_UNATTRIBUTED_RE.search(before)
    if _KEEP_UNATTRIBUTED_1_RE.search(before) and text[:1].isupper():
        starts_sentence = True  # 'One note read, "Thank you …"'
    # A fragment embedded in narrative with nobody saying it is a label.
    return bool(starts_sentence) or (text[:1].isupper() and len(word_list(text)) >= 8)


def _carried_speaker(
    q: int,
    raw: _Raw,
    skeletons: list[str],
    raws: list[_Raw],
    speakers: dict[int, tuple[str | None, str | None]],
    attrs: dict[int, _Attr],
) -> tuple[str | None, str | None]:
    """A paragraph that is only a quotation continues the previous paragraph's speaker."""
    skel = skeletons[raw.start_para]
    if not skel.lstrip().startswith(f"\x00{q}\x01") or raw.start_para == 0:
        return None, None
    prev = skeletons[raw.start_para - 1].rstrip()
    ids = _quotes_in(prev)
    if not ids:
        return None, None
    last = ids[-1]
    tail = prev[prev.rfind("\x00") :]
    # The previous paragraph must end with that quotation's own sentence.
    if _CARRIED_SPEAKER_RE.search(tail) or last not in attrs:
        return None, None
    return speakers.get(last, (None, None))
